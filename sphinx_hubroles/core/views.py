"""What each display shows, as plain data: a card, a table, the team directory, a rotation's
schedule and the glossary, decided once, for every engine.

A view is a small tree of the values below: paragraphs, lists, fields, rubrics and admonitions
holding text, links to roles and people, and roles.yaml's own MyST texts (left unparsed: each
engine parses them with its own MyST parser). The Sphinx build turns a view into docutils nodes
(ext/render.py); the mystmd plugin gets it as JSON (protocol.py) and turns it into MyST's AST.
A new field of a card changes the view here, and neither renderer.

Pure Python: no Sphinx, no mystmd.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from .directory import DirectorySpec, Entry, directory
from .model import Holder, Item, Role, RolesFile, Rotation, Text
from .table import COLUMNS, TableSpec, select_rows

# -- inline values ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Inline content with a class: a status, a relation's note."""

    content: tuple[Inline, ...]
    css: str


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class RoleLink:
    """A link to a role's card (or its URL, for a role documented elsewhere), shown as `text`;
    plain text where the role has neither."""

    role_id: str
    text: str


@dataclass(frozen=True)
class PersonLink:
    """A link to a person's entry in the team directory; plain text where there is none."""

    person_id: str
    text: str


@dataclass(frozen=True)
class WebLink:
    url: str
    text: str


@dataclass(frozen=True)
class Myst:
    """An inline MyST text of roles.yaml, as written."""

    text: Text


# Plain text is a str.
Inline = str | Span | Strong | RoleLink | PersonLink | WebLink | Myst

# -- blocks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    content: tuple[Inline, ...]
    css: str = ""


@dataclass(frozen=True)
class MystBlock:
    """A block MyST text of roles.yaml (a description, a section's text, an admonition's)."""

    text: Text


@dataclass(frozen=True)
class Rubric:
    """A heading of a display that is not a heading of the page."""

    title: str
    css: str = ""


@dataclass(frozen=True)
class Bullets:
    """roles.yaml items (inline MyST) as a bullet list, their sub-items as nested lists."""

    items: tuple[Item, ...]
    css: str = ""


@dataclass(frozen=True)
class Field:
    name: str
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Fields:
    """Named facts: 'Group: Hub Community'."""

    fields: tuple[Field, ...]
    css: str = ""


@dataclass(frozen=True)
class Admonition:
    kind: str  # note, tip, important, warning, caution, danger, or seealso
    body: tuple[Block, ...]


Block = Paragraph | MystBlock | Rubric | Bullets | Fields | Admonition

STATUS_NAMES = {"active": "Active", "draft": "Draft", "retired": "Retired"}
RETIRED_MARK = Span((" (Retired)",), "hubroles-status-retired")

# -- a card -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardView:
    role_id: str
    name: str
    status: str
    body: tuple[Block, ...]


def card_view(model: RolesFile, role_id: str) -> CardView:
    """A role's card, its parts in the order docs/reference/directives.md gives: summary,
    facts, description, requirements and responsibilities, sections, admonitions, see-also,
    relations."""
    role = model.roles[role_id]
    body: list[Block] = [Paragraph((Myst(role.summary),), "hubroles-summary")]
    facts = card_facts(model, role)
    if facts:
        body.append(Fields(facts, "hubroles-facts"))
    if role.description:
        body.append(MystBlock(role.description))
    for title, items, css in (("Requirements", role.requirements, "requirements"),
                              ("Responsibilities", role.responsibilities, "responsibilities")):
        if items:
            body += [Rubric(title), Bullets(items, f"hubroles-{css}")]
    for section in role.sections:
        body.append(Rubric(section.title, "hubroles-section-title"))
        if section.text:
            body.append(MystBlock(section.text))
        if section.items:
            body.append(Bullets(section.items, "hubroles-section-items"))
    body += [Admonition(admonition.kind, (MystBlock(admonition.text),))
             for admonition in role.admonitions]
    if role.see_also:
        body.append(Admonition("seealso", tuple(Paragraph((Myst(text),))
                                                for text in role.see_also)))
    relations = relation_fields(model, role_id)
    if relations:
        body += [Rubric("Relations"), Fields(relations, "hubroles-relations")]
    return CardView(role.id, role.name, role.status, tuple(body))


