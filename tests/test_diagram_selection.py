"""A focus diagram finds its roles through each role's own relations (model.touching), not by
going over the whole file: the same selection as the plain definition, on real governance
documents, a handbook with retired and external roles, and a large generated file. And
diagram_inputs, which lets a build skip asking every diagram again, hold all a diagram shows."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest
from governance_helpers import governance_model
from test_hostile_properties import many_roles

from sphinx_hubroles.core.diagram.selection import DiagramSpec, diagram_inputs, focus_edge, select
from sphinx_hubroles.core.loader import load_roles, parse_roles
from sphinx_hubroles.core.model import Group, RelationType, Role, Text

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


def changed_copies(model):
    """Copies of `model`, each with one field of one role, group or relation type given a
    value others have (up to three of them), and one with two roles swapped: (what changed,
    the copy)."""
    def others(table: dict, item, field_name: str) -> list:
        values = []
        for other in table.values():
            value = getattr(other, field_name)
            if value != getattr(item, field_name) and value not in values:
                values.append(value)
        return values[:3]

    for attribute, kind in (("roles", Role), ("groups", Group), ("relations", RelationType)):
        table = getattr(model, attribute)
        for item in list(table.values())[:3]:
            for field_ in fields(kind):
                for value in others(table, item, field_.name) if field_.compare else ():
                    changed = {key: replace(entry, **{field_.name: value}) if entry is item
                               else entry for key, entry in table.items()}
                    yield f"{item.id}.{field_.name} = {value!r}", replace(
                        model, **{attribute: changed})
    first, second, *rest = model.roles.items()
    yield "role order", replace(model, roles=dict([second, first, *rest]))


def shown(model) -> list[str]:
    """What a few diagrams of every kind show."""
    roles, groups, relations = list(model.roles)[:4], tuple(model.groups)[:2], \
        tuple(model.relations)[:2]
    specs = [DiagramSpec(), DiagramSpec(groups=groups), DiagramSpec(relations=relations),
             DiagramSpec(roles=tuple(roles), status=("retired",)),
             *(DiagramSpec(focus=role_id, depth=2, context=True) for role_id in roles)]
    return [repr(select(model, spec)) for spec in specs]


@pytest.mark.parametrize("name", ["kubernetes", "jupyter", "handbook"])
def test_diagram_inputs_hold_everything_a_diagram_shows(name):
    """The build asks no diagram again while diagram_inputs stay the same (ext/state.py), so
    whatever changes a diagram must change them; and a new summary must not."""
    model = MODELS[name]()
    before, inputs = shown(model), diagram_inputs(model)
    changed = 0
    for what, copy in changed_copies(model):
        if shown(copy) != before:
            assert diagram_inputs(copy) != inputs, f"{what} changes a diagram"
            changed += 1
    assert changed > 10
    role = next(iter(model.roles.values()))
    copy = replace(model, roles={**model.roles, role.id: replace(
        role, summary=Text("Something else entirely.", 1))})
    assert diagram_inputs(copy) == inputs


def touching(selection) -> set[str]:
    return {role for source, _relation, target in selection.edges for role in (source, target)}


def test_relations_draws_only_the_roles_that_take_part_unless_isolated_show():
    """Issue 24: `:relations: a, b` left every other role floating as a loose box."""
    model = governance_model("jupyter")
    shown = select(model, DiagramSpec(relations=("oversees", "elects")))
    assert {rel.id for rel in shown.relations} == {"oversees", "elects"}
    assert {role.id for role in shown.roles} == touching(shown)
    assert shown.isolated_left_out == len(select(model, DiagramSpec()).roles) - len(shown.roles)
    assert shown.isolated_left_out > 0
    kept = select(model, DiagramSpec(relations=("oversees", "elects"), isolated="show"))
    assert kept.roles == select(model, DiagramSpec()).roles and kept.edges == shown.edges
    # Without :relations:, roles without a relation are shown unless :isolated: hide.
    everything = select(model, DiagramSpec())
    hidden = select(model, DiagramSpec(isolated="hide"))
    assert {role.id for role in hidden.roles} == touching(everything)
    assert hidden.edges == everything.edges


def test_relations_limit_the_walk_of_a_focus_diagram():
    """With :focus: and :depth: 2, the second ring is reached through the chosen types only,
    and :isolated: changes nothing."""
    model = governance_model("jupyter")
    spec = DiagramSpec(relations=("oversees",), focus="executive-council", depth=2)
    walked = select(model, spec)
    assert {relation for _s, relation, _t in walked.edges} == {"oversees"}
    oversees = [e for e in model.edges() if e.relation == "oversees"]
    ring, reached = {"executive-council"}, {"executive-council"}
    for _step in range(2):
        ring = ({e.target for e in oversees if e.source in ring}
                | {e.source for e in oversees if e.target in ring}) - reached
        reached |= ring
    shown = {role.id for role in walked.roles}
    assert shown == reached & {role.id for role in select(model, DiagramSpec()).roles}
    assert len(shown) < len(select(model, replace(spec, relations=())).roles)
    assert select(model, replace(spec, isolated="show")) == walked
    alone = select(model, DiagramSpec(relations=("seeds",), focus="working-group"))
    assert [role.id for role in alone.roles] == ["working-group"]  # its own box, always


def test_relations_that_join_no_kept_role_say_how_to_draw_them():
    from sphinx_hubroles.core import messages
    from sphinx_hubroles.core.rules import diagram_messages

    model = governance_model("jupyter")
    spec = DiagramSpec(roles=("executive-council",), relations=("oversees",))
    nothing = select(model, spec)
    assert nothing.roles == () and nothing.isolated_left_out == 1
    assert diagram_messages(spec, False, nothing) == [messages.no_diagram_relations()]
    assert [role.id for role in select(model, replace(spec, isolated="show")).roles] == [
        "executive-council"]
