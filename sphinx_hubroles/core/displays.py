"""What each directive shows of roles.yaml, as plain values: the build keeps a digest of them
per page, and reads a page again when they change. A line number moved within roles.yaml
changes nothing shown (the model leaves lines out of comparisons)."""

from __future__ import annotations

import hashlib

from .diagram.selection import DiagramSpec, select
from .directory import DirectorySpec, directory
from .model import Role, RolesFile


def card(model: RolesFile, role_id: str) -> object:
    """A card shows its role, its group, the names of the roles it relates to and of the
    people who hold it."""
    role = model.roles.get(role_id)
    if role is None:
        return None
    related = [(rel, [r.name for r in roles])
               for rel, roles in model.outgoing(role_id) + model.incoming(role_id)]
    return role, model.groups.get(role.group or ""), related, people_named(model, role)


def people_named(model: RolesFile, role: Role) -> list[object]:
    """The people a role's holders and rotation pool name."""
    ids = [holder.person for holder in role.holders]
    ids += list(role.rotation.pool) if role.rotation else []
    return [model.people.get(person_id) for person_id in ids]


def people(model: RolesFile, spec: DirectorySpec) -> object:
    """A directory shows its people and, by name, the roles they hold, held and rotate in."""
    entries, problems = directory(model, spec)
    return problems, [(entry.person,
                       [(role.id, role.name, holder) for role, holder in entry.holds],
                       [(role.id, role.name, holder) for role, holder in entry.held],
                       [(role.id, role.name) for role in entry.pools]) for entry in entries]


def rotation(model: RolesFile, role_id: str, start, shifts) -> object:
    """A schedule shows its role's name, rotation and the names of the pool."""
    role = model.roles.get(role_id)
    if role is None:
        return None
    return role.name, role.rotation, people_named(model, role)


def glossary(model: RolesFile) -> object:
    return model.terms


def diagram(model: RolesFile, spec: DiagramSpec, selector=select) -> object:
    return selector(model, spec)


DISPLAYS = {"card": card, "glossary": glossary, "diagram": diagram, "people": people,
            "rotation": rotation}


def digest(value: object) -> str:
    # The model is frozen dataclasses whose repr leaves out line numbers.
    return hashlib.sha256(repr(value).encode()).hexdigest()
