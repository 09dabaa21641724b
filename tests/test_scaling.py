"""No stage grows faster than n log n on the shapes of roles.yaml that once made it quadratic
(issue 21; benchmarks/worst_case.py times them). No timing here: each test runs a stage at
size n and 4n and compares a count that does not depend on the machine, the Python lines the
stage's own module runs (or the comparisons it makes): about 4 times as many for linear work,
16 times for quadratic work."""

from __future__ import annotations

import io
import sys
import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import graphviz
import pytest
from conftest import sphinx_build, write_project

from sphinx_hubroles.cli import main as cli_main
from sphinx_hubroles.core import directory, loader, people, tenure
from sphinx_hubroles.core.diagram import dotsource, hierarchy, layout
from sphinx_hubroles.core.diagram.selection import MAX_DRAWN, DiagramSpec, select
from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.core.model import Edge
from sphinx_hubroles.ext import domain

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import worst_case  # noqa: E402

PATH = Path("roles.yaml")
# 4n against n: linear work gives 4, n log n a little more, quadratic work 16.
MOST_GROWTH = 6


def lines_run(module: ModuleType, stage: Callable[[], object]) -> int:
    """How many lines of `module` run while `stage` runs (functions, loops, comprehensions)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename == module.__file__ else None

    before = sys.gettrace()
    sys.settrace(calls)
    try:
        stage()
    finally:
        sys.settrace(before)
    return count


def growth(module: ModuleType, stage: Callable[[int], Callable[[], object]], n: int) -> float:
    """Lines of `module` run by `stage(4 n)` over those run by `stage(n)`."""
    return lines_run(module, stage(4 * n)) / lines_run(module, stage(n))


def model_of(shape: str, size: int):
    return parse_roles(worst_case.SHAPES[shape](size).encode(), PATH)


def test_relation_targets_are_not_each_compared_with_every_other(monkeypatch):
    """A relation's list of targets is checked for repeats through a dict: a target is
    compared with another only when their hashes meet. (Asking a list whether it held each
    new target compared it with all the targets before: 40,000 targets took 9 s.)"""
    compared = 0

    class Target(str):
        __hash__ = str.__hash__

        def __eq__(self, other):
            nonlocal compared
            compared += 1
            return str.__eq__(self, other)

    entry = loader._Validator.relation_entry

    def counted_entry(self, item, rel_id, what):
        target, note = entry(self, item, rel_id, what)
        return (None if target is None else Target(target)), note

    monkeypatch.setattr(loader._Validator, "relation_entry", counted_entry)
    model = model_of("wide", 2_000)
    assert len(model.roles["hub"].relations[0][1]) == 2_000
    # Once per target to find it among the declared roles; a list: about 2,000,000 times.
    assert compared <= 2 * 2_000


def test_overlapping_holdings_are_found_in_n_log_n():
    """One role held by many people, and held many times in turn by one of them: the check
    that no two holdings of one person share a day no longer compares every pair."""
    assert growth(people, lambda n: lambda: model_of("holders", n), 200) < MOST_GROWTH


def test_overlapping_holdings_name_the_first_earlier_one():
    """What the faster check reports is what comparing every pair reported: each holding that
    shares a day with an earlier one, at its line, naming the first such."""
    text = """\
        people: {ann: {name: Ann}, bo: {name: Bo}}
        roles:
          hub:
            name: Hub
            summary: Held.
            holders:
              - {person: ann, since: 2020-01-01, until: 2020-12-31}
              - {person: bo, since: 2020-01-01}
              - {person: ann, since: 2022-01-01, until: 2022-12-31}
              - {person: ann, since: 2022-06-01, until: 2023-06-30}
              - {person: ann, since: 2020-06-01, until: 2022-03-01}
              - {person: bo, until: 2019-12-31}
              - {person: ann}
        """
    with pytest.raises(loader.RolesFileError) as raised:
        parse_roles(textwrap.dedent(text).encode(), PATH)
    messages = [(problem.line, problem.message) for problem in raised.value.problems]
    what = "holds role 'hub' twice at overlapping dates"
    assert messages == [
        (10, f"person 'ann' {what} (also at line 9)"),
        (11, f"person 'ann' {what} (also at line 7)"),
        (13, f"person 'ann' {what} (also at line 7)"),
    ]


def test_earliest_overlaps_matches_comparing_every_pair():
    from datetime import date, timedelta
    from random import Random

    def every_pair(spans):
        return [next((j for j in range(i) if max(spans[i][0], spans[j][0])
                      <= min(spans[i][1], spans[j][1])), None) for i in range(len(spans))]

    rng, start = Random(21), date(2020, 1, 1)
    for _ in range(2_000):
        spans = []
        for _ in range(rng.randint(0, 12)):
            first = rng.choice([date.min, start + timedelta(rng.randint(0, 30))])
            last = rng.choice([date.max, start + timedelta(rng.randint(0, 30))])
            spans.append((min(first, last), max(first, last)))
        assert people.earliest_overlaps(spans) == every_pair(spans)


def test_team_directory_goes_over_the_roles_once():
    """`roles-people` with many people in many roles: each person's holdings come from one
    pass over the roles, not from going over every role for each person (3,000 people in
    1,000 roles took 3.2 s per directory, and a build makes several)."""

    def stage(n):
        model = model_of("people", n)
        return lambda: directory.directory(model, directory.DirectorySpec())

    assert growth(directory, stage, 150) < MOST_GROWTH


class Counted(str):
    """An id that counts how often it is compared with another."""

    compared = 0
    __hash__ = str.__hash__

    def __eq__(self, other):
        Counted.compared += 1
        return str.__eq__(self, other)


def test_team_directory_reads_a_large_pool_once(monkeypatch):
    """One role rotating through n people: each person's pools come from reading the pool
    once, not from asking the pool (a list) whether it holds each person, n times n
    comparisons that run no line of directory.py."""
    n = 1_000
    registry = "".join(f"  p{i}: {{name: Person {i}}}\n" for i in range(n))
    pool = ", ".join(f"p{i}" for i in range(n))
    model = parse_roles((f"people:\n{registry}roles:\n  hub:\n    name: Hub\n"
                         "    summary: Rotates.\n"
                         f"    rotation: {{pool: [{pool}], every: 7, start: 2026-01-05}}\n"
                         ).encode(), PATH)
    hub = model.roles["hub"]
    model.roles["hub"] = replace(hub, rotation=replace(
        hub.rotation, pool=tuple(Counted(person) for person in hub.rotation.pool)))
    monkeypatch.setattr(Counted, "compared", 0)
    entries, _ = directory.directory(model, directory.DirectorySpec())
    assert [entry.pools for entry in entries] == [(model.roles["hub"],)] * n
    assert Counted.compared <= 2 * n  # the pool as a list: about n * n / 2


def test_kinds_of_a_role_are_gathered_without_asking_a_list(monkeypatch):
    """A role held through a chain of n kinds (`kind-of`), none held but the last: the kinds
    below it are gathered in a dict, not in a list asked whether it holds each new one (n
    times n comparisons, which run no line of tenure.py)."""
    n = 1_000
    kinds = "".join(f"  k{i}: {{name: Kind {i}, summary: One kind., kind-of: "
                    f"{'base' if i == 0 else f'k{i - 1}'}}}\n" for i in range(n))
    model = parse_roles(("people:\n  ann: {name: Ann}\nroles:\n  base:\n    name: Base\n"
                         "    summary: Held by kinds.\n" + kinds
                         + f"  last: {{name: Last, summary: Held., kind-of: k{n - 1}, "
                         "holders: [ann]}\n").encode(), PATH)
    model.__dict__["_kinds"] = {
        parent: [replace(kind, id=Counted(kind.id)) for kind in kinds_of]
        for parent, kinds_of in model._kinds.items()}
    monkeypatch.setattr(Counted, "compared", 0)
    assert tenure.kinds_below(model, "base") == [f"k{i}" for i in range(n)] + ["last"]
    assert Counted.compared <= 4 * n  # a list: about n * n / 2
    assert [holding.holder.person for holding in tenure.Tenure(model).current("base")] == [
        "ann"]


def kind_chain(n: int, cycle: bool = False) -> str:
    """n roles, each a kind of the one before (the first of the last, with `cycle`)."""
    return "roles:\n" + "".join(
        f"  k{i}: {{name: Kind {i}, summary: One kind."
        + (f", kind-of: k{(i - 1) % n}" if i or cycle else "") + "}\n" for i in range(n))


def test_a_long_chain_of_kinds_is_checked_for_cycles_once():
    """A chain of n kinds: each role is walked once to find cycles, not the chain above it
    from each role, asking a list of the roles seen (a chain of 4,000 took 86 s to load)."""
    assert growth(loader, lambda n: lambda: parse_roles(kind_chain(n).encode(), PATH),
                  100) < MOST_GROWTH
    with pytest.raises(loader.RolesFileError) as raised:
        parse_roles(kind_chain(400, cycle=True).encode(), PATH)
    [problem] = raised.value.problems
    assert problem.line == 2 and problem.message.startswith(
        "these roles are each a kind of the next, and the last a kind of the first: k0 → k399 "
        "→ k398")


def test_kind_cycles_match_walking_from_every_role():
    from random import Random

    def from_every_role(kinds):  # what the loader did before: the same cycles, each once
        found, reported = [], set()
        for start in kinds:
            seen, role_id = [start], kinds[start]
            while role_id in kinds and role_id not in seen:
                seen.append(role_id)
                role_id = kinds[role_id]
            if role_id == start and not reported.intersection(seen):
                reported.update(seen)
                found.append(seen)
        return found

    rng = Random(21)
    for _ in range(3_000):
        ids = [f"r{i}" for i in range(rng.randint(0, 9))]
        rng.shuffle(ids)
        kinds = {role_id: rng.choice(ids + ["elsewhere"]) for role_id in ids
                 if rng.random() < 0.8}
        assert loader.kind_cycles(kinds) == from_every_role(kinds)


def test_held_through_kinds_in_linear_time():
    """Each role of a chain of kinds asks who holds it (each card does): the kinds below it are
    a stretch of one depth-first order, not a walk down the chain from each role."""

    def stage(n):
        tenure_of = tenure.Tenure(parse_roles((kind_chain(n) + "    holders: [ann]\n").replace(
            "roles:\n", "people:\n  ann: {name: Ann}\nroles:\n", 1).replace(
            f"  k{n - 1}: {{name: Kind {n - 1}, summary: One kind., kind-of: k{n - 2}}}\n",
            f"  k{n - 1}:\n    name: Kind {n - 1}\n    summary: One kind.\n"
            f"    kind-of: k{n - 2}\n").encode(), PATH))
        return lambda: [(tenure_of.current(role_id), tenure_of.tracked(role_id))
                        for role_id in tenure_of.model.roles]

    held = stage(50)()
    assert [[h.holder.person for h in current] for current, _ in held] == [["ann"]] * 50
    assert growth(tenure, stage, 100) < MOST_GROWTH


def test_held_through_kinds_as_walking_down_every_kind():
    """Who holds a role through its kinds or members, and whether it is tracked, are what
    walking down every kind gave, on random kinds, holdings, rotations and bodies."""
    from random import Random

    def by_walking(model, of, role_id):
        own = of.own(role_id, current=True)
        if own:
            return [(h.role, h.holder.person) for h in own]
        result, seen = [], set()
        for kind in (tenure.kinds_below(model, role_id)
                     or tenure.members_of(model, role_id)):
            for holding in of.own(kind, current=True):
                if holding.holder.person not in seen:
                    seen.add(holding.holder.person)
                    result.append((holding.role, holding.holder.person))
        return result

    def tracked_by_walking(model, role_id):
        return any(model.roles[other].holders or model.roles[other].rotation
                   for other in (role_id, *tenure.kinds_below(model, role_id),
                                 *tenure.members_of(model, role_id)))

    rng = Random(23)
    for _ in range(300):
        count = rng.randint(1, 8)
        ranked = [f"r{i}" for i in range(count)]
        rng.shuffle(ranked)  # a role is a kind only of one ranked before it: no cycle
        lines = ["people:", "  ann: {name: Ann}", "  bo: {name: Bo}", "  cy: {name: Cy}",
                 "groups:", "  g: {name: G, role: r0}", "roles:"]
        for i in range(count):
            role_id = f"r{i}"
            fields = [f"name: Role {i}", "summary: Does."]
            place = ranked.index(role_id)
            if place and rng.random() < 0.7:
                fields.append(f"kind-of: {rng.choice(ranked[:place])}")
            if rng.random() < 0.3:
                fields.append("group: g")
            holders = rng.sample(["ann", "bo", "{person: cy, until: 2020-01-01}"],
                                 rng.randint(0, 2))
            if holders:
                fields.append("holders: [" + ", ".join(holders) + "]")
            elif rng.random() < 0.2:
                fields.append("rotation: {pool: [ann, bo], every: 7, start: 2026-01-05}")
            lines.append(f"  {role_id}: {{" + ", ".join(fields) + "}")
        model = parse_roles(("\n".join(lines) + "\n").encode(), PATH)
        of = tenure.Tenure(model)
        for role_id in model.roles:
            assert [(h.role, h.holder.person) for h in of.current(role_id)] == \
                by_walking(model, of, role_id)
            assert of.tracked(role_id) == tracked_by_walking(model, role_id)


def test_moves_find_the_other_holding_through_an_index():
    """A role whose n holders each moved to another role: each move's other holding is found
    among the person's holdings of that role, not by going over all of its holdings."""

    def stage(n):
        people = "".join(f"  p{i}: {{name: Person {i}}}\n" for i in range(n))
        left = "".join(f"      - {{person: p{i}, until: 2020-01-01, moved-to: b}}\n"
                       for i in range(n))
        began = "".join(f"      - {{person: p{i}, since: 2020-01-02}}\n" for i in range(n))
        model = parse_roles((f"people:\n{people}roles:\n  a:\n    name: A\n    summary: Left."
                             f"\n    holders:\n{left}  b:\n    name: B\n    summary: Joined."
                             f"\n    holders:\n{began}").encode(), PATH)
        return lambda: tenure.moves(model)

    moves = stage(3)()
    assert [(move.source, move.target) for move in moves] == [
        (("a", i), ("b", i)) for i in range(3)]
    assert growth(tenure, stage, 100) < MOST_GROWTH


