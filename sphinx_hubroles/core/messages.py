"""Messages about role references, shared by the Sphinx extension and the command line so that
the same problem reads the same in both."""

from __future__ import annotations

from collections.abc import Iterable

from .problems import did_you_mean

LABEL_PREFIX = "roles:"


def role_id_of(target: str) -> str | None:
    """The role id in a reference target such as 'roles:hub-engineer', or None."""
    if target.lower().startswith(LABEL_PREFIX):
        return target[len(LABEL_PREFIX):].lower()
    return None


def unknown_role(role_id: str, target: str, known_ids: Iterable[str]) -> str:
    return f"unknown role '{role_id}' in reference '{target}'" + did_you_mean(role_id, known_ids)


def role_without_card(role_id: str, target: str) -> str:
    return (f"role '{role_id}' in reference '{target}' is in roles.yaml but has no role-card "
            "on any page; add one with the role-card directive")


def unknown_card_id(role_id: str, known_ids: Iterable[str]) -> str:
    return f"unknown role '{role_id}' in role-card" + did_you_mean(role_id, known_ids)


def unknown_term(term: str, known_terms: Iterable[str]) -> str:
    """Sphinx's own words for an unknown `{term}`, with the closest known terms."""
    return f"term not in glossary: '{term}'" + did_you_mean(term, known_terms)


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
