"""Who holds a role now, as every page, export and rule sees it, and the rules on holders.

- A role's current holders are its own holders without `until`; a role with none of its own
  is held by its kinds' holders (roles whose `kind-of` names it), or, for the body of a group,
  by its members' (the group's other roles), or by its rotation, which the reader's own clock
  turns into a person (pages never depend on the day of the build).
- A holding with `moved-to` or `moved-from` is one move between two roles: either holding may
  say it, both cards show it, and the rules check that the two holdings' dates meet.
- `seats` are checked against the current holders: how many, and how many per affiliation;
  not for a role that roles.yaml names nobody for, now or before (who holds it is kept
  elsewhere).

Pure Python: the build, `check` and the exports ask this module, so they agree.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from . import messages
from .model import Holder, Role, RolesFile


@dataclass(frozen=True)
class Holding:
    """One holding as pages show it: the holder, the role whose `holders` list it (the role
    itself, or one of its kinds), and the roles the person came from and went to."""

    role: str
    holder: Holder
    came_from: str | None = None
    went_to: str | None = None


@dataclass(frozen=True)
class Move:
    """A move written on a holding (`moved-to` or `moved-from`), and the holding of the other
    role that it leads to: the one whose date is nearest, if the person has one there."""

    person: str
    source: tuple[str, int]  # (role id, index in its holders) of the holding that left
    target: tuple[str, int] | None  # the holding that began, if found
    written_on: tuple[str, int]  # the holding whose field says it
    other_role: str  # the role the field names


def moves(model: RolesFile) -> list[Move]:
    """Every move of the file, in file order; a move written on both holdings once."""
    found: list[Move] = []
    pairs: set[tuple] = set()
    # Each role's holdings by person, found once: looking through the other role's every
    # holding for each move made a role of thousands of moves quadratic.
    holdings: dict[tuple[str, str], list[int]] = {}
    for role in model.roles.values():
        for index, holder in enumerate(role.holders):
            holdings.setdefault((role.id, holder.person), []).append(index)

    def nearest(role_id: str, person: str, day: date | None, after: bool) -> int | None:
        return _nearest(model.roles[role_id], holdings.get((role_id, person), ()), day, after)

    for role in model.roles.values():
        for index, holder in enumerate(role.holders):
            if holder.moved_to in model.roles:
                other = nearest(holder.moved_to, holder.person, holder.until, after=True)
                move = Move(holder.person, (role.id, index),
                            None if other is None else (holder.moved_to, other),
                            (role.id, index), holder.moved_to)
                found.append(move)
                pairs.add((move.source, move.target))
            if holder.moved_from in model.roles:
                other = nearest(holder.moved_from, holder.person, holder.since, after=False)
                source = None if other is None else (holder.moved_from, other)
                if (source, (role.id, index)) in pairs:
                    continue  # the other holding says it too
                found.append(Move(holder.person, source or (holder.moved_from, -1),
                                  (role.id, index), (role.id, index), holder.moved_from))
    return found


def _nearest(role: Role, indexes, day: date | None, after: bool) -> int | None:
    """Among `role`'s holdings at `indexes` (one person's), the index of the one that begins
    (after=True) or ends nearest to `day`, among those with that date; None if there is
    none."""
    best: tuple[int, int] | None = None
    for index in indexes:
        holder = role.holders[index]
        other = holder.since if after else holder.until
        if other is None or day is None:
            continue
        distance = abs((other - day).days)
        if best is None or distance < best[0]:
            best = (distance, index)
    return None if best is None else best[1]


def meets(until: date, since: date) -> bool:
    """Whether a holding ending on `until` and one beginning on `since` meet: the same day or
    the next."""
    return since - until in (timedelta(0), timedelta(days=1))


def move_links(model: RolesFile) -> dict[tuple[str, int], tuple[str | None, str | None]]:
    """(role id, holder index) -> (the role the person came from, the role they went to),
    for the holdings that a move concerns, whichever side writes it."""
    links: dict[tuple[str, int], list] = {}
    for move in moves(model):
        source_role = model.roles[move.source[0]] if move.source[1] >= 0 else None
        if source_role is not None:
            links.setdefault(move.source, [None, None])[1] = (
                move.target[0] if move.target else move.other_role)
        if move.target is not None:
            links.setdefault(move.target, [None, None])[0] = move.source[0]
    return {key: (value[0], value[1]) for key, value in links.items()}


class Tenure:
    """The holdings of one model, with the moves found once (a card asks for its role's)."""

    def __init__(self, model: RolesFile) -> None:
        self.model = model
        self.links = move_links(model)

    @cached_property
    def kind_tree(self) -> KindTree:
        return KindTree(self.model)

    def holding(self, role_id: str, index: int) -> Holding:
        holder = self.model.roles[role_id].holders[index]
        came_from, went_to = self.links.get((role_id, index), (None, None))
        return Holding(role_id, holder, came_from, went_to)

    def own(self, role_id: str, current: bool) -> list[Holding]:
        role = self.model.roles[role_id]
        return [self.holding(role_id, index) for index, holder in enumerate(role.holders)
                if holder.current == current]

    def current(self, role_id: str) -> list[Holding]:
        """The role's current holdings: its own; or, with none, its kinds'; or, for a body
        (a group's `role`), its members' (each person once, in file order)."""
        own = self.own(role_id, current=True)
        if own:
            return own
        result, seen = [], set()
        below = (self.kind_tree.held_below(role_id) if self.model.kinds(role_id)
                 else members_of(self.model, role_id))
        for kind in below:
            for holding in self.own(kind, current=True):
                if holding.holder.person not in seen:
                    seen.add(holding.holder.person)
                    result.append(holding)
        return result

    def former(self, role_id: str) -> list[Holding]:
        return self.own(role_id, current=False)

    def by_rotation(self, role_id: str) -> bool:
        """Whether the role's rotation holds it: it rotates and names no current holder."""
        return self.model.roles[role_id].rotation is not None and not self.current(role_id)

    def is_held(self, role_id: str) -> bool:
        return bool(self.current(role_id)) or self.by_rotation(role_id)

    def tracked(self, role_id: str) -> bool:
        """Whether roles.yaml says who holds the role, now or before: holders of its own, of
        its kinds or members, or a rotation. A role it names nobody for is not tracked there,
        and its `seats` are not checked."""
        model = self.model
        return self.kind_tree.tracked_below(role_id) or any(
            model.roles[other].holders or model.roles[other].rotation
            for other in (role_id, *members_of(model, role_id)))

    def count(self, role_id: str) -> int:
        """How many hold the role now: its current holders, or one at a time by rotation."""
        current = self.current(role_id)
        return len({h.holder.person for h in current}) or int(self.by_rotation(role_id))


class KindTree:
    """The roles in depth-first order of `kind-of` (each role followed by its kinds, at any
    depth), so that the kinds below a role are one stretch of that order: what a role's
    kinds hold is found by binary search, not by going down the kinds of every role (a chain
    of thousands of kinds, each card asking, was quadratic)."""

    def __init__(self, model: RolesFile) -> None:
        self.model = model
        self.start: dict[str, int] = {}
        self.end: dict[str, int] = {}
        order: list[str] = []
        for root in model.roles.values():
            if root.kind_of in model.roles:
                continue  # reached from the role it is a kind of
            stack = [(root.id, False)]
            while stack:
                role_id, leaving = stack.pop()
                if leaving:
                    self.end[role_id] = len(order)
                    continue
                self.start[role_id] = len(order)
                order.append(role_id)
                stack.append((role_id, True))
                stack.extend((kind.id, False) for kind in reversed(model.kinds(role_id)))
        roles = model.roles
        # Where in the order the roles with current holders of their own stand; and how many
        # roles with holders or a rotation come before each place.
        self.held = [place for place, role_id in enumerate(order)
                     if any(holder.current for holder in roles[role_id].holders)]
        self.order = order
        self.tracked = [0]
        for role_id in order:
            self.tracked.append(self.tracked[-1]
                                + bool(roles[role_id].holders or roles[role_id].rotation))

    def held_below(self, role_id: str) -> list[str]:
        """The kinds below `role_id`, at any depth, with current holders of their own, in
        file order."""
        if role_id not in self.start:  # in a cycle of kinds, which the loader refuses
            return [kind for kind in kinds_below(self.model, role_id)
                    if any(holder.current for holder in self.model.roles[kind].holders)]
        first = bisect_right(self.held, self.start[role_id])
        last = bisect_left(self.held, self.end[role_id])
        return sorted((self.order[place] for place in self.held[first:last]),
                      key=self.model.place)

    def tracked_below(self, role_id: str) -> bool:
        """Whether a kind below `role_id`, at any depth, has holders or a rotation."""
        if role_id not in self.start:
            return any(self.model.roles[kind].holders or self.model.roles[kind].rotation
                       for kind in kinds_below(self.model, role_id))
        return self.tracked[self.end[role_id]] - self.tracked[self.start[role_id] + 1] > 0


def tenure_of(model: RolesFile) -> Tenure:
    """The model's Tenure, made once: every card, table and rule asks. Kept in the model's
    own dictionary, as functools.cached_property keeps its values (the model is frozen)."""
    found = model.__dict__.get("_tenure")
    if found is None:
        found = model.__dict__["_tenure"] = Tenure(model)
    return found


def kinds_below(model: RolesFile, role_id: str) -> list[str]:
    """The roles that are a kind of `role_id`, and their kinds in turn, in file order."""
    found, frontier = {role_id: None}, [role_id]  # a dict: asking a list took n² for n kinds
    while frontier:
        below = [kind.id for parent in frontier for kind in model.kinds(parent)
                 if kind.id not in found]
        found.update(dict.fromkeys(below))
        frontier = below
    del found[role_id]
    return sorted(found, key=model.place)


def members_of(model: RolesFile, role_id: str) -> list[str]:
    """The other roles of the group that `role_id` stands for, retired ones left out."""
    group = model.body_of(role_id)
    if group is None:
        return []
    return [role.id for role in model.members(group.id)
            if role.id != role_id and not role.retired]


def affiliation(model: RolesFile, holder: Holder) -> str | None:
    """The affiliation a holding counts for: its own, or its person's."""
    if holder.affiliation:
        return holder.affiliation
    person = model.people.get(holder.person)
    return person.affiliation if person else None


# -- the rules ---------------------------------------------------------------------------------


def seat_problems(model: RolesFile, tenure: Tenure | None = None) -> list[tuple[int, str]]:
    """(roles.yaml line, message) for each role whose current holders break its `seats`."""
    tenure = tenure or Tenure(model)
    found = []
    for role in model.roles.values():
        seats = role.seats
        if seats is None or role.retired or not tenure.tracked(role.id):
            continue
        count = tenure.count(role.id)
        if seats.min is not None and count < seats.min:
            found.append((seats.line, messages.too_few_holders(role.id, count, seats.min)))
        if seats.max is not None and count > seats.max:
            found.append((seats.line, messages.too_many_holders(role.id, count, seats.max)))
        cap = seats.affiliation_cap(count)
        if cap is None:
            continue
        by_affiliation: dict[str, list[str]] = {}
        for holding in tenure.current(role.id):
            where = affiliation(model, holding.holder)
            if where is not None:
                by_affiliation.setdefault(where, []).append(holding.holder.person)
        for where, people in by_affiliation.items():
            if len(people) > cap:
                share = None if isinstance(seats.per_affiliation, int) else seats.per_affiliation
                found.append((seats.line, messages.affiliation_over_cap(
                    role.id, count, where, people, cap, share)))
    return found


def move_problems(model: RolesFile) -> list[tuple[int, str]]:
    """(roles.yaml line, message) for each move whose two holdings' dates do not meet, or
    whose other holding is missing."""
    found = []
    for move in moves(model):
        role_id, index = move.written_on
        line = model.roles[role_id].holders[index].line
        person = move.person
        if move.target is None:  # moved-to: no holding of the person on the other role
            until = model.roles[role_id].holders[index].until
            found.append((line, messages.move_without_arrival(person, role_id,
                                                              move.other_role, until)))
            continue
        if move.source[1] < 0:  # moved-from: no holding of the person on the other role
            since = model.roles[role_id].holders[index].since
            found.append((line, messages.move_without_departure(person, role_id,
                                                                move.other_role, since)))
            continue
        left = model.roles[move.source[0]].holders[move.source[1]]
        began = model.roles[move.target[0]].holders[move.target[1]]
        if not meets(left.until, began.since):
            other = began if move.written_on == move.source else left
            found.append((line, messages.move_dates_apart(
                person, move.source[0], move.target[0], left.until, other.line, began.since)))
    return found
