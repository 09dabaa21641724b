"""User text into DOT, so that dot shows exactly the characters the user wrote.

The `graphviz` package quotes strings and escapes double quotes, but dot still interprets what
is inside the quotes: `<...>` is an HTML-like label, `\\N`, `\\G`, `\\n`, `\\l` are escapes,
a trailing backslash eats the closing quote, and `&amp;` or `&#60;` are entities. Each is
neutralised here; the package does the quoting.

dot 2.43 unescapes backslashes once in labels and twice in tooltips (tests/test_diagram_dot.py
checks both round trips), hence the two functions.

dot shows a label on one line, and its parser refuses a quoted string longer than 16,384 bytes
("syntax error ... scanning a quoted string (missing endquote? longer than 16384?)"), so very
long texts are cut, ending in "…":

- a label at LABEL_LIMIT characters: uncut, a 10,000-character name made a box some 67,000
  points wide, a PDF page past what TeX can include (16,384 points) and a PNG that dot shrinks
  to an unreadable strip;
- a tooltip at TOOLTIP_LIMIT characters, which stays under dot's limit however many characters
  need escaping (at most five bytes each: `&amp;`, or a backslash written four times). A role's
  tooltip starts with its whole name when its label is cut (dotsource.py).

The text version under the diagram and the cards always show the whole text.
"""

from __future__ import annotations

import math
import re
import textwrap

_SPACE = re.compile(r"\s+")  # dot would turn a second space into a no-break space
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # not allowed in the SVG's XML

LABEL_LIMIT = 200  # characters; about 1,300 points at the diagram's font size
TOOLTIP_LIMIT = 2_000  # characters; at most 10,000 bytes once escaped
ELLIPSIS = "\u2026"


def dot_label(text: str) -> str:
    """A label, xlabel or cluster label that dot shows as `text` (as `shown_label(text)`)."""
    return _escaped(shown_label(text), "\\\\")


def dot_wrapped_label(text: str, longest: int, pad: str = "") -> str:
    """A label that dot shows as the lines of `wrapped(shown_label(text), longest)`, each
    with `pad` before and after it (never white space a user wrote: shown_label turns any
    into single spaces)."""
    lines = wrapped(shown_label(text), longest)
    from graphviz import nohtml  # loaded when DOT is made, not for previews

    return nohtml("\\n".join(pad + _escaped(line, "\\\\") + pad for line in lines))


def wrapped(text: str, longest: int) -> list[str]:
    """`text` on as few lines as keep each within `longest` characters, the lines as even as
    can be, broken at spaces only (a longer word keeps a line of its own): joined with single
    spaces, the lines are `text` again."""
    def wrap(width: int) -> list[str]:
        return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)

    if len(text) <= longest:
        return [text]
    fewest = wrap(longest)
    for width in range(math.ceil(len(text) / len(fewest)), longest):
        lines = wrap(width)
        if len(lines) == len(fewest):
            return lines
    return fewest


def shown_label(text: str) -> str:
    """What a label shows of `text`: one line, each run of white space one space, and at most
    LABEL_LIMIT characters."""
    return _cut(_one_line(text), LABEL_LIMIT)


def is_shortened(text: str) -> bool:
    return len(_one_line(text)) > LABEL_LIMIT


def dot_tooltip(text: str) -> str:
    """A node or edge tooltip that dot writes as `shown_tooltip(text)`."""
    return _escaped(shown_tooltip(text), "\\\\\\\\")


def shown_tooltip(text: str) -> str:
    """What a tooltip shows of `text`: as a label, but up to TOOLTIP_LIMIT characters."""
    return _cut(_one_line(text), TOOLTIP_LIMIT)


def _cut(one_line: str, limit: int) -> str:
    if len(one_line) <= limit:
        return one_line
    return one_line[:limit - 1].rstrip() + ELLIPSIS


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


def _escaped(one_line: str, backslash: str) -> str:
    # `&` first: the entity escape must not touch the backslashes added next.
    escaped = one_line.replace("&", "&amp;").replace("\\", backslash)
    # nohtml: a value that looks like `<...>` stays a quoted string, not an HTML-like label.
    from graphviz import nohtml

    return nohtml(escaped)
