"""What a page carries for exploring its diagrams, read from a real build: the explore script
once on a page with 20 diagrams and not at all on a page without one; the ids the script
reads in the SVG and the legend; and edge labels clear of each other and of the boxes,
checked from the SVG's coordinates (issue 24's "can becomecan move to")."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import sphinx_build, write_project
from diagram_helpers import SVG, classes, groups_of, svg_elements, texts_of

ROLES = """
relations:
  a:
    label: can become
  b:
    label: can move to
    style: dashed
roles:
  x:
    name: Role X
    summary: X.
    relations:
      a: [y]
  y:
    name: Role Y
    summary: Y.
    relations:
      b: [x]
  z:
    name: Role Z
    summary: Z.
"""
MANY = "\n".join("```{roles-diagram}\n:focus: " + "xyz"[i % 3] + "\n```\n" for i in range(20))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("explore") / "src", {
        "roles.yaml": ROLES,
        "index.md": "# Index\n\n```{toctree}\nmany\nplain\ncards\n```\n\n"
                    "```{roles-diagram}\n```\n",
        "many.md": f"# Twenty diagrams\n\n{MANY}",
        "plain.md": "# No diagram\n\nA link to [](roles:x).\n",
        "cards.md": "# Cards\n\n```{role-card} x\n```\n\n```{role-card} y\n```\n",
    })
    result = sphinx_build(srcdir, "-nW", "--keep-going")
    assert result.returncode == 0, result.stderr
    return result


def scripts(html: str, name: str) -> list[str]:
    return re.findall(rf'<script [^>]*src="[^"]*{re.escape(name)}[^"]*"[^>]*>', html)


def test_the_explore_script_loads_once_per_page_with_diagrams_and_nowhere_else(site):
    many = site.html("many.html")
    assert many.count('class="hubroles-diagram-canvas"') == 20
    tags = scripts(many, "hubroles-explore.js")
    assert len(tags) == 1 and "defer" in tags[0]
    assert len(scripts(site.html("index.html"), "hubroles-explore.js")) == 1
    for page in ("plain.html", "cards.html", "genindex.html", "search.html"):
        assert scripts(site.html(page), "hubroles-explore.js") == [], page
    assert (site.outdir / "_static" / "hubroles-explore.js").is_file()
    # Loaded like the previews script, on every page as before.
    assert len(scripts(site.html("plain.html"), "hubroles-preview.js")) == 1


def test_epub_has_no_explore_script(tmp_path):
    srcdir = write_project(tmp_path / "src", {"roles.yaml": ROLES,
                                              "index.md": "# Index\n\n```{roles-diagram}\n```\n"})
    result = sphinx_build(srcdir, "-q", "-d", str(tmp_path / "doctrees"), builder="epub")
    assert result.returncode == 0, result.stderr
    assert scripts(result.html("index.xhtml"), "hubroles-explore.js") == []


def test_the_svg_names_roles_and_edge_ends_and_the_legend_names_types(site):
    html = site.html("index.html")
    svg = svg_elements(html)[0]
    roles = {next(c for c in classes(g) if c.startswith("hubroles-id-"))
             for g in groups_of(svg, "hubroles-role")}
    assert roles == {"hubroles-id-x", "hubroles-id-y", "hubroles-id-z"}
    edges = sorted(tuple(sorted(c for c in classes(g) if c.startswith(
        ("hubroles-from-", "hubroles-to-", "hubroles-relation-"))))
        for g in groups_of(svg, "hubroles-edge"))
    assert edges == [("hubroles-from-x", "hubroles-relation-a", "hubroles-to-y"),
                     ("hubroles-from-y", "hubroles-relation-b", "hubroles-to-x")]
    assert re.findall(r'<li data-hubroles-relation="([a-z0-9-]+)">', html) == ["a", "b"]


# Helvetica's widest lower-case letters are about 0.56 em ("m" 0.83, "w" 0.72, most 0.5 to
# 0.56, "i" and "l" 0.22): 0.56 em a character over-estimates a label, so no overlap is missed.
EM_PER_CHARACTER = 0.56
LEAST_GAP = 2.0  # points between two labels, or a label and a box


def label_boxes(svg: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each line of each edge label: its text and (left, top, right, bottom), from the text's
    anchor point and font size."""
    boxes = []
    for edge in groups_of(svg, "hubroles-edge"):
        for text in edge.iter(f"{SVG}text"):
            size = float(text.get("font-size"))
            width = len(text.text) * size * EM_PER_CHARACTER
            x, y = float(text.get("x")), float(text.get("y"))
            left = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor"), x)
            boxes.append((text.text, (left, y - size, left + width, y + size * 0.25)))
    return boxes


def role_box(role: ET.Element) -> tuple[float, float, float, float]:
    shape = next(e for e in role.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon"))
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d")
                                            or shape.get("points"))]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def apart(one, other, gap: float) -> bool:
    return (one[2] + gap <= other[0] or other[2] + gap <= one[0]
            or one[3] + gap <= other[1] or other[3] + gap <= one[1])


def test_edge_labels_keep_clear_of_each_other_and_of_the_boxes(site):
    """The issue's repro: an edge each way between two roles, one type dashed by the user."""
    svg = svg_elements(site.html("index.html"))[0]
    labels = label_boxes(svg)
    assert sorted(text for text, _box in labels) == ["can become", "can move to"]
    assert sorted(" ".join(texts_of(g)) for g in groups_of(svg, "hubroles-edge")) == [
        "can become", "can move to"]  # the room around them is not in the text
    boxes = [role_box(role) for role in groups_of(svg, "hubroles-role")]
    for index, (text, box) in enumerate(labels):
        for other_text, other in labels[index + 1:]:
            assert apart(box, other, LEAST_GAP), (text, other_text)
        for role in boxes:
            assert apart(box, role, LEAST_GAP), (text, role)
