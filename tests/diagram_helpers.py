"""Helpers for the diagram tests and benchmarks: seeded random roles files, SVG reading."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

from sphinx_hubroles.core.model import Group, RelationType, Role, RolesFile, Text

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

WORDS = ("Hub", "Community", "Data", "Support", "Release", "Security", "Cloud", "Research",
         "Training", "Platform", "Incident", "Budget", "Outreach", "Quality", "Partner")
TITLES = ("Engineer", "Steward", "Lead", "Coordinator", "Administrator", "Manager",
          "Representative", "Champion", "Reviewer", "Officer")
RELATIONS = (("oversees", "oversees"), ("supports", "supports"),
             ("reports-to", "reports to"), ("escalates-to", "escalates to"))


def random_roles_file(size: int, seed: int, edges_per_role: float = 2.5) -> RolesFile:
    """`size` roles in about size/8 groups (a few ungrouped), with ~2.5 relations per role,
    like the 200-role, 508-edge graph measured in the design notes."""
    rng = random.Random(seed)
    groups = {f"group-{i}": Group(f"group-{i}", f"{rng.choice(WORDS)} Team {i}", None, 1)
              for i in range(max(2, size // 8))}
    ids = [f"role-{i}" for i in range(size)]
    targets: dict[str, dict[str, list[str]]] = {i: {} for i in ids}
    for _ in range(round(size * edges_per_role)):
        source, target = rng.choice(ids), rng.choice(ids)
        relation = rng.choice(RELATIONS)[0]
        chosen = targets[source].setdefault(relation, [])
        if target not in chosen:
            chosen.append(target)
    roles = {}
    for i, role_id in enumerate(ids):
        name = f"{rng.choice(WORDS)} {rng.choice(TITLES)} {i}"
        group = rng.choice(list(groups)) if rng.random() < 0.85 else None
        relations = tuple((rel, tuple(t)) for rel, t in targets[role_id].items())
        roles[role_id] = Role(role_id, name, Text(f"Summary of {name}.", 1), 1, group=group,
                              relations=relations)
    return RolesFile(Path("roles.yaml"), {rid: RelationType(rid, label, None, 1)
                                          for rid, label in RELATIONS}, groups, roles, {})


def svg_elements(html: str) -> list[ET.Element]:
    """Every inline <svg> diagram in a page, parsed."""
    return [ET.fromstring(match) for match in
            re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
            if "hubroles-diagram-svg" in match]


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def groups_of(svg: ET.Element, css_class: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if css_class in classes(g)]


def title_of(element: ET.Element) -> str:
    title = element.find(f"{SVG}title")
    return "" if title is None else (title.text or "")


def texts_of(element: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


# A small team, with a role whose every text field is hostile to DOT, SVG and HTML.
HOSTILE_NAME = '<b>Bold</b> & R&amp;D \\N "quoted" \\'
HOSTILE_GROUP = "Group <script>alert(1)</script> \\G"
HOSTILE_LABEL = "relates &lt;to&gt; \\E"
ROLES_YAML = r"""
relations:
  oversees:
    label: oversees
    inverse: overseen by
  adds:
    label: adds
  supports:
    label: supports
  escalates-to:
    label: escalates to
  strange:
    label: 'relates &lt;to&gt; \E'
groups:
  community:
    name: Hub Community
  service:
    name: Service Team
  weird:
    name: 'Group <script>alert(1)</script> \G'
