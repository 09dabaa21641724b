"""User text into DOT, so that dot shows exactly the characters the user wrote.

The `graphviz` package quotes strings and escapes double quotes, but dot still interprets what
is inside the quotes: `<...>` is an HTML-like label, `\\N`, `\\G`, `\\n`, `\\l` are escapes,
a trailing backslash eats the closing quote, and `&amp;` or `&#60;` are entities. Each is
neutralised here; the package does the quoting.

dot 2.43 unescapes backslashes once in labels and twice in tooltips (tests/test_diagram_dot.py
checks both round trips), hence the two functions.
"""

from __future__ import annotations

import re

from graphviz import nohtml

_SPACE = re.compile(r"\s+")  # dot would turn a second space into a no-break space
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # not allowed in the SVG's XML


def dot_label(text: str) -> str:
    """A label, xlabel or cluster label that dot shows as `text`."""
    return _escaped(text, "\\\\")


def dot_tooltip(text: str) -> str:
    """A node or edge tooltip that dot writes as `text`."""
    return _escaped(text, "\\\\\\\\")


def _escaped(text: str, backslash: str) -> str:
    one_line = _SPACE.sub(" ", _CONTROL.sub("", text)).strip()
    # `&` first: the entity escape must not touch the backslashes added next.
    escaped = one_line.replace("&", "&amp;").replace("\\", backslash)
    # nohtml: a value that looks like `<...>` stays a quoted string, not an HTML-like label.
    return nohtml(escaped)
