"""What each directive shows of roles.yaml, as plain values: the build keeps a digest of them
per page, and reads a page again when they change. A line number moved within roles.yaml
changes nothing shown (the model leaves lines out of comparisons)."""

from __future__ import annotations

import hashlib

from .diagram.selection import DiagramSpec, select
from .model import RolesFile


def card(model: RolesFile, role_id: str) -> object:
    """A card shows its role, its group and the names of the roles it relates to."""
    role = model.roles.get(role_id)
    if role is None:
        return None
    related = [(rel, [r.name for r in roles])
               for rel, roles in model.outgoing(role_id) + model.incoming(role_id)]
    return role, model.groups.get(role.group or ""), related


def glossary(model: RolesFile) -> object:
    return model.terms


def diagram(model: RolesFile, spec: DiagramSpec, selector=select) -> object:
    return selector(model, spec)


DISPLAYS = {"card": card, "glossary": glossary, "diagram": diagram}


def digest(value: object) -> str:
    # The model is frozen dataclasses whose repr leaves out line numbers.
    return hashlib.sha256(repr(value).encode()).hexdigest()
