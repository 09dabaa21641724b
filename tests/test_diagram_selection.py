"""A focus diagram finds its roles through each role's own relations (model.touching), not by
going over the whole file: the same selection as the plain definition, on real governance
documents, a handbook with retired and external roles, and a large generated file."""

from __future__ import annotations

from pathlib import Path

import pytest
from governance_helpers import governance_model
from test_hostile_properties import many_roles

from sphinx_hubroles.core.diagram.selection import DiagramSpec, focus_edge, select
from sphinx_hubroles.core.loader import load_roles, parse_roles

HANDBOOK = Path(__file__).parent.parent / "roles.yaml"


def plainly(model, spec: DiagramSpec):
    """(role ids, edges) of a focus diagram by the definition: the roles the options keep,
    the relations among them, everything within :depth: steps of the focus, and the edges one
    step apart (all of them with :context:), in file order."""
    statuses = set(spec.status)
    picked = set(spec.roles) | {r.id for r in model.roles.values() if r.group in spec.groups}
    ids = {r.id for r in model.roles.values()
           if (not (spec.roles or spec.groups) or r.id in picked)
           and (r.status in statuses or r.id in {*spec.roles, spec.focus})}
    edges = [e for e in model.edges() if e.source in ids and e.target in ids
             and (not spec.relations or e.relation in spec.relations)]
    distance, frontier = {spec.focus: 0}, {spec.focus}
    for step in range(1, spec.depth + 1):
        frontier = ({e.target for e in edges if e.source in frontier}
                    | {e.source for e in edges if e.target in frontier}) - distance.keys()
        distance.update(dict.fromkeys(frontier, step))
    shown = [e for e in edges if e.source in distance and e.target in distance
             and (spec.context or focus_edge(e, distance))]
    return ([r for r in model.roles if r in distance],
            [(e.source, e.relation, e.target) for e in shown])


MODELS = {
    "kubernetes": lambda: governance_model("kubernetes"),
    "jupyter": lambda: governance_model("jupyter"),
    "handbook": lambda: load_roles(HANDBOOK),
    "large": lambda: parse_roles(many_roles(120).encode(), Path("roles.yaml")),
}


@pytest.mark.parametrize("name", MODELS)
def test_focus_selections_match_the_definition(name):
    model = MODELS[name]()
    relations = tuple(model.relations)[:2]
    groups = tuple(model.groups)[:2]
    checked = 0
    for focus in model.roles:
        for spec in (DiagramSpec(focus=focus), DiagramSpec(focus=focus, depth=2),
                     DiagramSpec(focus=focus, depth=3, context=True),
                     DiagramSpec(focus=focus, relations=relations),
                     DiagramSpec(focus=focus, status=("active", "draft", "retired"), depth=2),
                     DiagramSpec(focus=focus, groups=groups, depth=2)):
            selection = select(model, spec)
            if selection.focus is None:  # the options leave the focus out: reported
                assert any(":focus:" in problem for problem in selection.problems)
                continue
            assert ([r.id for r in selection.roles], list(selection.edges)) == \
                plainly(model, spec), (focus, spec)
            checked += 1
    assert checked > len(model.roles)
