"""What cards, tables and references say about who holds a role, as data: lines of runs
(text, a link to a role, a person, a URL or a schedule, MyST to render) that each engine turns
into its own nodes (ext/links.py in Sphinx). Pure Python: the words are decided here, once.

- holder_lines: a card's or a table's "Held by", "Formerly held by";
- rotation_lines and slot_table: a rotation, in a sentence or as its table of slots;
- seats_line, team_line, members_line: the other new facts of a card;
- inline_holders: what `{role-holders}` says on a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Role, RolesFile, Rotation, Seats, Text
from .tenure import Holding, tenure_of


@dataclass(frozen=True)
class Run:
    """A piece of a line. With `role`, `person`, `url` or `schedule`, a link showing `text`
    (to the role's card, the person's directory entry, the URL, the role's schedule); with
    `myst`, MyST text rendered inline; else `text` as is."""

    text: str = ""
    role: str | None = None
    person: str | None = None
    url: str | None = None
    schedule: str | None = None
    myst: Text | None = None


Line = tuple[Run, ...]


def person_run(model: RolesFile, person_id: str) -> Run:
    return Run(model.people[person_id].name, person=person_id)


def role_run(model: RolesFile, role_id: str) -> Run:
    return Run(model.roles[role_id].name, role=role_id)


def dates(since: date | None, until: date | None) -> str:
    """'since 2024-03-01', '2024-03-01 to 2025-06-30', 'until 2025-06-30', or ''."""
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


def joined(parts: list[list[Run]], last: str = ", ") -> list[Run]:
    """Parts separated by ', ', the last by `last` (' and ' for a sentence)."""
    result: list[Run] = []
    for index, part in enumerate(parts):
        if index:
            result.append(Run(last if index == len(parts) - 1 else ", "))
        result += part
    return result



def holding_runs(model: RolesFile, holding: Holding) -> list[Run]:
    """'Dee Marsh (2024-03-01 to 2025-06-30; for Example Org; then Emeritus; interim)': the
    person, then the dates, the holding's own affiliation, the roles the person came from and
    went to, and the note."""
    holder = holding.holder
    details: list[list[Run]] = []
    if dates(holder.since, holder.until):
        details.append([Run(dates(holder.since, holder.until))])
    if holder.affiliation:
        details.append([Run(f"for {holder.affiliation}")])
    if holding.came_from:
        details.append([Run("from "), role_run(model, holding.came_from)])
    if holding.went_to:
        details.append([Run("then "), role_run(model, holding.went_to)])
    if holder.note is not None:
        details.append([Run(myst=holder.note)])
    runs = [person_run(model, holder.person)]
    if details:
        runs += [Run(" ("), *separated(details, "; "), Run(")")]
    return runs


def separated(parts: list[list[Run]], separator: str) -> list[Run]:
    result: list[Run] = []
    for index, part in enumerate(parts):
        result += [Run(separator)] if index else []
        result += part
    return result


def holder_lines(model: RolesFile, role: Role) -> list[tuple[str, Line]]:
    """(label, line) of a card's "Held by" and "Formerly held by": its own holders; or its
    kinds' or members', by the role they hold; or, while it rotates with no holder named,
    its rotation ("in turn, by its rotation (schedule)")."""
    result = []
    tenure = tenure_of(model)
    current = tenure.current(role.id)
    if current and current[0].role != role.id:  # its kinds' or members' holders
        result.append(("Held by", held_through(model, current)))
    elif current:
        result.append(("Held by", tuple(joined([holding_runs(model, h) for h in current]))))
    elif tenure.by_rotation(role.id):
        result.append(("Held by", (Run("in turn, by its rotation ("),
                                   Run("schedule", schedule=role.id), Run(")"))))
    former = tenure.former(role.id)
    if former:
        result.append(("Formerly held by", tuple(joined([holding_runs(model, h)
                                                          for h in former]))))
    return result


def held_through(model: RolesFile, holdings: list[Holding]) -> Line:
    """'Voting member: Ada Quill, Bo Reyes; Regular member: Cy Tan': the holders of a role's
    kinds or members, by the role they hold (their dates are on that role's card)."""
    by_role: dict[str, list[str]] = {}
    for holding in holdings:
        by_role.setdefault(holding.role, []).append(holding.holder.person)
    return tuple(separated([[role_run(model, role_id), Run(": "),
                             *joined([[person_run(model, p)] for p in people])]
                            for role_id, people in by_role.items()], "; "))


def rotation_lines(model: RolesFile, rotation: Rotation) -> Line:
    """'every 14 days among Ada Quill, Bo Reyes and Cy Tan, from 2026-01-07; each shift
    overlaps the next by 7 days', or 'by slot: 3 slots, 2026-02-03 to 2026-06-02' (the card
    shows the slots in a table)."""
    if rotation.by_slot:
        count = len(rotation.slots)
        first, last = rotation.slots[0].date, rotation.slots[-1].date
        span = f"on {first}" if count == 1 else f"from {first} to {last}"
        return (Run(f"by slot: {count} slot{'s' * (count != 1)}, {span}"),)
    runs = [Run(f"every {days(rotation.every)} among ")]
    runs += joined([[person_run(model, person)] for person in rotation.pool], " and ")
    runs.append(Run(f", from {rotation.start}"))
    if rotation.overlap:
        runs.append(Run(f"; each shift overlaps the next by {days(rotation.overlap)}"))
    return tuple(runs)


def days(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


@dataclass(frozen=True)
class SlotTable:
    """A rotation's slots as a table: one row per slot, each cell a line, and each row's
    first and last day (None: until another slot is added), for the reader's clock to mark
    the current one."""

    headings: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]
    days: tuple[tuple[date, date | None], ...]


SLOT_HEADINGS = ("Slot", "From", "To", "Organization", "Held by", "Note")
# The columns shown only when a slot of the rotation fills them, with the Slot field.
OPTIONAL_SLOT_COLUMNS = {"Organization": "organization", "Note": "note"}


def slot_table(model: RolesFile, rotation: Rotation, indexes: list[int]) -> SlotTable:
    """Slots numbered from 1, as the schedule of shifts is. The Organization and Note columns
    are left out when no slot of the rotation has one."""
    rows, spans = [], []
    for index in indexes:
        slot = rotation.slots[index]
        first, last = rotation.slot_days(index)
        holder: list[Run] = ([person_run(model, slot.person)] if slot.person else
                             [Run("one of ")] + joined([[person_run(model, p)]
                                                        for p in slot.people], " or ")
                             if slot.people else [Run("not named yet")])
        rows.append(((Run(str(index + 1)),), (Run(str(first)),),
                     (Run(str(last) if last else "until the next slot"),),
                     (Run(slot.organization or ""),), tuple(holder),
                     (Run(myst=slot.note),) if slot.note else ()))
        spans.append((first, last))
    kept = [index for index, heading in enumerate(SLOT_HEADINGS)
            if heading not in OPTIONAL_SLOT_COLUMNS
            or any(getattr(slot, OPTIONAL_SLOT_COLUMNS[heading]) for slot in rotation.slots)]
    return SlotTable(tuple(SLOT_HEADINGS[index] for index in kept),
                     tuple(tuple(row[index] for index in kept) for row in rows), tuple(spans))


def seats_line(seats: Seats) -> Line:
    """'at least 4, at most 9; at most 2 per affiliation'."""
    counts = []
    if seats.min is not None and seats.min == seats.max:
        counts.append(f"exactly {seats.min}")
    else:
        if seats.min is not None:
            counts.append(f"at least {seats.min}")
        if seats.max is not None:
            counts.append(f"at most {seats.max}")
    text = ", ".join(counts)
    if seats.per_affiliation is not None:
        cap = (f"{seats.per_affiliation}" if isinstance(seats.per_affiliation, int)
               else f"{seats.per_affiliation} of the holders")
        text += ("; " if text else "") + f"at most {cap} per affiliation"
    return (Run(text),)


def team_url(team: str) -> str:
    org, slug = team.split("/", 1)
    return f"https://github.com/orgs/{org}/teams/{slug}"


def team_line(team: str) -> Line:
    return (Run(f"@{team}", url=team_url(team)),)


def members_line(model: RolesFile, role: Role) -> Line | None:
    """The body's members: the other roles of the group it stands for."""
    group = model.body_of(role.id)
    if group is None:
        return None
    members = [r for r in model.members(group.id) if r.id != role.id and not r.retired]
    if not members:
        return None
    return tuple(joined([[role_run(model, member.id)] for member in members]))


def inline_holders(model: RolesFile, role_id: str) -> Line:
    """What `{role-holders}` shows: 'Ada Quill and Bo Reyes'; for a role held by its
    rotation, 'the Support Steward rotation (schedule)'; nothing for a role held by nobody
    (the rules warn)."""
    role, tenure = model.roles[role_id], tenure_of(model)
    current = tenure.current(role_id)
    if current:
        return tuple(joined([[person_run(model, h.holder.person)] for h in current], " and "))
    if tenure.by_rotation(role_id):
        return (Run(f"the {role.name} rotation ("), Run("schedule", schedule=role_id), Run(")"))
    return ()
