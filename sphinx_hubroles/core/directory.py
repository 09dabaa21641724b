"""Who the team directory (`roles-people`) lists, and what it says of each person, from
roles.yaml and the directive's options; and the tables of the options of `roles-people` and
`roles-rotation` (core/options.py reads them). Pure Python: the build and
`sphinx-hubroles check` both ask it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import fields as F
from . import messages
from .choosing import known_ids
from .diagram.options import ON_OFF, choice, id_list, whole_number
from .model import Holder, Person, Role, RolesFile


def on_off(argument: str | None) -> bool:
    return choice(ON_OFF)(argument) == "on"


def iso_date(argument: str | None) -> date:
    try:
        return date.fromisoformat((argument or "").strip())
    except ValueError:
        raise ValueError("use a date such as 2026-12-02") from None


def flag(argument: str | None) -> bool:
    """An option written without a value, such as `:no-index:`."""
    if argument and argument.strip():
        raise ValueError("write it alone, without a value")
    return True


def positive_int(argument: str | None) -> int:
    return whole_number(argument, 1)


def schedule_start(argument: str | None) -> date:
    """`:from:` of roles-rotation, `--from` of export ics: a date, up to F.LATEST_START."""
    day = iso_date(argument)
    if day > F.LATEST_START:
        raise ValueError(messages.late_start(day))
    return day


def shift_count(argument: str | None) -> int:
    """`:shifts:` of roles-rotation, `--shifts` of export ics: up to F.MAX_SHIFTS."""
    count = positive_int(argument)
    if count > F.MAX_SHIFTS:
        raise ValueError(messages.too_many_shifts(count))
    return count


PEOPLE_OPTIONS: dict[str, Callable[[str | None], object]] = {
    "roles": id_list,
    "groups": id_list,
    "former": on_off,
    "no-index": flag,
}
ROTATION_OPTIONS: dict[str, Callable[[str | None], object]] = {
    "from": schedule_start,
    "shifts": shift_count,
}


@dataclass(frozen=True)
class DirectorySpec:
    """The options of `roles-people`, normalised and hashable."""

    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    former: bool = True  # list people who only held roles before
    # A secondary directory: it lists people without being their entry (links go to the
    # main directory), as Sphinx's `:no-index:` does for a secondary description.
    no_index: bool = False


def directory_spec(options: dict) -> DirectorySpec:
    """What the converted options of `roles-people` choose."""
    return DirectorySpec(options.get("roles", ()), options.get("groups", ()),
                         options.get("former", True), options.get("no-index", False))


@dataclass(frozen=True)
class Entry:
    person: Person
    holds: tuple[tuple[Role, Holder], ...]  # current holdings, in roles.yaml order
    held: tuple[tuple[Role, Holder], ...]  # former holdings
    pools: tuple[Role, ...]  # roles whose rotation the person takes turns in


def directory(model: RolesFile, spec: DirectorySpec) -> tuple[list[Entry], list[str]]:
    """The entries a directory shows, in the registry's order, and the problems with its
    options (as messages for the page)."""
    problems: list[str] = []
    known_ids("roles", "role", "roles-people", spec.roles, model.roles, problems)
    known_ids("groups", "group", "roles-people", spec.groups, model.groups, problems)
    if spec.roles or spec.groups:
        roles = [role for role in model.roles.values()
                 if role.id in spec.roles or role.group in spec.groups]
    else:
        roles = list(model.roles.values())
    entries = []
    for person in model.people.values():
        holds = tuple((role, h) for role in roles for h in role.current_holders
                      if h.person == person.id)
        held = tuple((role, h) for role in roles for h in role.former_holders
                     if h.person == person.id)
        pools = tuple(role for role in roles
                      if role.rotation is not None and person.id in role.rotation.pool)
        filtered = bool(spec.roles or spec.groups)
        if holds or pools or (spec.former and held) or (not filtered and not held):
            entries.append(Entry(person, holds, held if spec.former else (), pools))
    return entries, problems
