"""What each directive shows of roles.yaml, as plain values: the build keeps a digest of them
per page, and reads a page again when they change. A line number moved within roles.yaml
changes nothing shown (the model leaves lines out of comparisons)."""

from __future__ import annotations

import hashlib

from .diagram.selection import DiagramSpec, select
from .model import RolesFile
from .table import TableSpec, select_rows


def card(model: RolesFile, role_id: str) -> object:
    """A card shows its role, its group, the name of the role that replaces it, and the names,
    statuses and notes of the roles it relates to (a relation's note is written on either
    role)."""
    role = model.roles.get(role_id)
    if role is None:
        return None
    related = [(rel, [(r.name, r.status, model.note(role_id, rel.id, r.id)) for r in roles])
               for rel, roles in model.outgoing(role_id)]
    related += [(rel, [(r.name, r.status, model.note(r.id, rel.id, role_id)) for r in roles])
                for rel, roles in model.incoming(role_id)]
    replacement = model.roles.get(role.replaced_by or "")
    return (role, model.groups.get(role.group or ""), related,
            replacement.name if replacement else None)


def table(model: RolesFile, spec: TableSpec) -> object:
    """A table shows what the cards of its rows show (less, but a digest needs no more
    precision than that), and which rows they are."""
    rows = select_rows(model, spec)
    return rows, [card(model, role_id) for role_id in rows.roles]


def glossary(model: RolesFile) -> object:
    return model.terms


def diagram(model: RolesFile, spec: DiagramSpec, selector=select) -> object:
    return selector(model, spec)


DISPLAYS = {"card": card, "glossary": glossary, "diagram": diagram, "table": table}


def digest(value: object) -> str:
    # The model is frozen dataclasses whose repr leaves out line numbers.
    return hashlib.sha256(repr(value).encode()).hexdigest()
