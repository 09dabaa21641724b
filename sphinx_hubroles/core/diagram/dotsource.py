"""The DOT source of a diagram: roles as nodes, one cluster per group, relations as styled
edges, and a legend. Pure Python: the text does not depend on the page that shows it, so one
rendering serves every page (links are placeholders, filled in per page after rendering)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import graphviz

from ..model import RolesFile
from .escape import dot_label, dot_tooltip, is_shortened
from .selection import DiagramSpec, Selection, select

# `hubroles-href:<role id>` in the SVG is replaced by the page's own link to the card, and
# `hubroles-tooltip:<role id>` by the role's tooltip when the page is written (svg.py).
HREF_PLACEHOLDER = "hubroles-href:"
TOOLTIP_PLACEHOLDER = "hubroles-tooltip:"

FONT = "Helvetica,Arial,sans-serif"

# One look per relation type, cycled by its position in the vocabulary. Colour, line style and
# arrowhead all change, so types stay apart without colour too. The colours are the light-mode
# ones (used as is in PDF and PNG); hubroles-diagram.css swaps them in dark mode.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#b8327d", "#6a3d9a", "#8c510a")
LINE_STYLES = ("solid", "dashed", "dotted")
ARROWHEADS = ("normal", "empty", "diamond", "dot", "vee", "odiamond")

TEXT_COLOUR = "#24292f"
NODE_FILL = "#f6f8fa"
NODE_LINE = "#57606a"
GROUP_LINE = "#8c959f"

DIRECTIONS = ("TB", "LR", "BT", "RL")


@dataclass(frozen=True)
class EdgeStyle:
    css_class: str
    colour: str
    line: str
    arrowhead: str


def edge_style(index: int) -> EdgeStyle:
    return EdgeStyle(f"hubroles-rel-{index % len(COLOURS)}", COLOURS[index % len(COLOURS)],
                     LINE_STYLES[index % len(LINE_STYLES)],
                     ARROWHEADS[index % len(ARROWHEADS)])


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


def layout_for(direction: str, edge_labels: str, roles: int, web: bool = True) -> Layout:
    """The layout for `:edge-labels:` (`on`, `off`, `auto`) on a diagram of `roles` roles."""
    shown = edge_labels == "on" or (edge_labels == "auto" and roles <= AUTO_LABEL_ROLES)
    laid_out = roles <= LAID_OUT_LABEL_ROLES
    return Layout(direction, shown, web, "label" if laid_out else "xlabel")


def full_diagram_dot(model: RolesFile) -> str:
    """DOT of a `roles-diagram` with no options, for print and export: no page links, and
    newrank, so that dot 2.43 lays it out in one run even with edge labels."""
    selection = select(model, DiagramSpec())
    layout = layout_for("TB", "auto", len(selection.roles), web=False)
    return to_dot(selection, {}, replace(layout, newrank=True))


# An external role (documented elsewhere, `url`) is drawn with a dashed outline.
EXTERNAL_STYLE = "rounded,filled,dashed"
EXTERNAL_LABEL = "documented elsewhere"


def role_tooltip(name: str, summary: str | None) -> str:
    """What hovering over a role's box shows: its summary's words, after its whole name when
    the box cuts the name."""
    if not summary:
        return name
    return f"{name}: {summary}" if is_shortened(name) else summary


def to_dot(selection: Selection, tooltips: dict[str, str] | None, layout: Layout,
           notes: dict[tuple[str, str, str], str] | None = None) -> str:
    """DOT for `selection`; `tooltips` maps role ids to the plain text shown on hover, or is
    None for placeholders that svg.fill_tooltips fills in (the build's: a page's diagram then
    needs no new drawing when a summary changes); `notes` maps edges (source, relation,
    target) to their notes as plain text, for the edges' tooltips."""
    notes = notes or {}
    names = {role.id: role.name for role in selection.roles}
    labels = {rel.id: rel.label for rel in selection.relations}
    styles = {rel.id: edge_style(rel.style) for rel in selection.relations}

    graph = graphviz.Digraph("roles")
    graph.attr("graph", rankdir=layout.direction, bgcolor="transparent", fontname=FONT,
               fontsize="12", fontcolor=TEXT_COLOUR, nodesep="0.3", ranksep="0.5",
               **({"newrank": "true"} if layout.edge_labels and layout.newrank else {}))
    graph.attr("node", shape="box", style="rounded,filled", fillcolor=NODE_FILL,
               color=NODE_LINE, fontcolor=TEXT_COLOUR, fontname=FONT, fontsize="12",
               margin="0.15,0.07")
    graph.attr("edge", fontname=FONT, fontsize="10", arrowsize="0.8", penwidth="1.3")

    def add_role(target: graphviz.Digraph, role) -> None:
        attrs = {"class": "hubroles-role"}
        if role.external:
            attrs.update({"class": "hubroles-role hubroles-external", "style": EXTERNAL_STYLE})
        if role.id == selection.focus:
            attrs.update({"class": attrs["class"] + " hubroles-focus", "penwidth": "2.5"})
        if layout.web:
            tooltip = (TOOLTIP_PLACEHOLDER + role.id if tooltips is None
                       else dot_tooltip(role_tooltip(role.name, tooltips.get(role.id))))
            attrs.update(URL=HREF_PLACEHOLDER + role.id, tooltip=tooltip)
        name = f"{role.name} (retired)" if role.retired else role.name
        target.node(role.id, label=dot_label(name), **attrs)

    for index, (group_id, group_name) in enumerate(selection.groups):
        with graph.subgraph(name=f"cluster_{index}") as cluster:
            cluster.attr(label=dot_label(group_name), style="rounded", color=GROUP_LINE,
                         fontcolor=TEXT_COLOUR, margin="12", **{"class": "hubroles-group"})
            if layout.web:
                cluster.attr(tooltip=dot_tooltip(group_name))
            for role in selection.roles:
                if role.group == group_id:
                    add_role(cluster, role)
    for role in selection.roles:
        if role.group is None:
            add_role(graph, role)

    for source, relation, target in selection.edges:
        style = styles[relation]
        attrs = _edge_attrs(style, "hubroles-edge")
        if layout.web:
            note = notes.get((source, relation, target))
            attrs["tooltip"] = dot_tooltip(f"{names[source]} {labels[relation]} {names[target]}"
                                           + (f": {note}" if note else ""))
        if layout.edge_labels:
            attrs[layout.label_attribute] = dot_label(labels[relation])
            attrs["fontcolor"] = style.colour
        graph.edge(source, target, **attrs)

    if (selection.relations or any(r.external for r in selection.roles)) and not layout.web:
        _add_legend(graph, selection, styles, layout)
    return graph.source


