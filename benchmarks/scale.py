"""Build the same synthetic handbook hand-written, with sphinx-needs and with sphinx-hubroles,
and compare build times, memory and rebuilds (issue 6).

    python benchmarks/scale.py [--sizes 20,200,1000] [--pages 200] [--refs 20] [--repeat 3]
        [--variants hand,needs,hubroles] [--quick] [--keep DIR] [--json FILE] [--output FILE]

or `nox -s bench -- --sizes 20,200`. The handbook (benchmarks/scale_site.py) has N roles in
groups of ten with typed relations and 5 responsibilities each, 20 terms, and P pages with R
role references and 5 term references each. For each N it measures:

  text      a clean serial build with no diagram at all: wall time and peak memory
  full      (N <= 200) a clean build with one diagram of every role: by hand with a label on
            every edge, by hand with roles-diagram's styling, sphinx-needs' needflow with
            link names, and roles-diagram
  site      the whole handbook (the full diagram up to N = 200, and a focus diagram under
            every role): clean serial and `-j 2` builds and whether their output is the same;
            then, on the serial build, a rebuild with no change, after editing one role's
            summary, and after adding a role, with the pages read and written and the dot
            runs of each

Times are wall-clock times of `python -m sphinx` in a subprocess (interpreter start-up
included): the median of --repeat runs, except that builds dominated by a slow dot layout
(the labelled and needflow full diagrams) run --slow-repeat times. Peak memory is the largest
resident set of the sphinx-build process tree (os.wait4's ru_maxrss). Other processes on the
machine add noise: repeat, and read the medians. CPU time (user + system, of the whole process
tree, dot included) is reported too: on a busy machine it varies far less than wall time.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_site as site  # noqa: E402

ENV = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"}
# compare_commits.py builds with another commit's package: first on the builds' path only,
# while this script keeps using the checked-out one.
if os.environ.get("HUBROLES_BUILD_PACKAGE"):
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [os.environ["HUBROLES_BUILD_PACKAGE"],
                                                      os.environ.get("PYTHONPATH")]))
LABELS = {"hand": "hand-written", "needs": "sphinx-needs", "hubroles": "sphinx-hubroles"}


# --- running one build ---------------------------------------------------------------------

def build(root: Path, out: str = "serial", jobs: int = 1) -> dict:
    """One sphinx-build of `root` into _build/<out>; its time, memory, pages and dot runs."""
    for log in ("probe.log", "dot.log"):
        (root / log).unlink(missing_ok=True)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs),
               "-d", str(root / "_build" / out / ".doctrees"), str(root),
               str(root / "_build" / out)]
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr,
                                   cwd=root, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        errors = stderr.read().decode("utf-8", "replace")
    warnings = [line for line in errors.splitlines() if "WARNING" in line or "ERROR" in line]
    if process.returncode != 0 or warnings:
        print(f"  ! {root.name}: exit status {process.returncode}, {len(warnings)} warnings\n"
              + "\n".join(errors.splitlines()[-15:]), file=sys.stderr)
    probe = _lines(root / "probe.log")
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,  # of the whole tree: dot and -j workers too
        "peak_mib": usage.ru_maxrss / 1024,  # kilobytes on Linux
        "status": process.returncode,
        "warnings": len(warnings),
        "read": sorted({line[5:] for line in probe if line.startswith("read ")}),
        "written": sorted({line[6:] for line in probe if line.startswith("write ")}),
        "dot_runs": len(_lines(root / "dot.log")),
    }


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def clean(root: Path, out: str) -> None:
    shutil.rmtree(root / "_build" / out, ignore_errors=True)


def summary(runs: list[dict]) -> dict:
    """The median run's figures, and every time for the record."""
    times = [run["seconds"] for run in runs]
    middle = sorted(runs, key=lambda run: run["seconds"])[(len(runs) - 1) // 2]
    return {**middle, "seconds": statistics.median(times),
            "peak_mib": statistics.median(run["peak_mib"] for run in runs),
            "cpu": statistics.median(run["cpu"] for run in runs),
            "all_seconds": [round(t, 2) for t in times],
            "warnings": max(run["warnings"] for run in runs),
            "status": max(run["status"] for run in runs)}


def clean_builds(root: Path, repeat: int, out: str = "serial", jobs: int = 1) -> dict:
    runs = []
    for _ in range(repeat):
        clean(root, out)
        runs.append(build(root, out, jobs))
    return summary(runs)


def same_output(root: Path, first: str, second: str) -> list[str]:
    """Files that differ between two output folders (build caches left out)."""
    a, b = root / "_build" / first, root / "_build" / second
    differ = []
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    for name in sorted(names):
        if name.parts[0] == ".doctrees" or name.name == ".buildinfo":
            continue
        if not ((a / name).is_file() and (b / name).is_file()
                and filecmp.cmp(a / name, b / name, shallow=False)):
            differ.append(str(name))
    return differ


# --- the measurements ----------------------------------------------------------------------

def measure_text(work: Path, size: int, args, variant: str) -> dict:
    book = site.handbook(size, args.pages, args.refs)
    root = site.write_site(work / f"text-{variant}-{size}", book, variant, "none")
    result = clean_builds(root, args.repeat)
    _done(root, args)
    return result


def measure_full(work: Path, size: int, args, variant: str, style: str = "styled") -> dict:
    book = site.handbook(size, args.pages, args.refs)
    root = site.write_site(work / f"full-{variant}-{style}-{size}", book, variant, "full",
                           full_style=style)
    slow = variant == "needs" or style == "labelled"
    result = clean_builds(root, args.slow_repeat if slow else args.repeat)
    _done(root, args)
    return result


def measure_site(work: Path, size: int, args, variant: str) -> dict:
    """The whole handbook: clean serial and -j 2 builds, then the incremental rebuilds."""
    book = site.handbook(size, args.pages, args.refs)
    diagrams = "all" if size <= args.full_limit else "focus"
    root = site.write_site(work / f"site-{variant}-{size}", book, variant, diagrams)
    slow = variant == "needs" and diagrams == "all"
    repeat = args.slow_repeat if slow else args.repeat
    result: dict = {"diagrams": diagrams}
    # Serial and parallel alternate, so that both see the same background load.
    serial, parallel = [], []
    for _ in range(repeat):
        clean(root, "serial")
        serial.append(build(root, "serial", 1))
        clean(root, "j2")
        parallel.append(build(root, "j2", 2))
    result["serial"], result["j2"] = summary(serial), summary(parallel)
    result["j2_differs"] = same_output(root, "serial", "j2")
    clean(root, "j2")

    result["no_change"] = summary([build(root) for _ in range(args.repeat)])
    # Each edit is a new one, so that every rebuild has something to do.
    role = book.roles[len(book.roles) // 2]
    edits = []
    for serial_number in range(args.repeat):
        site.edit_summary(root, book, variant, role, serial_number)
        edits.append(build(root))
    result["edit_summary"] = summary(edits)
    result["edited_role"] = role.id
    result["edited_role_shown_on"] = _pages_showing(book, role, diagrams)
    adds = []
    for serial_number in range(args.slow_repeat if slow else args.repeat):
        site.add_role(root, book, variant, serial_number, diagrams)
        adds.append(build(root))
    result["add_role"] = summary(adds)
    _done(root, args)
    return result


def _pages_showing(book: site.Handbook, role: site.Role, diagrams: str) -> list[str]:
    """The pages that display the role (its card, a diagram with it). A summary edit needs
    only the card's page read and written again: the diagrams show the role's name, and its
    summary comes from the site's previews file."""
    pages = {site.group_doc(role.group)}
    if diagrams in ("focus", "all"):
        neighbours = {role.id, *(t for ts in role.relations.values() for t in ts)}
        neighbours |= {r.id for _, rs in book.incoming(role.id) for r in rs}
        by_id = book.by_id()
        pages |= {site.group_doc(by_id[n].group) for n in neighbours}
    if diagrams in ("full", "all"):
        pages.add("overview")
    return sorted(pages)


def _done(root: Path, args) -> None:
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


# --- the table -----------------------------------------------------------------------------

def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def ratio(mine: float | None, other: float | None) -> str:
    if mine is None or other is None or other == 0:
        return "–"
    return f"{mine / other:.2f}×"


def row(label: str, values: dict[str, float | None], fmt=seconds) -> str:
    hub = values.get("hubroles")
    cells = [fmt(values.get(v)) for v in site.VARIANTS]
    return (f"| {label} | " + " | ".join(cells) + f" | {ratio(hub, values.get('hand'))} | "
            f"{ratio(hub, values.get('needs'))} |")


def mib(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MiB"


def table(results: dict, args) -> str:
    lines = ["| N | measurement | hand-written (1) | sphinx-needs (2) | sphinx-hubroles | "
             "÷ (1) | ÷ (2) |", "|---|---|---|---|---|---|---|"]
    notes = []
    for size in sorted(results, key=int):
        by = results[size]

        def pick(kind, key="seconds", by=by):
            return {v: (by.get(kind, {}).get(v) or {}).get(key) for v in site.VARIANTS}

        n = f"{int(size):,}"
        lines.append(row(f"{n} | clean build, no diagrams", pick("text")))
        lines.append(row(f"{n} | CPU time, clean build, no diagrams", pick("text", "cpu")))
        lines.append(row(f"{n} | peak memory, no diagrams", pick("text", "peak_mib"), mib))
        full = by.get("full", {})
        if full:
            values = {v: (full.get(v) or {}).get("seconds") for v in site.VARIANTS}
            lines.append(row(f"{n} | clean build, one full diagram", values))
            labelled = (full.get("hand-labelled") or {}).get("seconds")
            hub = values.get("hubroles")
            lines.append(f"| {n} | clean build, one full diagram: hand-written with edge labels "
                         f"| {seconds(labelled)} | | {seconds(hub)} | {ratio(hub, labelled)} | |")
        sites = by.get("site", {})
        if sites:
            kind = next(iter(sites.values()))["diagrams"]
            what = "full + focus diagrams" if kind == "all" else "focus diagrams"

            def of(key, field="seconds", sites=sites):
                return {v: ((sites.get(v) or {}).get(key) or {}).get(field) for v in site.VARIANTS}

            lines.append(row(f"{n} | clean build, {what}", of("serial")))
            lines.append(row(f"{n} | CPU time, clean build, {what}", of("serial", "cpu")))
            lines.append(row(f"{n} | clean build, {what}, `-j 2`", of("j2")))
            lines.append(row(f"{n} | peak memory, {what}", of("serial", "peak_mib"), mib))
            lines.append(row(f"{n} | rebuild, no change", of("no_change")))
            lines.append(row(f"{n} | rebuild, one role's summary edited", of("edit_summary")))
            lines.append(row(f"{n} | rebuild, one role added", of("add_role")))
            for variant, result in sites.items():
                if not result:
                    continue
                j2 = result["j2"]["seconds"] / result["serial"]["seconds"]
                same = "identical" if not result["j2_differs"] else (
                    f"{len(result['j2_differs'])} files differ, e.g. "
                    f"{', '.join(result['j2_differs'][:3])}")
                edit, add, nochange = (result["edit_summary"], result["add_role"],
                                       result["no_change"])
                notes.append(
                    f"- N = {n}, {LABELS[variant]}: `-j 2` ÷ serial {j2:.2f}×, output {same}. "
                    f"No change: read {len(nochange['read'])}, wrote "
                    f"{len(nochange['written'])}, dot {nochange['dot_runs']}. Summary edit: "
                    f"read {len(edit['read'])} ({_short(edit['read'])}), wrote "
                    f"{len(edit['written'])}, dot {edit['dot_runs']}"
                    + (f" (the role is shown on {_short(result['edited_role_shown_on'])})"
                       if variant == "hubroles" else "")
                    + f". Role added: read {len(add['read'])}, wrote {len(add['written'])}, "
                    f"dot {add['dot_runs']}.")
    out = ["\n".join(lines), "", *notes]
    return "\n".join(out)


def _short(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# --- main ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20,200,1000", help="role counts, comma-separated")
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--refs", type=int, default=20, help="role references per page")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slow-repeat", type=int, default=1,
                        help="runs of the builds dominated by dot with edge labels")
    parser.add_argument("--full-limit", type=int, default=200,
                        help="largest N with a full diagram")
    parser.add_argument("--variants", default=",".join(site.VARIANTS))
    parser.add_argument("--measure", default="text,full,site",
                        help="which measurements (text, full, site)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: N = 20, 20 pages, one run each")
    parser.add_argument("--keep", type=Path, help="write the projects here and keep them")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--merge", type=Path, nargs="*", default=[],
                        help="earlier --json files whose results to add to the table")
    parser.add_argument("--output", type=Path, help="also write the table here")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.pages, args.repeat, args.slow_repeat = "20", 20, 1, 1
    variants = [v for v in args.variants.split(",") if v]
    measures = set(args.measure.split(","))
    work = args.keep or Path(tempfile.mkdtemp(prefix="hubroles-scale-"))
    work.mkdir(parents=True, exist_ok=True)

    results: dict = {}
    for path in args.merge:
        _merge(results, json.loads(path.read_text())["results"])
    started = time.perf_counter()
    for size in [int(s) for s in args.sizes.split(",") if s]:
        by = results.setdefault(str(size), {})
        for variant in variants:
            if "text" in measures:
                _step(f"N={size} {variant}: clean build, no diagrams")
                by.setdefault("text", {})[variant] = measure_text(work, size, args, variant)
            if "full" in measures and size <= args.full_limit:
                if variant == "hand":
                    _step(f"N={size} hand: full diagram with edge labels")
                    by.setdefault("full", {})["hand-labelled"] = measure_full(
                        work, size, args, variant, "labelled")
                _step(f"N={size} {variant}: full diagram")
                by.setdefault("full", {})[variant] = measure_full(work, size, args, variant)
            if "site" in measures:
                _step(f"N={size} {variant}: whole handbook, rebuilds")
                by.setdefault("site", {})[variant] = measure_site(work, size, args, variant)
            if args.json:  # after every step: a long run keeps what it measured
                _save(args, results, time.perf_counter() - started)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)

    text = table(results, args)
    command = "python benchmarks/scale.py " + " ".join(
        a for a in (argv if argv is not None else sys.argv[1:]))
    header = (f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python "
              f"{platform.python_version()}, {_versions()}. P = {args.pages} pages, "
              f"R = {args.refs} role references each. Command: `{command.strip()}`")
    print(header + "\n\n" + text)
    if args.output:
        args.output.write_text(header + "\n\n" + text + "\n")
    if args.json:
        _save(args, results, time.perf_counter() - started)
    return 0


def _step(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _merge(into: dict, other: dict) -> None:
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _save(args, results: dict, elapsed: float) -> None:
    args.json.write_text(json.dumps({"elapsed": elapsed, "versions": _versions(),
                                     "results": results}, indent=1))


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("sphinx", "myst-parser", "sphinx-needs", "sphinx-hubroles"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    return ", ".join(found) + (f", {dot}" if dot else "")


if __name__ == "__main__":
    sys.exit(main())
