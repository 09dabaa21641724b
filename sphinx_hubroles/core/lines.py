"""Lines and columns of roles.yaml as an editor counts them, from PyYAML's marks.

PyYAML reads YAML 1.1, which also ends a line at NEL (U+0085), LINE SEPARATOR (U+2028) and
PARAGRAPH SEPARATOR (U+2029), and numbers its marks' lines so. An editor, `grep -n` and Sphinx
do not: a line of roles.yaml ends at "\\n", at "\\r\\n" (one break), or at a lone "\\r". A lone
"\\r" counts because YAML ends a line there too, and so do editors (VS Code; vim and Emacs
for an old Mac file), Python's universal newlines and docutils; only `grep -n`, which shows
such a file as one line, does not. So the two counts differ only after a NEL, LS or PS: in
a file without one, which is nearly every file, YAML's line is the line, at no cost.
(The other characters str.splitlines() breaks at, "\\v", "\\f" and "\\x1c" to "\\x1e", are
not line breaks, and YAML refuses them anywhere in the file before it parses.)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Protocol

# Line breaks for YAML 1.1 only; "\r\n", "\r" and "\n" are line breaks for both.
YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")
YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
BREAK = re.compile("\r\n|\r|\n")


class Mark(Protocol):
    """A PyYAML mark (yaml.Mark, or libyaml's): 0-based line and column as YAML counts them,
    and `index`, the offset of the character in the text (both parsers count characters)."""

    line: int
    column: int
    index: int


def breaks_in(text: str, start: int = 0, end: int | None = None) -> int:
    """How many lines end in text[start:end]."""
    end = len(text) if end is None else end
    return (text.count("\n", start, end) + text.count("\r", start, end)
            - text.count("\r\n", start, end))


def editor_lines(text: str) -> list[str]:
    """The lines of `text`, without their breaks (as str.splitlines(), at "\\n", "\\r\\n"
    and "\\r" only)."""
    lines = BREAK.split(text) if "\r" in text else text.split("\n")  # the same, faster
    if lines[-1] == "":  # the break that ends the last line starts no line
        lines.pop()
    return lines


class LineIndex:
    """Editor lines for the marks PyYAML gives in one text: made once per file, then each
    mark's line costs a bisect over the YAML-only breaks, of which there are none in most
    files."""

    __slots__ = ("text", "yaml_only", "_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        # The 0-based YAML line that each NEL, LS or PS ends, in file order.
        self.yaml_only: list[int] = []
        yaml_line = start = 0
        for match in YAML_ONLY_BREAK.finditer(text):
            yaml_line += breaks_in(text, start, match.start())
            self.yaml_only.append(yaml_line)
            yaml_line += 1
            start = match.end()
        self._starts: list[int] | None = None  # where each editor line starts; on first use

    def line(self, mark: Mark) -> int:
        """The 1-based line of a mark."""
        return self.line_of_yaml_line(mark.line)

    def line_of_yaml_line(self, yaml_line: int) -> int:
        """The 1-based line on which YAML's 0-based line `yaml_line` starts."""
        if not self.yaml_only:
            return yaml_line + 1
        return yaml_line + 1 - bisect_left(self.yaml_only, yaml_line)

    def yaml_only_between(self, first: int, last: int) -> bool:
        """Whether a NEL, LS or PS ends one of YAML's 0-based lines `first` to `last` - 1."""
        return bisect_left(self.yaml_only, first) < bisect_left(self.yaml_only, last)

    def column(self, mark: Mark) -> int:
        """The 1-based column of a mark on its line, counted from its offset: PyYAML's own
        column skips a U+FEFF, libyaml's does not. One search of the file at worst: for
        messages, not for every node."""
        start = max(self.text.rfind("\n", 0, mark.index), self.text.rfind("\r", 0, mark.index))
        return mark.index - start

    def place(self, yaml_line: int, yaml_column: int, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the character at `offset`, which YAML places at
        0-based `yaml_line` and `yaml_column`."""
        if not self.yaml_only:
            return yaml_line + 1, yaml_column + 1
        return self.position(offset)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the character at `offset`."""
        starts = self.starts()
        number = bisect_right(starts, offset)
        return number, offset - starts[number - 1] + 1

    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(match.end() for match in BREAK.finditer(self.text))]
        return self._starts

    def yaml_line_before(self, mark: Mark) -> str:
        """The text of the YAML line `mark` stands on, before the mark: what YAML reads as
        that line's indentation, key and so on. (Found by looking back: PyYAML's column
        skips a U+FEFF.) One search of the file at worst: for messages, not for every node."""
        start = max(self.text.rfind(end, 0, mark.index) for end in "\r\n\x85\u2028\u2029")
        return self.text[start + 1:mark.index]

    def yaml_line_after(self, mark: Mark) -> str:
        """The text of the YAML line `mark` stands on, from the mark to the line's end."""
        end = YAML_BREAK.search(self.text, mark.index)
        return self.text[mark.index:end.start() if end else len(self.text)]