def _edge_attrs(style: EdgeStyle, kind: str) -> dict[str, str]:
    return {"class": f"{kind} {style.css_class}", "color": style.colour, "style": style.line,
            "arrowhead": style.arrowhead}


def _add_legend(graph: graphviz.Digraph, selection: Selection, styles, layout: Layout) -> None:
    """For print: a cluster with one sample edge per relation type, pointing at its label,
    the samples one under the other (a column adds less width than a row; width is what
    a page lacks). Node names carry `_`, which role ids cannot, so they never meet a role.
    """
    across = layout.direction in ("TB", "BT")
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="Legend", style="rounded,dashed", color=GROUP_LINE,
                    fontcolor=TEXT_COLOUR, margin="10", **{"class": "hubroles-legend"})
        previous = None
        for index, relation in enumerate(selection.relations):
            tail, head = f"legend_{index}_from", f"legend_{index}_to"
            legend.node(tail, label="", shape="point", width="0.02", style="invis")
            legend.node(head, label=dot_label(relation.label), shape="plaintext",
                        style="", **{"class": "hubroles-legend-label"})
            legend.edge(tail, head, **_edge_attrs(styles[relation.id], "hubroles-legend-sample"))
            if across:
                # Each sample lies flat on its own rank; invisible edges stack them.
                with legend.subgraph() as same:
                    same.attr(rank="same")
                    same.node(tail)
                    same.node(head)
                if previous is not None:
                    legend.edge(previous, tail, style="invis")
                previous = tail
        if any(role.external for role in selection.roles):
            legend.node("legend_external", label=dot_label(EXTERNAL_LABEL), style=EXTERNAL_STYLE,
                        **{"class": "hubroles-legend-external"})
            if previous is not None:
                legend.edge(previous, "legend_external", style="invis")
