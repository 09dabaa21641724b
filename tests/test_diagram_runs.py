"""How often dot runs: the on-disk cache, concurrency under -j, and incremental rebuilds.

dot runs are counted from the build's own log (`-v` prints "hubroles: running dot ..." for
each process started); dot itself is real.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import sphinx_build
from diagram_helpers import ROLES_YAML, role_boxes, svg_after

PAGES = {
    "roles.yaml": ROLES_YAML,
    "index.md": """
        # Index

        ```{toctree}
        a
        b
        focus
        ```

        ```{roles-diagram}
        ```
        """,
    "a.md": """
        # A

        The same diagram as on the index, with its own caption: the same picture.

        ```{roles-diagram}
        :caption: Everyone
        ```
        """,
    "b.md": """
        # B

        ```{roles-diagram}
        ```

        ```{role-card} hub-engineer
        ```
        """,
    "focus.md": """
        # Focus

        ```{roles-diagram}
        :focus: support-steward
        ```
        """,
}


def dot_runs(result) -> int:
    return len(re.findall(r"hubroles: running dot", result.stdout + result.stderr))


def pages_read(result) -> set[str]:
    return set(re.findall(r"reading sources\.\.\. \[[ \d]+%\] (\S+)", result.stdout))


def test_cache_one_run_per_distinct_diagram_none_on_rebuilds(project):
    src = project(PAGES)
    first = sphinx_build(src, "-v")
    assert first.returncode == 0, first.stderr
    assert dot_runs(first) == 2  # index, a and b share one picture; focus is another
    cache = Path(first.outdir, ".doctrees", "hubroles-diagrams")
    assert len(list(cache.glob("*.svg.cache"))) == 2

    unchanged = sphinx_build(src, "-v")  # a fresh process, nothing to do
    assert dot_runs(unchanged) == 0

    page = src / "b.md"
    page.write_text(page.read_text() + "\nA new paragraph.\n")
    reread = sphinx_build(src, "-v")  # b is read again; its diagram is the same
    assert pages_read(reread) == {"b"}
    assert dot_runs(reread) == 0
    assert "hubroles-href" not in reread.html("b.html")

    fresh_env = sphinx_build(src, "-v", "-E")  # every page read again, nothing drawn
    assert len(pages_read(fresh_env)) == 4 and dot_runs(fresh_env) == 0


def test_editing_a_role_rereads_only_pages_whose_diagram_shows_it(project):
    src = project(PAGES)
    assert sphinx_build(src).returncode == 0
    roles = src / "roles.yaml"
    roles.write_text(roles.read_text().replace("Plans the work.", "Plans all the work."))
    result = sphinx_build(src, "-v")
    # The project manager is in the full diagram (on index, a and b), not around the support
    # steward. Its tooltip is filled in when those pages are written: nothing is read again,
    # nothing drawn again, and the pages show the new words.
    assert pages_read(result) == set()
    assert dot_runs(result) == 0
    for page in ("index", "a", "b"):
        assert "<title>Plans all the work.</title>" in result.html(f"{page}.html")
    roles.write_text(roles.read_text().replace("name: Hub Engineer", "name: Hub Engineers"))
    result = sphinx_build(src, "-v")
    assert pages_read(result) == {"index", "a", "b", "focus"}
    assert dot_runs(result) == 2
    assert "Hub Engineers" in result.html("focus.html")
    cache = Path(result.outdir, ".doctrees", "hubroles-diagrams")
    assert len(list(cache.glob("*.svg.cache"))) == 2  # the outdated renderings are gone


def test_moving_a_card_rewrites_the_links_of_diagrams_on_other_pages(project):
    src = project(PAGES)
    first = sphinx_build(src)
    assert role_boxes(svg_after(first.html("index.html"), "<svg"))["Hub Engineer"]["href"] \
        == "b.html#roles-hub-engineer"
    (src / "b.md").write_text((src / "b.md").read_text().replace("hub-engineer", "x"))
    (src / "a.md").write_text((src / "a.md").read_text() + "\n```{role-card} hub-engineer\n```\n")
    result = sphinx_build(src, "-v")
    assert "index" not in pages_read(result) and dot_runs(result) == 0
    assert role_boxes(svg_after(result.html("index.html"), "<svg"))["Hub Engineer"]["href"] \
        == "a.html#roles-hub-engineer"


def test_distinct_diagrams_render_concurrently_and_parallel_output_equals_serial(project):
    extra = {f"{name}.md": f"# {name}\n\n```{{roles-diagram}}\n:focus: {focus}\n```\n"
             for name, focus in [("d", "hub-engineer"), ("e", "project-manager")]}
    src = project({**PAGES, **extra, "c.md": """
        # C

        ```{roles-diagram}
        :groups: community
        :direction: LR
        ```
        """, "index.md": PAGES["index.md"].replace(
            "focus\n", "focus\n        c\n        d\n        e\n")})
    serial = sphinx_build(src, "-v", outdir=src / "_build" / "serial")
    parallel = sphinx_build(src, "-v", "-j", "2", outdir=src / "_build" / "parallel")
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    assert "hubroles: drawing 5 diagrams with up to 1 dot process at a time" in serial.stdout
    assert "hubroles: drawing 5 diagrams with up to 2 dot processes at a time" in \
        parallel.stdout
    assert dot_runs(parallel) == 5
    assert parallel.warnings() == []  # no "extension is not safe for parallel" either
    pages = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html"))
    for page in pages:
        assert serial.html(str(page)) == parallel.html(str(page)), page
