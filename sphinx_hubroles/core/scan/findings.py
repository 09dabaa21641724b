"""Find what a Sphinx build would link up, without building: role references, labels and
`role-card` directives written in MyST and RST pages, glossary entries written by hand, and the
references inside roles.yaml's own text fields.

Pure Python, no Sphinx import: `sphinx-hubroles check` must answer in well under a second.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..files import UnusableFile, read_regular_file
from ..model import RolesFile, Text

MYST_SUFFIXES = (".md", ".markdown")
RST_SUFFIXES = (".rst", ".rest")
# Folders that hold no sources of the site, or copies of them (a built site, a virtualenv).
SKIPPED_FOLDERS = {"_build", "node_modules", "__pycache__", "site-packages", "jupyter_execute"}

# The contents of these directives are not markup: references in them are not references.
LITERAL_DIRECTIVES = {
    "code", "code-block", "sourcecode", "code-cell", "literalinclude", "include", "raw",
    "math", "graphviz", "graph", "digraph", "mermaid", "plantuml", "uml", "productionlist",
    "doctest", "testcode", "testoutput", "testsetup", "testcleanup", "ipython",
    "jupyter-execute", "highlight", "literal",
}

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Location:
    path: Path
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Reference:
    """A `roles:` reference ('ref', which includes MyST links) or a glossary term ('term')."""

    kind: str
    target: str  # as written, whitespace normalised
    where: Location


@dataclass(frozen=True)
class Card:
    role_id: str  # lower-cased, as the directive reads it
    where: Location


@dataclass
class Findings:
    references: list[Reference] = field(default_factory=list)
    # label written by hand, lower-cased as Sphinx stores it -> where it is first written
    labels: dict[str, Location] = field(default_factory=dict)
    cards: list[Card] = field(default_factory=list)
    # lower-cased, as Sphinx looks them up -> as written
    terms: dict[str, str] = field(default_factory=dict)
    # (where, message) for sources that cannot be read as they are
    unreadable: list[tuple[Location, str]] = field(default_factory=list)
    # (path, why) for files that look like pages but are none: dangling or looping symbolic
    # links, FIFOs, devices. Not problems: a repository may hold them for other reasons.
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    files: int = 0


class Source:
    """The lines of one file, to place text that a parser handed back (dedented, stripped of
    list markers or quote signs) at its line and column in the file."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def at(self, line0: int, shown: str, column0: int, snippet: str = "") -> Location:
        """Where column `column0` of `shown`, parsed text of file line `line0`, stands."""
        if 0 <= line0 < len(self.lines) and shown.strip():
            prefix = self.lines[line0].find(shown)
            if prefix >= 0:
                return Location(self.path, line0 + 1, prefix + column0 + 1)
        # The parser joined lines (a folded YAML scalar): look for the snippet itself.
        for number in range(max(line0, 0), min(line0 + 50, len(self.lines))):
            column = self.lines[number].find(snippet) if snippet else -1
            if column >= 0:
                return Location(self.path, number + 1, column + 1)
        return Location(self.path, line0 + 1, 1)

    def at_offset(self, line0: int, text: str, offset: int, snippet: str = "") -> Location:
        """Where `offset` of parsed `text`, whose first line stands on file line `line0`, is."""
        line_start = text.rfind("\n", 0, offset) + 1
        line_end = text.find("\n", offset)
        shown = text[line_start:] if line_end < 0 else text[line_start:line_end]
        return self.at(line0 + text.count("\n", 0, offset), shown, offset - line_start, snippet)


def normalise(text: str) -> str:
    """Collapse whitespace like Sphinx does for reference targets and glossary terms."""
    return _WHITESPACE.sub(" ", text).strip()


def split_target(content: str) -> str | None:
    """The target of a `{ref}`/`:ref:`/`{term}` role's content: 'text <target>' or 'target'.
    None when the content starts with '!', which asks Sphinx for no link."""
    content = content.strip()
    if content.startswith("!"):
        return None
    match = re.match(r"^(.+?)\s*(?<!\\)<([^<]*?)>$", content, re.DOTALL)
    target = match.group(2) if match else content
    return normalise(re.sub(r"\\(.)", r"\1", target))


