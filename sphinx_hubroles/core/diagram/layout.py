"""How a diagram is laid out: its direction, whether its edges carry labels, how long names
wrap. Decided from the graph's size before dot runs: running dot to see what fits would cost as
much as drawing (with labels, dot took 100 s at 200 roles).

In HTML the picture never shrinks its text below MIN_TEXT_PX (svg.py keeps it at least that
large, and the frame scrolls). So the choices aim at a picture that fits COLUMN_PX at that size:
labels stay on while they fit, and a diagram without a hierarchy or a `:direction:` turns left
to right when that is narrower and top to bottom is not narrow enough.

The estimate follows dot's way of drawing: roles in ranks, each edge from one rank to a later
one, edges that skip ranks passing through each rank between, and with labels, a label in a
rank of its own between the two. Widths come from the text: Helvetica averages about half an
em per character (a measured 0.45 to 0.49 on role names), plus dot's margins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .escape import shown_label, wrapped

# Edge labels, measured by benchmarks/edge_label_threshold.py on dot 2.43 (its output is in
# benchmarks/edge_label_threshold.txt). A `label` is laid out as part of the graph, so it stays
# clear of roles and other labels; but on some clustered graphs dot 2.43 then fails ("trouble
# in init_rank"), more often the bigger the graph, and render.py draws those again with
# newrank=true, which never failed but lets more labels overlap. Together, labels stay clear in
# most diagrams up to 20 roles, hence `auto`'s limit. Past ~100 roles newrank with labels takes
# seconds to minutes, so `on` uses `xlabel` there: placed after layout, at no cost, but more
# often over a role or another label.
AUTO_LABEL_ROLES = 20
LAID_OUT_LABEL_ROLES = 100

DIRECTIONS = ("TB", "LR", "BT", "RL")

# Text sizes in dot's points (the SVG's user units).
NAME_SIZE = 12
LABEL_SIZE = 10
# Lines of a role's name and of an edge label hold at most this many characters.
NAME_LINE = 24
LABEL_LINE = 20
# dot sets each edge label right beside its own line, and the next edge's line right beside
# the label: two labels side by side read as one ("can becomecan move to"). An en space each
# side of every line of a label keeps half an em free around it; svg.py takes them out of the
# drawn text, which dot centres, so only the room stays.
LABEL_PAD = "\u2002"
LABEL_PAD_EM = 0.5
# No text in HTML is drawn smaller than this many CSS pixels, at any window width.
MIN_TEXT_PX = 10
# The content column to fit: alabaster's, the narrowest of the supported themes in a desktop
# window, is about 660 px (furo's 736, pydata-sphinx-theme's wider).
COLUMN_PX = 640

# dot's own sizes, in points: the DOT's nodesep, ranksep, node margins and cluster margins.
EM_PER_CHARACTER = 0.5
NODE_MARGIN = 21.6
NODE_MIN_WIDTH = 54
NODE_HEIGHT = 36
LINE_HEIGHT = 1.2
NODE_SEP = 21.6
RANK_SEP = 36
CLUSTER_MARGIN = 12
EDGE_WIDTH = 24  # an edge passing through a rank, beside its roles (dot bends it)


@dataclass(frozen=True)
class Layout:
    direction: str = "TB"
    edge_labels: bool = False
    # For the web (SVG): placeholder links, tooltips, and no legend (the page shows it in HTML,
    # at text size, where it takes no width from the picture). For print (PDF, PNG): none of
    # those, and the legend drawn in the picture.
    web: bool = True
    label_attribute: str = "label"  # or "xlabel"
    newrank: bool = False  # for the benchmark; render.py adds it when dot 2.43 needs it
    # Wide ranks folded (Estimate.fold): (source, target, ranks) for edges to stretch over
    # that many ranks, and (above, role, ranks) for invisible edges that place a role that no
    # edge ranks.
    stretched: tuple[tuple[str, str, int], ...] = ()
    placed: tuple[tuple[str, str, int], ...] = ()


def layout_for(selection, direction: str | None = None, edge_labels: str = "auto",
               web: bool = True) -> Layout:
    """The layout of `selection` for `:direction:` (None when not given) and `:edge-labels:`
    (`on`, `off`, `auto`)."""
    roles = len(selection.roles)
    attribute = "label" if roles <= LAID_OUT_LABEL_ROLES else "xlabel"
    if edge_labels == "auto":
        label_choices = (True, False) if roles <= AUTO_LABEL_ROLES else (False,)
    else:
        label_choices = (edge_labels == "on",)
    if direction or selection.has_hierarchy:
        directions: tuple[str, ...] = (direction or "TB",)
    else:
        directions = ("TB", "LR")
    estimate = Estimate(selection)

    def layout(way: str, labels: bool) -> Layout:
        if way in ("LR", "RL"):
            return Layout(way, labels, web, attribute)
        fold = estimate.fold(budget(labels))
        return Layout(way, labels, web, attribute, stretched=fold.stretched, placed=fold.placed)

    for labels in label_choices:
        for way in directions:
            if estimate.width(way, labels) <= budget(labels):
                return layout(way, labels)
    labels = label_choices[-1]
    return layout(min(directions, key=lambda way: estimate.width(way, labels)), labels)


def budget(labels: bool) -> float:
    """How many points wide a picture may be to fit the column with its smallest text at
    MIN_TEXT_PX."""
    return COLUMN_PX * (LABEL_SIZE if labels else NAME_SIZE) / MIN_TEXT_PX


def text_width(text: str, size: float) -> float:
    return len(text) * size * EM_PER_CHARACTER


@dataclass(frozen=True)
class Fold:
    rank: dict[str, int]
    stretched: tuple[tuple[str, str, int], ...]
    placed: tuple[tuple[str, str, int], ...]


# Folding stacks roles in columns at most this deep: deeper, the edges that pass the column to
# reach its lower roles take more width than the column saves. Past FOLD_ROLES roles, a picture
# does not fit a column anyway, and trying costs time.
FOLD_DEPTH = 4
FOLD_ROLES = 60


class Estimate:
    """The width of a selection's picture for a direction, with or without labels.

    Top to bottom, a rank is as wide as what stands in it side by side: its roles, the edges
    passing through it, its labels, and each group's frame, which is a rectangle over every
    rank the group has roles in (frames do not overlap, so two groups over the same ranks
    stand side by side, each as wide as its own widest rank)."""

    def __init__(self, selection) -> None:
        self.selection = selection
        self.boxes = {role.id: box(role.label) for role in selection.roles}
        self.groups = {role.id: role.group for role in selection.roles}
        self.group_names = dict(selection.groups)
        self.labels = {rel.id: box_of_lines(wrapped(shown_label(rel.label), LABEL_LINE),
                                            LABEL_SIZE, 4 + 2 * LABEL_PAD_EM * LABEL_SIZE,
                                            0)[0]
                       for rel in selection.relations}
        hierarchy = {rel.id for rel in selection.relations if rel.hierarchy}
        self.constraining = [(s, t) for s, r, t in selection.edges
                             if s != t and (not hierarchy or r in hierarchy)]
        self.rank = ranks(self.boxes, self.constraining)
        self._join_groups(self.rank)
        self._widths: dict[tuple[bool, bool], float] = {}
        self._folds: dict[float, Fold] = {}

    def _join_groups(self, rank: dict[str, int]) -> None:
        """dot ranks a group's roles that no edge ranks with the group's highest ranked
        role, not at the top of the picture."""
        ranked = {role for edge in self.constraining for role in edge}
        top: dict[str, int] = {}
        for role in ranked:
            group = self.groups[role]
            if group:
                top[group] = min(top.get(group, rank[role]), rank[role])
        for role in self.boxes:
            if role not in ranked and self.groups[role] in top:
                rank[role] = top[self.groups[role]]

    def width(self, direction: str, labels: bool) -> float:
        across = direction in ("LR", "RL")
        key = (across, labels)
        if key not in self._widths:
            if across:
                self._widths[key] = self._across(self.rank, labels)
            else:
                self._widths[key] = self.along(self.fold(budget(labels)).rank, labels)
        return self._widths[key]

    def fold(self, limit: float) -> Fold:
        """Ranks that make the picture no wider than `limit` if moving roles down can. Roles
        that no ranking edge places go just below the first role they relate to, if that is
        no wider. Then each rank too wide for `limit` stacks its roles that no ranking edge
        leaves into columns of 2, 3, ... roles, each under the one before (as Graphviz's
        `unflatten` does), until the picture fits or the columns are FOLD_DEPTH deep.
        Moving such roles down stretches edges, but turns none around."""
        if limit not in self._folds:
            self._folds[limit] = self._fold(limit)
        return self._folds[limit]

    def _fold(self, limit: float) -> Fold:
        ranked = {role for edge in self.constraining for role in edge}
        above = self._anchors(ranked)
        start = {**self.rank, **{role: self.rank[anchor] + 1 for role, anchor in above.items()}}
        if self.along(start, False) > self.along(self.rank, False):
            start, above = dict(self.rank), {}
        best = (self.along(start, False), start, above)
        sources = {source for source, _ in self.constraining}
        rows: dict[int, list[str]] = {}
        for role in self.boxes:
            if role not in sources:
                rows.setdefault(start[role], []).append(role)
        widths = self._rows(start, False)
        wide = [roles for level, roles in sorted(rows.items())
                if widths.get(level, 0) > limit and len(roles) > 1]
        deepest = min(FOLD_DEPTH, max((len(roles) for roles in wide), default=1))
        for depth in range(2, deepest + 1 if len(self.boxes) <= FOLD_ROLES else 0):
            if best[0] <= limit:
                break
            rank, under = dict(start), dict(above)
            for roles in wide:
                for index, role in enumerate(roles):
                    rank[role] += index % depth
                    if index % depth:
                        under[role] = roles[index - 1]  # the role above it in its column
            width = self.along(rank, False)
            if width < best[0]:
                best = (width, rank, under)
        _width, rank, under = best
        return Fold(rank, *self._edges_for(rank, under))

    def _edges_for(self, rank: dict[str, int], under: dict[str, str]):
        """The stretched edges and the invisible edges that place roles, for dot to draw
        `rank`: each role of `under` below the role it names."""
        stretched = tuple(dict.fromkeys((s, t, rank[t] - rank[s]) for s, t in self.constraining
                                        if rank[t] != self.rank[t]))
        placed = tuple((anchor, role, rank[role] - rank[anchor])
                       for role, anchor in under.items())
        return stretched, placed

    def _anchors(self, ranked: set[str]) -> dict[str, str]:
        """role -> the ranked role it first relates to, for roles that no ranking edge
        places (with a hierarchy, the other relations do not rank roles)."""
        anchors: dict[str, str] = {}
        for source, _relation, target in self.selection.edges:
            for role, other in ((source, target), (target, source)):
                if role not in ranked and other in ranked:
                    anchors.setdefault(role, other)
        return anchors

    def along(self, rank: dict[str, int], labels: bool) -> float:
        """Top to bottom: the width of the widest rank."""
        return max(self._rows(rank, labels).values(), default=0)

    def _rows(self, rank: dict[str, int], labels: bool) -> dict[float, float]:
        """Rank (half ranks for labels) -> its width, top to bottom."""
        items: dict[float, list[float]] = {}  # what stands in a rank outside any group
        inside: dict[str, dict[int, list[float]]] = {}  # group -> rank -> its roles' widths
        for role, (width, _height) in self.boxes.items():
            group = self.groups[role]
            if group:
                inside.setdefault(group, {}).setdefault(rank[role], []).append(width)
            else:
                items.setdefault(rank[role], []).append(width)
        for source, relation, target in self.selection.edges:
            low, high = sorted((rank[source], rank[target]))
            for passed in range(low + 1, high):
                items.setdefault(passed, []).append(EDGE_WIDTH)
            if labels:
                middle = (low + high) / 2 if high > low else low + 0.5
                items.setdefault(middle, []).append(self.labels[relation])
        for group, rows in inside.items():
            frame = max(max(_side_by_side(widths) for widths in rows.values()),
                        text_width(self.group_names.get(group, ""), NAME_SIZE))
            for level in range(min(rows), max(rows) + 1):
                items.setdefault(level, []).append(frame + 2 * CLUSTER_MARGIN)
        return {level: _side_by_side(widths) for level, widths in items.items()}

    def _across(self, rank: dict[str, int], labels: bool) -> float:
        """Left to right: the ranks side by side, each as wide as its widest role."""
        widths: dict[float, float] = {}
        for role, (width, _height) in self.boxes.items():
            widths[rank[role]] = max(widths.get(rank[role], 0), width)
        if labels:
            for source, relation, target in self.selection.edges:
                low, high = sorted((rank[source], rank[target]))
                middle = (low + high) / 2 if high > low else low + 0.5
                widths[middle] = max(widths.get(middle, 0), self.labels[relation])
        groups = {group for group in self.groups.values() if group}
        return (sum(widths.values()) + RANK_SEP * (len(widths) - 1)
                + 2 * CLUSTER_MARGIN * len(groups))


def _side_by_side(widths: list[float]) -> float:
    return sum(widths) + NODE_SEP * (len(widths) - 1)


def box(name: str) -> tuple[float, float]:
    return box_of_lines(wrapped(shown_label(name), NAME_LINE), NAME_SIZE, NODE_MARGIN,
                        NODE_MIN_WIDTH)


def box_of_lines(lines: list[str], size: float, margin: float,
                 least: float) -> tuple[float, float]:
    width = max(text_width(line, size) for line in lines) + margin
    return max(width, least), max(NODE_HEIGHT, len(lines) * size * LINE_HEIGHT + margin / 2)


def ranks(roles: Iterable[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """A rank for each role, as dot would give: every edge points to a later rank (cycles are
    broken where a depth-first walk finds them), ranks as low as the edges allow, and roles that
    only point at others placed just above the first of them."""
    roles = list(roles)
    outgoing: dict[str, list[str]] = {role: [] for role in roles}
    for source, target in edges:
        outgoing[source].append(target)
    order = _topological(roles, outgoing)
    position = {role: index for index, role in enumerate(order)}
    forward = [(s, t) for s, t in edges if position[s] < position[t]]
    rank = dict.fromkeys(roles, 0)
    incoming: dict[str, list[str]] = {}
    for source, target in forward:
        incoming.setdefault(target, []).append(source)
    for role in order:
        rank[role] = max((rank[s] + 1 for s in incoming.get(role, ())), default=0)
    targets: dict[str, list[str]] = {}
    for source, target in forward:
        targets.setdefault(source, []).append(target)
    for role in reversed(order):  # sources move down next to their first target
        if role not in incoming and role in targets:
            rank[role] = max(0, min(rank[t] for t in targets[role]) - 1)
    return rank


def _topological(roles: list[str], outgoing: dict[str, list[str]]) -> list[str]:
    """The roles in an order where edges point forward, except those that close a cycle
    (depth first, without recursion)."""
    done: set[str] = set()
    finished: list[str] = []
    for root in roles:
        if root in done:
            continue
        done.add(root)
        work = [(root, iter(outgoing[root]))]
        while work:
            node, rest = work[-1]
            for target in rest:
                if target not in done:
                    done.add(target)
                    work.append((target, iter(outgoing[target])))
                    break
            else:
                work.pop()
                finished.append(node)
    return finished[::-1]
