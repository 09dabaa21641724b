"""One incremental rebuild of two commits, in turns, on the same generated handbook.

    python benchmarks/rebuild_turns.py --base 4087ace [--head HEAD] [--size 200]
        [--edit add_role|edit_summary|no_change] [--rounds 8]

compare_commits.py measures every figure of a whole handbook, clean builds first, so a round
at N = 1,000 takes minutes and a noisy rebuild gets few samples. This measures one rebuild
alone: it writes the scale benchmark's handbook (scale_site.py, sphinx-hubroles variant, the
diagrams scale.py would draw at that size) once per commit, builds each once, then makes the
same edit to both and rebuilds each, the order alternating from round to round. Each commit's
package comes from `git archive`, compiled once (compare_commits.package_of).
"""

from __future__ import annotations

import argparse
import copy
import os
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
    "no_change": lambda root, book, serial, diagrams: None,
}


def build(root: Path, package: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(package))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", ".", "_build/html"],
                   cwd=root, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


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
        times: dict[str, list[float]] = {name: [] for name in commits}
        for serial in range(args.rounds):
            order = list(commits) if serial % 2 == 0 else list(commits)[::-1]
            for name in order:
                EDITS[args.edit](roots[name], books[name], serial, diagrams)
                times[name].append(build(roots[name], packages[name]))
    base, head = (statistics.median(times[name]) for name in commits)
    print(f"N = {args.size}, {args.edit}, {args.rounds} rounds")
    for name, revision in commits.items():
        print(f"  {revision}: median {statistics.median(times[name]):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in times[name])})")
    print(f"  {args.head} ÷ {args.base}: {head / base:.2f}×")


if __name__ == "__main__":
    main()
