"""The DOT source of a diagram: roles as nodes, one cluster per group, relations as styled
edges, and a legend. Pure Python: the text does not depend on the page that shows it, so one
rendering serves every page (links are placeholders, filled in per page after rendering)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import graphviz

from ..model import RolesFile
from .escape import dot_label, dot_tooltip, dot_wrapped_label, is_shortened
from .layout import (
    LABEL_LINE,
    LABEL_PAD,
    LABEL_SIZE,
    NAME_LINE,
    NAME_SIZE,
    Layout,
    layout_for,
)
from .looks import Look
from .selection import DiagramSpec, Selection, select

# `hubroles-href:<role id>` in the SVG is replaced by the page's own link to the card, and
# `hubroles-tooltip:<role id>` by the role's tooltip when the page is written (svg.py).
HREF_PLACEHOLDER = "hubroles-href:"
TOOLTIP_PLACEHOLDER = "hubroles-tooltip:"

FONT = "Helvetica,Arial,sans-serif"

TEXT_COLOUR = "#24292f"
NODE_FILL = "#f6f8fa"
NODE_LINE = "#57606a"
GROUP_LINE = "#8c959f"
LINE_WIDTH = "1.3"
BOLD_WIDTH = "2.6"

# For svg.py: the class that carries an edge's dark-mode colour into the SVG.
DARK_CLASS = "hubroles-dark-"
# Classes naming a role's id on its box, and the ids of an edge's ends.
ROLE_CLASS = "hubroles-id-"
SOURCE_CLASS = "hubroles-from-"
TARGET_CLASS = "hubroles-to-"


def full_diagram_dot(model: RolesFile) -> str:
    """DOT of a `roles-diagram` with no options, for print and export: no page links, and
    newrank, so that dot 2.43 lays it out in one run even with edge labels."""
    selection = select(model, DiagramSpec())
    layout = layout_for(selection, web=False)
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


def edge_tooltip(source: str, label: str, target: str, note: str | None = None) -> str:
    """What hovering over an edge shows: "Source label Target", and ": note" after it when
    the relation has a note."""
    sentence = f"{source} {label} {target}"
    return f"{sentence}: {note}" if note else sentence


def to_dot(selection: Selection, tooltips: dict[str, str] | None, layout: Layout,
           notes: dict[tuple[str, str, str], str] | None = None,
           legend: bool | None = None) -> str:
    """DOT for `selection`; `tooltips` maps role ids to the plain text shown on hover, or is
    None for placeholders that svg.fill_tooltips fills in (the build's: a page's diagram then
    needs no new drawing when a summary changes). `notes` maps edges (source, relation,
    target) to the plain text of their notes, which their tooltips end with. `legend`: whether
    the picture draws its legend; by default for print only (on the web, Sphinx's page shows
    it beside the picture)."""
    notes = notes or {}
    names = {role.id: role.name for role in selection.roles}
    labels = {rel.id: rel.label for rel in selection.relations}
    looks = {rel.id: rel.look for rel in selection.relations}
    # When the diagram draws a hierarchy, only its edges decide which role is above which.
    ranked = {rel.id for rel in selection.relations if rel.hierarchy or
              not selection.has_hierarchy}

    graph = graphviz.Digraph("roles")
    graph.attr("graph", rankdir=layout.direction, bgcolor="transparent", fontname=FONT,
               fontsize=str(NAME_SIZE), fontcolor=TEXT_COLOUR, nodesep="0.3", ranksep="0.5",
               **({"newrank": "true"} if layout.edge_labels and layout.newrank else {}))
    graph.attr("node", shape="box", style="rounded,filled", fillcolor=NODE_FILL,
               color=NODE_LINE, fontcolor=TEXT_COLOUR, fontname=FONT, fontsize=str(NAME_SIZE),
               margin="0.15,0.07")
    graph.attr("edge", fontname=FONT, fontsize=str(LABEL_SIZE), fontcolor=TEXT_COLOUR,
               arrowsize="0.8", penwidth=LINE_WIDTH)

    bodies = dict(selection.bodies)  # group id -> the role that stands for it
    body_roles = set(bodies.values())

    def add_role(target: graphviz.Digraph, role) -> None:
        # The role's id as a class too, and each edge's ends: the page's script highlights a
        # role's relations from them (static/hubroles-explore.js).
        attrs = {"class": f"hubroles-role {ROLE_CLASS}{role.id}"}
        if role.id in body_roles:  # the frame's title: a heavier box
            attrs.update({"class": attrs["class"] + " hubroles-body", "penwidth": "2"})
        if role.external:
            attrs.update({"class": attrs["class"] + " hubroles-external",
                          "style": EXTERNAL_STYLE})
        if role.id == selection.focus:
            attrs.update({"class": attrs["class"] + " hubroles-focus", "penwidth": "2.5"})
        if layout.web:
            tooltip = (TOOLTIP_PLACEHOLDER + role.id if tooltips is None
                       else dot_tooltip(role_tooltip(role.name, tooltips.get(role.id))))
            attrs.update(URL=HREF_PLACEHOLDER + role.id, tooltip=tooltip)
        target.node(role.id, label=dot_wrapped_label(role.label, NAME_LINE), **attrs)

    # Each group's roles, found in one pass: a diagram of thousands of groups must not go over
    # every role for each group.
    members = members_by_group(selection)
    for index, (group_id, group_name) in enumerate(selection.groups):
        with subgraph(graph, f"cluster_{index}") as cluster:
            # A group with its body shown has no label of its own: the body's box, drawn
            # first in the frame, names it.
            label = "" if group_id in bodies else dot_label(group_name)
            cluster.attr(label=label, style="rounded", color=GROUP_LINE,
                         fontcolor=TEXT_COLOUR, margin="12", **{"class": "hubroles-group"})
            if layout.web:
                cluster.attr(tooltip=dot_tooltip(group_name))
            for role in sorted(members.get(group_id, ()),
                               key=lambda r: r.id != bodies.get(group_id)):
                add_role(cluster, role)
    for role in members.get(None, ()):
        add_role(graph, role)

    stretched = {(source, target): str(ranks) for source, target, ranks in layout.stretched}
    for source, relation, target in selection.edges:
        # The type's id as a class too: for a site's own CSS, and for tests.
        attrs = edge_attrs(looks[relation], f"hubroles-edge hubroles-relation-{relation} "
                           f"{SOURCE_CLASS}{source} {TARGET_CLASS}{target}")
        if relation not in ranked:
            attrs["constraint"] = "false"
        elif (source, target) in stretched:
            attrs["minlen"] = stretched[source, target]
        if layout.web:
            attrs["tooltip"] = dot_tooltip(edge_tooltip(
                names[source], labels[relation], names[target],
                notes.get((source, relation, target))))
        if layout.edge_labels:
            attrs[layout.label_attribute] = dot_wrapped_label(labels[relation], LABEL_LINE,
                                                              LABEL_PAD)
        graph.edge(source, target, **attrs)
    for above, role, ranks in layout.placed:  # roles that no drawn edge ranks
        graph.edge(above, role, style="invis", minlen=str(ranks))
    for body, member in body_above(selection, ranked):
        graph.edge(body, member, style="invis")

    if legend is None:
        legend = not layout.web
    if (selection.relations or any(r.external for r in selection.roles)) and legend:
        _add_legend(graph, selection, looks, layout)
    return graph.source


@contextmanager
def subgraph(parent: graphviz.Digraph, name: str | None = None) -> Iterator[graphviz.Digraph]:
    """What `parent.subgraph(name=name)` gives as a context manager, made without copying the
    parent: graphviz 0.21 copies the parent's whole DOT so far to make each subgraph, which
    made a diagram of thousands of groups take seconds (benchmarks/worst_case.py)."""
    child = graphviz.Digraph(name)
    yield child
    parent.subgraph(child)


def body_above(selection: Selection, ranked: set[str]) -> list[tuple[str, str]]:
    """(body, member) for each member of a group drawn with its body, whom no ranking edge
    already places: an invisible edge puts the body, the frame's title, above its members
    (none where a ranking edge leads from the member to the body: it would make a cycle)."""
    ranked_pairs = {(source, target) for source, relation, target in selection.edges
                    if relation in ranked}
    members = members_by_group(selection)
    return [(body, role.id) for group, body in selection.bodies
            for role in members.get(group, ()) if role.id != body
            and (role.id, body) not in ranked_pairs and (body, role.id) not in ranked_pairs]


def members_by_group(selection: Selection) -> dict[str | None, list]:
    """Group id (None: no group) -> its roles, in the selection's order, found in one pass."""
    members: dict[str | None, list] = {}
    for role in selection.roles:
        members.setdefault(role.group, []).append(role)
    return members


