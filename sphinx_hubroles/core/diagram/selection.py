"""Which roles, groups and relations one diagram shows, from roles.yaml and the directive's
options. Pure Python: no Sphinx, no Graphviz."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..choosing import shown_statuses
from ..model import RolesFile
from ..problems import did_you_mean


@dataclass(frozen=True)
class DiagramSpec:
    """The directive's options that choose what is shown, normalised and hashable."""

    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    focus: str | None = None
    depth: int = 1
    # The statuses shown; a role named in :roles: or :focus: is shown whatever its status.
    status: tuple[str, ...] = ("active", "draft")


@dataclass(frozen=True)
class ShownRole:
    id: str
    name: str
    # MyST source, made plain text for the tooltip. Left out of comparisons: the build fills
    # tooltips in when it writes a page, so a new summary changes no diagram's DOT.
    summary: str = field(compare=False, repr=False)
    group: str | None = None
    external: bool = False  # documented elsewhere: drawn dashed, links to its URL
    retired: bool = False


@dataclass(frozen=True)
class ShownRelation:
    id: str
    label: str
    style: int  # position in the vocabulary: picks colour, line style and arrowhead


@dataclass(frozen=True)
class Selection:
    roles: tuple[ShownRole, ...]
    groups: tuple[tuple[str, str], ...]  # (id, name) of groups with a shown role, file order
    relations: tuple[ShownRelation, ...]  # types with a shown edge, vocabulary order
    edges: tuple[tuple[str, str, str], ...]  # (source, relation, target), file order
    focus: str | None
    problems: tuple[str, ...]  # unknown ids and the like, as messages for the page
    # (source, relation, target, note MyST source) of the shown edges that have a note
    notes: tuple[tuple[str, str, str, str], ...] = ()


WHAT = {"roles": "role", "groups": "group", "relations": "relation type", "focus": "role"}


def select(model: RolesFile, spec: DiagramSpec) -> Selection:
    problems: list[str] = []

    def known(option: str, ids: tuple[str, ...], table: dict) -> list[str]:
        for item in ids:
            if item not in table:
                problems.append(f"unknown {WHAT[option]} '{item}' in :{option}: of roles-diagram"
                                + did_you_mean(item, table))
        return [item for item in ids if item in table]

    kept_roles = known("roles", spec.roles, model.roles)
    kept_groups = set(known("groups", spec.groups, model.groups))
    kept_relations = set(known("relations", spec.relations, model.relations))
    focus = (known("focus", (spec.focus,), model.roles) or [None])[0] if spec.focus else None
    statuses = shown_statuses(spec.status, "roles-diagram", problems)

    # :roles: and :groups: both pick roles, so together they show both sets.
    if spec.roles or spec.groups:
        ids = set(kept_roles) | {
            r.id for r in model.roles.values() if r.group in kept_groups}
    else:
        ids = set(model.roles)
    explicit = {*kept_roles, focus}
    ids = {i for i in ids if model.roles[i].status in statuses or i in explicit}
    edges = model.edges()
    if spec.roles or spec.groups or spec.relations or len(ids) < len(model.roles):
        edges = [e for e in edges
                 if (not spec.relations or e.relation in kept_relations)
                 and e.source in ids and e.target in ids]
    if focus is not None:
        if focus not in ids:
            problems.append(f"the :focus: role '{focus}' is not among the roles that :roles: "
                            "and :groups: keep; the diagram shows them without a focus")
            focus = None
        else:
            ids = neighbourhood(focus, spec.depth, edges)
            edges = [e for e in edges if e.source in ids and e.target in ids]

    roles = tuple(ShownRole(r.id, r.name, r.summary.source, r.group, r.external, r.retired)
                  for r in model.roles.values() if r.id in ids)
    shown_groups = {r.group for r in roles}
    used = {e.relation for e in edges}
    return Selection(
        roles=roles,
        groups=tuple((g.id, g.name) for g in model.groups.values() if g.id in shown_groups),
        relations=tuple(ShownRelation(rel.id, rel.label, index)
                        for index, rel in enumerate(model.relations.values())
                        if rel.id in used),
        edges=tuple((e.source, e.relation, e.target) for e in edges),
        focus=focus,
        problems=tuple(problems),
        notes=tuple((e.source, e.relation, e.target, e.note.source) for e in edges if e.note),
    )


def neighbourhood(start: str, depth: int, edges) -> set[str]:
    """`start` and every role up to `depth` edges away, following edges either way."""
    # One pass over the edges per step, testing membership only: building the whole graph's
    # adjacency for every focus diagram made a handbook of 1,000 of them quadratic.
    seen, frontier = {start}, {start}
    for _ in range(depth):
        reached = set()
        for e in edges:
            if e.source in frontier:
                reached.add(e.target)
            elif e.target in frontier:
                reached.add(e.source)
        frontier = reached - seen
        if not frontier:
            break
        seen |= frontier
    return seen
