"""Time a rotation whose pool grows: loading roles.yaml, `export --format ics` and a full
`sphinx-build` of a page with the role's card (which names everyone in the pool) and its
`roles-rotation` (the default schedule: twice the pool, at most fields.MAX_SHIFTS shifts).
Each should grow linearly with the pool; a pool that names one person 2,000 times is refused
at once.

    python benchmarks/rotation_pool.py [--sizes 250,500,1000,2000] [--keep DIR]

Loading and exporting are timed in this process (best of three); the build is one fresh
`sphinx-build` in a subprocess, interpreter start-up included.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sphinx_hubroles.core import fields as F
from sphinx_hubroles.core.holders import to_ics
from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.core.problems import RolesFileError

CONF = 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
PAGE = "# Rotation\n\n```{role-card} steward\n```\n\n```{roles-rotation} steward\n```\n"


def roles_yaml(size: int, same_person: bool = False) -> str:
    people = "".join(f"  p{i}: {{name: Person {i}, github: person-{i}}}\n"
                     for i in range(1 if same_person else size))
    pool = ", ".join("p0" if same_person else f"p{i}" for i in range(size))
    return (f"people:\n{people}roles:\n  steward:\n    name: Steward\n"
            f"    summary: Answers the queue.\n"
            f"    rotation: {{pool: [{pool}], every: 7, start: 2026-01-07, overlap: 2}}\n")


def best(function, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def build(root: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(root),
                           str(root / "_build")], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or done.stderr.strip():
        raise SystemExit(f"the build of {root} failed:\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250,500,1000,2000")
    parser.add_argument("--keep", type=Path, help="keep the sites in this folder")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="rotation-pool-"))
    print("| pool | shifts | load | export ics | sphinx-build |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    try:
        for size in sizes:
            data = roles_yaml(size).encode()
            model = parse_roles(data, Path("roles.yaml"))
            load = best(lambda data=data: parse_roles(data, Path("roles.yaml")))
            export = best(lambda model=model: to_ics(model, "steward"))
            root = folder / f"pool-{size}"
            root.mkdir(parents=True, exist_ok=True)
            (root / "conf.py").write_text(CONF)
            (root / "roles.yaml").write_bytes(data)
            (root / "index.md").write_text(PAGE)
            shifts = min(2 * size, F.MAX_SHIFTS)
            print(f"| {size:,} | {shifts:,} | {load * 1000:.0f} ms | {export * 1000:.0f} ms "
                  f"| {build(root):.1f} s |")
        same = roles_yaml(max(sizes), same_person=True).encode()

        def refused() -> None:
            try:
                parse_roles(same, Path("roles.yaml"))
            except RolesFileError:
                return
            raise SystemExit("a pool naming one person twice was accepted")

        print(f"\nA pool naming one person {max(sizes):,} times: refused in "
              f"{best(refused) * 1000:.0f} ms.")
    finally:
        if args.keep is None:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
