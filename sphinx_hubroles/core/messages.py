"""The words of the problems that rules.py finds, and of the bounds of a rotation's schedule
(which the loader, the directive and the command line apply), in one place. A `hint` is a "did
you mean" (problems.did_you_mean) or empty."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from .fields import LATEST_START, MAX_SHIFTS
from .problems import did_you_mean, shown


def unknown_role(role_id: str, target: str, hint: str = "") -> str:
    return f"unknown role '{role_id}' in reference '{target}'{hint}"


def role_without_card(role_id: str, target: str) -> str:
    return (f"role '{role_id}' in reference '{target}' is in roles.yaml but has no role-card "
            "on any page; add one with the role-card directive")


def unknown_card_id(role_id: str, hint: str = "") -> str:
    return f"unknown role '{role_id}' in role-card{hint}"


def unknown_term(term: str, hint: str = "") -> str:
    """Sphinx's own words for an unknown `{term}`, with the closest known terms."""
    return f"term not in glossary: '{term}'{hint}"


def term_without_glossary(term: str) -> str:
    """A `{term}` naming a term of roles.yaml, on a site with no `roles-glossary`."""
    return (f"term not in glossary: '{term}' is a term of roles.yaml, but no page has a "
            "roles-glossary to define it; add one with the roles-glossary directive")


def role_term_without_card(term: str, role_id: str) -> str:
    """A `{term}` naming a role whose role has no card on any page."""
    return (f"term not in glossary: '{term}' names role '{role_id}' of roles.yaml, which has "
            "no role-card on any page to define it; add one with the role-card directive")


def duplicate_card(role_id: str, first: str) -> str:
    """`first` is where the role's first card stands, as 'path:line'."""
    return f"role '{role_id}' already has a role-card at {first}; each role gets one card"


def hand_label_and_card(label: str, card: str) -> str:
    """`card` is where the role's card stands, as 'path:line'."""
    return (f"label '{label}' is written by hand here, and the role-card at {card} makes it "
            "too; remove the hand-written label")


def hand_term_and_card(term: str, card: str) -> str:
    """`card` is where the role's card stands, as 'path:line'."""
    return (f"glossary term '{term}' is written by hand here, and the role-card at {card} "
            "makes it too; remove the entry, or set hubroles_role_terms = False")


def no_diagram_roles() -> str:
    return ("roles-diagram has no roles to show; check :roles:, :groups:, :status: and "
            "roles.yaml")


def no_diagram_relations() -> str:
    return ("roles-diagram draws no relation of its :relations: among the roles it keeps, and "
            "leaves out roles without one; add ':isolated: show' to draw them anyway")


def diagram_too_large(roles: int, relations: int, most: int) -> str:
    return (f"roles-diagram would draw {roles:,} roles and {relations:,} relations, "
            f"{roles + relations:,} together, more than the {most:,} a diagram draws, and is "
            "left out; show fewer with :focus:, :groups:, :roles: or :relations:")


def depth_without_focus() -> str:
    return ":depth: has no effect without :focus: in roles-diagram"


def retired_role(role_id: str, replaced_by: str | None) -> str:
    """A reference to a retired role, in a page or in roles.yaml's text."""
    if replaced_by:
        return f"role '{role_id}' is retired; see '{replaced_by}'"
    return (f"role '{role_id}' is retired, and roles.yaml names no role that replaces it; "
            "remove the reference")


def external_card(role_id: str, url: str) -> str:
    return (f"role '{role_id}' is documented elsewhere ({url}), so it has no role-card; remove "
            "this one, or remove 'url' from the role in roles.yaml")


def no_table_roles() -> str:
    return "roles-table has no roles to show; check :roles:, :groups:, :status: and roles.yaml"


def cards_need_sphinx_design() -> str:
    return ("roles-table :layout: cards needs sphinx-design: add \"sphinx_design\" to "
            "extensions in conf.py (and install sphinx-design); until then it is a table")
def unknown_person(person_id: str, target: str, hint: str = "") -> str:
    return f"unknown person '{person_id}' in reference '{target}'{hint}"


def person_without_entry(person_id: str, target: str) -> str:
    return (f"person '{person_id}' in reference '{target}' is in roles.yaml but has no entry in "
            "a team directory on any page; add one with the roles-people directive")


def duplicate_entry(person_id: str, first: str) -> str:
    """`first` is where the person's first entry stands, as 'path:line'."""
    return (f"person '{person_id}' already has an entry in the team directory at {first}; "
            "each person gets one entry")


def unknown_rotation_role(role_id: str, hint: str = "") -> str:
    return f"unknown role '{role_id}' in roles-rotation{hint}"


def role_without_rotation(role_id: str) -> str:
    return (f"role '{role_id}' in roles-rotation has no 'rotation' in roles.yaml; give it one, "
            "with a pool, a number of days and a start")


def unknown_holders_role(role_id: str, hint: str = "") -> str:
    return f"unknown role '{role_id}' in role-holders{hint}"


