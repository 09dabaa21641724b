"""How long roles.yaml takes to load as it grows, with and without libyaml.

Generates files of N roles in the shape of tests/test_hostile_properties.py's scale test (each
role in one of ten groups, with a summary holding a link, two responsibilities and ten
relations) and reports the best of a few runs of the loader, in CPU seconds, for:

  libyaml    PyYAML's libyaml parser feeding the loader's composer (the default when PyYAML
             was built with libyaml, as its wheels are)
  pure       PyYAML's own parser (installations without libyaml, and files with tabs)

--host-objects N first makes N long-lived objects, as a process that holds other data
does: sphinx-build holds about 135,000 once the environment of the 1,000-page handbook of
benchmarks/scale.py is loaded. Every garbage collection walks them all, which is why the
loader pauses the collector (core/loader.py).

    python benchmarks/loader_scale.py [--sizes 100,1000,10000] [--runs 3] [--host-objects N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_hostile_properties import many_roles  # noqa: E402

from sphinx_hubroles.core import yamlsource  # noqa: E402
from sphinx_hubroles.core.loader import parse_roles  # noqa: E402


def best_of(runs: int, data: bytes) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        model = parse_roles(data, Path("roles.yaml"))
        times.append(time.process_time() - start)
    assert model.roles
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--host-objects", type=int, default=0)
    args = parser.parse_args()
    host = [{"value": [index]} for index in range(args.host_objects // 3)]  # noqa: F841
    fast = yamlsource._FastLoader
    print(f"{'roles':>7} {'MB':>6} {'libyaml s':>10} {'pure s':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        data = many_roles(size).encode()
        with_libyaml = best_of(args.runs, data) if fast is not None else float("nan")
        yamlsource._FastLoader = None
        try:
            pure = best_of(args.runs, data)
        finally:
            yamlsource._FastLoader = fast
        print(f"{size:>7} {len(data) / 1e6:>6.2f} {with_libyaml:>10.2f} {pure:>8.2f}")


if __name__ == "__main__":
    main()
