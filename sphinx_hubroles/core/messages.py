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
    return "roles-diagram has no roles to show; check :roles:, :groups: and roles.yaml"


def depth_without_focus() -> str:
    return ":depth: has no effect without :focus: in roles-diagram"


def context_without_focus() -> str:
    return ":context: has no effect without :focus: in roles-diagram"


def hierarchy_cycle(relations: list[str]) -> str:
    """`relations`: the cycle, as sentences ("Member can become Reviewer")."""
    return ("these hierarchy relations form a cycle: " + "; ".join(relations) + ". Diagrams "
            "draw one of them pointing up the page; remove one, or 'hierarchy: true' from "
            "its relation type")