def role_without_holders(role_id: str) -> str:
    return (f"role '{role_id}' in role-holders has no current holder in roles.yaml (no "
            "'holders' without 'until', no kinds or members with holders, no 'rotation'); "
            "name one under 'holders'")


def too_few_holders(role_id: str, count: int, least: int) -> str:
    return (f"role '{role_id}' has {_holders(count)}, and its 'seats' ask for at least "
            f"{least}")


def too_many_holders(role_id: str, count: int, most: int) -> str:
    return f"role '{role_id}' has {_holders(count)}, and its 'seats' allow at most {most}"


def affiliation_over_cap(role_id: str, count: int, affiliation: str, people: list[str],
                         cap: int, share: object | None) -> str:
    """`share`: the fraction of `seats: per-affiliation`, or None for a number of seats."""
    rounded = "" if share is None else f" ({share} of {count}, rounded down)"
    return (f"{len(people)} of the {_holders(count)} of role '{role_id}' are affiliated with "
            f"'{affiliation}' ({', '.join(people)}), and its 'seats' allow at most {cap} per "
            f"affiliation{rounded}")


def _holders(count: int) -> str:
    return f"{count} current holder{'s' * (count != 1)}"


def move_without_arrival(person: str, role_id: str, other_role: str, until: date) -> str:
    """A `moved-to` whose other role has no holding of the person."""
    return (f"person '{person}' moved from role '{role_id}' to role '{other_role}' on {until}, "
            f"but role '{other_role}' has no holding of '{person}' with a 'since'; add one with "
            f"'since: {until + timedelta(days=1)}'")


def move_without_departure(person: str, role_id: str, other_role: str, since: date) -> str:
    """A `moved-from` whose other role has no holding of the person."""
    return (f"person '{person}' moved to role '{role_id}' from role '{other_role}' on {since}, "
            f"but role '{other_role}' has no holding of '{person}' with an 'until'; add one "
            f"with 'until: {since - timedelta(days=1)}'")


def move_dates_apart(person: str, source: str, target: str, left: date, other_line: int,
                     began: date) -> str:
    return (f"the dates of the move of person '{person}' from role '{source}' to role "
            f"'{target}' do not meet: one holding ends on {left}, the other (line "
            f"{other_line}) begins on {began}; it should begin on {left} or "
            f"{left + timedelta(days=1)}")


def context_without_focus() -> str:
    return ":context: has no effect without :focus: in roles-diagram"


def hierarchy_cycle(relations: list[str]) -> str:
    """`relations`: the cycle, as sentences ("Member can become Reviewer")."""
    return ("these hierarchy relations form a cycle: " + "; ".join(relations) + ". Diagrams "
            "draw one of them pointing up the page; remove one, or 'hierarchy: true' from "
            "its relation type")


def late_start(day: date) -> str:
    """A rotation's `start`, `:from:` or `--from` after fields.LATEST_START."""
    return (f"{day} is after {LATEST_START}, the latest day a schedule may start from, so that "
            "its days stay within the calendar")


def too_many_shifts(count: int) -> str:
    """`:shifts:` or `--shifts` past fields.MAX_SHIFTS."""
    return f"{count:,} shifts are more than a schedule shows; ask for {MAX_SHIFTS:,} at most"


def too_many_slots(count: int) -> str:
    """A rotation by slot with more than fields.MAX_SHIFTS slots."""
    return f"{count:,} slots are more than a schedule shows; keep {MAX_SHIFTS:,} at most"


def unknown_option(option: str, directive: str, known: Collection[str]) -> str:
    return (f"unknown option :{shown(option)}: of {directive}"
            + (did_you_mean(option, known) or "; its options are "
               + ", ".join(f":{name}:" for name in known)))


def invalid_option(option: str, directive: str, value: str | None, allowed: str) -> str:
    """`allowed` says what to write instead (a converter's ValueError)."""
    if value is None or not value.strip():
        return f"no value in :{option}: of {directive}; {allowed}"
    return f"invalid value '{shown(value.strip())}' in :{option}: of {directive}; {allowed}"


def display_in_roles_file(directive: str) -> str:
    """A `role-card` or `roles-glossary` inside roles.yaml text, which they show themselves."""
    return (f"{directive} cannot stand in roles.yaml text: cards and glossaries show that text "
            "themselves, and one inside another could show itself without end; it is left "
            "out: put it on a page")


def no_table_columns() -> str:
    return ("roles-table has no known column to show; give at least one in :columns:, or leave "
            "it out for the default (name, summary)")


def roles_file_unusable(path: str, count: int) -> str:
    """What a page says when roles.yaml cannot be used (its problems are reported at their
    lines in roles.yaml, where no page of a MyST-MD build can show them)."""
    return (f"{path} cannot be used: {count} problem{'s' * (count != 1)}, reported above at "
            f"{path}:LINE; its cards, tables and diagrams are left out until it is fixed")


def roles_file_problems(path: str, count: int) -> str:
    """What a page says when roles.yaml, or a text of it that a page shows, has problems."""
    return (f"{path} has {count} problem{'s' * (count != 1)}, reported above at "
            f"{path}:LINE")
