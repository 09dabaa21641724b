"""Time `sphinx-hubroles check` against a full `sphinx-build` of the same synthetic site.

The site: a roles.yaml of 40 roles in 5 groups, one page with a `role-card` per role, and
the rest of the pages (1,000 in all by default; one in five in RST) in folders of 40 with an
index page each, every page with headings, lists, code blocks, and a dozen references of every
form (`[..](roles:x)`,
`[](roles:x)`, `{ref}`, `:ref:`, `{term}`, `:term:`). A few broken references are planted, so
that both commands have something to find: the script also checks that they find the same
number of problems.

    python benchmarks/cli_check.py [--pages 1000] [--broken 10] [--runs 3] [--jobs 1]
        [--keep DIR]

Both times are wall-clock times of the real commands in a subprocess, interpreter start-up
included: what a writer or CI waits for. `check` is the best of --runs runs; sphinx-build is
one fresh build (no environment, no output) per job count.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROLES = 40
GROUPS = 5
WORDS = ("hub", "users", "support", "upgrade", "cluster", "storage", "community", "feedback",
         "incident", "deployment", "review", "access", "budget", "report", "training")


def role_id(index: int) -> str:
    return f"role-{index:02d}"


def role_name(index: int) -> str:
    return f"Role Number {index:02d}"


def roles_yaml() -> str:
    lines = ["relations:", "  oversees: {label: oversees, inverse: overseen by}",
             "  asks: {label: asks}", "groups:"]
    lines += [f"  group-{g}: {{name: Group {g}}}" for g in range(GROUPS)]
    lines.append("roles:")
    for i in range(ROLES):
        lines += [
            f"  {role_id(i)}:",
            f"    name: {role_name(i)}",
            f"    aliases: [{role_name(i)}s]",
            f"    group: group-{i % GROUPS}",
            f"    summary: Looks after the {{term}}`Term {i % 10}` of the hub.",
            "    responsibilities:",
            f"      - Work with the [next role](roles:{role_id((i + 1) % ROLES)})",
            f"      - Ask a [](roles:{role_id((i + 7) % ROLES)}) when stuck",
            "    relations:",
            f"      oversees: [{role_id((i + 1) % ROLES)}]",
            f"      asks: [{role_id((i + 3) % ROLES)}, {role_id((i + 5) % ROLES)}]",
        ]
    lines.append("terms:")
    lines += [f"  Term {t}: The definition of term {t}." for t in range(10)]
    return "\n".join(lines) + "\n"


def sentence(rng: random.Random, myst: bool) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
    i, t = rng.randrange(ROLES), rng.randrange(10)
    if myst:
        link = rng.choice([f"[the role](roles:{role_id(i)})", f"[](roles:{role_id(i)})",
                           f"{{ref}}`roles:{role_id(i)}`",
                           f"{{ref}}`someone <roles:{role_id(i)}>`",
                           f"{{term}}`{role_name(i)}`", f"{{term}}`Term {t}`"])
    else:
        link = rng.choice([f":ref:`roles:{role_id(i)}`", f":ref:`someone <roles:{role_id(i)}>`",
                           f":term:`{role_name(i)}`", f":term:`Term {t}`"])
    return f"{words.capitalize()} {link} and {rng.choice(WORDS)}."


def page(rng: random.Random, title: str, myst: bool, children: list[str]) -> str:
    out = [f"# {title}", ""] if myst else [title, "=" * len(title), ""]
    if children:
        out += (["```{toctree}", *children, "```", ""] if myst
                else [".. toctree::", "", *(f"   {c}" for c in children), ""])
    for section in range(3):
        heading = f"Part {section}"
        out += [f"## {heading}", ""] if myst else [heading, "-" * len(heading), ""]
        out += [sentence(rng, myst) + " " + sentence(rng, myst), ""]
        out += [f"- {sentence(rng, myst)}" for _ in range(3)] + [""]
        if myst:
            out += ["```python", "print('[x](roles:not-checked)')", "```", ""]
        else:
            out += [".. code-block:: python", "", "   print(':ref:`roles:not-checked`')", ""]
    return "\n".join(out) + "\n"


def write_site(root: Path, pages: int, broken: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_hubroles"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        'exclude_patterns = ["_build"]\n')
    (root / "roles.yaml").write_text(roles_yaml())
    cards = "\n".join(f"```{{role-card}} {role_id(i)}\n```\n" for i in range(ROLES))
    (root / "roles.md").write_text(f"# Roles\n\n{cards}\n```{{roles-glossary}}\n```\n")
    # Pages in folders of 40, each folder with an index page of its own: a toctree tree,
    # like a real site's, rather than one flat toctree of a thousand entries.
    per_folder = 40
    content = pages - 2  # index.md and roles.md
    folders = (content + per_folder) // (per_folder + 1)
    names, indexes = [], []
    for f in range(folders):
        folder = f"part-{f:02d}"
        count = min(per_folder, content - f * (per_folder + 1) - 1)
        children = []
        for n in range(f * per_folder, f * per_folder + count):
            rst = n % 5 == 4
            name = f"page-{n:04d}"
            children.append(name)
            names.append(f"{folder}/{name}")
            path = root / folder / (name + (".rst" if rst else ".md"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page(rng, f"Page {n}", not rst, []))
        (root / folder / "index.md").write_text(page(rng, f"Part {f}", True, children))
        indexes.append(f"{folder}/index")
    (root / "index.md").write_text(page(rng, "Handbook", True, ["roles", *indexes]))
    # Broken references, one per page, on pages spread over the tree.
    for k in range(broken):
        name = names[(k * 97) % len(names)]
        path = next(root.glob(name + ".*"))
        wrong = f"role-{k:02d}x"
        extra = (f"\nA broken [link](roles:{wrong}).\n" if path.suffix == ".md"
                 else f"\nA broken :ref:`roles:{wrong}`.\n")
        path.write_text(path.read_text() + extra)


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"})
    return time.perf_counter() - start, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--broken", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3, help="runs of check (best is kept)")
    parser.add_argument("--jobs", default="1",
                        help="sphinx-build -j values, comma-separated (e.g. 1,2)")
    parser.add_argument("--keep", type=Path, help="write the site here and keep it")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="hubroles-bench-"))
    write_site(root, args.pages, args.broken)
    sources = len([p for p in root.rglob("*") if p.suffix in (".md", ".rst")])
    print(f"site: {root} ({sources} pages, {ROLES} roles, {args.broken} broken references)")
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")

    check = [sys.executable, "-m", "sphinx_hubroles", "check"]
    times = []
    for _ in range(args.runs):
        seconds, done = timed(check, root)
        times.append(seconds)
    found = len(done.stdout.splitlines())
    print(f"sphinx-hubroles check: {min(times):.2f} s (best of {args.runs}; "
          f"all: {', '.join(f'{t:.2f}' for t in times)}), {found} problems, "
          f"exit status {done.returncode}")

    for jobs in args.jobs.split(","):
        out = root / "_build" / f"html-j{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        seconds, done = timed([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E",
                               "-j", jobs, "-d", str(out / ".doctrees"), ".", str(out)], root)
        warnings = [line for line in done.stderr.splitlines() if "WARNING" in line]
        print(f"sphinx-build -j {jobs}: {seconds:.1f} s, {len(warnings)} warnings, "
              f"exit status {done.returncode}")
        if len(warnings) != found:
            print("  the two found a different number of problems:", file=sys.stderr)
            print("\n".join(warnings[:20]), file=sys.stderr)
    if not args.keep:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
