"""Problems found in roles.yaml, each with the line it stands on."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    line: int | None  # 1-based; None for problems with the whole file
    message: str
    column: int | None = None


class Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def at(self, line: int | None, message: str) -> None:
        self.add(Problem(line, message))


class RolesFileError(Exception):
    """roles.yaml cannot be used; `problems` lists every reason, in line order."""

    def __init__(self, path: Path, problems: Iterable[Problem]) -> None:
        self.path = path
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{location(self.path, p.line)}: {p.message}" for p in self.problems]


def location(path: Path, line: int | None) -> str:
    shown = display_path(path)
    return f"{shown}:{line}" if line else shown


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' did you mean 'x'?' for the closest candidates, or '' when none is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    if not matches:
        return ""
    quoted = [f"'{m}'" for m in matches]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {joined}?"