roles:
  community-representative:
    name: Community Representative
    group: community
    summary: Ensures that the interests of the **Hub Community** are represented; see the
      [guide](https://example.org) and `code`.
    relations:
      oversees: [hub-administrator]
      adds: [hub-administrator]
  hub-administrator:
    name: Hub Administrator
    group: community
    summary: Supports users of a hub.
    relations:
      adds: [hub-administrator]
      escalates-to: [hub-engineer]
  hub-engineer:
    name: Hub Engineer
    group: service
    summary: Operates the infrastructure.
    relations:
      supports: [community-representative, hub-administrator]
  support-steward:
    name: Support Steward
    group: service
    summary: The first point of contact for support.
    relations:
      oversees: [hub-engineer]
  project-manager:
    name: Project Manager
    summary: Plans the work.
  hostile:
    name: '<b>Bold</b> & R&amp;D \N "quoted" \'
    group: weird
    summary: 'Tooltip with \N, "quotes", <i>tags</i> and a trailing backslash \'
    relations:
      strange: [project-manager]
"""
ROLE_NAMES = {
    "community-representative": "Community Representative",
    "hub-administrator": "Hub Administrator",
    "hub-engineer": "Hub Engineer",
    "support-steward": "Support Steward",
    "project-manager": "Project Manager",
    "hostile": HOSTILE_NAME,
}
EDGES = {  # (source, label, target) as the diagram states them
    ("Community Representative", "oversees", "Hub Administrator"),
    ("Community Representative", "adds", "Hub Administrator"),
    ("Hub Administrator", "adds", "Hub Administrator"),
    ("Hub Administrator", "escalates to", "Hub Engineer"),
    ("Hub Engineer", "supports", "Community Representative"),
    ("Hub Engineer", "supports", "Hub Administrator"),
    ("Support Steward", "oversees", "Hub Engineer"),
    (HOSTILE_NAME, HOSTILE_LABEL, "Project Manager"),
}


def svg_after(html: str, marker: str) -> ET.Element:
    """The first diagram after `marker` (such as a figure's `id="..."`) in a page."""
    start = html.index(marker)
    match = re.compile(r"<svg\b.*?</svg>", re.S).search(html, start)
    assert match, f"no diagram after {marker!r}"
    return ET.fromstring(match.group(0))


def role_boxes(svg: ET.Element) -> dict[str, dict]:
    """Role name -> {'href': ..., 'title': tooltip, 'classes': ...} for each role's box."""
    boxes = {}
    for group in groups_of(svg, "hubroles-role"):
        anchor = group.find(f"{SVG}a")
        boxes[" ".join(texts_of(group))] = {
            "href": None if anchor is None else anchor.get(f"{XLINK}href"),
            "title": title_of(group), "classes": classes(group)}
    return boxes


def edge_titles(svg: ET.Element) -> list[str]:
    return [title_of(g) for g in groups_of(svg, "hubroles-edge")]


def legend_labels(svg: ET.Element) -> list[str]:
    """The legend drawn in a printed diagram's picture."""
    return [" ".join(texts_of(g)) for g in groups_of(svg, "hubroles-legend-label")]


def html_legend(html: str, marker: str) -> list[tuple[str, str]]:
    """(label, line colour) of the HTML legend of the first diagram after `marker`."""
    start = html.index(marker)
    match = re.compile(r'<ul class="hubroles-diagram-legend".*?</ul>', re.S).search(html, start)
    assert match and match.start() < html.find("</details>", start), "no legend"
    return [(unescape(label).strip(), colour) for colour, label in re.findall(
        r'<li(?: data-hubroles-relation="[a-z0-9-]+")?><svg class="hubroles-legend-svg".*?'
        r'<path [^>]*stroke="(#[0-9a-f]{6})".*?</svg>'
        r'(.*?)</li>', match.group(0), flags=re.S)]


def edge_looks(svg: ET.Element) -> dict[str, tuple]:
    """Edge tooltip -> (colour, dash pattern, stroke width, arrowhead outline) as drawn."""
    looks = {}
    for group in groups_of(svg, "hubroles-edge"):
        path = group.find(f".//{SVG}path")
        head = [(e.tag.removeprefix(SVG), e.get("fill") == "none", len(e.get("points", "")
                                                                      .split()))
                for e in group.iter() if e.tag in (f"{SVG}polygon", f"{SVG}ellipse")]
        looks[title_of(group)] = (path.get("stroke"), path.get("stroke-dasharray"),
                                  path.get("stroke-width"), tuple(head))
    return looks


def cluster_labels(svg: ET.Element) -> list[str]:
    return [" ".join(texts_of(g)) for g in groups_of(svg, "hubroles-group")]
