"""Problems found in roles.yaml, each with the line it stands on."""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# How much a problem of roles.yaml weighs. An error makes the file unusable (the build stops,
# `check` and `export` exit 1); a warning does not stop anything, but fails `-W` builds and
# makes `check` exit 1; a note is only information (exit status 0).
ERROR = "error"
WARNING = "warning"
NOTE = "note"


@dataclass(frozen=True)
class Problem:
    line: int | None  # 1-based; None for problems with the whole file
    message: str
    column: int | None = None
    level: str = ERROR


# A file with thousands of mistakes (a generated or hostile one) is reported in part: the
# first problems found, then how many more there are.
MAX_PROBLEMS = 100


class Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.more = 0  # problems found beyond MAX_PROBLEMS, counted but not kept
        self._seen: set[Problem] = set()
        # Warnings and notes: they do not make the file unusable.
        self.notices: list[Problem] = []

    @property
    def full(self) -> bool:
        return len(self.items) >= MAX_PROBLEMS

    def add(self, problem: Problem) -> None:
        """Note a problem; the same problem at the same place (an anchored value read again
        through an alias) is noted once."""
        if problem in self._seen:
            return
        self._seen.add(problem)
        if self.full:
            self.more += 1
        else:
            self.items.append(problem)

    def at(self, line: int | None, message: str) -> None:
        self.add(Problem(line, message))

    def notice(self, problem: Problem) -> None:
        """Note a warning or a note: kept apart from the errors, and never more than
        MAX_PROBLEMS of them."""
        if problem not in self._seen and len(self.notices) < MAX_PROBLEMS:
            self._seen.add(problem)
            self.notices.append(problem)


class RolesFileError(Exception):
    """roles.yaml cannot be used; `problems` lists every reason, in line order (after the
    first MAX_PROBLEMS, the last one says how many more there are)."""

    def __init__(self, path: Path, problems: Iterable[Problem], more: int = 0) -> None:
        self.path = path
        self.problems = by_place(problems)
        if more:
            self.problems.append(Problem(None, f"and {more:,} more problem"
                                         f"{'s' if more > 1 else ''}: fix the ones above and "
                                         "check again"))
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{location(self.path, p.line)}: {p.message}" for p in self.problems]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]


class RolesFileUnusable(RolesFileError):
    """The path names no file that can be read as roles.yaml (it is missing, a folder, a
    FIFO or device, a symbolic link in a loop, or too large). The command line calls this a
    usage error; `reason` and `kind` are those of core.files.UnusableFile."""

    def __init__(self, path: Path, message: str, reason: str, kind: str) -> None:
        super().__init__(path, [Problem(None, message)])
        self.reason = reason
        self.kind = kind


def by_place(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def location(path: Path, line: int | None) -> str:
    shown = display_path(path)
    return f"{shown}:{line}" if line else shown


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working folder when inside it.

    The folders on the way are resolved (the working folder is, and either may be reached
    through a symbolic link), but not the file itself: a link is named as the link, not as
    what it points to, even when that is missing or the link loops."""
    path = Path(path)
    try:
        cwd = Path.cwd()
    except OSError:  # the working folder was deleted
        return str(path)
    try:
        if path.name in ("", ".", ".."):
            absolute = path.resolve()
        else:
            absolute = path.parent.resolve() / path.name
    except (OSError, RuntimeError):  # a folder on the way is a link in a loop
        absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(cwd))
    except ValueError:
        return str(path)


# Categories of characters that are invisible, or look like others, in a one-line message:
# controls, format characters (zero-width, bidi overrides), separators, unassigned.
_ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"}
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def shown(text: str, limit: int = 80) -> str:
    """Text from roles.yaml as a message shows it: on one line, invisible characters written
    as escapes (so that 'na\\u200bme' does not pass for 'name' and no terminal control code
    reaches the log), and cut short when longer than `limit`."""
    if text.isascii() and text.isprintable() and len(text) <= limit:
        return text
    result = []
    for char in text[: limit + 1]:
        if char in _ESCAPES:
            result.append(_ESCAPES[char])
        elif char != " " and unicodedata.category(char) in _ESCAPED_CATEGORIES:
            code = ord(char)
            result.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            result.append(char)
    escaped = "".join(result)
    if len(text) > limit or len(escaped) > limit:
        escaped = escaped[: limit - 1] + "\u2026"
    return escaped


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' did you mean 'x'?' for the closest candidates, or '' when none is close. A second or
    third candidate is named only when it is about as close as the first: 'role' suggests
    'roles', not also 'people'."""
    matches = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    if not matches:
        return ""
    scores = [difflib.SequenceMatcher(None, word, match).ratio() for match in matches]
    matches = [match for match, score in zip(matches, scores, strict=True)
               if score >= scores[0] - NEAR]
    quoted = [f"'{shown(m)}'" for m in matches]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {joined}?"


# How much less close than the closest candidate another may be and still be suggested.
NEAR = 0.15
