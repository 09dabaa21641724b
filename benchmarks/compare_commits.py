"""Compare two commits of sphinx-hubroles on the scale benchmark, taking turns, so that both
see the same load on a shared machine.

    python benchmarks/compare_commits.py --base 4087ace [--head HEAD] [--sizes 200]
        [--measure text,site] [--rounds 5] [--hand] [--json FILE]
    python benchmarks/compare_commits.py --base 4087ace --table-from FILE [--sizes 200]

Each round runs benchmarks/scale.py once (--repeat 1) for the base commit, once for the head
(the order alternating from round to round), and with --hand once for the hand-written
handbook; a commit's package is taken from `git archive`, compiled to bytecode as an install
would, and put first on the builds' PYTHONPATH (scale.py itself runs from the checkout). The table
gives the median of the rounds for every figure, and head ÷ base. --table-from prints the
table again from the rounds a --json FILE kept, for example when a long run was cut short.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# (label, path in scale.py's results, unit): the rows of docs/reference/performance.md.
ROWS = [
    ("clean build, no diagrams", ("text", "seconds"), "s"),
    ("CPU time, clean build, no diagrams", ("text", "cpu"), "s"),
    ("peak memory, no diagrams", ("text", "peak_mib"), "MiB"),
    ("clean build, diagrams", ("site", "serial", "seconds"), "s"),
    ("CPU time, clean build, diagrams", ("site", "serial", "cpu"), "s"),
    ("clean build, diagrams, -j 2", ("site", "j2", "seconds"), "s"),
    ("peak memory, diagrams", ("site", "serial", "peak_mib"), "MiB"),
    ("rebuild, no change", ("site", "no_change", "seconds"), "s"),
    ("rebuild, one role's summary edited", ("site", "edit_summary", "seconds"), "s"),
    ("rebuild, one role added", ("site", "add_role", "seconds"), "s"),
]


def package_of(revision: str, into: Path) -> Path:
    """The sphinx_hubroles package of `revision`, unpacked under `into`."""
    archive = subprocess.run(["git", "archive", revision, "sphinx_hubroles"], cwd=REPO,
                             check=True, capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as file:
        file.write(archive)
        file.seek(0)
        with tarfile.open(fileobj=file) as tar:
            tar.extractall(into, filter="data")
    # Compiled once, as pip compiles a package it installs: otherwise, where
    # PYTHONDONTWRITEBYTECODE is set, every build would compile the package again (0.2 s,
    # which the hand-written handbook, having no package, would not pay).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into)], check=True)
    return into


def run_scale(args, variant: str, pythonpath: Path | None, out: Path) -> dict:
    env = dict(os.environ)
    if pythonpath is not None:
        env["HUBROLES_BUILD_PACKAGE"] = str(pythonpath)
    command = [sys.executable, str(HERE / "scale.py"), "--sizes", args.sizes, "--measure",
               args.measure, "--variants", variant, "--repeat", "1", "--json", str(out)]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())["results"]


def pick(results: dict, size: str, variant: str, path: tuple[str, ...]):
    value = results.get(size, {})
    for key in (path[0], variant, *path[1:]):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare with")
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--sizes", default="200")
    parser.add_argument("--measure", default="text,site")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--hand", action="store_true",
                        help="also measure the hand-written handbook in every round")
    parser.add_argument("--json", type=Path, help="also write every round's results here")
    parser.add_argument("--table-from", type=Path,
                        help="measure nothing; print the table from a --json file's rounds")
    args = parser.parse_args(argv)
    if args.table_from:
        rounds = json.loads(args.table_from.read_text())
        args.hand = all("hand" in r for r in rounds)
        print_table(args, rounds)
        return 0

    work = Path(tempfile.mkdtemp(prefix="hubroles-compare-"))
    packages = {"base": package_of(args.base, work / "base"),
                "head": package_of(args.head, work / "head")}
    rounds: list[dict] = []
    for number in range(args.rounds):
        order = ["base", "head"] if number % 2 == 0 else ["head", "base"]
        this = {}
        for name in order:
            print(f"round {number + 1}: {name}", file=sys.stderr, flush=True)
            this[name] = run_scale(args, "hubroles", packages[name], work / f"{name}.json")
        if args.hand:
            print(f"round {number + 1}: hand-written", file=sys.stderr, flush=True)
            this["hand"] = run_scale(args, "hand", None, work / "hand.json")
        rounds.append(this)
        if args.json:
            args.json.write_text(json.dumps(rounds, indent=1))
    print_table(args, rounds)
    return 0


def print_table(args, rounds: list[dict]) -> None:
    """One row per measurement: the medians of the rounds, head ÷ base (and ÷ hand)."""
    print(f"{len(rounds)} rounds")
    names = ["base", "head"] + (["hand"] if args.hand else [])
    print(f"| N | measurement | {args.base} | {args.head} | head ÷ base"
          + (" | hand-written | head ÷ hand |" if args.hand else " |"))
    print("|---|---|---|---|---|" + ("---|---|" if args.hand else ""))
    for size in args.sizes.split(","):
        for label, path, unit in ROWS:
            medians = {}
            for name in names:
                variant = "hand" if name == "hand" else "hubroles"
                values = [pick(r[name], size, variant, path) for r in rounds]
                values = [v for v in values if v is not None]
                medians[name] = statistics.median(values) if values else None
            if medians["base"] is None or medians["head"] is None:
                continue
            row = (f"| {size} | {label} | {medians['base']:.2f} {unit} | "
                   f"{medians['head']:.2f} {unit} | {medians['head'] / medians['base']:.2f}× |")
            if args.hand and medians.get("hand"):
                row += f" {medians['hand']:.2f} {unit} | {medians['head'] / medians['hand']:.2f}× |"
            print(row)


if __name__ == "__main__":
    sys.exit(main())