def test_layout_does_not_go_over_each_rank_an_edge_passes():
    """A chain with an edge from its first role to each of the others: the layout's width
    estimate counts the edges passing each rank from where they start and end (going over
    every rank each edge passed made 8,000 roles take tens of seconds before dot ran)."""

    def stage(n):
        selection = select(model_of("chain", n), DiagramSpec())
        return lambda: layout.layout_for(selection)

    assert growth(layout, stage, 100) < MOST_GROWTH


def test_layout_does_not_go_over_each_rank_a_group_spans():
    """Groups whose frames span many ranks (the first and the last role of a chain in one
    group, and so on) are counted where they start and end too."""

    def stage(n):
        selection = select(model_of("groups", n), DiagramSpec())
        return lambda: layout.layout_for(selection)

    assert growth(layout, stage, 100) < MOST_GROWTH


def test_dot_of_many_groups_goes_over_the_roles_once(monkeypatch):
    """The DOT of a diagram of many groups: each group's roles are found in one pass, and no
    group's subgraph copies the DOT written before it (graphviz's context manager for
    subgraphs copies the parent graph each time)."""

    def stage(n):
        selection = select(model_of("groups", n), DiagramSpec())
        web = layout.layout_for(selection)
        return lambda: (dotsource.to_dot(selection, None, web),
                        dotsource.to_dot(selection, {}, replace(web, web=False)))

    assert growth(dotsource, stage, 100) < MOST_GROWTH
    copies = []
    copy = graphviz.Digraph._copy_kwargs
    monkeypatch.setattr(graphviz.Digraph, "_copy_kwargs",
                        lambda self, **kwargs: copies.append(len(self.body)) or copy(self,
                                                                                     **kwargs))
    stage(200)()
    assert copies == []


