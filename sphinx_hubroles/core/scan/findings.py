"""What a scan finds (a Site, and what it could not read) and the helpers that myst.py and
rst.py share: placing parsed text at its line and column, reading role contents, glossaries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..diagram.options import diagram_spec
from ..directory import directory_spec
from ..model import Text
from ..names import PERSON, ROLE, ROLE_PREFIXES, person_id_of, person_label, role_id_of, role_label
from ..options import DIRECTIVES, read_options
from ..problems import display_path
from ..site import (
    CardUse,
    DiagramUse,
    DirectiveProblem,
    DirectoryUse,
    HoldersUse,
    RotationUse,
    Site,
    TableUse,
    Where,
)
from ..table import table_spec

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


class Findings(Site):
    """A Site found by scanning files, and what the scan could not read."""

    def __init__(self) -> None:
        super().__init__()
        # (where, message) for sources that cannot be read as they are
        self.unreadable: list[tuple[Where, str]] = []
        # (path, why) for files that look like pages but are none: dangling or looping
        # symbolic links, FIFOs, devices. Not problems: a repository may hold them for other
        # reasons.
        self.skipped: list[tuple[Path, str]] = []
        self.files = 0


class Source:
    """The lines of one file, to place text that a parser handed back (dedented, stripped of
    list markers or quote signs) at its line and column in the file."""

    def __init__(self, path: Path, text: str, shown_as: tuple[str, str] | None = None,
                 lines: list[str] | None = None) -> None:
        self.path = path
        # (the name of a location, the name in a message), as RolesFile.located and .named
        self.located, self.shown = shown_as or (display_path(path),) * 2
        self.lines = text.splitlines() if lines is None else lines

    def where(self, line: int, column: int | None = None) -> Where:
        """A 1-based line and column of this file."""
        return Where(self.located, line, column, self.shown)

    def at(self, line0: int, shown: str, column0: int, snippet: str = "") -> Where:
        """Where column `column0` of `shown`, parsed text of file line `line0`, stands."""
        if 0 <= line0 < len(self.lines) and shown.strip():
            prefix = self.lines[line0].find(shown)
            if prefix >= 0:
                return self.where(line0 + 1, prefix + column0 + 1)
        # The parser joined lines (a folded YAML scalar): look for the snippet itself.
        for number in range(max(line0, 0), min(line0 + 50, len(self.lines))):
            column = self.lines[number].find(snippet) if snippet else -1
            if column >= 0:
                return self.where(number + 1, column + 1)
        return self.where(line0 + 1, 1)

    def at_offset(self, line0: int, text: str, offset: int, snippet: str = "") -> Where:
        """Where `offset` of parsed `text`, whose first line stands on file line `line0`, is."""
        line_start = text.rfind("\n", 0, offset) + 1
        line_end = text.find("\n", offset)
        shown = text[line_start:] if line_end < 0 else text[line_start:line_end]
        return self.at(line0 + text.count("\n", 0, offset), shown, offset - line_start, snippet)


class TextSource(Source):
    """roles.yaml's lines for one of its texts whose lines do not stand one after another
    (Text.lines): the scanners count a text's lines from its first, and each is placed where
    it stands."""

    def __init__(self, source: Source, text: Text) -> None:
        super().__init__(source.path, "", (source.located, source.shown), source.lines)
        self.text = text

    def at(self, line0: int, shown: str, column0: int, snippet: str = "") -> Where:
        line0 = self.text.line_at(line0 - (self.text.line - 1)) - 1
        return super().at(line0, shown, column0, snippet)


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


def note_label(findings: Site, label: str, where: Where) -> None:
    findings.note_label(normalise(label), where)


def note_term(findings: Site, term: str, where: Where) -> None:
    findings.note_term(normalise(term), where)


# The extension's directives whose argument and options the rules judge.
OWN_DIRECTIVES = {"role-card", "roles-diagram", "roles-glossary", "roles-people",
                  "roles-rotation", "roles-table"}


def label_kind(target: str, prefixes: tuple[str, ...] = ROLE_PREFIXES) -> str | None:
    """ROLE for a `roles:` target (or one of the project's other role `prefixes`), PERSON for
    a `people:` one, None for any other label."""
    if role_id_of(target, prefixes) is not None:
        return ROLE
    return PERSON if person_id_of(target) is not None else None


def autolink_target(uri: str, prefixes: tuple[str, ...] = ROLE_PREFIXES) -> str:
    """The label an autolink `<roles:X>` or `<people:X>` stands for (lower-cased, as the
    extension makes it)."""
    role_id = role_id_of(uri, prefixes)
    return role_label(role_id) if role_id is not None else person_label(person_id_of(uri))


def own_directive(name: str, argument: str, options: dict[str, str], where,
                  findings: Site) -> None:
    """Note one of the extension's directives (MyST and RST alike), placed at the directive's
    first line, where the build reports its problems. Its options are read as the build reads
    them (core/options.py): a bad one is a problem, and the directive is noted without it."""
    if name in DIRECTIVES:
        options, problems = read_options(name, options)
        findings.directive_problems += [
            DirectiveProblem(message, DIRECTIVES[name].subtype, where) for message in problems]
    if name == "role-card":
        if argument.strip():  # without an id, docutils itself says an argument is required
            findings.cards.append(CardUse(argument.strip().lower(), where))
    elif name == "roles-glossary":
        findings.glossaries.append(where)
    elif name == "roles-people":
        findings.directories.append(DirectoryUse(directory_spec(options), where))
    elif name == "roles-rotation":
        if argument.strip():
            findings.rotations.append(RotationUse(argument.strip().lower(), where))
    elif name == "roles-table":
        findings.tables.append(TableUse(table_spec(options), where))
    else:
        findings.diagrams.append(DiagramUse(diagram_spec(options), "depth" in options, where))


# The extension's roles whose content the rules judge: `{role-holders}`.
HOLDERS_ROLE = "role-holders"


def holders_reference(content: str, where: Where, findings: Site) -> None:
    """Note a `role-holders` reference, naming a role (as the role lower-cases it)."""
    if content.strip():
        findings.holders.append(HoldersUse(content.strip().lower(), where))
