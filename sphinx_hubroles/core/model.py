"""The data model of roles.yaml: plain, immutable, picklable, and free of Sphinx."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from .fields import DEFAULT_STATUS, MAX_SHIFTS
from .names import role_label
from .problems import Problem


@dataclass(frozen=True)
class Text:
    """A MyST string from roles.yaml and the line of roles.yaml where its first line stands."""

    source: str
    # Lines are left out of comparisons: moving text within roles.yaml changes nothing shown.
    line: int = field(compare=False, repr=False)
    # Rendered as blocks (a description, a section's text, a definition), where directives run;
    # an inline text (a summary, an item) shows a directive's markup as text.
    block: bool = field(default=False, compare=False, repr=False)
    # The line of each of its lines, when they do not stand one after another from `line`: a
    # `|` text holding a NEL (U+0085), which ends a line for YAML but not for an editor, so
    # that two lines of the text stand on one line of the file.
    lines: tuple[int, ...] | None = field(default=None, compare=False, repr=False)

    def line_at(self, number: int) -> int:
        """The line of roles.yaml where the text's line `number` (0 for its first) stands."""
        if self.lines is None or number < 0:
            return self.line + number
        if number < len(self.lines):
            return self.lines[number]
        return self.lines[-1] + number - len(self.lines) + 1


