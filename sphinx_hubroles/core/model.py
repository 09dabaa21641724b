"""The data model of roles.yaml: plain, immutable, picklable, and free of Sphinx."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

from .names import role_label


@dataclass(frozen=True)
class Text:
    """A MyST string from roles.yaml and the line of roles.yaml where its first line stands."""

    source: str
    # Lines are left out of comparisons: moving text within roles.yaml changes nothing shown.
    line: int = field(compare=False, repr=False)


@dataclass(frozen=True)
class RelationType:
    id: str
    label: str
    inverse: str | None
    line: int = field(compare=False, repr=False)
    hierarchy: bool = False
    # How its lines look in diagrams (core/diagram/looks.py); None: each diagram chooses.
    color: str | None = None
    dark_color: str | None = None
    style: str | None = None


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    description: Text | None
    line: int = field(compare=False, repr=False)


@dataclass(frozen=True)
class Admonition:
    kind: str
    text: Text


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    summary: Text
    line: int = field(compare=False, repr=False)
    aliases: tuple[str, ...] = ()
    group: str | None = None
    count: Text | None = None
    filled_by: Text | None = None
    description: Text | None = None
    responsibilities: tuple[Text, ...] = ()
    see_also: tuple[Text, ...] = ()
    admonitions: tuple[Admonition, ...] = ()
    # relation type id -> target role ids, in file order
    relations: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def label(self) -> str:
        """The cross-reference label of the role's card, as written in `roles:<id>` links."""
        return role_label(self.id)

    @property
    def term_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Term:
    name: str
    definition: Text
    line: int = field(compare=False, repr=False)


@dataclass(frozen=True)
class Edge:
    """One relation between two roles: `source` <relation label> `target`."""

    source: str
    relation: str
    target: str


@dataclass(frozen=True)
class RolesFile:
    path: Path
    relations: dict[str, RelationType] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    # (source, relation, target) -> the roles.yaml line of the target, for problems that
    # concern one relation, such as a cycle of hierarchy relations (core/rules.py).
    edge_lines: dict[tuple[str, str, str], int] = field(default_factory=dict, compare=False,
                                                        repr=False)
    terms: dict[str, Term] = field(default_factory=dict)

    def texts(self) -> Iterator[tuple[tuple[str, str], Text]]:
        """Every MyST text of the file (summaries, descriptions, items, definitions...) with
        its owner, ('group', id), ('role', id) or ('term', name): found from the dataclasses
        themselves, so a new text field needs no list kept by hand."""
        for kind, table in (("group", self.groups), ("role", self.roles),
                            ("term", self.terms)):
            for key, item in table.items():
                for text in texts_of(item):
                    yield (kind, key), text

    def edges(self) -> list[Edge]:
        """Every relation, in file order of source role, then relation, then target."""
        return list(self._edges)

    @cached_property
    def _edges(self) -> tuple[Edge, ...]:
        # Made once: every diagram asks for them, at every build (to tell what changed).
        return tuple(
            Edge(role.id, relation, target)
            for role in self.roles.values()
            for relation, targets in role.relations
            for target in targets
        )

    def outgoing(self, role_id: str) -> list[tuple[RelationType, list[Role]]]:
        role = self.roles[role_id]
        return [
            (self.relations[rel], [self.roles[t] for t in targets])
            for rel, targets in role.relations
        ]

    def incoming(self, role_id: str) -> list[tuple[RelationType, list[Role]]]:
        """Relations that point at `role_id`, grouped by relation type in vocabulary order."""
        sources = self._sources.get(role_id, {})
        return [(self.relations[rel], list(sources[rel]))
                for rel in self.relations if rel in sources]

    @cached_property
    def _sources(self) -> dict[str, dict[str, list[Role]]]:
        """target role id -> relation type id -> source roles, in edge order. Built once:
        asking every role for its incoming relations must not go over every edge each time
        (1,000 roles took seconds)."""
        index: dict[str, dict[str, list[Role]]] = {}
        for edge in self.edges():
            index.setdefault(edge.target, {}).setdefault(edge.relation, []).append(
                self.roles[edge.source])
        return index


def texts_of(value: object) -> Iterator[Text]:
    """The Text values inside a model value, in field order."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from texts_of(item)
    elif hasattr(value, "__dataclass_fields__"):
        for f in fields(value):
            yield from texts_of(getattr(value, f.name))