def glossary_entries(lines: list[str]) -> Iterator[tuple[int, str | None]]:
    """(index, term) for term lines and (index, None) for definition lines of a glossary
    directive's body: terms sit at the body's own indentation, definitions deeper."""
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    if not indents:
        return
    base = indents[0]
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= base and not line.lstrip().startswith(".."):
            # 'term : classifier' names the term only
            yield index, re.split(r"\s+:\s+", line.strip(), maxsplit=1)[0]
        else:
            yield index, None


def note_label(findings: Findings, label: str, where: Location) -> None:
    findings.labels.setdefault(normalise(label).lower(), where)


def note_term(findings: Findings, term: str) -> None:
    term = normalise(term)
    findings.terms.setdefault(term.lower(), term)


# -- files ------------------------------------------------------------------------------------


def source_files(paths: Iterable[Path], exclude: Iterable[str] = ()) -> list[Path]:
    """The MyST and RST files named or found under `paths`, sorted, without duplicates.

    Folders are walked recursively, skipping hidden folders, built sites, virtualenvs and
    paths that match an `exclude` glob (relative to the folder given)."""
    patterns = list(exclude)
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for file in _walk(path, patterns):
                found.setdefault(file)
        else:
            found.setdefault(path)
    return sorted(found, key=lambda p: str(p))


def _walk(root: Path, patterns: list[str]) -> Iterator[Path]:
    def excluded(relative: str) -> bool:
        return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)

    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(
            name for name in subfolders
            if not name.startswith(".") and name not in SKIPPED_FOLDERS
            and not os.path.exists(here / name / "pyvenv.cfg")
            and not excluded((here / name).relative_to(root).as_posix())
        )
        for name in files:
            if name.endswith(MYST_SUFFIXES + RST_SUFFIXES):
                if not excluded((here / name).relative_to(root).as_posix()):
                    yield here / name


def is_source(path: Path) -> bool:
    return path.name.endswith(MYST_SUFFIXES + RST_SUFFIXES)


# Text without any of these cannot hold a reference, a label, a card or a glossary entry,
# so it is not worth parsing.
_CLUES = ("roles:", "term", "glossary", "role-card")


def scan_file(path: Path, findings: Findings) -> None:
    from .myst import scan_myst
    from .rst import scan_rst

    try:  # never opens a FIFO or device, which would hang or never end
        data = read_regular_file(path)
    except UnusableFile as problem:
        findings.skipped.append((path, problem.reason.removeprefix("is ")))
        return
    findings.files += 1
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        findings.unreadable.append((Location(path, line, column), "is not valid UTF-8 (byte "
                                    f"0x{data[error.start]:02x}); save it as UTF-8"))
        text = data.decode("utf-8", errors="replace")
    lowered = text.lower()
    if not any(clue in lowered for clue in _CLUES):
        return
    source = Source(path, text)
    if path.name.endswith(RST_SUFFIXES):
        scan_rst(text, source, 0, findings)
    else:
        scan_myst(text, source, 0, findings)


def scan_roles_file(model: RolesFile, findings: Findings) -> None:
    """References inside roles.yaml's text fields, placed at their line in roles.yaml."""
    from .myst import scan_myst

    try:
        source = Source(model.path, model.path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):  # the loader read it a moment ago
        source = Source(model.path, "")
    for text in roles_file_texts(model):
        scan_myst(text.source, source, text.line - 1, findings)


def roles_file_texts(model: RolesFile) -> Iterator[Text]:
    for group in model.groups.values():
        if group.description:
            yield group.description
    for role in model.roles.values():
        for value in (role.summary, role.count, role.filled_by, role.description):
            if value is not None:
                yield value
        yield from role.responsibilities
        yield from role.see_also
        for admonition in role.admonitions:
            yield admonition.text
    for term in model.terms.values():
        yield term.definition