def card_facts(model: RolesFile, role: Role) -> tuple[Field, ...]:
    """Group, how many, usually filled by, who holds it, defined by, and a status other than
    active with the role that replaced a retired one."""
    facts: list[Field] = []
    if role.group:
        facts.append(Field("Group", (Paragraph((model.groups[role.group].name,)),)))
    for name, text in (("How many", role.count), ("Usually filled by", role.filled_by)):
        if text:
            facts.append(Field(name, (Paragraph((Myst(text),)),)))
    facts += holder_facts(model, role)
    if role.defined_by:
        facts.append(Field("Defined by", (Paragraph((Myst(role.defined_by),)),)))
    if role.status != "active":
        facts.append(Field("Status", (Paragraph((STATUS_NAMES[role.status],),
                                                f"hubroles-status-{role.status}"),)))
    if role.replaced_by:
        other = model.roles[role.replaced_by]
        facts.append(Field("Replaced by", (Paragraph((RoleLink(other.id, other.name),)),)))
    return tuple(facts)


def relation_sides(model: RolesFile, role_id: str) -> list[tuple[str, list]]:
    """(label, [(other role, note)]) for each relation of a role: outgoing ones with their
    label, then incoming ones with their inverse ('Overseen by')."""
    sides = [(rel.label, [(other, model.note(role_id, rel.id, other.id)) for other in roles])
             for rel, roles in model.outgoing(role_id)]
    sides += [(rel.inverse or f"{rel.label} (incoming)",
               [(other, model.note(other.id, rel.id, role_id)) for other in roles])
              for rel, roles in model.incoming(role_id)]
    return [(label[:1].upper() + label[1:], others) for label, others in sides]


def related(other: Role) -> tuple[Inline, ...]:
    """A related role: a link to it, marked if it is retired (no warning: the card is where
    a reader learns it is retired)."""
    return (RoleLink(other.id, other.name), RETIRED_MARK) if other.retired else \
        (RoleLink(other.id, other.name),)


def note_span(note: Text) -> Span:
    return Span((Myst(note),), "hubroles-relation-note")


def relation_fields(model: RolesFile, role_id: str) -> tuple[Field, ...]:
    """'Oversees: Hub Administrator' for outgoing, 'Overseen by: ...' for incoming; a relation
    with a note puts each role on a line of its own, followed by its note."""
    fields = []
    for label, others in relation_sides(model, role_id):
        if not any(note for _other, note in others):
            content: list[Inline] = []
            for index, (other, _note) in enumerate(others):
                content += [", "] if index else []
                content += related(other)
            body: tuple[Block, ...] = (Paragraph(tuple(content)),)
        else:
            body = tuple(Paragraph(related(other) + ((": ", note_span(note)) if note else ()))
                         for other, note in others)
        fields.append(Field(label, body))
    return tuple(fields)


def relation_lines(model: RolesFile, role_id: str) -> tuple[Paragraph, ...]:
    """The relations as short lines, for a table's cell: 'Can become: Reviewer (after 3
    months), Approver'."""
    lines = []
    for label, others in relation_sides(model, role_id):
        content: list[Inline] = [Strong(label), ": "]
        for index, (other, note) in enumerate(others):
            content += [", "] if index else []
            content += related(other)
            if note:
                content += [" (", note_span(note), ")"]
        lines.append(Paragraph(tuple(content), "hubroles-relation-line"))
    return tuple(lines)


# -- people -----------------------------------------------------------------------------------


def dates(holder: Holder) -> str:
    """'since 2024-03-01', '2024-03-01 to 2025-06-30', 'until 2025-06-30', or ''."""
    if holder.since and holder.until:
        return f"{holder.since} to {holder.until}"
    if holder.since:
        return f"since {holder.since}"
    return f"until {holder.until}" if holder.until else ""


