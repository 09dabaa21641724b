"""Measure how dot lays out roles diagrams with and without edge labels, to choose where
`:edge-labels: auto` switches labels off.

For seeded random clustered roles files (the generator of the tests: ~size/8 groups, ~2.5
relations per role), the real DOT of `roles-diagram` is laid out by the real `dot` with:

  none            no edge labels (what `auto` falls back to)
  label           `label` on every edge (dot 2.43: "trouble in init_rank" on clusters)
  label+newrank   `label` with newrank=true
  xlabel          `xlabel` on every edge (placed after layout)
  xlabel+newrank
  shipped         what roles-diagram does with labels on: `label`, and when dot fails with
                  "trouble in init_rank", the same graph again with newrank=true (time: both)

and reports, per size and strategy: runs that succeeded, the median layout time, and for
labelled runs the median share of labels that overlap a role box or another label ("clash"),
the share of diagrams where no label overlaps anything ("clean"),
and how many runs drew two group boxes overlapping each other ("overlap"; newrank does that).

    python benchmarks/edge_label_threshold.py [--sizes 10,20,50] [--seeds 3] [--timeout 60]
        [--edges-per-role 2.5] [--strategies none,xlabel]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from diagram_helpers import random_roles_file  # noqa: E402

from sphinx_hubroles.core.diagram.dotsource import to_dot  # noqa: E402
from sphinx_hubroles.core.diagram.layout import Layout  # noqa: E402
from sphinx_hubroles.core.diagram.render import with_newrank  # noqa: E402
from sphinx_hubroles.core.diagram.selection import DiagramSpec, select  # noqa: E402

# The print form of the DOT: it also lays out the legend, so it is the harder of the two.
STRATEGIES = {
    "none": Layout(edge_labels=False, web=False),
    "label": Layout(edge_labels=True, web=False, label_attribute="label", newrank=False),
    "label+newrank": Layout(edge_labels=True, web=False, label_attribute="label", newrank=True),
    "xlabel": Layout(edge_labels=True, web=False, label_attribute="xlabel", newrank=False),
    "xlabel+newrank": Layout(edge_labels=True, web=False, label_attribute="xlabel",
                             newrank=True),
    "shipped": Layout(edge_labels=True, web=False, label_attribute="label", newrank=False),
}


def run_shipped(dot_source: str, timeout: float) -> tuple[str, float, dict | None]:
    outcome = run(dot_source, timeout)
    if outcome[0] != "init_rank":
        return outcome
    again = run(with_newrank(dot_source), timeout - outcome[1])
    return again[0], outcome[1] + again[1], again[2]


def run(dot_source: str, timeout: float) -> tuple[str, float, dict | None]:
    start = time.perf_counter()
    try:
        done = subprocess.run(["dot", "-Tjson"], input=dot_source, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", timeout, None
    seconds = time.perf_counter() - start
    if done.returncode:
        reason = "init_rank" if "init_rank" in done.stderr else "error"
        return reason, seconds, None
    return "ok", seconds, json.loads(done.stdout)


def clash_rate(layout: dict) -> float | None:
    """Share of edge labels whose box overlaps a node box or another edge label's box."""
    boxes = []
    for obj in layout.get("objects", []):
        if "pos" in obj and "width" in obj and not obj["name"].startswith("legend_"):
            x, y = map(float, obj["pos"].split(","))
            w, h = float(obj["width"]) * 72 / 2, float(obj["height"]) * 72 / 2
            boxes.append((x - w, y - h, x + w, y + h))
    labels = []
    for edge in layout.get("edges", []):
        for key in ("_ldraw_", "_xldraw_"):
            size = 10.0
            for op in edge.get(key, []):
                if op["op"] == "F":
                    size = op["size"]
                if op["op"] == "T":
                    x, y = op["pt"]
                    half = op["width"] / 2
                    labels.append((x - half, y - 0.25 * size, x + half, y + 0.85 * size))
    if not labels:
        return None

    def overlaps(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    clashing = sum(
        1 for i, label in enumerate(labels)
        if any(overlaps(label, box) for box in boxes)
        or any(overlaps(label, other) for j, other in enumerate(labels) if j != i))
    return clashing / len(labels)


def clusters_overlap(layout: dict) -> bool:
    """Whether any two group boxes (or a group and the legend) overlap: they never nest."""
    boxes = [tuple(map(float, obj["bb"].split(","))) for obj in layout.get("objects", [])
             if obj.get("name", "").startswith("cluster") and "bb" in obj]
    return any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
               for i, a in enumerate(boxes) for b in boxes[i + 1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,10,15,20,30,50,100,150,200")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--strategies", default=",".join(STRATEGIES))
    parser.add_argument("--edges-per-role", type=float, default=2.5)
    args = parser.parse_args()
    version = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    print(f"# {version}; seeds 0..{args.seeds - 1}; {args.edges_per_role:g} relations per "
          f"role; timeout {args.timeout:g} s")
    print(f"{'roles':>5} {'edges':>5}  {'strategy':<15} {'ok':>5} {'median s':>9} "
          f"{'max s':>7} {'clash':>6} {'clean':>6} {'overlap':>7}  failures")
    for size in map(int, args.sizes.split(",")):
        selections = [select(random_roles_file(size, seed, args.edges_per_role), DiagramSpec())
                      for seed in range(args.seeds)]
        edges = statistics.median(len(s.edges) for s in selections)
        for name in args.strategies.split(","):
            runner = run_shipped if name == "shipped" else run
            outcomes = [runner(to_dot(s, {}, STRATEGIES[name]), args.timeout)
                        for s in selections]
            ok = [o for o in outcomes if o[0] == "ok"]
            times = [o[1] for o in ok]
            clashes = [c for o in ok if (c := clash_rate(o[2])) is not None]
            overlapping = sum(clusters_overlap(o[2]) for o in ok)
            failures = ",".join(sorted({o[0] for o in outcomes if o[0] != "ok"}))
            median = f"{statistics.median(times):9.2f}" if times else f"{'-':>9}"
            worst = f"{max(times):7.2f}" if times else f"{'-':>7}"
            clash = f"{statistics.median(clashes):6.0%}" if clashes else f"{'-':>6}"
            clean = (f"{sum(c == 0 for c in clashes) / len(clashes):6.0%}" if clashes
                     else f"{'-':>6}")
            print(f"{size:>5} {edges:>5g}  {name:<15} {len(ok):>2}/{len(outcomes):<2} {median} "
                  f"{worst} {clash} {clean} {overlapping:>4}/{len(ok):<2}  {failures}", flush=True)


if __name__ == "__main__":
    main()
