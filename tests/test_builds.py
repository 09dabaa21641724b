"""Whole builds: a bad roles.yaml stops the build cleanly; after a failed build or a failed
drawing and the fix, an incremental build gives what a clean build gives; a renamed role is
read and written again where it shows. (test_incremental.py compares incremental, clean and
parallel builds over many edits.)"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DEFAULT_CONF, TEAM, build_here, cards_page, sphinx_build, write_project
from diagram_helpers import svg_elements

SITE = {
    "roles.yaml": TEAM,
    "index.md": """
        # Handbook

        ```{toctree}
        cards
        links
        terms
        plain
        ```
        """,
    "cards.md": cards_page("Cards", glossary=None),
    "links.md": "# Links\n\nAsk the [](roles:hub-engineer) or the "
                "[admins](roles:hub-administrator).\n",
    "terms.md": "# Terms\n\n```{roles-glossary}\n```\n",
    "plain.md": "# Plain\n\nNothing about roles here.\n",
}


def read_and_written(result) -> tuple[set[str], set[str]]:
    """The pages a build re-read and the pages it wrote, from its own progress output."""
    read = set(re.findall(r"reading sources\.\.\. \[[ \d]+%\] (\S+)", result.stdout))
    written = set(re.findall(r"writing output\.\.\. \[[ \d]+%\] (\S+)", result.stdout))
    return read, written


def html_files(outdir: Path) -> dict[str, str]:
    return {str(p.relative_to(outdir)): p.read_text() for p in sorted(outdir.rglob("*.html"))}


def test_bad_roles_yaml_fails_without_W_and_without_traceback(project):
    srcdir = project({**SITE, "roles.yaml": TEAM.replace("name: Hub Engineer", "name: no")
                      .replace("group: provider", "group: providers")})
    result = sphinx_build(srcdir)
    assert result.returncode == 1
    assert result.warnings() == [
        "roles.yaml:46: ERROR: 'name' of role 'hub-engineer' must be text, but YAML reads `no` "
        "as a boolean; put it in quotes: \"no\" [hubroles.yaml]",
        "roles.yaml:47: ERROR: role 'hub-engineer' names group 'providers', which is not "
        "declared under 'groups'; did you mean 'provider'? [hubroles.yaml]",
        "ERROR: sphinx-hubroles stopped the build: fix roles.yaml and build again "
        "(hubroles_file = 'roles.yaml')",
    ]
    assert "Traceback" not in result.stderr + result.stdout
    assert "report" not in result.stderr.lower()
    assert not (result.outdir / "index.html").exists()  # nothing half-written


def test_missing_roles_yaml_names_the_config_value(project):
    srcdir = project({**SITE, "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
                      'hubroles_file = "team/roles.yaml"\n'})
    result = sphinx_build(srcdir)
    assert result.returncode == 1
    assert result.warnings() == [
        "ERROR: team/roles.yaml: not found: there is no such file [hubroles.yaml]",
        "ERROR: sphinx-hubroles stopped the build: fix team/roles.yaml and build again "
        "(hubroles_file = 'team/roles.yaml')",
    ]


def test_after_a_failed_build_and_the_fix_the_site_equals_a_clean_build(project, tmp_path):
    srcdir = project(SITE)
    assert sphinx_build(srcdir).returncode == 0
    renamed = TEAM.replace("name: Hub Engineer", "name: Platform Engineer")
    (srcdir / "roles.yaml").write_text(renamed.replace("summary: Plans the work.", "summary:"))
    assert sphinx_build(srcdir).returncode == 1
    (srcdir / "roles.yaml").write_text(renamed)
    incremental = sphinx_build(srcdir)
    assert incremental.returncode == 0, incremental.stderr

    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = sphinx_build(clean_src)
    assert html_files(incremental.outdir) == html_files(clean.outdir)
    assert "Platform Engineer" in incremental.html("links.html")


def output_files(outdir: Path) -> dict[str, object]:
    """Every file a build wrote (the inline SVGs are in the pages), the doctrees aside, and
    the search index without its index entries: Sphinx 9.0 drops the entries of the pages an
    incremental build does not write again from searchindex.js, with or without this
    extension (a Sphinx glossary alone shows it). `.buildinfo.bak` is Sphinx's copy of the
    build info from before a change to conf.py."""
    files: dict[str, object] = {}
    for path in sorted(outdir.rglob("*")):
        name = str(path.relative_to(outdir))
        if not path.is_file() or ".doctrees" in path.parts or name == ".buildinfo.bak":
            continue
        files[name] = path.read_bytes()
        if name == "searchindex.js":
            index = json.loads(path.read_text(encoding="utf-8").removeprefix(
                "Search.setIndex(").removesuffix(")"))
            index.pop("indexentries")
            files[name] = index
    return files


DIAGRAMS = {
    **SITE,
    "index.md": SITE["index.md"].replace("plain\n", "plain\n        diagram\n"),
    "cards.md": SITE["cards.md"] + "\n```{roles-diagram}\n:groups: community\n```\n",
    "diagram.md": "# Diagram\n\n```{roles-diagram}\n```\n\n```{roles-diagram}\n"
                  ":focus: hub-engineer\n```\n",
}
FAILING_DOT = "#!/bin/sh\necho 'dot: out of memory' >&2\nexit 3\n"
WORKING_DOT = f"#!/bin/sh\nexec {shutil.which('dot')} \"$@\"\n"
# Relative to the folder Sphinx runs in: the project's (the test goes there).
WRAPPER_CONF = 'extensions = ["myst_parser", "sphinx_hubroles"]\ngraphviz_dot = "./dot.sh"\n'


@pytest.mark.parametrize("fix", ["dot repaired in place", "graphviz_dot corrected"])
def test_after_a_dot_error_and_the_fix_the_site_equals_a_clean_build(project, tmp_path,
                                                                    monkeypatch, fix):
    """A page whose diagram dot could not draw holds the text version alone; once dot works,
    the next build writes it again with the picture, although no source changed."""
    if fix == "dot repaired in place":  # a wrapper script that fails, then works
        srcdir = project({**DIAGRAMS, "conf.py": WRAPPER_CONF, "dot.sh": FAILING_DOT})
        (srcdir / "dot.sh").chmod(0o755)
    else:
        srcdir = project({**DIAGRAMS, "conf.py": DIAGRAMS.get("conf.py", DEFAULT_CONF)
                          + 'graphviz_dot = "no-such-dot-program"\n'})
    monkeypatch.chdir(srcdir)
    failed = build_here(srcdir)
    errors = [line for line in failed.warnings() if "hubroles.diagram" in line]
    assert len(errors) == (3 if fix == "dot repaired in place" else 1), failed.stderr
    assert "<svg" not in failed.html("diagram.html")

    if fix == "dot repaired in place":
        (srcdir / "dot.sh").write_text(WORKING_DOT)
    else:
        write_project(srcdir, {"conf.py": DEFAULT_CONF})
    incremental = build_here(srcdir)
    assert incremental.warnings() == [], incremental.stderr
    assert incremental.written >= {"cards", "diagram"}

    clean = build_here(srcdir, builddir=tmp_path / "clean")
    assert clean.warnings() == [], clean.stderr
    assert output_files(incremental.outdir) == output_files(clean.outdir)
    assert len(svg_elements(incremental.html("diagram.html"))) == 2
    # Once every picture is drawn, the next build has nothing to do again.
    again = build_here(srcdir)
    assert (again.read, again.written) == (set(), set())


def test_renaming_a_role_rereads_its_displays_and_rewrites_its_links(project):
    srcdir = project(SITE)
    build_here(srcdir)
    renamed = TEAM.replace("name: Hub Engineer", "name: Platform Engineer")
    (srcdir / "roles.yaml").write_text(renamed)
    result = build_here(srcdir)
    # cards.md shows the role, and terms.md lists its name in the glossary; links.md only
    # links to it, and its link text changes; Sphinx itself rewrites index.md, whose table of
    # contents lists cards.md.
    assert (result.read, result.written) == ({"cards", "terms"},
                                             {"cards", "terms", "links", "index"})
    assert "Platform Engineer" in result.html("links.html")


# -- the host's garbage collector ----------------------------------------------------------------

# An extension of the test project: the collector's state while pages are read; and, with STOP
# in conf.py, a build that ends after reading with an error, a Ctrl-C or a SystemExit (the
# last two skip Sphinx's build-finished).
GC_PROBE = '''
import gc

STOPS = {"error": RuntimeError, "interrupt": KeyboardInterrupt, "exit": SystemExit}

def setup(app):
    def note(*args):
        app.config.seen.append((gc.get_freeze_count(), gc.isenabled()))
    def stop(app, env):
        if app.config.stop:
            raise STOPS[app.config.stop]("stopped by the probe")
    app.add_config_value("seen", [], "")
    app.add_config_value("stop", "", "")
    app.connect("source-read", note)
    app.connect("env-updated", stop, priority=900)
    return {"parallel_read_safe": False}
'''


# Every way a build ends, and every kind of host, in four builds.
@pytest.mark.parametrize(("host", "stop"), [
    ("collecting", ""), ("collecting", "interrupt"), ("froze-its-own", "exit"),
    ("collector-off", "error")])
def test_the_build_leaves_the_garbage_collector_as_it_found_it(project, host, stop):
    """Whatever happens, also a Ctrl-C or a SystemExit, which skip build-finished: the build
    changes nothing of the process's collector (only the loader pauses it, and gives it back
    itself: test_loader.py). Built in this process, as sphinx-autobuild or a test suite would.
    (A build once froze its objects until build-finished, leaving some 81,000 of the host's
    frozen after a Ctrl-C.)"""
    import gc
    import io

    from sphinx.application import Sphinx
    from sphinx.errors import ExtensionError
    from sphinx.util.docutils import docutils_namespace

    src = project({**SITE, "gc_probe.py": GC_PROBE,
                   "conf.py": DEFAULT_CONF + "\nimport sys, os\nsys.path.insert(0, "
                              "os.path.dirname(__file__))\nextensions.append('gc_probe')\n"})
    was_enabled = gc.isenabled()
    if host == "froze-its-own":
        gc.freeze()
    elif host == "collector-off":
        gc.disable()
    before = gc.get_freeze_count(), gc.isenabled()
    try:
        with docutils_namespace():  # docutils' registry as it was, for the next application
            app = Sphinx(src, src, src / "_build" / "html", src / "_build" / "doctrees",
                         "html", confoverrides={"stop": stop}, status=io.StringIO(),
                         warning=io.StringIO())
            raised = {"": None, "error": ExtensionError, "interrupt": KeyboardInterrupt,
                      "exit": SystemExit}[stop]
            if raised is None:
                app.build()
            else:
                with pytest.raises(raised, match="stopped by the probe"):
                    app.build()
        seen = set(app.config.seen)
        after = gc.get_freeze_count(), gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable() if was_enabled else gc.disable()
    assert len(app.config.seen) == len(SITE) - 1  # every page was read (not roles.yaml)
    # Nothing left frozen or switched afterwards, nor meanwhile (the host's frozen objects can
    # only be freed, and their count fall).
    assert after[1] == before[1] and after[0] <= before[0]
    assert after[0] > 0 if host == "froze-its-own" else after[0] == 0
    assert {enabled for _count, enabled in seen} == {before[1]}
    assert max(count for count, _enabled in seen) <= before[0]