def edge_attrs(look: Look, kind: str) -> dict[str, str]:
    """An edge's look; its class carries the dark-mode colour (svg.py moves it to a style)."""
    attrs = {"class": f"{kind} hubroles-look {DARK_CLASS}{look.dark_colour[1:]}",
             "color": look.colour, "arrowhead": look.arrowhead,
             "style": "solid" if look.line == "bold" else look.line}
    if look.line == "bold":
        attrs["penwidth"] = BOLD_WIDTH
    return attrs


def _add_legend(graph: graphviz.Digraph, selection: Selection, looks: dict[str, Look],
                layout: Layout) -> None:
    """For print: a cluster with one sample edge per relation type, pointing at its label,
    the samples one under the other (a column adds less width than a row; width is what
    a page lacks). Node names carry `_`, which role ids cannot, so they never meet a role.
    """
    across = layout.direction in ("TB", "BT")
    with subgraph(graph, "cluster_legend") as legend:
        legend.attr(label="Legend", style="rounded,dashed", color=GROUP_LINE,
                    fontcolor=TEXT_COLOUR, margin="10", **{"class": "hubroles-legend"})
        previous = None
        for index, relation in enumerate(selection.relations):
            tail, head = f"legend_{index}_from", f"legend_{index}_to"
            legend.node(tail, label="", shape="point", width="0.02", style="invis")
            legend.node(head, label=dot_label(relation.label), shape="plaintext",
                        style="", **{"class": "hubroles-legend-label"})
            legend.edge(tail, head, **edge_attrs(looks[relation.id], "hubroles-legend-sample"))
            if across:
                # Each sample lies flat on its own rank; invisible edges stack them.
                with subgraph(legend) as same:
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
