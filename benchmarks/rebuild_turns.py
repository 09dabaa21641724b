"""One incremental rebuild of two commits, in turns, on the same generated handbook.

    python benchmarks/rebuild_turns.py --base 4087ace [--head HEAD] [--size 200]
        [--edit add_role|edit_summary|none] [--rounds 8]

compare_commits.py measures every figure of a whole handbook, clean builds first, so a round
at N = 1,000 takes minutes and a noisy rebuild gets few samples. This measures one rebuild
alone: it writes the scale benchmark's handbook (scale_site.py, sphinx-hubroles variant, the
diagrams scale.py would draw at that size) once per commit, builds each once, then makes the
same edit to both and rebuilds each, the order alternating from round to round. Each commit's
package comes from `git archive`, compiled once (compare_commits.package_of). `none` rebuilds
without an edit. Besides wall-clock time it prints the CPU time of each rebuild (its process
tree's), which other work on a shared machine disturbs less.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import scale_site as site
from compare_commits import package_of

EDITS = {
    "add_role": lambda root, book, serial, diagrams: site.add_role(
        root, book, "hubroles", serial, diagrams),
    "edit_summary": lambda root, book, serial, diagrams: site.edit_summary(
        root, book, "hubroles", book.roles[len(book.roles) // 2], serial),
    "none": lambda root, book, serial, diagrams: None,
}


def build(root: Path, package: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one build."""
    env = dict(os.environ, PYTHONPATH=str(package))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", ".", "_build/html"],
                   cwd=root, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--edit", choices=sorted(EDITS), default="add_role")
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    diagrams = "all" if args.size <= 200 else "focus"  # as scale.py's --full-limit
    book = site.handbook(args.size)
    with tempfile.TemporaryDirectory() as work:
        commits = {"base": args.base, "head": args.head}
        packages, roots, books = {}, {}, {}
        for name, revision in commits.items():
            packages[name] = package_of(revision, Path(work) / f"package-{name}")
            books[name] = copy.deepcopy(book)
            roots[name] = site.write_site(Path(work) / f"site-{name}", books[name], "hubroles",
                                          diagrams)
            build(roots[name], packages[name])
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commits}
        for serial in range(args.rounds):
            order = list(commits) if serial % 2 == 0 else list(commits)[::-1]
            for name in order:
                EDITS[args.edit](roots[name], books[name], serial, diagrams)
                times[name].append(build(roots[name], packages[name]))
    print(f"N = {args.size}, {args.edit}, {args.rounds} rounds")
    for index, kind in enumerate(("wall", "CPU")):
        base, head = (statistics.median(t[index] for t in times[name]) for name in commits)
        for name, revision in commits.items():
            print(f"  {revision}, {kind}: median "
                  f"{statistics.median(t[index] for t in times[name]):.2f} s "
                  f"({', '.join(f'{t[index]:.2f}' for t in times[name])})")
        print(f"  {args.head} ÷ {args.base}, {kind}: {head / base:.2f}×")


if __name__ == "__main__":
    main()
