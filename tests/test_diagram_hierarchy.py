"""Hierarchy relations point down the page, read from node coordinates in the SVG that the
real dot draws: a ladder whose other relations would turn it over, Kubernetes' contributor
ladder and Jupyter's oversight tree (tests/fixtures/governance). Also what focus diagrams
draw, counted on those fixtures."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from diagram_helpers import SVG, groups_of, texts_of
from governance_helpers import governance_model

from sphinx_hubroles.core.diagram.dotsource import to_dot
from sphinx_hubroles.core.diagram.layout import layout_for
from sphinx_hubroles.core.diagram.selection import DiagramSpec, select
from sphinx_hubroles.core.diagram.svg import svg_template
from sphinx_hubroles.core.loader import parse_roles

# A ladder, Newcomer → Member → Reviewer → Approver → Lead, whose other relations mostly point
# up it, written top rung first: without `hierarchy`, dot ranks the Lead at the top.
LADDER = """\
relations:
  grows-into: {label: can become, hierarchy: true}
  sponsors: {label: sponsors}
  mentors: {label: mentors}
  reports-to: {label: reports to}
roles:
  lead:
    name: Lead
    summary: Leads.
    relations: {mentors: [approver, reviewer, member]}
  approver:
    name: Approver
    summary: Approves.
    relations: {grows-into: [lead], sponsors: [reviewer, member], mentors: [newcomer]}
  reviewer:
    name: Reviewer
    summary: Reviews.
    relations: {grows-into: [approver], sponsors: [member, newcomer]}
  member:
    name: Member
    summary: Is a member.
    relations: {grows-into: [reviewer], reports-to: [lead]}
  newcomer:
    name: Newcomer
    summary: Is new.
    relations: {grows-into: [member], reports-to: [approver]}