def days(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


def person_link(model: RolesFile, person_id: str) -> PersonLink:
    return PersonLink(person_id, model.people[person_id].name)


def holder_facts(model: RolesFile, role: Role) -> list[Field]:
    """A card's "Held by", "Formerly held by" and "Rotation" facts, when set."""
    facts = []
    for label, holders in (("Held by", role.current_holders),
                           ("Formerly held by", role.former_holders)):
        if holders:
            facts.append(Field(label, (holdings(model, holders),)))
    if role.rotation is not None:
        facts.append(Field("Rotation", (rotation_text(model, role.rotation),)))
    return facts


def holdings(model: RolesFile, holders: tuple[Holder, ...]) -> Paragraph:
    """'Ada Quill, Dee Marsh (2024-03-01 to 2025-06-30; interim)'."""
    content: list[Inline] = []
    for index, holder in enumerate(holders):
        content += [", "] if index else []
        content.append(person_link(model, holder.person))
        details: list[Inline] = [dates(holder)] if dates(holder) else []
        if holder.note is not None:
            details += ["; "] if details else []
            details.append(Myst(holder.note))
        if details:
            content += [" (", *details, ")"]
    return Paragraph(tuple(content))


def rotation_text(model: RolesFile, rotation: Rotation) -> Paragraph:
    """'every 14 days among Ada Quill, Bo Reyes and Cy Tan, from 2026-01-07; each shift
    overlaps the next by 7 days'."""
    content: list[Inline] = [f"every {days(rotation.every)} among "]
    for index, person in enumerate(rotation.pool):
        if index:
            content.append(" and " if index == len(rotation.pool) - 1 else ", ")
        content.append(person_link(model, person))
    content.append(f", from {rotation.start}")
    if rotation.overlap:
        content.append(f"; each shift overlaps the next by {days(rotation.overlap)}")
    return Paragraph(tuple(content))


@dataclass(frozen=True)
class EntryView:
    """A person's entry in the team directory: a titled section, the target of `people:<id>`
    links, with their facts."""

    person_id: str
    name: str
    facts: tuple[Field, ...]


def entry_view(entry: Entry) -> EntryView:
    person = entry.person
    facts: list[Field] = []
    if person.github:
        facts.append(Field("GitHub", (Paragraph((
            WebLink(f"https://github.com/{person.github}", f"@{person.github}"),)),)))
    if person.url:
        facts.append(Field("Web", (Paragraph((WebLink(person.url, person.url),)),)))
    if person.affiliation:
        facts.append(Field("Affiliation", (Paragraph((person.affiliation,)),)))
    for label, held in (("Holds", entry.holds), ("Held", entry.held)):
        if held:
            content: list[Inline] = []
            for index, (role, holder) in enumerate(held):
                content += [", "] if index else []
                content.append(RoleLink(role.id, role.name))
                if dates(holder):
                    content.append(f" ({dates(holder)})")
            facts.append(Field(label, (Paragraph(tuple(content)),)))
    if entry.pools:
        content = []
        for index, role in enumerate(entry.pools):
            content += [", "] if index else []
            content.append(RoleLink(role.id, role.name))
        facts.append(Field("Takes turns as", (Paragraph(tuple(content)),)))
    return EntryView(person.id, person.name, tuple(facts))


def directory_view(model: RolesFile, spec: DirectorySpec) -> tuple[EntryView, ...]:
    """The entries a team directory shows (its problems are the rules' to report)."""
    entries, _problems = directory(model, spec)
    return tuple(entry_view(entry) for entry in entries)


SHIFT_HEADINGS = ("Shift", "From", "To", "Held by", "Overlaps the next shift")


@dataclass(frozen=True)
class ShiftRow:
    first: date
    last: date
    cells: tuple[tuple[Inline, ...], ...]  # one per SHIFT_HEADINGS


@dataclass(frozen=True)
class RotationView:
    role_id: str
    title: str
    rows: tuple[ShiftRow, ...]
    headings: tuple[str, ...] = SHIFT_HEADINGS


def rotation_view(model: RolesFile, role_id: str, start: date | None = None,
                  shifts: int | None = None) -> RotationView | None:
    """A rotation's schedule: each shift's dates, person and overlap with the next; None
    for a role that does not rotate (the rules report it)."""
    role = model.roles.get(role_id)
    if role is None or role.rotation is None:
        return None
    rotation = role.rotation
    rows = []
    for shift in rotation.schedule(start, shifts):
        following = rotation.shift(shift.index + 1)
        handover: tuple[Inline, ...] = (
            (f"{following.first} to {shift.last}, with ", person_link(model, following.person))
            if rotation.overlap else ("none",))
        rows.append(ShiftRow(shift.first, shift.last, (
            (str(shift.index + 1),), (str(shift.first),), (str(shift.last),),
            (person_link(model, shift.person),), handover)))
    return RotationView(role.id, f"Rotation of {role.name}: {days(rotation.every)} per shift",
                        tuple(rows))


# -- a table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    role_id: str
    name: str
    cells: tuple[tuple[Block, ...], ...]  # one per column, empty where the role has nothing


@dataclass(frozen=True)
class TableView:
    columns: tuple[str, ...]  # the known columns, in the order written
    rows: tuple[TableRow, ...]

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(COLUMNS[column] for column in self.columns)

    def grid_card(self, row: TableRow) -> tuple[RoleLink, tuple[Block, ...]]:
        """A row as a card of `:layout: cards`: the role's name as the title (a link), and
        as the body the summary, then each other column as a field."""
        cells = dict(zip(self.columns, row.cells, strict=True))
        body: list[Block] = list(cells.get("summary", ()))
        facts = tuple(Field(COLUMNS[column], cells[column]) for column in self.columns
                      if column not in ("name", "summary") and cells[column])
        if facts:
            body.append(Fields(facts, "hubroles-facts"))
        return RoleLink(row.role_id, row.name), tuple(body)


def table_view(model: RolesFile, spec: TableSpec) -> TableView:
    rows = select_rows(model, spec)
    return TableView(rows.columns, tuple(
        TableRow(role_id, model.roles[role_id].name,
                 tuple(cell(model, model.roles[role_id], column) for column in rows.columns))
        for role_id in rows.roles))


def _text_cell(text: Text | None) -> tuple[Block, ...]:
    return (Paragraph((Myst(text),)),) if text else ()


def cell(model: RolesFile, role: Role, column: str) -> tuple[Block, ...]:
    """What one column of a table shows of one role; nothing when the role leaves it unset."""
    if column == "name":  # a link to the role's card, or to its URL
        return (Paragraph((RoleLink(role.id, role.name),)),)
    if column in ("summary", "count", "filled-by", "defined-by"):
        return _text_cell(getattr(role, column.replace("-", "_")))
    if column == "group":
        return (Paragraph((model.groups[role.group].name,)),) if role.group else ()
    if column in ("requirements", "responsibilities"):
        items = getattr(role, column)
        return (Bullets(items, f"hubroles-{column}"),) if items else ()
    if column == "status":
        content: tuple[Inline, ...] = (STATUS_NAMES[role.status],)
        if role.replaced_by:
            other = model.roles[role.replaced_by]
            content += ("; replaced by ", RoleLink(other.id, other.name))
        return (Paragraph(content, f"hubroles-status-{role.status}"),)
    if column == "relations":
        return relation_lines(model, role.id)
    if column == "holders":  # the current holders, linked to their entries, as on the card
        return (holdings(model, role.current_holders),) if role.current_holders else ()
    raise ValueError(f"unknown column {column!r}")


# -- the glossary -----------------------------------------------------------------------------


def glossary_key(name: str) -> str:
    # The order Sphinx's own `glossary :sorted:` uses.
    return unicodedata.normalize("NFD", name.lower())


def glossary_view(model: RolesFile) -> tuple[tuple[str, Text, int], ...]:
    """roles.yaml's terms, sorted: (name, definition, line of the term in roles.yaml)."""
    return tuple((term.name, term.definition, term.line)
                 for term in sorted(model.terms.values(), key=lambda t: glossary_key(t.name)))
