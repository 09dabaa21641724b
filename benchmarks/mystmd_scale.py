"""MyST-MD (mystmd) builds with the sphinx-hubroles plugin against the same handbook written by
hand, and the number of Python processes the plugin starts per build.

The handbook is scale_site.py's (N roles in groups of ten, each with a summary, five
responsibilities and about 2.5 typed relations; 20 glossary terms), in P pages of prose with R
role references each, every page holding the cards of N / P roles, an `index` with the full
diagram, and a glossary. Two variants of one MyST-MD project:

  hubroles  roles.yaml, `{role-card}` per role, `{roles-diagram}`, `{roles-glossary}`,
            `[](roles:x)` links, and the plugin in myst.yml
  hand      the same content written by hand: a `(roles:x)=` heading per role with its summary,
            facts and relations as text, `[Name](#roles:x)` links, a `{glossary}`, and the
            diagram as a pre-made SVG image (roles-diagram's own DOT, drawn once, untimed)

Each build is `myst build --site` with a placeholder site template (the book theme cannot be
downloaded offline; the site content is what both variants make). A clean build starts from no
`_build` at all (the plugin's diagram cache and kept answers included); a rebuild runs again
with nothing changed. Rounds take turns between the variants; the median of each is reported.

  python benchmarks/mystmd_scale.py                      # N=100, P=50, 5 rounds
  python benchmarks/mystmd_scale.py --pages 50,100 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import scale_site as site  # noqa: E402

from sphinx_hubroles.mystmd import PLUGIN  # noqa: E402

TEMPLATE = "jtex: v1\ntitle: placeholder\n"
BIN = Path(sys.executable).parent
COUNTER = """#!/bin/sh
echo "$$" >> "{log}"
exec "{python}" "$@"
"""


def myst_config(pages: list[str], plugin: bool) -> str:
    toc = "\n".join(f"    - file: {page}" for page in pages)
    plugins = f"  plugins:\n    - {PLUGIN}\n" if plugin else ""
    return (f"version: 1\nproject:\n  title: Handbook\n{plugins}  toc:\n{toc}\n"
            "site:\n  template: ./_template\n")


def prose_page(book: site.Handbook, number: int, variant: str, cards: list[site.Role]) -> str:
    """scale_site's page of prose (links in each variant's form), with the page's cards."""
    text = site.content_page(book, "hubroles", number)
    if variant == "hand":
        by_id = book.by_id()

        def hand_link(match) -> str:
            shown, role_id = match.group(1), match.group(2)
            return f"[{shown or by_id[role_id].name}](#roles:{role_id})"

        import re
        text = re.sub(r"\[([^\]]*)\]\(roles:([a-z0-9-]+)\)", hand_link, text)
    sections = [hand_card(book, role) if variant == "hand" else
                f"```{{role-card}} {role.id}\n```\n" for role in cards]
    return text + "\n## Roles\n\n" + "\n".join(sections)


def hand_card(book: site.Handbook, role: site.Role) -> str:
    """A role written by hand, with what its card shows: summary, group, responsibilities
    and relations."""
    import re

    by_id = book.by_id()
    duties = [re.sub(r"\]\(roles:", "](#roles:", text) for text in role.responsibilities]
    out = [f"(roles:{role.id})=", f"### {role.name}", "", role.summary, "",
           "Group", f": {book.groups[role.group]}", "", "**Responsibilities**", ""]
    out += [f"- {text}" for text in duties] + [""]
    relations = [(site.LABELS[rel][0], [by_id[t] for t in targets])
                 for rel, targets in role.relations.items()]
    relations += [(site.LABELS[rel][1], sources) for rel, sources in book.incoming(role.id)]
    if relations:
        out += ["**Relations**", ""]
        for label, roles in relations:
            links = ", ".join(f"[{other.name}](#roles:{other.id})" for other in roles)
            out += [label[:1].upper() + label[1:], f": {links}", ""]
    return "\n".join(out) + "\n"


def glossary(book: site.Handbook, variant: str) -> str:
    if variant == "hubroles":
        return "# Glossary\n\n```{roles-glossary}\n```\n"
    entries = "\n".join(f"{name}\n: {definition}\n" for name, definition in book.terms)
    return f"# Glossary\n\n:::{{glossary}}\n{entries}:::\n"