class Steps(tuple):
    """A list of items shown numbered, in order (1, 2, 3...), where a plain tuple of items is
    shown as bullets: roles.yaml writes it as a mapping with `steps`. It equals no plain tuple
    and says so in its repr, so that numbering a list changes what a page shows (the display
    digests are reprs)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Steps({tuple.__repr__(self)})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Steps) and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__


def numbered(items: tuple) -> bool:
    """Whether a list of items is shown numbered (written with `steps`)."""
    return isinstance(items, Steps)


@dataclass(frozen=True)
class Item:
    """An item of a list field (requirements, responsibilities, a section's items), with its
    sub-items (numbered if they are Steps)."""

    text: Text
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Section:
    """A named part of a role's card: a title, and text, items or both."""

    title: str
    text: Text | None = None
    items: tuple[Item, ...] = ()


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
    # The role that stands for the group: the body its members form (a committee).
    role: str | None = None


@dataclass(frozen=True)
class Admonition:
    kind: str
    text: Text


@dataclass(frozen=True)
class Person:
    """Someone in the `people` registry: what roles.yaml says of them, nothing more."""

    id: str
    name: str
    line: int = field(compare=False, repr=False)
    github: str | None = None
    url: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Holder:
    """A person who holds a role; with `until`, who held it (never judged against today)."""

    person: str
    line: int = field(compare=False, repr=False)
    since: date | None = None
    until: date | None = None
    note: Text | None = None
    # Where the person worked from during this holding, when not (or no longer) the person's
    # own `affiliation`.
    affiliation: str | None = None
    # The role the person went to when this holding ended, or came from when it began.
    moved_to: str | None = None
    moved_from: str | None = None

    @property
    def current(self) -> bool:
        return self.until is None


@dataclass(frozen=True)
class Shift:
    index: int  # 0 for the rotation's first shift
    person: str
    first: date
    last: date  # the last day, overlap with the next shift included


@dataclass(frozen=True)
class Slot:
    """One dated turn of a rotation by slot: held by a person, or by an organization and
    filled by one of its people."""

    date: date  # its first day
    line: int = field(compare=False, repr=False)
    until: date | None = None  # its last day, if roles.yaml says
    person: str | None = None
    organization: str | None = None
    people: tuple[str, ...] = ()  # the organization's people who may fill it
    note: Text | None = None


@dataclass(frozen=True)
class Rotation:
    """A role that rotates through a pool: shift k is held by pool[k mod n], from
    start + k * every to start + (k + 1) * every + overlap - 1.

    Or, with `slots` (and `every` 0), by slot: each slot is a dated turn, the pool is everyone
    its slots name, and `start` is the first slot's day."""

    pool: tuple[str, ...]
    every: int  # days; 0 for a rotation by slot
    start: date
    line: int = field(compare=False, repr=False)
    overlap: int = 0  # days a shift overlaps the next
    slots: tuple[Slot, ...] = ()

    @property
    def by_slot(self) -> bool:
        return bool(self.slots)

    def slot_days(self, index: int) -> tuple[date, date | None]:
        """A slot's first and last day: its `until`, or the day before the next slot's, or
        None for a last slot without `until` (it lasts until another is added)."""
        slot = self.slots[index]
        if slot.until is not None:
            return slot.date, slot.until
        if index + 1 < len(self.slots):
            following = self.slots[index + 1].date
            # Two slots on one day: the first lasts that day (and 0001-01-01 has no day before).
            last = following - timedelta(days=1) if following > slot.date else slot.date
            return slot.date, last
        return slot.date, None

    def slots_from(self, start: date | None = None, count: int | None = None) -> list[int]:
        """The indexes of the slots from the first whose days include `start` (or start after
        it), as many as `count` (all by default)."""
        first = 0
        if start is not None:
            first = next((index for index in range(len(self.slots))
                          if (self.slot_days(index)[1] or date.max) >= start), len(self.slots))
        last = len(self.slots) if count is None else min(len(self.slots), first + count)
        return list(range(first, last))

    def shift(self, index: int) -> Shift:
        first = self.start + timedelta(days=index * self.every)
        last = first + timedelta(days=self.every + self.overlap - 1)
        return Shift(index, self.pool[index % len(self.pool)], first, last)

    def first_shift_on(self, day: date) -> int:
        """The first shift whose days include `day` (shift 0 for a day before the start)."""
        if day <= self.start:
            return 0
        # Shift k covers day when k * every <= offset <= (k + 1) * every + overlap - 1.
        offset = (day - self.start).days
        return max(0, -(-(offset - self.every - self.overlap + 1) // self.every))

    def schedule(self, start: date | None = None, shifts: int | None = None) -> Iterator[Shift]:
        """The shifts from the one that includes `start` (the rotation's start by default), as
        many as `shifts` (twice the pool by default, at most MAX_SHIFTS), one at a time."""
        first = self.first_shift_on(start) if start else 0
        count = shifts if shifts is not None else min(2 * len(self.pool), MAX_SHIFTS)
        return (self.shift(index) for index in range(first, first + count))


@dataclass(frozen=True)
class Seats:
    """How many may hold a role at once, and how many of them one affiliation may have: a
    whole number, or a share of the holders written 'n/m'."""

    line: int = field(compare=False, repr=False)
    min: int | None = None
    max: int | None = None
    per_affiliation: int | str | None = None

    def affiliation_cap(self, holders: int) -> int | None:
        """The most holders of `holders` that one affiliation may have."""
        if self.per_affiliation is None:
            return None
        if isinstance(self.per_affiliation, int):
            return self.per_affiliation
        top, bottom = (int(part) for part in self.per_affiliation.split("/"))
        return holders * top // bottom


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    summary: Text
    line: int = field(compare=False, repr=False)
    aliases: tuple[str, ...] = ()
    group: str | None = None
    status: str = DEFAULT_STATUS
    replaced_by: str | None = None
    url: str | None = None
    count: Text | None = None
    filled_by: Text | None = None
    defined_by: Text | None = None
    description: Text | None = None
    requirements: tuple[Item, ...] = ()
    responsibilities: tuple[Item, ...] = ()
    sections: tuple[Section, ...] = ()
    see_also: tuple[Text, ...] = ()
    admonitions: tuple[Admonition, ...] = ()
    # relation type id -> target role ids, in file order
    relations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (relation type id, target role id, note) for the targets written with a note
    relation_notes: tuple[tuple[str, str, Text], ...] = ()
    holders: tuple[Holder, ...] = ()
    rotation: Rotation | None = None
    kind_of: str | None = None  # the role this one is a kind of
    seats: Seats | None = None
    team: str | None = None  # 'org/team' on GitHub, without '@'
    # The alias of `export --format owners`: a name, False for none, None for the default.
    owners_alias: str | bool | None = None

    @property
    def external(self) -> bool:
        """Documented on another site (`url`): no card, links go to the URL."""
        return self.url is not None

    @property
    def retired(self) -> bool:
        return self.status == "retired"

    @property
    def current_holders(self) -> tuple[Holder, ...]:
        return tuple(holder for holder in self.holders if holder.current)

    @property
    def former_holders(self) -> tuple[Holder, ...]:
        return tuple(holder for holder in self.holders if not holder.current)

    @property
    def all_relations(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Its relations, with its `kind-of` as a relation of the type KIND_OF last."""
        if self.kind_of is None:
            return self.relations
        return (*self.relations, (KIND_OF, (self.kind_of,)))

    @property
    def label(self) -> str:
        """The cross-reference label of the role's card, as written in `roles:<id>` links."""
        return role_label(self.id)

    @property
    def term_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


# A role's `kind-of` is a relation of this type (the loader declares it when a role uses it):
# cards, tables, diagrams and the exports show it as they show every relation. Relation ids
# written in roles.yaml cannot hold '_', so it never meets one.
KIND_OF = "kind_of"
KIND_OF_LABEL = "is a kind of"
KIND_OF_INVERSE = "kinds"


@dataclass(frozen=True)
class Term:
    name: str
    definition: Text
    line: int = field(compare=False, repr=False)


@dataclass(frozen=True)
class Edge:
    """One relation between two roles: `source` <relation label> `target`, and its note."""

    source: str
    relation: str
    target: str
    note: Text | None = None


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
    people: dict[str, Person] = field(default_factory=dict)
    # Warnings and notes of the loader, in line order: the file is usable, but the build logs
    # them and `check` prints them (problems.WARNING, problems.NOTE).
    notices: list[Problem] = field(default_factory=list, compare=False, repr=False)
    # How messages name the file: `located` where a message says where it is, `named` in
    # the text of a message and to sort by. On the command line both are the path as the
    # user would type it (relative to the working folder); in a Sphinx build, as Sphinx names
    # a page: its absolute path, and its path from the source folder. What the build keeps
    # between runs then does not depend on the folder it was started from.
    located: str = field(default="", compare=False, repr=False)
    named: str = field(default="", compare=False, repr=False)

    def texts(self) -> Iterator[tuple[tuple[str, str], Text]]:
        """Every MyST text of the file (summaries, descriptions, items, definitions...) with
        its owner, ('group', id), ('role', id) or ('term', name), and ('note', 'source target')
        for a relation's note, which both roles' cards show: found from the dataclasses
        themselves, so a new text field needs no list kept by hand."""
        for kind, table in (("group", self.groups), ("role", self.roles),
                            ("term", self.terms)):
            for key, item in table.items():
                for text in texts_of(item, skip=("relation_notes",)):
                    yield (kind, key), text
        for role in self.roles.values():
            for _relation, target, note in role.relation_notes:
                yield ("note", f"{role.id} {target}"), note

    def edges(self) -> list[Edge]:
        """Every relation, in file order of source role, then relation, then target."""
        return list(self._edges)

    @cached_property
    def _edges(self) -> tuple[Edge, ...]:
        # Made once: every diagram asks for them, at every build (to tell what changed).
        return tuple(
            Edge(role.id, relation, target, notes.get((relation, target)))
            for role in self.roles.values()
            for notes in ({(rel, target): note for rel, target, note in role.relation_notes},)
            for relation, targets in role.all_relations
            for target in targets
        )

    def touching(self, role_id: str) -> list[tuple[int, Edge]]:
        """The relations from or to `role_id`, each with its place in edges(): a focus
        diagram looks at its neighbourhood alone, not at every relation of the file."""
        return self._touching.get(role_id, [])

    @cached_property
    def _touching(self) -> dict[str, list[tuple[int, Edge]]]:
        index: dict[str, list[tuple[int, Edge]]] = {}
        for number, edge in enumerate(self._edges):
            index.setdefault(edge.source, []).append((number, edge))
            if edge.target != edge.source:
                index.setdefault(edge.target, []).append((number, edge))
        return index

    def kinds(self, role_id: str) -> list[Role]:
        """The roles that are a kind of `role_id`, in file order."""
        return self._kinds.get(role_id, [])

    @cached_property
    def _kinds(self) -> dict[str, list[Role]]:
        index: dict[str, list[Role]] = {}
        for role in self.roles.values():
            if role.kind_of is not None:
                index.setdefault(role.kind_of, []).append(role)
        return index

    def body_of(self, role_id: str) -> Group | None:
        """The group that `role_id` stands for (its `role`), if any."""
        return self._bodies.get(role_id)

    @cached_property
    def _bodies(self) -> dict[str, Group]:
        return {group.role: group for group in self.groups.values() if group.role}

    def members(self, group_id: str) -> list[Role]:
        """The roles of a group, in file order."""
        return self._members.get(group_id, [])

    @cached_property
    def _members(self) -> dict[str, list[Role]]:
        index: dict[str, list[Role]] = {}
        for role in self.roles.values():
            if role.group is not None:
                index.setdefault(role.group, []).append(role)
        return index

    def place(self, role_id: str) -> int:
        """Where a role stands in the file, among the roles."""
        return self._places[role_id]

    @cached_property
    def _places(self) -> dict[str, int]:
        return {role_id: number for number, role_id in enumerate(self.roles)}

    def note(self, source: str, relation: str, target: str) -> Text | None:
        """The note of one relation, if it has one."""
        return self._notes.get((source, relation, target))

    @cached_property
    def _notes(self) -> dict[tuple[str, str, str], Text]:
        return {(role.id, rel, target): note for role in self.roles.values()
                for rel, target, note in role.relation_notes}

    def outgoing(self, role_id: str) -> list[tuple[RelationType, list[Role]]]:
        role = self.roles[role_id]
        return [
            (self.relations[rel], [self.roles[t] for t in targets])
            for rel, targets in role.all_relations
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


def texts_of(value: object, skip: tuple[str, ...] = ()) -> Iterator[Text]:
    """The Text values inside a model value, in field order, except in the fields `skip`."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from texts_of(item)
    elif hasattr(value, "__dataclass_fields__"):
        for f in fields(value):
            if f.name not in skip:
                yield from texts_of(getattr(value, f.name))
