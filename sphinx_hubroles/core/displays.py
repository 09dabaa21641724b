"""What each directive shows of roles.yaml, as plain values: the build keeps a digest of them
per page, and reads a page again when they change. A line number moved within roles.yaml
changes nothing shown (the model leaves lines out of comparisons)."""

from __future__ import annotations

from .diagram.selection import DiagramSpec, select
from .digests import text_digest
from .directory import DirectorySpec, directory
from .model import Role, RolesFile
from .table import TableSpec, select_rows
from .tenure import tenure_of


def card(model: RolesFile, role_id: str) -> object:
    """A card shows its role, its group, the name of the role that replaces it, the names,
    statuses and notes of the roles it relates to (a relation's note is written on either
    role), and the people who hold it."""
    role = model.roles.get(role_id)
    if role is None:
        return None
    related = [(rel, [(r.name, r.status, model.note(role_id, rel.id, r.id)) for r in roles])
               for rel, roles in model.outgoing(role_id)]
    related += [(rel, [(r.name, r.status, model.note(r.id, rel.id, role_id)) for r in roles])
                for rel, roles in model.incoming(role_id)]
    replacement = model.roles.get(role.replaced_by or "")
    return (role, model.groups.get(role.group or ""), related,
            replacement.name if replacement else None, people_named(model, role),
            holdings(model, role), members(model, role))


def table(model: RolesFile, spec: TableSpec) -> object:
    """A table shows what the cards of its rows show (less, but a digest needs no more
    precision than that), and which rows they are."""
    rows = select_rows(model, spec)
    return rows, [card(model, role_id) for role_id in rows.roles]


def people_named(model: RolesFile, role: Role) -> list[object]:
    """The people a role's holders and rotation pool (its slots' people) name."""
    ids = [holder.person for holder in role.holders]
    ids += list(role.rotation.pool) if role.rotation else []
    return [model.people.get(person_id) for person_id in ids]


def holdings(model: RolesFile, role: Role) -> object:
    """Who holds the role as pages show it (core/tenure.py): its kinds' holders when it has
    none, with their people and the kinds' names, and the roles its holders moved between."""
    tenure = tenure_of(model)
    shown = [*tenure.current(role.id), *tenure.former(role.id)]
    names = {h.role for h in shown} | {h.came_from for h in shown} | {h.went_to for h in shown}
    return (shown, [model.people.get(h.holder.person) for h in shown],
            sorted((r, model.roles[r].name) for r in names if r in model.roles),
            tenure.by_rotation(role.id))


def members(model: RolesFile, role: Role) -> object:
    """The roles of the group a body stands for, by name and status."""
    group = model.body_of(role.id)
    return group and [(r.id, r.name, r.status) for r in model.members(group.id)]


def holders(model: RolesFile, role_id: str) -> object:
    """What `{role-holders}` shows: the role's current holders' names, or its rotation."""
    role = model.roles.get(role_id)
    return role and (role.name, holdings(model, role), role.retired)


def people(model: RolesFile, spec: DirectorySpec) -> object:
    """A directory shows its people and, by name, the roles they hold, held and rotate in."""
    entries, problems = directory(model, spec)
    return problems, [(entry.person,
                       [(role.id, role.name, holder) for role, holder in entry.holds],
                       [(role.id, role.name, holder) for role, holder in entry.held],
                       [(role.id, role.name) for role in entry.pools]) for entry in entries]


def rotation(model: RolesFile, role_id: str, start, shifts) -> object:
    """A schedule shows its role's name, rotation (its slots' notes too) and the names of
    the pool."""
    role = model.roles.get(role_id)
    if role is None:
        return None
    return role.name, role.rotation, people_named(model, role)


def glossary(model: RolesFile, role_names: bool = True) -> object:
    """The terms, and the roles the glossary lists by name (their summaries are filled in
    when the page is written: ext/glossary.py)."""
    roles = ([(r.id, r.name, r.status) for r in model.roles.values()] if role_names
             else None)
    return model.terms, roles


def diagram(model: RolesFile, spec: DiagramSpec, selector=select) -> object:
    return selector(model, spec)


DISPLAYS = {"card": card, "glossary": glossary, "diagram": diagram, "people": people,
            "rotation": rotation, "table": table, "holders": holders}


def digest(value: object) -> str:
    # The model is frozen dataclasses whose repr leaves out line numbers.
    return text_digest(repr(value))