def premade_svg(root: Path) -> None:
    """The full diagram as roles-diagram draws it, by dot, once (not timed)."""
    from sphinx_hubroles.core.diagram.dotsource import full_diagram_dot
    from sphinx_hubroles.core.loader import load_roles

    dot = full_diagram_dot(load_roles(root / "roles.yaml"))
    svg = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True,
                         check=True).stdout
    (root / "diagram.svg").write_bytes(svg)


def write_project(root: Path, book: site.Handbook, variant: str) -> Path:
    if root.exists():
        shutil.rmtree(root)
    (root / "_template").mkdir(parents=True)
    (root / "_template/template.yml").write_text(TEMPLATE)
    (root / "roles.yaml").write_text(site.roles_yaml(book))
    per_page = -(-len(book.roles) // book.pages)
    pages = ["index.md", "glossary.md"]
    diagram = ("```{roles-diagram}\n```\n" if variant == "hubroles"
               else "![The roles and their relations](diagram.svg)\n")
    (root / "index.md").write_text(f"# Handbook\n\nThe roles of the team.\n\n{diagram}")
    (root / "glossary.md").write_text(glossary(book, variant))
    for number in range(book.pages):
        cards = book.roles[number * per_page:(number + 1) * per_page]
        name = f"page-{number:03d}.md"
        (root / name).write_text(prose_page(book, number, variant, cards))
        pages.append(name)
    (root / "myst.yml").write_text(myst_config(pages, plugin=variant == "hubroles"))
    if variant == "hand":
        premade_svg(root)
    return root


def build(root: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (of mystmd's Node and every process it starts) of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "myst"), "build", "--site"], cwd=root, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or "⛔" in done.stdout + done.stderr:
        raise SystemExit(f"{root.name}: the build failed:\n{done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def measure(book: site.Handbook, rounds: int, work: Path) -> dict:
    log = work / "python.log"
    counter = work / "python"
    counter.write_text(COUNTER.format(log=log, python=sys.executable))
    counter.chmod(0o755)
    env = {**os.environ, "NO_UPDATE_NOTIFIER": "1", "CI": "1", "HUBROLES_PYTHON": str(counter),
           "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")])}
    roots = {variant: write_project(work / variant, book, variant)
             for variant in ("hand", "hubroles")}
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    processes: dict[str, list[int]] = {"clean": [], "rebuild": []}
    for number in range(rounds):
        # Take turns, and change who goes first each round: the machine's load drifts.
        for variant in (("hand", "hubroles") if number % 2 == 0 else ("hubroles", "hand")):
            root = roots[variant]
            shutil.rmtree(root / "_build", ignore_errors=True)
            for kind in ("clean", "rebuild"):
                log.write_text("")
                times.setdefault((variant, kind), []).append(build(root, env))
                if variant == "hubroles":
                    processes[kind].append(len(log.read_text().splitlines()))
    directives = len(book.roles) + 2  # the cards, the diagram and the glossary
    return {"wall": {key: statistics.median(v[0] for v in values)
                     for key, values in times.items()},
            "cpu": {key: statistics.median(v[1] for v in values)
                    for key, values in times.items()},
            "processes": processes, "directives": directives}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, default=100)
    parser.add_argument("--pages", default="50", help="page counts, comma-separated")
    parser.add_argument("--refs", type=int, default=20, help="role references per page")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    version = subprocess.run([str(BIN / "myst"), "--version"], capture_output=True,
                             text=True).stdout.strip()
    print(f"mystmd {version}, N = {args.roles} roles, R = {args.refs} references per page, "
          f"{args.rounds} rounds (median)\n")
    print("| P pages | directives | build | hand-written wall (CPU) s | sphinx-hubroles wall "
          "(CPU) s | ratio wall (CPU) | Python processes |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as temporary:
        for pages in [int(p) for p in args.pages.split(",")]:
            book = site.handbook(args.roles, pages=pages, refs=args.refs)
            result = measure(book, args.rounds, Path(temporary))
            for kind in ("clean", "rebuild"):
                wall, cpu = result["wall"], result["cpu"]
                hand, ours = wall[("hand", kind)], wall[("hubroles", kind)]
                hand_cpu, ours_cpu = cpu[("hand", kind)], cpu[("hubroles", kind)]
                counts = sorted(set(result["processes"][kind]))
                print(f"| {pages} | {result['directives']} | {kind} | {hand:.2f} "
                      f"({hand_cpu:.2f}) | {ours:.2f} ({ours_cpu:.2f}) | {ours / hand:.2f}x "
                      f"({ours_cpu / hand_cpu:.2f}x) | {', '.join(map(str, counts))} |")


if __name__ == "__main__":
    main()
