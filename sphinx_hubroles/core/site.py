"""What the pages of a project hold that the rules judge: role references, term references,
cards, hand-written labels and glossary entries, glossaries, diagrams and tables, each with its
place.

The Sphinx build fills a Site from the pages it has read (ext/domain.py); `sphinx-hubroles
check` fills one by scanning the sources (core/scan). rules.py judges both the same way.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .diagram.selection import DiagramSpec
from .directory import DirectorySpec
from .names import ROLE_PREFIXES
from .table import TableSpec

if TYPE_CHECKING:
    from .model import RolesFile


@dataclass(frozen=True)
class Where:
    """A place in a source file. `path` is the file as a location prints it; `name` is the file
    as a message names it (`... has a role-card at <name>:<line>`); they differ in the build,
    whose locations are absolute and whose messages name pages relative to the source folder."""

    path: str
    line: int | None = None
    column: int | None = None
    name: str = ""

    def __str__(self) -> str:
        # file:line:col, the form editors and CI annotate from
        return ":".join(str(part) for part in (self.path, self.line, self.column)
                        if part is not None)

    @property
    def location(self) -> str:
        """'file:line', as the build's log prints a location."""
        return f"{self.path}:{self.line}" if self.line else self.path

    @property
    def place(self) -> str:
        """'file:line' for a message that points at another place."""
        name = self.name or self.path
        return f"{name}:{self.line}" if self.line else name

    def sort_key(self) -> tuple:
        return self.name or self.path, self.line or 0, self.column or 0



def in_roles_file(model: RolesFile, line: int | None, column: int | None = None) -> Where:
    """A place in roles.yaml, named as the model says messages name it."""
    located = model.located or str(model.path)
    return Where(located, line, column, model.named or located)



@dataclass(frozen=True)
class Reference:
    kind: str  # ROLE or TERM
    target: str  # as written, white space collapsed
    where: Where


@dataclass(frozen=True)
class CardUse:
    role_id: str  # lower-cased, as the directive reads it
    where: Where


@dataclass(frozen=True)
class DirectoryUse:
    """A `roles-people` directive, with the options that choose whom it lists."""

    spec: DirectorySpec
    where: Where


@dataclass(frozen=True)
class RotationUse:
    """A `roles-rotation` directive, naming a role."""

    role_id: str
    where: Where


@dataclass(frozen=True)
class HoldersUse:
    """A `role-holders` reference, naming a role: it shows the role's current holders."""

    role_id: str
    where: Where


@dataclass(frozen=True)
class DiagramUse:
    spec: DiagramSpec
    depth_given: bool  # `:depth:` was written (it means nothing without `:focus:`)
    where: Where


@dataclass(frozen=True)
class TableUse:
    spec: TableSpec
    where: Where


@dataclass(frozen=True)
class DirectiveProblem:
    """A problem one of the extension's directives finds in itself as it is read: an unknown
    option or an invalid value (core/options.py), at the directive's first line."""

    message: str
    subtype: str  # the directive's warning subtype
    where: Where


@dataclass
class Site:
    references: list[Reference] = field(default_factory=list)
    cards: list[CardUse] = field(default_factory=list)
    # Labels written by hand, lower-cased as Sphinx stores them -> where first written.
    labels: dict[str, Where] = field(default_factory=dict)
    # Glossary terms written by hand: lower-cased (as Sphinx looks them up) -> (term, where).
    terms: dict[str, tuple[str, Where]] = field(default_factory=dict)
    glossaries: list[Where] = field(default_factory=list)  # `roles-glossary` directives
    holders: list[HoldersUse] = field(default_factory=list)  # `role-holders` references
    diagrams: list[DiagramUse] = field(default_factory=list)
    tables: list[TableUse] = field(default_factory=list)  # `roles-table` directives
    directories: list[DirectoryUse] = field(default_factory=list)  # `roles-people`
    rotations: list[RotationUse] = field(default_factory=list)
    directive_problems: list[DirectiveProblem] = field(default_factory=list)
    # References inside roles.yaml's texts, at their lines in roles.yaml, by the text's owner:
    # ('group', id), ('role', id), ('term', name). The rules judge those a page shows.
    roles_file: dict[tuple[str, str], list[Reference]] = field(default_factory=dict)
    # The cards and glossaries written inside roles.yaml's block texts, by the text's owner:
    # (directive name, where in roles.yaml). They are not shown (rules.py says why).
    roles_file_displays: dict[tuple[str, str], list[tuple[str, Where]]] = field(
        default_factory=dict)
    # Labels and terms that resolve in another project (intersphinx inventories).
    external_labels: Collection[str] = frozenset()
    external_terms: Collection[str] = frozenset()
    # Whether the project loads sphinx_design (`:layout: cards` needs it); None when unknown,
    # as to `sphinx-hubroles check`, which does not read conf.py.
    has_sphinx_design: bool | None = None
    # The label prefixes that name roles: `roles:` and the project's own (names.role_prefixes).
    label_prefixes: tuple[str, ...] = ROLE_PREFIXES

    def note_label(self, label: str, where: Where) -> None:
        """A label written by hand (its first place is kept)."""
        self.labels.setdefault(label.lower(), where)

    def note_term(self, term: str, where: Where) -> None:
        self.terms.setdefault(term.lower(), (term, where))


_WHITESPACE = re.compile(r"\s+")


def normalise(label: str) -> str:
    """A label or term as Sphinx stores it: white space collapsed, lower-cased."""
    return _WHITESPACE.sub(" ", label).strip().lower()
