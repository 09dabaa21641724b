"""Layout chosen from the graph's size before dot runs, checked against what the real dot
draws: the picture's least width (text never below 10 CSS px), direction, labels, folded ranks,
wrapped names, and each edge's dark colour in the SVG."""

from __future__ import annotations

import math
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from diagram_helpers import SVG, groups_of, texts_of

from sphinx_hubroles.core.diagram.dotsource import to_dot
from sphinx_hubroles.core.diagram.layout import (
    COLUMN_PX,
    LABEL_SIZE,
    MIN_TEXT_PX,
    NAME_SIZE,
    Layout,
    budget,
    layout_for,
)
from sphinx_hubroles.core.diagram.looks import slot
from sphinx_hubroles.core.diagram.selection import DiagramSpec, select
from sphinx_hubroles.core.diagram.svg import svg_template
from sphinx_hubroles.core.loader import parse_roles


def fan(count: int, hierarchy: bool = False, label: str = "oversees") -> str:
    """A role related to `count` others: the widest picture top to bottom."""
    targets = ", ".join(f"r{i}" for i in range(count))
    roles = "".join(f"  r{i}:\n    name: Role number {i}\n    summary: S.\n"
                    for i in range(count))
    return (f"relations:\n  rel: {{label: {label}, hierarchy: {str(hierarchy).lower()}}}\n"
            f"roles:\n  hub:\n    name: Hub\n    summary: S.\n    relations: {{rel: [{targets}]}}\n"
            + roles)


def selection_of(text: str, spec: DiagramSpec | None = None):
    return select(parse_roles(text.encode(), Path("roles.yaml")), spec or DiagramSpec())


def drawn(selection, layout: Layout) -> ET.Element:
    done = subprocess.run(["dot", "-Tsvg"], input=to_dot(selection, {}, layout).encode(),
                          capture_output=True, check=True)
    return ET.fromstring(svg_template(done.stdout))


def width(svg: ET.Element) -> float:
    return float(svg.get("viewBox").split()[2])


def least_css_width(svg: ET.Element) -> int:
    return int(svg.get("style").removeprefix("min-width: ").removesuffix("px"))


def test_the_picture_is_never_narrower_than_its_smallest_text_allows():
    selection = selection_of(fan(3))
    labelled = drawn(selection, layout_for(selection, "TB", "on"))
    sizes = {float(t.get("font-size")) for t in labelled.iter(f"{SVG}text")}
    assert min(sizes) == LABEL_SIZE
    assert least_css_width(labelled) == math.ceil(width(labelled) * MIN_TEXT_PX / LABEL_SIZE)
    plain = drawn(selection, layout_for(selection, "TB", "off"))
    assert least_css_width(plain) == math.ceil(width(plain) * MIN_TEXT_PX / NAME_SIZE)


def test_a_wide_fan_without_hierarchy_turns_left_to_right():
    selection = selection_of(fan(12))
    layout = layout_for(selection)
    assert (layout.direction, layout.edge_labels) == ("LR", True)
    assert width(drawn(selection, layout)) * MIN_TEXT_PX / LABEL_SIZE <= COLUMN_PX
    # Top to bottom it would be far too wide.
    assert width(drawn(selection, Layout("TB", True))) > 2 * budget(True)


def test_a_wide_hierarchy_stays_top_to_bottom_and_folds_its_ranks():
    selection = selection_of(fan(12, hierarchy=True))
    layout = layout_for(selection)
    assert layout.direction == "TB" and layout.stretched
    folded = drawn(selection, layout)
    # It fits, give or take the estimate's error (dot bends the edges that pass a column).
    assert width(folded) <= 1.05 * budget(layout.edge_labels)
    assert width(folded) < 0.6 * width(drawn(selection, Layout("TB", layout.edge_labels)))
    # Folding stretches the hierarchy's edges, but every one still points down.
    boxes = {" ".join(texts_of(g)): g for g in groups_of(folded, "hubroles-role")}

    def top(name: str) -> float:
        return min(float(t.get("y")) for t in boxes[name].iter(f"{SVG}text"))

    assert all(top("Hub") < top(f"Role number {i}") for i in range(12))


def test_labels_are_left_off_when_they_would_not_fit():
    long = "is responsible for the overall direction of"
    selection = selection_of(fan(6, hierarchy=True, label=long))
    assert not layout_for(selection).edge_labels
    assert layout_for(selection, edge_labels="on").edge_labels  # asked for: kept
    assert layout_for(selection_of(fan(2, hierarchy=True))).edge_labels


def test_print_pictures_make_the_same_choices_as_the_web():
    """The directive decides a diagram's layout once and prints with it: only `web` differs."""
    for text, spec in [(fan(12), None), (fan(12, hierarchy=True), None),
                       (fan(6, hierarchy=True, label="is responsible for the direction of"), None),
                       (fan(3), DiagramSpec(focus="hub"))]:
        selection = selection_of(text, spec)
        for options in [(), ("TB",), ("LR", "on"), (None, "off")]:
            web = layout_for(selection, *options)
            assert layout_for(selection, *options, web=False) == replace(web, web=False)


def test_long_names_wrap():
    name = "Diversity, Equity and Inclusion Standing Committee"
    selection = selection_of(fan(1).replace("Role number 0", name))
    svg = drawn(selection, layout_for(selection))
    box = next(g for g in groups_of(svg, "hubroles-role") if " ".join(texts_of(g)) == name)
    assert texts_of(box) == ["Diversity, Equity", "and Inclusion", "Standing Committee"]


def test_each_edge_carries_its_dark_colour_as_a_css_variable():
    selection = selection_of(fan(2), DiagramSpec())
    svg = drawn(selection, layout_for(selection))
    edges = groups_of(svg, "hubroles-edge")
    assert edges and all(edge.get("style") == f"--hubroles-dark: {slot(0).dark_colour}"
                         for edge in edges)
    assert not [edge for edge in edges if "hubroles-dark-" in edge.get("class")]
    assert {path.get("stroke") for edge in edges for path in edge.iter(f"{SVG}path")} == {
        slot(0).colour}
