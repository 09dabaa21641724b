"""What a `roles-glossary` lists: the terms of roles.yaml and, unless `:role-names: off`, the
roles too (each name with its summary and a link to its card), sorted together as Sphinx sorts
a glossary. Pure Python: the build and `sphinx-hubroles check` read its option the same way."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .directory import on_off
from .model import Role, RolesFile, Term

GLOSSARY_OPTIONS: dict[str, Callable[[str | None], object]] = {
    "role-names": on_off,
}


def role_names_shown(options: dict) -> bool:
    return options.get("role-names", True)


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of roles.yaml, or a role (whose name is a term defined by its card: the entry
    shows it, and links there)."""

    name: str
    term: Term | None = None
    role: Role | None = None


def sort_key(name: str) -> str:
    # The order Sphinx's own `glossary :sorted:` uses.
    return unicodedata.normalize("NFD", name.lower())


def glossary_entries(model: RolesFile, role_names: bool) -> list[GlossaryEntry]:
    entries = [GlossaryEntry(term.name, term=term) for term in model.terms.values()]
    if role_names:
        entries += [GlossaryEntry(role.name, role=role) for role in model.roles.values()
                    if not role.retired]
    return sorted(entries, key=lambda entry: sort_key(entry.name))