"""
RUNGS = ["Newcomer", "Member", "Reviewer", "Approver", "Lead"]


def draw(selection, direction: str | None = None) -> ET.Element:
    source = to_dot(selection, {}, layout_for(selection, direction))
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True,
                          check=True)
    return ET.fromstring(svg_template(done.stdout))


def centres(svg: ET.Element) -> dict[str, tuple[float, float]]:
    """Role name -> the centre of its box: the middle of its lines of text."""
    found = {}
    for group in groups_of(svg, "hubroles-role"):
        lines = list(group.iter(f"{SVG}text"))
        found[" ".join(texts_of(group))] = (
            sum(float(t.get("x")) for t in lines) / len(lines),
            sum(float(t.get("y")) for t in lines) / len(lines))
    return found


def ladder(text: str = LADDER):
    return select(parse_roles(text.encode(), Path("roles.yaml")), DiagramSpec())


def test_a_ladder_reads_top_to_bottom_whatever_the_other_relations_say():
    drawn = centres(draw(ladder()))
    assert [drawn[rung][1] for rung in RUNGS] == sorted(drawn[rung][1] for rung in RUNGS)
    assert len({round(drawn[rung][1]) for rung in RUNGS}) == len(RUNGS)  # a rank each
    # The same relations without the declaration: the other relations turn the ladder over,
    # which is what `hierarchy: true` prevents.
    flat = centres(draw(ladder(LADDER.replace("hierarchy: true", "hierarchy: false"))))
    assert flat["Lead"][1] < flat["Newcomer"][1]


def test_a_ladder_follows_the_direction():
    drawn = centres(draw(ladder(), "LR"))
    assert [drawn[rung][0] for rung in RUNGS] == sorted(drawn[rung][0] for rung in RUNGS)
    drawn = centres(draw(ladder(), "BT"))
    assert [drawn[rung][1] for rung in RUNGS] == sorted(
        (drawn[rung][1] for rung in RUNGS), reverse=True)


def test_only_hierarchy_relations_rank_roles_when_one_is_drawn():
    source = to_dot(ladder(), {}, layout_for(ladder()))
    edges = re.findall(r"^\t(\w+) -> (\w+) \[(.*)\]$", source, re.M)
    assert {(s, t) for s, t, attrs in edges if "constraint=false" not in attrs
            and "invis" not in attrs} == {("approver", "lead"), ("reviewer", "approver"),
                                          ("member", "reviewer"), ("newcomer", "member")}
    # Without a hierarchy edge in the diagram, every relation ranks roles.
    others = select(parse_roles(LADDER.encode(), Path("roles.yaml")),
                    DiagramSpec(relations=("sponsors", "mentors")))
    assert "constraint" not in to_dot(others, {}, layout_for(others))


@pytest.mark.parametrize("fixture, hierarchy, top", [
    ("kubernetes", {"grows-into"}, "New contributor"),
    ("jupyter", {"oversees", "part-of"}, "Executive Council"),
])
def test_governance_hierarchies_point_down_the_page(fixture, hierarchy, top):
    model = governance_model(fixture)
    selection = select(model, DiagramSpec())
    drawn = centres(draw(selection))
    names = {role.id: role.name for role in selection.roles}
    edges = [(names[s], names[t]) for s, r, t in selection.edges if r in hierarchy]
    assert len(edges) >= 4
    assert [(s, t) for s, t in edges if drawn[s][1] >= drawn[t][1]] == []
    assert drawn[top][1] == min(y for _x, y in drawn.values())


# -- focus -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture, role, own, with_context", [
    # The issue counted 17 edges on the Software Steering Council's page and 10 on the
    # Reviewer's: every relation among the neighbours.
    ("jupyter", "software-steering-council", 9, 23),  # 23 with a kind-of (issue 23)
    ("kubernetes", "reviewer", 7, 10),
])
def test_focus_draws_the_roles_own_relations(fixture, role, own, with_context):
    model = governance_model(fixture)
    relations = [e for e in model.edges() if role in (e.source, e.target)]
    focus = select(model, DiagramSpec(focus=role))
    assert len(focus.edges) == len(relations) == own
    assert set(focus.edges) == {(e.source, e.relation, e.target) for e in relations}
    context = select(model, DiagramSpec(focus=role, context=True))
    assert len(context.edges) == with_context
    assert context.roles == focus.roles
    svg = draw(focus)
    assert len(groups_of(svg, "hubroles-edge")) == own


def test_focus_at_depth_two_draws_each_step_away_and_the_roles_own_loop():
    model = governance_model("jupyter")
    # The relations a diagram may draw: retired roles are left out by default.
    relations = [e for e in model.edges()
                 if not (model.roles[e.source].retired or model.roles[e.target].retired)]
    distance = {"distinguished-contributors": 0}
    near = {e.target if e.source in distance else e.source for e in relations
            if "distinguished-contributors" in (e.source, e.target)} - set(distance)
    distance |= dict.fromkeys(near, 1)
    far = {e.target if e.source in near else e.source for e in relations
           if (e.source in near) != (e.target in near)} - set(distance)
    distance |= dict.fromkeys(far, 2)
    shown = select(model, DiagramSpec(focus="distinguished-contributors", depth=2))
    assert {role.id for role in shown.roles} == set(distance)
    expected = [(e.source, e.relation, e.target) for e in relations
                if e.source in distance and e.target in distance
                and (abs(distance[e.source] - distance[e.target]) == 1
                     or e.source == e.target == "distinguished-contributors")]
    assert list(shown.edges) == expected
    assert ("distinguished-contributors", "elects", "distinguished-contributors") in expected
    # A neighbour's relation to itself is context.
    def loops(selection):
        return [e for e in selection.edges if e[0] == e[2] != "distinguished-contributors"]

    assert loops(shown) == []
    assert loops(select(model, DiagramSpec(focus="distinguished-contributors", depth=2,
                                           context=True)))


# -- cycles of hierarchy relations -------------------------------------------------------------

def test_cycles_are_found_one_per_tangle_in_file_order_without_recursion():
    from sphinx_hubroles.core.diagram.hierarchy import cycles
    from sphinx_hubroles.core.model import Edge

    def edges(*pairs: str) -> list[Edge]:
        return [Edge(pair[0], "h", pair[1]) for pair in pairs]

    found = cycles(edges("ab", "bc", "ca", "cd", "de", "ed", "xy"))
    assert found == [edges("ab", "bc", "ca"), edges("de", "ed")]
    assert cycles(edges("ab", "bc", "ac")) == []
    ring = [Edge(str(i), "h", str(i + 1)) for i in range(5_000)] + [Edge("5000", "h", "0")]
    assert len(cycles(ring)[0]) == 5_001  # Python's recursion limit is 1,000
