"""Reading the people of roles.yaml: the `people` registry, each role's `holders` and
`rotation`, with every problem at its line. A part of the loader (loader.py), kept apart
because it is one subject: who holds what."""

from __future__ import annotations

import re
from datetime import date, datetime

from . import fields as F
from . import messages
from .model import Holder, Person, Rotation, Seats, Slot
from .problems import shown
from .yamlsource import NULL, STR, YMap, YScalar, YValue

GITHUB_RE = re.compile(F.GITHUB_PATTERN)
TEAM_RE = re.compile(f"({F.GITHUB_PATTERN})/({F.TEAM_SLUG_PATTERN})")
OWNERS_ALIAS_RE = re.compile(F.OWNERS_ALIAS_PATTERN)
SHARE_RE = re.compile(F.SHARE_PATTERN)
TIMESTAMP = "tag:yaml.org,2002:timestamp"
INT = "tag:yaml.org,2002:int"


class PeopleFields:
    """Methods of the loader's validator (loader._Validator) for people. They use its helpers
    (`problems`, `name`, `text`, `seq`, `mapping_fields`, `did_you_mean`...)."""

    def people(self, value) -> dict[str, Person]:
        """The registry, and a problem for each GitHub handle given to two people."""
        result: dict[str, Person] = {}
        handles: dict[str, tuple[str, int]] = {}
        for person_id, line, node in self.id_mapping(value, "'people'"):
            what = f"person '{person_id}'"
            if not self.is_mapping(node, what):
                continue
            known = self.mapping_fields(node, F.PERSON_FIELDS, what, line)
            name = self.name(known["name"][1], f"'name' of {what}") if "name" in known else None
            github = self.github(known["github"], what) if "github" in known else None
            url = self.web_url(known["url"][1], f"'url' of {what}") if "url" in known else None
            affiliation = (self.name(known["affiliation"][1], f"'affiliation' of {what}")
                           if "affiliation" in known else None)
            if github is not None:
                other = handles.setdefault(github.lower(), (person_id, known["github"][0]))
                if other[0] != person_id:
                    self.problems.at(known["github"][0], f"{what} has the GitHub handle "
                                     f"'{github}', which person '{other[0]}' has too (line "
                                     f"{other[1]}); handles ignore case")
            if name is not None:
                result[person_id] = Person(person_id, name, line, github, url, affiliation)
        return result

    def github(self, item: tuple[int, YValue], what: str) -> str | None:
        handle = self.name(item[1], f"'github' of {what}")
        if handle is None:
            return None
        if not GITHUB_RE.fullmatch(handle.removeprefix("@")):
            self.problems.at(item[0], f"'github' of {what} is not a GitHub user name: "
                             f"'{shown(handle)}'; use letters, digits and single '-' between "
                             "them, 39 at most")
            return None
        return handle.removeprefix("@")

    # -- holders and rotations of a role -----------------------------------------------------

    def holders(self, node: YMap, what: str) -> tuple[Holder, ...]:
        if "holders" not in node.items:
            return ()
        label = f"'holders' of {what}"
        result = []
        for item in self.seq(node.items["holders"][1], label):
            holder = self.holder(item, f"a holder of {what}")
            if holder is not None:
                result.append(holder)
        self.no_overlapping_holdings(result, what)
        return tuple(result)

    def holder(self, item: YValue, what: str) -> Holder | None:
        if isinstance(item, YScalar):
            person = self.person_id(item, what)
            return Holder(person, item.line) if person else None
        if not self.is_mapping(item, what):
            return None
        known = self.mapping_fields(item, F.HOLDER_FIELDS, what, item.line)
        person = self.person_id(known["person"][1], what) if "person" in known else None
        since = self.date(known["since"], f"'since' of {what}") if "since" in known else None
        until = self.date(known["until"], f"'until' of {what}") if "until" in known else None
        note = (self.text(known["note"][1], f"'note' of {what}", block=False)
                if "note" in known else None)
        affiliation = (self.name(known["affiliation"][1], f"'affiliation' of {what}")
                       if "affiliation" in known else None)
        moves = {key: self.move(known, key, what, since, until)
                 for key in ("moved-to", "moved-from") if key in known}
        if ("since" in known and since is None) or ("until" in known and until is None):
            return None  # reported: a holding without its dates would overlap others
        if since and until and until < since:
            self.problems.at(known["until"][0], f"'until' of {what} ({until}) is before its "
                             f"'since' ({since})")
            return None
        return Holder(person, item.line, since, until, note, affiliation,
                      moves.get("moved-to"), moves.get("moved-from")) if person else None

    def move(self, known: dict, key: str, what: str, since, until) -> str | None:
        """'moved-to' or 'moved-from' of a holding: a role id (checked once every role is
        known), on a holding with the date it names: its 'until' or its 'since'."""
        line, node = known[key]
        target = self.name(node, f"'{key}' of {what}")
        if target is None:
            return None
        date_key = "until" if key == "moved-to" else "since"
        if date_key not in known:
            self.problems.at(line, f"'{key}' of {what} needs '{date_key}', the day the "
                             f"person {'left' if key == 'moved-to' else 'arrived'}")
            return None
        self.pending_moves.append((target, line, f"'{key}' of {what}", what))
        return target

    def no_overlapping_holdings(self, holders: list[Holder], what: str) -> None:
        """One person, one role: two holdings of it must not share a day."""
        for index, later in enumerate(holders):
            for earlier in holders[:index]:
                if earlier.person == later.person and overlap(earlier, later):
                    self.problems.at(later.line, f"person '{later.person}' holds {what} twice "
                                     f"at overlapping dates (also at line {earlier.line})")
                    break

    def rotation(self, node: YMap, what: str) -> Rotation | None:
        if "rotation" not in node.items:
            return None
        line, value = node.items["rotation"]
        label = f"'rotation' of {what}"
        if not self.is_mapping(value, label):
            return None
        known = self.mapping_fields(value, F.ROTATION_FIELDS, label, line)
        if "slots" in known:
            return self.slot_rotation(known, label, line)
        for key in ("pool", "every", "start"):
            if key not in known:  # required, unless the rotation is by slot
                self.problems.at(line, f"{label} has no '{key}', which is required (or "
                                 "'slots', for a rotation by slot)")
        pool = self.pool(known["pool"], label) if "pool" in known else []
        every = self.days(known["every"], f"'every' of {label}", 1) if "every" in known else None
        start = self.start(known["start"], f"'start' of {label}") if "start" in known else None
        overlap_days = (self.days(known["overlap"], f"'overlap' of {label}", 0)
                        if "overlap" in known else 0)
        if every is not None and overlap_days is not None and overlap_days >= every:
            self.problems.at(known["overlap"][0], f"'overlap' of {label} ({overlap_days} days) "
                             f"must be shorter than 'every' ({every} days)")
            return None
        if not pool or every is None or start is None or overlap_days is None:
            return None
        return Rotation(tuple(pool), every, start, line, overlap_days)

    def slot_rotation(self, known: dict, label: str, line: int) -> Rotation | None:
        """A rotation by slot: 'slots' alone, in date order."""
        for key in ("pool", "every", "start", "overlap"):
            if key in known:
                self.problems.at(known[key][0], f"{label} has 'slots', so it has no '{key}': "
                                 "a rotation has 'pool', 'every' and 'start', or 'slots'")
        items = self.seq(known["slots"][1], f"'slots' of {label}")
        if not items and not self.problems.full:
            self.problems.at(known["slots"][0], f"'slots' of {label} is empty; name each turn "
                             "with its date")
        if len(items) > F.MAX_SHIFTS:  # a schedule shows every slot: as long as it may be
            self.problems.at(known["slots"][0], f"'slots' of {label}: "
                             + messages.too_many_slots(len(items)))
            return None
        slots = []
        for item in items:
            slot = self.slot(item, f"a slot of {label}")
            if slot is None:
                continue
            if slots and slot.date < slots[-1].date:
                self.problems.at(slot.line, f"a slot of {label} on {slot.date} comes after the "
                                 f"slot on {slots[-1].date} (line {slots[-1].line}); keep the "
                                 "slots in date order")
            slots.append(slot)
        if not slots or len(slots) != len(items):
            return None
        pool = tuple(dict.fromkeys(person for slot in slots
                                   for person in (*([slot.person] if slot.person else []),
                                                  *slot.people)))
        return Rotation(pool, 0, slots[0].date, line, 0, tuple(slots))

    def slot(self, item: YValue, what: str) -> Slot | None:
        if not self.is_mapping(item, what):
            return None
        known = self.mapping_fields(item, F.SLOT_FIELDS, what, item.line)
        # A slot's days are a schedule's, within the same bounds as a rotation's start.
        day = self.start(known["date"], f"'date' of {what}") if "date" in known else None
        until = self.start(known["until"], f"'until' of {what}") if "until" in known else None
        person = (self.person_id(known["person"][1], f"'person' of {what}")
                  if "person" in known else None)
        organization = (self.name(known["organization"][1], f"'organization' of {what}")
                        if "organization" in known else None)
        people: list[str] = []
        if "people" in known:
            entries = self.seq(known["people"][1], f"'people' of {what}")
            people = [p for p in (self.person_id(entry, f"'people' of {what}")
                                  for entry in entries) if p]
            if "organization" not in known:
                self.problems.at(known["people"][0], f"{what} has 'people' but no "
                                 "'organization'; 'people' are the organization's")
        if "person" not in known and "organization" not in known:
            self.problems.at(item.line, f"{what} has neither 'person' nor 'organization'; "
                             "name who holds it")
        if person and people and person not in people:
            self.problems.at(known["person"][0], f"'person' of {what}, '{person}', is not "
                             "one of its 'people'; add them there, or name one of them")
        note = (self.text(known["note"][1], f"'note' of {what}", block=False)
                if "note" in known else None)
        if day and until and until < day:
            self.problems.at(known["until"][0], f"'until' of {what} ({until}) is before its "
                             f"'date' ({day})")
            return None
        if day is None or (person is None and organization is None):
            return None
        return Slot(day, item.line, until, person, organization, tuple(people), note)

    # -- seats, team and owners alias of a role ----------------------------------------------

    def seats(self, node: YMap, what: str) -> Seats | None:
        if "seats" not in node.items:
            return None
        line, value = node.items["seats"]
        label = f"'seats' of {what}"
        if not self.is_mapping(value, label):
            return None
        known = self.mapping_fields(value, F.SEATS_FIELDS, label, line)
        low = self.count(known["min"], f"'min' of {label}", 0) \
            if "min" in known else None
        high = self.count(known["max"], f"'max' of {label}", 1) \
            if "max" in known else None
        cap = self.share(known["per-affiliation"], f"'per-affiliation' of {label}") \
            if "per-affiliation" in known else None
        if low is not None and high is not None and high < low:
            self.problems.at(known["max"][0], f"'max' of {label} ({high}) is below its 'min' "
                             f"({low})")
            return None
        if not known:
            self.problems.at(line, f"{label} is empty; give it 'min', 'max' or "
                             "'per-affiliation'")
        if any(key in known and value is None for key, value in
               (("min", low), ("max", high), ("per-affiliation", cap))):
            return None
        return Seats(line, low, high, cap) if known else None

    def share(self, item: tuple[int, YValue], what: str) -> int | str | None:
        """A whole number of 1 or more, or a share 'n/m' of at most 1."""
        line, node = item
        if isinstance(node, YScalar) and node.tag == STR:
            match = SHARE_RE.fullmatch(node.value.strip())
            if match and int(match.group(1)) <= int(match.group(2)):
                return node.value.strip()
        elif isinstance(node, YScalar) and node.tag == INT:
            return self.count(item, what, 1)
        self.problems.at(line, f"{what} must be a whole number, 1 or more, or a share of the "
                         f"holders such as 1/4, not {describe_value(node)}")
        return None

    def team(self, node: YMap, what: str) -> str | None:
        if "team" not in node.items:
            return None
        line, value = node.items["team"]
        team = self.name(value, f"'team' of {what}")
        if team is None:
            return None
        if not TEAM_RE.fullmatch(team.removeprefix("@")):
            self.problems.at(line, f"'team' of {what} is not a GitHub team: '{shown(team)}'; "
                             "write it as @org/team-name")
            return None
        return team.removeprefix("@")

    def owners_alias(self, node: YMap, what: str) -> str | bool | None:
        if "owners-alias" not in node.items:
            return None
        line, value = node.items["owners-alias"]
        label = f"'owners-alias' of {what}"
        if isinstance(value, YScalar) and value.tag == "tag:yaml.org,2002:bool":
            if value.value.lower() in ("false", "no", "off", "n"):
                return False
            self.problems.at(line, f"{label} is true; give the alias's name, or false to leave "
                             "the role out of the owners export")
            return None
        alias = self.name(value, label)
        if alias is None:
            return None
        if not OWNERS_ALIAS_RE.fullmatch(alias):
            self.problems.at(line, f"{label} is '{shown(alias)}'; use letters, digits, '-' "
                             "and '_', starting with a letter or digit, or false")
            return None
        return alias

    def pool(self, item: tuple[int, YValue], label: str) -> list[str]:
        """The people of a pool, each once: a person listed twice is a problem at the second
        listing."""
        items = self.seq(item[1], f"'pool' of {label}")
        if not items and not self.problems.full:
            self.problems.at(item[0], f"'pool' of {label} is empty; name the people who take "
                             "turns")
        lines: dict[str, int] = {}
        for node in items:
            person = self.person_id(node, f"the pool of {label}")
            if person is None:
                continue
            if person in lines:
                first = f" (also at line {lines[person]})" if lines[person] != node.line else ""
                self.problems.at(node.line, f"the pool of {label} lists person '{person}' "
                                 f"twice{first}; name each person once")
                continue
            lines[person] = node.line
        return list(lines)

    # -- values ------------------------------------------------------------------------------

    def person_id(self, node: YValue, what: str) -> str | None:
        person = self.name(node, what)
        if person is None:
            return None
        if person not in self.declared["people"]:
            self.problems.at(node.line, f"{what} names '{shown(person)}', which is not a person "
                             "under 'people'" + self.did_you_mean(person, self.declared["people"]))
            return None
        return person if person in self.people_read else None

    def date(self, item: tuple[int, YValue], what: str) -> date | None:
        """An ISO date, whether YAML read it as a date (unquoted) or as text (quoted)."""
        line, node = item
        if isinstance(node, YScalar) and node.tag in (STR, TIMESTAMP):
            try:
                return date.fromisoformat(node.value.strip())
            except ValueError:
                pass
            try:  # YAML's timestamps may carry a time: a day is wanted, said plainly
                datetime.fromisoformat(node.value.strip())
                reason = "has a time of day; give the day alone"
            except ValueError:
                reason = "is not a date"
            self.problems.at(line, f"{what} {reason}: '{shown(node.value)}'; write it as "
                             "2026-01-07")
            return None
        self.problems.at(line, f"{what} must be a date such as 2026-01-07, not "
                         f"{describe_value(node)}")
        return None

    def start(self, item: tuple[int, YValue], what: str) -> date | None:
        """A rotation's start, or a slot's day: a date, up to F.LATEST_START."""
        day = self.date(item, what)
        if day is not None and day > F.LATEST_START:
            self.problems.at(item[0], f"{what}: {messages.late_start(day)}")
            return None
        return day

    def days(self, item: tuple[int, YValue], what: str, minimum: int) -> int | None:
        """A whole number of days, from `minimum` up to F.MAX_SHIFT_DAYS."""
        number = whole_number(item[1])
        if number is not None and minimum <= number <= F.MAX_SHIFT_DAYS:
            return number
        self.problems.at(item[0], f"{what} must be a whole number of days, "
                         f"{'at least 1' if minimum else '0 or more'} and at most "
                         f"{F.MAX_SHIFT_DAYS:,}, not {describe_value(item[1])}")
        return None

    def count(self, item: tuple[int, YValue], what: str, minimum: int) -> int | None:
        """A whole number of people, `minimum` or more (seats)."""
        number = whole_number(item[1])
        if number is not None and number >= minimum:
            return number
        self.problems.at(item[0], f"{what} must be a whole number, "
                         f"{'at least 1' if minimum else '0 or more'}, not "
                         f"{describe_value(item[1])}")
        return None


def whole_number(node: YValue) -> int | None:
    """An integer as YAML wrote it (1_000, 0x10), or None."""
    if isinstance(node, YScalar) and node.tag == INT:
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return None
    return None


def overlap(a: Holder, b: Holder) -> bool:
    """Whether two holdings share a day; an open end runs for ever."""
    start = max(a.since or date.min, b.since or date.min)
    end = min(a.until or date.max, b.until or date.max)
    return start <= end


def describe_value(node: YValue) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YScalar):
        return "empty (null)" if node.tag == NULL and not node.value.strip("~") else \
            f"`{shown(node.value)}`"
    return "a list"
