"""One incremental rebuild of two commits, in turns, on the same generated handbook.

    python benchmarks/rebuild_turns.py --base 4087ace [--head HEAD] [--size 200]
        [--edit add_role|edit_summary|none] [--rounds 8]
    python benchmarks/rebuild_turns.py --hand [--head HEAD] [--size 200] [--pages 50]
        [--diagrams none] [--edit none] [--rounds 8] [--hand-role-terms]

compare_commits.py measures every figure of a whole handbook, clean builds first, so a round
at N = 1,000 takes minutes and a noisy rebuild gets few samples. This measures one rebuild
alone: it writes the scale benchmark's handbook (scale_site.py, sphinx-hubroles variant, the
diagrams scale.py would draw at that size) once per commit, builds each once, then makes the
same edit to both and rebuilds each, the order alternating from round to round. Each commit's
package comes from `git archive`, compiled once (compare_commits.package_of). `none` rebuilds
without an edit. Besides wall-clock time it prints the CPU time of each rebuild (its process
tree's), which other work on a shared machine disturbs less.

With --hand, the head commit takes turns with the hand-written handbook of the same facts
(scale_site.py's `hand` variant: labels over sections, {graphviz} blocks with the DOT
roles-diagram would draw), so that the figure is the extension's cost over writing it all out.
--pages, --refs and --diagrams change the generated handbook (scale.py's defaults otherwise).
--hand-role-terms gives the hand-written glossary an entry for each role too (its summary and
a link), as roles-glossary shows them: the same output, where by default the hand-written
handbook defines its 20 terms alone.
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
    "add_role": lambda root, book, variant, serial, diagrams: site.add_role(
        root, book, variant, serial, diagrams),
    "edit_summary": lambda root, book, variant, serial, diagrams: site.edit_summary(
        root, book, variant, book.roles[len(book.roles) // 2], serial),
    "none": lambda root, book, variant, serial, diagrams: None,
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
    against = parser.add_mutually_exclusive_group(required=True)
    against.add_argument("--base", help="the commit to take turns with")
    against.add_argument("--hand", action="store_true",
                         help="take turns with the hand-written handbook instead")
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--edit", choices=sorted(EDITS), default="add_role")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--refs", type=int, default=20, help="role references per page")
    parser.add_argument("--hand-role-terms", action="store_true",
                        help="the hand-written glossary also has an entry for each role, as "
                             "roles-glossary does")
    parser.add_argument("--diagrams", choices=site.DIAGRAMS,
                        help="default: all up to 200 roles, focus above (as scale.py)")
    args = parser.parse_args()
    diagrams = args.diagrams or ("all" if args.size <= 200 else "focus")
    book = site.handbook(args.size, pages=args.pages, refs=args.refs)
    book.role_terms = args.hand_role_terms
    base_label = "hand-written" if args.hand else args.base
    with tempfile.TemporaryDirectory() as work:
        commits = {"base": base_label, "head": args.head}
        variants = {"base": "hand" if args.hand else "hubroles", "head": "hubroles"}
        packages, roots, books = {}, {}, {}
        for name, revision in commits.items():
            # The hand-written handbook loads no package; it gets head's, unused, on its path.
            packages[name] = package_of(args.head if args.hand else revision,
                                        Path(work) / f"package-{name}")
            books[name] = copy.deepcopy(book)
            roots[name] = site.write_site(Path(work) / f"site-{name}", books[name],
                                          variants[name], diagrams)
            build(roots[name], packages[name])
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commits}
        for serial in range(args.rounds):
            order = list(commits) if serial % 2 == 0 else list(commits)[::-1]
            for name in order:
                EDITS[args.edit](roots[name], books[name], variants[name], serial, diagrams)
                times[name].append(build(roots[name], packages[name]))
    print(f"N = {args.size}, {args.pages} pages × {args.refs} references, diagrams: "
          f"{diagrams}, {args.edit}, {args.rounds} rounds"
          + (", a glossary entry per role by hand too" if args.hand_role_terms else ""))
    for index, kind in enumerate(("wall", "CPU")):
        base, head = (statistics.median(t[index] for t in times[name]) for name in commits)
        for name, revision in commits.items():
            print(f"  {revision}, {kind}: median "
                  f"{statistics.median(t[index] for t in times[name]):.2f} s "
                  f"({', '.join(f'{t[index]:.2f}' for t in times[name])})")
        print(f"  {args.head} ÷ {base_label}, {kind}: {head / base:.2f}×")


if __name__ == "__main__":
    main()
