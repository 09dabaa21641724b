"""What each display shows, as plain data: a card, a table, the team directory's entries and a
rotation's schedule, decided once, for every engine.

A view is made of viewparts.py's parts (paragraphs, lists, fields, rubrics, admonitions and
schedules holding text, links by role and person id, and roles.yaml's own MyST texts); who
holds a role is worded by facts.py. The Sphinx build turns a view into docutils nodes
(ext/render.py); the mystmd plugin gets it as JSON (protocol.py) and turns it into MyST's AST.
A new field of a card changes the view here, and neither renderer. (A glossary's entries are
glossary.py's; `{role-holders}` shows facts.inline_holders.)

Pure Python: no Sphinx, no mystmd.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import facts
from .directory import DirectorySpec, Entry, directory
from .model import Holder, Role, RolesFile, Text
from .table import COLUMNS, TableSpec, select_rows
from .viewparts import (
    Admonition,
    Block,
    Field,
    Fields,
    Inline,
    Items,
    Line,
    Myst,
    MystBlock,
    Paragraph,
    RoleLink,
    Rubric,
    Schedule,
    ScheduleRow,
    Span,
    Strong,
    WebLink,
)

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
    facts, description, requirements and responsibilities, sections, the slots of a rotation
    by slot, admonitions, see-also, relations."""
    role = model.roles[role_id]
    body: list[Block] = [Paragraph((Myst(role.summary),), "hubroles-summary")]
    card_facts = facts_of(model, role)
    if card_facts:
        body.append(Fields(card_facts, "hubroles-facts"))
    if role.description:
        body.append(MystBlock(role.description))
    for title, items, css in (("Requirements", role.requirements, "requirements"),
                              ("Responsibilities", role.responsibilities, "responsibilities")):
        if items:
            body += [Rubric(title), Items(items, f"hubroles-{css}")]
    for section in role.sections:
        body.append(Rubric(section.title, "hubroles-section-title"))
        if section.text:
            body.append(MystBlock(section.text))
        if section.items:
            body.append(Items(section.items, "hubroles-section-items"))
    if role.rotation is not None and role.rotation.by_slot:
        body.append(facts.slot_schedule(model, role.rotation, role.rotation.slots_from(),
                                        "Slots of the rotation"))
    body += [Admonition(admonition.kind, (MystBlock(admonition.text),))
             for admonition in role.admonitions]
    if role.see_also:
        body.append(Admonition("seealso", tuple(Paragraph((Myst(text),))
                                                for text in role.see_also)))
    relations = relation_fields(model, role_id)
    if relations:
        body += [Rubric("Relations"), Fields(relations, "hubroles-relations")]
    return CardView(role.id, role.name, role.status, tuple(body))


def line_field(name: str, line: Line | None) -> list[Field]:
    return [Field(name, (Paragraph(line),))] if line else []


def myst_line(text: Text | None) -> Line | None:
    return (Myst(text),) if text is not None else None


def facts_of(model: RolesFile, role: Role) -> tuple[Field, ...]:
    """Group, members, how many, seats, usually filled by, who holds it, its rotation, team,
    defined by, and a status other than active with the role that replaced a retired one."""
    found: list[Field] = []
    if role.group:
        found += line_field("Group", (model.groups[role.group].name,))
    found += line_field("Members", facts.members_line(model, role))
    found += line_field("How many", myst_line(role.count))
    found += line_field("Seats", role.seats and facts.seats_line(role.seats))
    found += line_field("Usually filled by", myst_line(role.filled_by))
    for label, line in facts.holder_lines(model, role):
        found += line_field(label, line)
    if role.rotation is not None:
        found += line_field("Rotation", facts.rotation_line(model, role.rotation))
    found += line_field("Team", role.team and facts.team_line(role.team))
    found += line_field("Defined by", myst_line(role.defined_by))
    if role.status != "active":
        found.append(Field("Status", (Paragraph((STATUS_NAMES[role.status],),
                                                f"hubroles-status-{role.status}"),)))
    if role.replaced_by:
        found += line_field("Replaced by", (facts.role_link(model, role.replaced_by),))
    return tuple(found)


def relation_sides(model: RolesFile, role_id: str) -> list[tuple[str, list]]:
    """(label, [(other role, note)]) for each relation of a role: outgoing ones with their
    label, then incoming ones with their inverse ('Overseen by')."""
    sides = [(rel.label, [(other, model.note(role_id, rel.id, other.id)) for other in roles])
             for rel, roles in model.outgoing(role_id)]
    sides += [(rel.inverse or f"{rel.label} (incoming)",
               [(other, model.note(other.id, rel.id, role_id)) for other in roles])
              for rel, roles in model.incoming(role_id)]
    return [(label[:1].upper() + label[1:], others) for label, others in sides]


def related(other: Role) -> Line:
    """A related role: a link to it, marked if it is retired (no warning: the card is where
    a reader learns it is retired)."""
    return (RoleLink(other.id, other.name), RETIRED_MARK) if other.retired else \
        (RoleLink(other.id, other.name),)


def note_span(note) -> Span:
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


# -- the team directory -----------------------------------------------------------------------


@dataclass(frozen=True)
class EntryView:
    """A person's entry in the team directory, with their facts: a titled section, the
    target of `people:<id>` links, or, in a directory with `:no-index:`, a listing that is
    nobody's target."""

    person_id: str
    name: str
    facts: tuple[Field, ...]


