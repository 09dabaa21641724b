"""How each stage of sphinx-hubroles grows with roles.yaml, on the shapes of file that made it
quadratic (issue 21): every figure should double, or a little more, when the size doubles.

    python benchmarks/worst_case.py [--sizes 5000,10000,20000,40000] [--shapes wide,...]
        [--runs 3] [--dot-timeout 20] [--build-limit 10000] [--sixteen-mib] [--keep DIR]

The shapes, each of size N:

  wide      one role relating to N others under one relation (one list of N targets)
  holders   one role held N times: once by each of N/2 people, and N/2 times in turn by one
            person (past holdings, one day each)
  people    N people holding N/3 roles (two current holders and a former one each) and taking
            turns in their rotations; the site has a team directory (`roles-people`)
  chain     N roles in a chain, and an edge from the first role to each of the others
  dense     about sqrt(N) roles, each related to every other one (N relations)
  groups    N roles in a chain, in N/2 groups of two: the first and the last role, the second
            and the second to last, and so on, so that each group's frame spans many ranks
  terms     N glossary terms, and N/4 roles with three aliases each and 300-character names
  kinds     N roles, each a kind of the one before (kind-of), the last one held: every card
            says who holds its role through the kinds below it

The stages, each the median CPU time of --runs runs:

  load      roles.yaml read into the model (core/loader.py)
  check     `sphinx-hubroles check` of a site that uses the file: a card for every role (on ten
            pages, each card with a link to its role), and a page with a full `roles-diagram`,
            a `roles-table`, a `roles-people` directory and a `roles-glossary` (the rules,
            core/rules.py, judge it as the build does)
  directory the team directory of every person (core/directory.py)
  diagram   the full diagram's selection, layout, DOT (for the web and for print) and text
            version, as the `roles-diagram` directive makes them
  dot       Graphviz's dot drawing the SVG, stopped after --dot-timeout seconds (">" then)
  svg       the SVG made the page's own (core/diagram/svg.py: the template, tooltips, links),
            from the same DOT drawn by Graphviz's osage layout: osage draws every box, link
            and edge in linear time, where dot does not finish on the larger shapes
  build     (N <= --build-limit) a clean `sphinx-build -b html` of the site, with osage as
            the layout program (graphviz_dot_args), so that the build's figure is the
            extension's and Sphinx's work, not dot's; CPU time of the whole process tree, in
            one run

The growth factor (×) is each figure divided by the one at the size before.

--sixteen-mib loads the largest file of each shape that fits the loader's 16 MiB cap and makes
its full diagram as a build makes it (the diagram stage above, but a diagram of more than
100,000 roles and relations is only reported: selection.MAX_DRAWN), says whether the two took
less than a minute, and also times the whole diagram without the cap. `--sizes ""` skips the
table of sizes.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sphinx_hubroles.cli.check import check, scan
from sphinx_hubroles.core.diagram.dotsource import to_dot
from sphinx_hubroles.core.diagram.layout import layout_for
from sphinx_hubroles.core.diagram.selection import DiagramSpec, select
from sphinx_hubroles.core.diagram.svg import fill_links, fill_tooltips, svg_template, tooltip_roles
from sphinx_hubroles.core.directory import DirectorySpec, directory
from sphinx_hubroles.core.files import MAX_FILE_BYTES
from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.ext.diagram.directive import text_version

ENV = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"}
# The cards stand on this many pages, whatever the size: each page's sidebar holds the table of
# contents of the whole site, cards included, so more pages would make Sphinx copy it more
# often (pages times cards), a cost of Sphinx's and of the site's shape, not of roles.yaml's.
CARD_PAGES = 10


# --- the shapes ------------------------------------------------------------------------------

def wide(n: int) -> str:
    targets = "".join(f"      - r{i}\n" for i in range(n))
    roles = "".join(f"  r{i}: {{name: Role {i}, summary: Does {i}.}}\n" for i in range(n))
    return ("relations:\n  oversees: {label: oversees, inverse: overseen by}\nroles:\n"
            "  hub:\n    name: Hub\n    summary: Oversees them all.\n    relations:\n"
            "      oversees:\n" + targets + roles)


def holders(n: int) -> str:
    half = max(1, n // 2)
    people = "".join(f"  p{i}: {{name: Person {i}}}\n" for i in range(half))
    current = "".join(f"      - p{i}\n" for i in range(1, half))
    past = "".join(f"      - {{person: p0, since: {day}, until: {day}}}\n"
                   for day in _days(n - half + 1))
    return ("people:\n" + people + "roles:\n  hub:\n    name: Hub\n    summary: Held by many.\n"
            "    holders:\n" + current + past)


def _days(count: int) -> list[str]:
    from datetime import date, timedelta
    first = date(1900, 1, 1)
    return [(first + timedelta(days=day)).isoformat() for day in range(count)]


def people(n: int) -> str:
    roles = max(1, n // 3)
    registry = "".join(f"  p{i}: {{name: Person {i}, github: person-{i}}}\n"
                       for i in range(3 * roles))
    held = "".join(
        f"  r{j}:\n    name: Role {j}\n    summary: Does {j}.\n    holders:\n"
        f"      - p{3 * j}\n      - p{3 * j + 1}\n"
        f"      - {{person: p{3 * j + 2}, since: 2020-01-01, until: 2024-12-31}}\n"
        f"    rotation: {{pool: [p{3 * j}, p{3 * j + 1}, p{3 * j + 2}], every: 7, "
        "start: 2026-01-05}\n"
        for j in range(roles))
    return "people:\n" + registry + "roles:\n" + held


def chain(n: int) -> str:
    n = max(n, 3)
    far = ", ".join(f"r{k}" for k in range(2, n))
    lines = [f"  r0: {{name: Role 0, summary: Starts., relations: {{next: [r1], "
             f"reaches: [{far}]}}}}\n"]
    lines += [f"  r{i}: {{name: Role {i}, summary: Does {i}., relations: {{next: [r{i + 1}]}}}}\n"
              for i in range(1, n - 1)]
    lines.append(f"  r{n - 1}: {{name: Role {n - 1}, summary: Ends.}}\n")
    return ("relations:\n  next: {label: hands over to}\n  reaches: {label: reaches}\n"
            "roles:\n" + "".join(lines))


def dense(n: int) -> str:
    count = max(2, round(n ** 0.5))
    lines = [f"  r{i}: {{name: Role {i}, summary: Does {i}., relations: {{knows: ["
             + ", ".join(f"r{k}" for k in range(count) if k != i) + "]}}\n"
             for i in range(count)]
    return "relations:\n  knows: {label: knows}\nroles:\n" + "".join(lines)


def groups(n: int) -> str:
    n = max(n, 2)
    pairs = n // 2
    declared = "".join(f"  g{g}: {{name: Group {g}}}\n" for g in range(pairs))
    lines = []
    for i in range(n):
        group = min(i, n - 1 - i) % pairs
        after = f", relations: {{next: [r{i + 1}]}}" if i + 1 < n else ""
        lines.append(f"  r{i}: {{name: Role {i}, summary: Does {i}., group: g{group}{after}}}\n")
    return ("relations:\n  next: {label: hands over to}\ngroups:\n" + declared + "roles:\n"
            + "".join(lines))


def terms(n: int) -> str:
    roles = max(1, n // 4)
    long = "very " * 58
    lines = "".join(f"  r{i}: {{name: 'The {long}long role {i}', summary: Does {i}., aliases: "
                    f"[Alias {i}a, Alias {i}b, Alias {i}c]}}\n" for i in range(roles))
    glossary = "".join(f"  Term {i}: Means {i}; see {{term}}`Term {(i + 1) % n}`.\n"
                       for i in range(n))
    return "roles:\n" + lines + "terms:\n" + glossary


def kinds(n: int) -> str:
    n = max(n, 2)
    lines = [f"  k{i}: {{name: Kind {i}, summary: Does {i}."
             + (f", kind-of: k{i - 1}" if i else "") + "}\n" for i in range(n - 1)]
    lines.append(f"  k{n - 1}: {{name: Kind {n - 1}, summary: Held., kind-of: k{n - 2}, "
                 "holders: [ann]}\n")
    return "people:\n  ann: {name: Ann}\nroles:\n" + "".join(lines)


SHAPES: dict[str, Callable[[int], str]] = {
    "wide": wide, "holders": holders, "people": people, "chain": chain, "dense": dense,
    "groups": groups, "terms": terms, "kinds": kinds,
}
STAGES = ("load", "check", "directory", "diagram", "dot", "svg", "build")


# --- the site -------------------------------------------------------------------------------

def write_site(root: Path, text: str, model) -> Path:
    """A project using roles.yaml: the cards of every role, with links, and an overview page
    with every directive that shows many roles."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / "roles.yaml").write_text(text, encoding="utf-8")
    (root / "conf.py").write_text(textwrap.dedent("""\
        extensions = ["myst_parser", "sphinx_hubroles"]
        graphviz_dot_args = ["-Kosage"]
        hubroles_dot_timeout = 600
        exclude_patterns = ["_build"]
        """), encoding="utf-8")
    ids = list(model.roles)
    pages = []
    per_page = -(-len(ids) // CARD_PAGES)
    for number, start in enumerate(range(0, len(ids), per_page)):
        chunk = ids[start:start + per_page]
        body = "".join(f"```{{role-card}} {role_id}\n```\n\nSee [](roles:{role_id}).\n\n"
                       for role_id in chunk)
        name = f"cards-{number:04d}"
        (root / f"{name}.md").write_text(f"# Cards {number}\n\n{body}", encoding="utf-8")
        pages.append(name)
    overview = "# Overview\n\n```{roles-diagram}\n```\n\n```{roles-table}\n```\n"
    if model.people:
        overview += "\n```{roles-people}\n```\n"
    if model.terms:
        overview += "\n```{roles-glossary}\n```\n"
    (root / "overview.md").write_text(overview, encoding="utf-8")
    toctree = "\n".join(["overview", *pages])
    (root / "index.md").write_text(f"# Worst case\n\n```{{toctree}}\n{toctree}\n```\n",
                                   encoding="utf-8")
    return root


# --- timing -----------------------------------------------------------------------------------

def cpu(function: Callable[[], object], runs: int) -> tuple[float, object]:
    """The median CPU time of `runs` calls, and the last call's result."""
    times, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = function()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def graphviz(source: str, engine: str, timeout: float) -> tuple[float | None, bytes]:
    """(CPU seconds, SVG) of Graphviz laying `source` out with `engine`; None past `timeout`,
    when its process group is stopped, as the build stops dot."""
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(["dot", "-Tsvg", f"-K{engine}"], stdin=subprocess.PIPE,
                                   stdout=output, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        deadline = time.monotonic() + timeout
        try:
            process.stdin.write(source.encode("utf-8"))
            process.stdin.close()
        except BrokenPipeError:
            pass
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                process.returncode = -signal.SIGKILL
                return None, b""
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        return usage.ru_utime + usage.ru_stime, output.read()


def full_build(root: Path) -> tuple[float, int]:
    """CPU time (of the whole process tree: dot, or osage here, included) and exit status of a
    clean sphinx-build of `root`."""
    shutil.rmtree(root / "_build", ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(root),
               str(root / "_build" / "html")]
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(command, cwd=root, env=ENV, stdout=subprocess.DEVNULL,
                                   stderr=stderr)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        errors = stderr.read().decode("utf-8", "replace")
    if process.returncode or "WARNING" in errors or "ERROR" in errors:
        print(f"  ! build of {root.name}: exit status {process.returncode}, with warnings\n"
              + "\n".join(errors.splitlines()[-10:]), file=sys.stderr)
    return usage.ru_utime + usage.ru_stime, process.returncode


def diagram_of(model, selection=None) -> str:
    """The full diagram's DOT, as the directive makes it (web and print) with its text, the
    cap (MAX_DRAWN) left aside."""
    selection = selection or select(model, DiagramSpec())
    layout = layout_for(selection)
    web = to_dot(selection, None, layout, {})
    to_dot(selection, {}, replace(layout, web=False))
    text_version(selection, {})
    return web


def built_diagram(model) -> str | None:
    """The full diagram as a build makes it: none past MAX_DRAWN roles and relations."""
    selection = select(model, DiagramSpec())
    return None if selection.too_large else diagram_of(model, selection)


def page_svg(template: str, model) -> str:
    names = {role_id: model.roles[role_id].name for role_id in tooltip_roles(template)}
    return fill_links(fill_tooltips(template, names),
                      {role_id: f"cards.html#{role_id}" for role_id in names})


def measure(shape: str, size: int, args, work: Path) -> dict[str, float | None]:
    text = SHAPES[shape](size)
    data = text.encode("utf-8")
    figures: dict[str, float | None] = {"bytes": len(data)}
    figures["load"], model = cpu(lambda: parse_roles(data, Path("roles.yaml")), args.runs)
    # The build keeps the loaded model out of the garbage collector's passes (ext/collector.py);
    # so does the benchmark, or every pass would walk the whole model.
    gc.collect()
    gc.freeze()
    try:
        return _stages(figures, model, text, shape, size, args, work)
    finally:
        gc.unfreeze()


def _stages(figures: dict, model, text: str, shape: str, size: int, args, work: Path) -> dict:
    root = write_site(work / f"{shape}-{size}", text, model)
    figures["check"], found = cpu(lambda: check(model, scan(model, [root])), args.runs)
    figures["directory"], _ = cpu(lambda: directory(model, DirectorySpec()), args.runs)
    figures["diagram"], source = cpu(lambda: diagram_of(model), args.runs)
    figures["dot"], _svg = graphviz(source, "dot", args.dot_timeout)
    _osage, osage_svg = graphviz(source, "osage", 600)
    figures["svg"], _ = cpu(lambda: page_svg(svg_template(osage_svg), model), args.runs)
    if size <= args.build_limit:
        figures["build"], status = full_build(root)
        if status:
            figures["build"] = None
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    if found:
        print(f"  ({shape} {size}: check found {len(found)} problems, first: {found[0]})",
              file=sys.stderr)
    return figures


# --- the table ------------------------------------------------------------------------------

def cell(value: float | None, stage: str, args) -> str:
    if value is None:
        return f"> {args.dot_timeout:g} s" if stage == "dot" else "–"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def growth(value: float | None, before: float | None) -> str:
    if value is None or before is None or before < 0.005:
        return ""
    return f" ({value / before:.1f}×)"


def table(results: dict[str, dict[int, dict]], args) -> str:
    lines = ["| shape | N | roles.yaml | " + " | ".join(STAGES) + " |",
             "|---|---|---|" + "---|" * len(STAGES)]
    for shape, by_size in results.items():
        before: dict = {}
        for size, figures in by_size.items():
            cells = [cell(figures.get(stage), stage, args) + growth(figures.get(stage),
                                                                      before.get(stage))
                     for stage in STAGES]
            lines.append(f"| {shape} | {size:,} | {figures['bytes'] / 1024:,.0f} KiB | "
                         + " | ".join(cells) + " |")
            before = figures
    return "\n".join(lines)


def sixteen_mib(shapes: list[str], args) -> str:
    """The largest file of each shape under the size cap: its load, and its full diagram as a
    build makes it (nothing past MAX_DRAWN roles and relations but the warning) and without
    the cap."""
    lines = ["| shape | N | roles.yaml | roles + relations | load | diagram | load + diagram "
             "| diagram without the cap |", "|---|---|---|---|---|---|---|---|"]
    for shape in shapes:
        probe = 4096
        per_unit = len(SHAPES[shape](probe).encode()) / probe
        size = int(MAX_FILE_BYTES / per_unit)
        while len(data := SHAPES[shape](size).encode()) > MAX_FILE_BYTES:
            size = int(size * 0.98)
        load, model = cpu(lambda data=data: parse_roles(data, Path("roles.yaml")), 1)
        gc.collect()
        gc.freeze()
        try:
            built, dot = cpu(lambda model=model: built_diagram(model), 1)
            whole = cpu(lambda model=model: diagram_of(model), 1)[0] if dot is None else built
        finally:
            gc.unfreeze()
        shown = "left out" if dot is None else "drawn"
        items = len(model.roles) + len(model.edges())
        verdict = "under a minute" if load + built < 60 else "OVER A MINUTE"
        lines.append(f"| {shape} | {size:,} | {len(data) / 2 ** 20:.1f} MiB | {items:,} | "
                     f"{load:.1f} s | {built:.1f} s ({shown}) | {load + built:.1f} s, "
                     f"{verdict} | {whole:.1f} s |")
        print(lines[-1], file=sys.stderr)
        del model
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000,40000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dot-timeout", type=float, default=20)
    parser.add_argument("--build-limit", type=int, default=10_000,
                        help="largest N that also gets a full sphinx-build")
    parser.add_argument("--sixteen-mib", action="store_true",
                        help="also load and diagram the largest file of each shape")
    parser.add_argument("--keep", type=Path, help="keep the generated sites in this folder")
    args = parser.parse_args()
    shapes = [shape for shape in args.shapes.split(",") if shape]
    sizes = [int(size) for size in args.sizes.split(",") if size]
    work = args.keep or Path(tempfile.mkdtemp(prefix="hubroles-worst-"))
    results: dict[str, dict[int, dict]] = {}
    try:
        for shape in shapes:
            for size in sizes:
                results.setdefault(shape, {})[size] = figures = measure(shape, size, args, work)
                print(f"{shape} {size}: " + ", ".join(
                    f"{stage} {cell(figures.get(stage), stage, args)}" for stage in STAGES
                    if stage in figures), file=sys.stderr)
        if results:
            print(table(results, args))
        if args.sixteen_mib:
            print("\n" if results else "", end="")
            print(sixteen_mib(shapes, args))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
