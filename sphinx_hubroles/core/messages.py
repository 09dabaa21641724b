"""The words of the problems that rules.py finds, in one place. A `hint` is a "did you mean"
(problems.did_you_mean) or empty."""

from __future__ import annotations


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


def context_without_focus() -> str:
    return ":context: has no effect without :focus: in roles-diagram"


def hierarchy_cycle(relations: list[str]) -> str:
    """`relations`: the cycle, as sentences ("Member can become Reviewer")."""
    return ("these hierarchy relations form a cycle: " + "; ".join(relations) + ". Diagrams "
            "draw one of them pointing up the page; remove one, or 'hierarchy: true' from "
            "its relation type")


def invalid_option(directive: str, option: str, value: str, reason: str) -> str:
    """docutils' words for an option value its converter refuses, on one line."""
    return (f'Error in "{directive}" directive: invalid option value: (option: "{option}"; '
            f"value: {value!r}) {reason}")


def roles_file_unusable(path: str, count: int) -> str:
    """What a page says when roles.yaml cannot be used (its problems are reported at their
    lines in roles.yaml, where no page of a MyST-MD build can show them)."""
    return (f"{path} cannot be used: {count} problem{'s' * (count != 1)}, reported above at "
            f"{path}:LINE; its cards, tables and diagrams are left out until it is fixed")


def roles_file_problems(path: str, count: int) -> str:
    """What a page says when roles.yaml, or a text of it that a page shows, has problems."""
    return (f"{path} has {count} problem{'s' * (count != 1)}, reported above at "
            f"{path}:LINE")