def test_cycles_are_looked_for_within_their_part_of_the_graph():
    """Many small cycles of hierarchy relations, each pointing at a role that points at many
    others: each cycle is found within its own strongly connected part, not by a search that
    goes over the roles below it too, once per cycle."""

    def stage(n):
        edges = [Edge("hub", "leads", f"leaf-{i}") for i in range(n)]
        for i in range(n):
            edges += [Edge(f"a-{i}", "leads", "hub"), Edge(f"a-{i}", "leads", f"b-{i}"),
                      Edge(f"b-{i}", "leads", f"a-{i}")]
        return lambda: hierarchy.cycles(edges)

    assert len(stage(10)()) == 10
    assert growth(hierarchy, stage, 100) < MOST_GROWTH


def test_targets_of_many_terms_are_found_through_an_index(tmp_path):
    """A site whose glossary of roles.yaml's terms links each term to the next: after
    reading, the build finds what each referenced term resolves to (to know which pages to
    write again) through an index of the terms, not by going over every term for each one."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    def stage(n):
        text = worst_case.terms(n)
        root = worst_case.write_site(tmp_path / f"terms-{n}", text, parse_roles(text.encode(),
                                                                               PATH))

        def build():
            with docutils_namespace():
                Sphinx(root, root, root / "_build" / "html", root / "_build" / "doctrees",
                       "html", status=io.StringIO(), warning=io.StringIO()).build()
        return build

    assert growth(domain, stage, 100) < MOST_GROWTH


def test_role_links_are_replaced_without_looking_each_up_in_its_paragraph(tmp_path,
                                                                        monkeypatch):
    """The card of a role related to many others lists them in one paragraph; the extension
    turns each link into a link to its card without docutils' replace_self, which finds each
    node by going over its paragraph's children (Sphinx's own resolver still does, after)."""
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    from sphinx_hubroles.ext import references

    scanned, ours = [0], [False]
    index, run = nodes.Element.index, references.RoleReferences.run

    def counted_index(self, item, start=0, stop=sys.maxsize):
        place = index(self, item, start, stop)
        scanned[0] += place if ours[0] else 0
        return place

    def counted_run(self, **kwargs):
        ours[0] = True
        try:
            run(self, **kwargs)
        finally:
            ours[0] = False

    monkeypatch.setattr(nodes.Element, "index", counted_index)
    monkeypatch.setattr(references.RoleReferences, "run", counted_run)
    text = worst_case.wide(400)
    root = worst_case.write_site(tmp_path / "wide", text, parse_roles(text.encode(), PATH))
    with docutils_namespace():
        Sphinx(root, root, root / "_build" / "html", root / "_build" / "doctrees", "html",
               status=io.StringIO(), warning=io.StringIO()).build()
    html = (root / "_build" / "html" / "cards-0000.html").read_text()
    assert html.count('class="hubroles-preview reference internal"') >= 400
    assert scanned[0] == 0  # replace_self: 160,000 children gone over


def test_benchmark_shapes_load_without_problems():
    for shape, make in worst_case.SHAPES.items():
        model = parse_roles(make(40).encode(), PATH)
        assert model.roles, shape
        assert not model.notices, shape


# -- the cap on a diagram's size -------------------------------------------------------------

def too_large() -> str:
    """A diagram of more than MAX_DRAWN roles and relations: every role related to every
    other (318 roles, 100,806 relations)."""
    return worst_case.dense(318 ** 2)


def test_too_large_a_diagram_is_reported_and_left_out(tmp_path):
    text = too_large()
    model = parse_roles(text.encode(), PATH)
    assert len(model.roles) + len(model.edges()) > MAX_DRAWN
    root = write_project(tmp_path / "src", {
        "roles.yaml": text,
        "index.md": "# Team\n\n```{roles-diagram}\n```\n",
    })
    result = sphinx_build(root)
    assert result.returncode == 0
    message = ("roles-diagram would draw 318 roles and 100,806 relations, 101,124 together, "
               f"more than the {MAX_DRAWN:,} a diagram draws, and is left out; show fewer "
               "with :focus:, :groups:, :roles: or :relations: [hubroles.diagram]")
    assert result.warnings() == [f"index.md:3: WARNING: {message}"]
    assert 'class="hubroles-diagram' not in result.html("index.html")


def test_check_reports_too_large_a_diagram_as_the_build_does(tmp_path, capsys):
    root = write_project(tmp_path / "src", {"roles.yaml": too_large(),
                                            "index.md": "# Team\n\n```{roles-diagram}\n```\n"})
    status = cli_main(["check", "--roles", str(root / "roles.yaml"), str(root)])
    out = capsys.readouterr().out
    assert status == 1
    assert "index.md:3" in out
    assert "roles-diagram would draw 318 roles and 100,806 relations" in out


def test_a_diagram_at_the_cap_is_drawn():
    """MAX_DRAWN roles and relations are drawn; one more is too many."""
    selection = select(model_of("wide", MAX_DRAWN // 2 - 1), DiagramSpec())
    assert len(selection.roles) + len(selection.edges) == MAX_DRAWN - 1
    assert not selection.too_large
    assert replace(selection, edges=(*selection.edges, ("hub", "oversees", "r0"))).too_large \
        is False
    assert replace(selection, edges=selection.edges * 2).too_large
