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
from sphinx_hubroles.core import directory, loader, people
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
