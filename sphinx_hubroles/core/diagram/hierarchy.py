"""Relation types declared `hierarchy: true`: their edges point down the page, so a cycle of
them cannot be drawn that way. dot breaks such a cycle by reversing one of its edges; the rules
report it (rules.hierarchy_problems) at the roles.yaml line of one of its edges."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Edge, RolesFile


def hierarchy_edges(model: RolesFile) -> list[Edge]:
    """Every edge of a hierarchy type, self-relations left out (dot draws those as loops)."""
    kinds = {rel.id for rel in model.relations.values() if getattr(rel, "hierarchy", False)}
    if not kinds:
        return []
    return [e for e in model.edges() if e.relation in kinds and e.source != e.target]


def cycles(edges: Iterable[Edge]) -> list[list[Edge]]:
    """One cycle of each strongly connected part of the graph that has one, each as the list
    of its edges in order, parts in the order of their first role in `edges`."""
    edges = list(edges)
    outgoing: dict[str, list[Edge]] = {}
    for edge in edges:
        outgoing.setdefault(edge.source, []).append(edge)
    order = {role: position for position, role in enumerate(outgoing)}
    parts = [part for part in strongly_connected(outgoing) if len(part) > 1]
    parts.sort(key=lambda part: min(map(order.__getitem__, part)))
    return [_cycle_through(min(part, key=order.__getitem__), outgoing, set(part))
            for part in parts]


def strongly_connected(outgoing: dict[str, list[Edge]]) -> list[list[str]]:
    """Tarjan's algorithm, without recursion (a ladder of thousands of roles would exhaust
    Python's stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    parts: list[list[str]] = []
    for root in list(outgoing):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = outgoing.get(node, [])
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position].target
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                parts.append(part)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return parts


def _cycle_through(start: str, outgoing: dict[str, list[Edge]], part: set[str]) -> list[Edge]:
    """A shortest cycle through `start`, found breadth first within start's strongly connected
    `part` (which has more than one role): every cycle through `start` lies in it, and a
    search that went further would go over the roles below each part once per part."""
    came_by: dict[str, Edge] = {}
    frontier = [start]
    while frontier:
        reached = []
        for node in frontier:
            for edge in outgoing.get(node, []):
                if edge.target in came_by or edge.target not in part:
                    continue
                came_by[edge.target] = edge
                if edge.target == start:
                    return _path_to(start, came_by)
                reached.append(edge.target)
        frontier = reached
    raise AssertionError(f"no cycle through {start}")


def _path_to(start: str, came_by: dict[str, Edge]) -> list[Edge]:
    path = [came_by[start]]
    while path[-1].source != start:
        path.append(came_by[path[-1].source])
    return path[::-1]