def roles_held(held: tuple[tuple[Role, Holder], ...]) -> Line:
    """'Maintainer (since 2024-03-01; for Example Org), Reviewer'."""
    content: list[Inline] = []
    for index, (role, holder) in enumerate(held):
        content += [", "] if index else []
        content.append(RoleLink(role.id, role.name))
        details = [text for text in (facts.dates(holder.since, holder.until),
                                     holder.affiliation and f"for {holder.affiliation}") if text]
        if details:
            content.append(f" ({'; '.join(details)})")
    return tuple(content)


def entry_view(entry: Entry) -> EntryView:
    person = entry.person
    found: list[Field] = []
    if person.github:
        found += line_field("GitHub", (WebLink(f"https://github.com/{person.github}",
                                               f"@{person.github}"),))
    found += line_field("Web", person.url and (WebLink(person.url, person.url),))
    found += line_field("Affiliation", person.affiliation and (person.affiliation,))
    for label, held in (("Holds", entry.holds), ("Held", entry.held)):
        found += line_field(label, roles_held(held))
    content: list[Inline] = []
    for index, role in enumerate(entry.pools):
        content += [", "] if index else []
        content.append(RoleLink(role.id, role.name))
    found += line_field("Takes turns as", tuple(content))
    return EntryView(person.id, person.name, tuple(found))


def directory_view(model: RolesFile, spec: DirectorySpec) -> tuple[EntryView, ...]:
    """The entries a team directory shows (its problems are the rules' to report)."""
    entries, _problems = directory(model, spec)
    return tuple(entry_view(entry) for entry in entries)


# -- a rotation's schedule --------------------------------------------------------------------

SHIFT_HEADINGS = ("Shift", "From", "To", "Held by", "Overlaps the next shift")


def rotation_view(model: RolesFile, role_id: str, start: date | None = None,
                  count: int | None = None) -> Schedule | None:
    """A rotation's schedule from `start`, `count` long: its shifts (dates, person, overlap
    with the next), or its slots; None for a role that does not rotate (the rules report
    it). It depends on roles.yaml and the options alone, never on the day of the build."""
    role = model.roles.get(role_id)
    if role is None or role.rotation is None:
        return None
    rotation = role.rotation
    if rotation.by_slot:
        return facts.slot_schedule(model, rotation, rotation.slots_from(start, count),
                                   f"Rotation of {role.name}: by slot")
    rows = []
    for shift in rotation.schedule(start, count):
        following = rotation.shift(shift.index + 1)
        handover: Line = (
            (f"{following.first} to {shift.last}, with ",
             facts.person_link(model, following.person)) if rotation.overlap else ("none",))
        rows.append(ScheduleRow((
            (str(shift.index + 1),), (str(shift.first),), (str(shift.last),),
            (facts.person_link(model, shift.person),), handover), shift.first, shift.last))
    return Schedule(f"Rotation of {role.name}: {facts.days(rotation.every)} per shift",
                    SHIFT_HEADINGS, tuple(rows))


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
        fields = tuple(Field(COLUMNS[column], cells[column]) for column in self.columns
                       if column not in ("name", "summary") and cells[column])
        if fields:
            body.append(Fields(fields, "hubroles-facts"))
        return RoleLink(row.role_id, row.name), tuple(body)


def table_view(model: RolesFile, spec: TableSpec) -> TableView:
    """The rows and columns a table shows; none when it has no role or no known column (the
    rules report either)."""
    rows = select_rows(model, spec)
    if not rows.roles or not rows.columns:
        return TableView(rows.columns, ())
    return TableView(rows.columns, tuple(
        TableRow(role_id, model.roles[role_id].name,
                 tuple(cell(model, model.roles[role_id], column) for column in rows.columns))
        for role_id in rows.roles))


def paragraph(line: Line | None) -> tuple[Block, ...]:
    return (Paragraph(line),) if line else ()


def cell(model: RolesFile, role: Role, column: str) -> tuple[Block, ...]:
    """What one column of a table shows of one role; nothing when the role leaves it unset."""
    if column == "name":  # a link to the role's card, or to its URL
        return paragraph((RoleLink(role.id, role.name),))
    if column in ("summary", "count", "filled-by", "defined-by"):
        return paragraph(myst_line(getattr(role, column.replace("-", "_"))))
    if column == "group":
        return paragraph(role.group and (model.groups[role.group].name,))
    if column in ("requirements", "responsibilities"):
        items = getattr(role, column)
        return (Items(items, f"hubroles-{column}"),) if items else ()
    if column == "status":
        content: Line = (STATUS_NAMES[role.status],)
        if role.replaced_by:
            content += ("; replaced by ", facts.role_link(model, role.replaced_by))
        return (Paragraph(content, f"hubroles-status-{role.status}"),)
    if column == "relations":
        return relation_lines(model, role.id)
    if column in ("holders", "former-holders"):  # as on the card: own, kinds', or rotation's
        label = "Held by" if column == "holders" else "Formerly held by"
        return paragraph(dict(facts.holder_lines(model, role)).get(label))
    if column == "rotation":
        return paragraph(role.rotation and facts.rotation_line(model, role.rotation))
    if column == "seats":
        return paragraph(role.seats and facts.seats_line(role.seats))
    if column == "team":
        return paragraph(role.team and facts.team_line(role.team))
    if column == "kind-of":
        return paragraph(role.kind_of and (facts.role_link(model, role.kind_of),))
    raise ValueError(f"unknown column {column!r}")
