"""What cards, tables, schedules and references say about who holds a role, in the parts of
viewparts.py (text, links to roles, people, URLs and schedules, MyST texts). Pure Python: the
words are decided here, once, for every engine.

- holder_lines: a card's or a table's "Held by", "Formerly held by";
- rotation_line and slot_schedule: a rotation, in a sentence or as its table of slots;
- seats_line, team_line, members_line: the other facts of a card;
- inline_holders: what `{role-holders}` says on a page.
"""

from __future__ import annotations

from datetime import date

from .model import Role, RolesFile, Rotation, Seats
from .tenure import Holding, tenure_of
from .viewparts import (
    Inline,
    Line,
    Myst,
    PersonLink,
    RoleLink,
    Schedule,
    ScheduleLink,
    ScheduleRow,
    WebLink,
    joined,
    separated,
)


def person_link(model: RolesFile, person_id: str) -> PersonLink:
    return PersonLink(person_id, model.people[person_id].name)


def role_link(model: RolesFile, role_id: str) -> RoleLink:
    return RoleLink(role_id, model.roles[role_id].name)


def dates(since: date | None, until: date | None) -> str:
    """'since 2024-03-01', '2024-03-01 to 2025-06-30', 'until 2025-06-30', or ''."""
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


def days(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


def holding_line(model: RolesFile, holding: Holding) -> list[Inline]:
    """'Dee Marsh (2024-03-01 to 2025-06-30; for Example Org; then Emeritus; interim)': the
    person, then the dates, the holding's own affiliation, the roles the person came from and
    went to, and the note."""
    holder = holding.holder
    details: list[list[Inline]] = []
    if dates(holder.since, holder.until):
        details.append([dates(holder.since, holder.until)])
    if holder.affiliation:
        details.append([f"for {holder.affiliation}"])
    if holding.came_from:
        details.append(["from ", role_link(model, holding.came_from)])
    if holding.went_to:
        details.append(["then ", role_link(model, holding.went_to)])
    if holder.note is not None:
        details.append([Myst(holder.note)])
    line: list[Inline] = [person_link(model, holder.person)]
    if details:
        line += [" (", *separated(details, "; "), ")"]
    return line


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
        result.append(("Held by", tuple(joined([holding_line(model, h) for h in current]))))
    elif tenure.by_rotation(role.id):
        result.append(("Held by", ("in turn, by its rotation (",
                                   ScheduleLink(role.id, "schedule"), ")")))
    former = tenure.former(role.id)
    if former:
        result.append(("Formerly held by", tuple(joined([holding_line(model, h)
                                                          for h in former]))))
    return result


def held_through(model: RolesFile, holdings: list[Holding]) -> Line:
    """'Voting member: Ada Quill, Bo Reyes; Regular member: Cy Tan': the holders of a role's
    kinds or members, by the role they hold (their dates are on that role's card)."""
    by_role: dict[str, list[str]] = {}
    for holding in holdings:
        by_role.setdefault(holding.role, []).append(holding.holder.person)
    return tuple(separated([[role_link(model, role_id), ": ",
                             *joined([[person_link(model, p)] for p in people])]
                            for role_id, people in by_role.items()], "; "))


def rotation_line(model: RolesFile, rotation: Rotation) -> Line:
    """'every 14 days among Ada Quill, Bo Reyes and Cy Tan, from 2026-01-07; each shift
    overlaps the next by 7 days', or 'by slot: 3 slots, 2026-02-03 to 2026-06-02' (the card
    shows the slots in a table)."""
    if rotation.by_slot:
        count = len(rotation.slots)
        first, last = rotation.slots[0].date, rotation.slots[-1].date
        span = f"on {first}" if count == 1 else f"from {first} to {last}"
        return (f"by slot: {count} slot{'s' * (count != 1)}, {span}",)
    line: list[Inline] = [f"every {days(rotation.every)} among "]
    line += joined([[person_link(model, person)] for person in rotation.pool], " and ")
    line.append(f", from {rotation.start}")
    if rotation.overlap:
        line.append(f"; each shift overlaps the next by {days(rotation.overlap)}")
    return tuple(line)


SLOT_HEADINGS = ("Slot", "From", "To", "Organization", "Held by", "Note")
# The columns shown only when a slot of the rotation fills them, with the Slot field.
OPTIONAL_SLOT_COLUMNS = {"Organization": "organization", "Note": "note"}


def slot_schedule(model: RolesFile, rotation: Rotation, indexes: list[int],
                  title: str) -> Schedule:
    """A rotation's slots as a table, numbered from 1 as the schedule of shifts is. The
    Organization and Note columns are left out when no slot of the rotation has one."""
    rows = []
    for index in indexes:
        slot = rotation.slots[index]
        first, last = rotation.slot_days(index)
        holder: list[Inline] = ([person_link(model, slot.person)] if slot.person else
                                ["one of ", *joined([[person_link(model, p)]
                                                     for p in slot.people], " or ")]
                                if slot.people else ["not named yet"])
        cells: tuple[Line, ...] = (
            (str(index + 1),), (str(first),), (str(last) if last else "until the next slot",),
            (slot.organization or "",), tuple(holder), (Myst(slot.note),) if slot.note else ())
        rows.append((cells, first, last))
    kept = [index for index, heading in enumerate(SLOT_HEADINGS)
            if heading not in OPTIONAL_SLOT_COLUMNS
            or any(getattr(slot, OPTIONAL_SLOT_COLUMNS[heading]) for slot in rotation.slots)]
    return Schedule(title, tuple(SLOT_HEADINGS[index] for index in kept),
                    tuple(ScheduleRow(tuple(cells[index] for index in kept), first, last)
                          for cells, first, last in rows), slots=True)


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
    return (text,)


def team_url(team: str) -> str:
    org, slug = team.split("/", 1)
    return f"https://github.com/orgs/{org}/teams/{slug}"


def team_line(team: str) -> Line:
    return (WebLink(team_url(team), f"@{team}"),)


def members_line(model: RolesFile, role: Role) -> Line | None:
    """The body's members: the other roles of the group it stands for."""
    group = model.body_of(role.id)
    if group is None:
        return None
    members = [r for r in model.members(group.id) if r.id != role.id and not r.retired]
    if not members:
        return None
    return tuple(joined([[role_link(model, member.id)] for member in members]))


def inline_holders(model: RolesFile, role_id: str) -> Line:
    """What `{role-holders}` shows: 'Ada Quill and Bo Reyes'; for a role held by its
    rotation, 'the Support Steward rotation (schedule)'; nothing for a role held by nobody
    (the rules warn)."""
    role, tenure = model.roles[role_id], tenure_of(model)
    current = tenure.current(role_id)
    if current:
        return tuple(joined([[person_link(model, h.holder.person)] for h in current], " and "))
    if tenure.by_rotation(role_id):
        return (f"the {role.name} rotation (", ScheduleLink(role_id, "schedule"), ")")
    return ()


def shown_holders(model: RolesFile, role_id: str) -> tuple[Line, bool]:
    """What `{role-holders}` shows of a role, and whether that names its holders: else the
    role's name (the rules warn about a role held by nobody, or retired)."""
    line = inline_holders(model, role_id)
    return (line, True) if line else ((model.roles[role_id].name,), False)
