"""Which roles, groups and relations one diagram shows, from roles.yaml and the directive's
options. Pure Python: no Sphinx, no Graphviz."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..choosing import shown_statuses
from ..model import RolesFile
from ..problems import did_you_mean
from .looks import Look, assign_looks

# Hands out looks to the relation types one diagram draws (looks.assign_looks); the build
# passes one that remembers its answers, since most diagrams draw the same few types.
LooksFor = Callable[[Sequence], tuple[dict[str, Look], list[str]]]


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
    # With :focus:, also the relations among the neighbours, not only the focused role's.
    context: bool = False
    # :isolated: "show" or "hide" the roles that no drawn relation touches; None: hide them
    # when :relations: names a known type, show them otherwise.
    isolated: str | None = None


@dataclass(frozen=True)
class ShownRole:
    id: str
    name: str
    # No summary: the build fills tooltips in when it writes a page, so a new summary
    # changes no diagram (diagram_inputs).
    group: str | None = None
    external: bool = False  # documented elsewhere: drawn dashed, links to its URL
    retired: bool = False

    @property
    def label(self) -> str:
        """What the role's box says."""
        return f"{self.name} (retired)" if self.retired else self.name


@dataclass(frozen=True)
class ShownRelation:
    id: str
    label: str
    look: Look  # chosen for this diagram (looks.py)
    hierarchy: bool = False  # its edges point down the page


@dataclass(frozen=True)
class Selection:
    roles: tuple[ShownRole, ...]
    groups: tuple[tuple[str, str], ...]  # (id, name) of groups with a shown role, file order
    relations: tuple[ShownRelation, ...]  # types with a shown edge, vocabulary order
    edges: tuple[tuple[str, str, str], ...]  # (source, relation, target), file order
    focus: str | None
    # Unknown ids, relation types that look alike and the like, as messages for the page.
    problems: tuple[str, ...]
    # (source, relation, target, note MyST source) of the shown edges that have a note
    notes: tuple[tuple[str, str, str, str], ...] = ()
    # (group id, role id) of the shown groups whose body (the group's `role`) is shown: the
    # role's box is the frame's title, drawn once
    bodies: tuple[tuple[str, str], ...] = ()
    # How many roles the options kept but no drawn relation touches, left out (:isolated:).
    isolated_left_out: int = 0

    @property
    def has_hierarchy(self) -> bool:
        """Whether the diagram draws an edge of a hierarchy type."""
        return any(relation.hierarchy for relation in self.relations)


WHAT = {"roles": "role", "groups": "group", "relations": "relation type", "focus": "role"}


def diagram_inputs(model: RolesFile) -> tuple:
    """Everything `select` reads of `model`, in file order: the roles' ids, names, groups,
    statuses and URLs (external or not), the groups, the relation types and the relations
    with their notes. Two models with the same inputs show every diagram alike, so a build
    need not ask again what each diagram shows when only other fields changed, such as a
    summary (tests/test_diagram_selection.py changes each field in turn to prove it)."""
    return (tuple((r.id, r.name, r.group, r.status, r.external) for r in model.roles.values()),
            tuple((g.id, g.name, g.role) for g in model.groups.values()),
            tuple(model.relations.values()),
            tuple(model.edges()))


def select(model: RolesFile, spec: DiagramSpec, looks_for: LooksFor = assign_looks
           ) -> Selection:
    problems: list[str] = []
    isolated_left_out = 0

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
    restricted = bool(spec.roles or spec.groups)
    picked = set(kept_roles)
    explicit = {*kept_roles, focus}

    def kept(role_id: str) -> bool:
        role = model.roles[role_id]
        return ((not restricted or role_id in picked or role.group in kept_groups)
                and (role.status in statuses or role_id in explicit))

    def drawable(edge) -> bool:
        return ((not spec.relations or edge.relation in kept_relations)
                and kept(edge.source) and kept(edge.target))

    if focus is not None and not kept(focus):
        problems.append(f"the :focus: role '{focus}' is not among the roles that :roles: "
                        "and :groups: keep; the diagram shows them without a focus")
        focus = None
    if focus is not None:
        # The neighbourhood alone, through each role's own relations: 1,000 focus diagrams
        # each going over every role and relation made a large handbook's rebuilds slow.
        distance = neighbourhood(focus, spec.depth, model, drawable)
        ids = set(distance)
        numbered = {number: edge for role_id in ids for number, edge in model.touching(role_id)
                    if edge.source in ids and edge.target in ids and drawable(edge)
                    and (spec.context or focus_edge(edge, distance))}
        edges = [numbered[number] for number in sorted(numbered)]
    else:
        ids = {i for i in model.roles if kept(i)}
        edges = model.edges()
        if restricted or spec.relations or len(ids) < len(model.roles):
            edges = [e for e in edges if drawable(e)]
        if spec.isolated == "hide" or (spec.isolated is None and kept_relations):
            touched = {role for e in edges for role in (e.source, e.target)}
            isolated_left_out = len(ids - touched)
            ids &= touched

    roles = tuple(ShownRole(r.id, r.name, r.group, r.external, r.retired)
                  for r in (model.roles[i] for i in sorted(ids, key=model.place)))
    shown_groups = {r.group for r in roles}
    used = {e.relation for e in edges}
    drawn = [rel for rel in model.relations.values() if rel.id in used]
    looks, look_problems = looks_for(drawn)
    return Selection(
        roles=roles,
        groups=tuple((g.id, g.name) for g in model.groups.values() if g.id in shown_groups),
        relations=tuple(ShownRelation(rel.id, rel.label, looks[rel.id], rel.hierarchy)
                        for rel in drawn),
        edges=tuple((e.source, e.relation, e.target) for e in edges),
        focus=focus,
        problems=(*problems, *look_problems),
        notes=tuple((e.source, e.relation, e.target, e.note.source) for e in edges if e.note),
        bodies=tuple((g.id, g.role) for g in model.groups.values()
                     if g.id in shown_groups and g.role in ids),
        isolated_left_out=isolated_left_out,
    )


def focus_edge(edge, distance: dict[str, int]) -> bool:
    """Whether a focus diagram draws `edge` without :context:: an edge one step farther from
    the focused role, or the focused role's relation to itself. At depth 1 those are the
    focused role's own relations."""
    source, target = distance[edge.source], distance[edge.target]
    return abs(source - target) == 1 or source == target == 0


def neighbourhood(start: str, depth: int, model: RolesFile, drawable) -> dict[str, int]:
    """`start` and every role up to `depth` drawable edges away, following edges either way,
    each with its distance from `start`."""
    seen, frontier = {start: 0}, {start}
    for step in range(1, depth + 1):
        reached = set()
        for role_id in frontier:
            for _number, edge in model.touching(role_id):
                if drawable(edge):
                    reached.add(edge.target if edge.source == role_id else edge.source)
        frontier = reached - seen.keys()
        if not frontier:
            break
        seen.update(dict.fromkeys(frontier, step))
    return seen
