"""The stand-ins ext/__init__.py registers (ext/lazy.py) say what the real directives, roles,
transforms and visitors say, and a build without diagrams never loads the drawing code."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SUBPROCESS_ENV, write_project

from sphinx_hubroles import ext
from sphinx_hubroles.ext.lazy import loaded


@pytest.mark.parametrize("name", sorted(ext.DIRECTIVES))
def test_a_directive_stand_in_says_what_the_directive_says(name):
    stand_in = ext.DIRECTIVES[name]
    real = loaded(stand_in.loads)
    for attribute in ("required_arguments", "optional_arguments", "final_argument_whitespace",
                      "has_content"):
        assert getattr(stand_in, attribute) == getattr(real, attribute), attribute
    assert dict(stand_in.option_spec or {}) == dict(real.option_spec or {})


def test_a_transform_stand_in_has_the_priority_of_the_transform():
    for stand_in in ext.POST_TRANSFORMS:
        real = loaded(stand_in.loads)
        assert stand_in.default_priority == real.default_priority
        # The real one filters builders and formats itself, when the stand-in hands over.
        assert (stand_in.builders, stand_in.formats) == ((), ())


def test_every_visitor_a_stand_in_names_exists():
    for visit, depart in ext.DIAGRAM_VISITORS.values():
        assert callable(loaded(f"diagram.visitors.{visit}"))
        assert callable(loaded(f"diagram.visitors.{depart}"))


def test_a_site_without_diagrams_loads_no_drawing_code(tmp_path):
    """A clean build and a no-change rebuild of a site with cards, links and a table, but no
    diagram: neither imports graphviz nor the modules that make DOT and SVG."""
    srcdir = write_project(tmp_path / "src", {
        "roles.yaml": "roles:\n  lead:\n    name: Lead\n    summary: Leads.\n",
        "index.md": "# Team\n\n```{role-card} lead\n```\n\n```{roles-table}\n```\n\n"
                    "[](roles:lead)\n",
    })
    code = ("import sys\nfrom sphinx.cmd.build import main\n"
            f"code = main(['-q', '-b', 'html', {str(srcdir)!r}, {str(srcdir / '_build')!r}])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'graphviz' or "
            "m.startswith('sphinx_hubroles.core.diagram.') and m.rpartition('.')[2] in "
            "('dotsource', 'svg', 'render', 'legend')))\n"
            "sys.exit(code)")
    for build in ("clean", "no change"):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=SUBPROCESS_ENV)
        assert done.returncode == 0, (build, done.stderr)
        assert done.stdout.strip() == "[]", build


# What a rebuild with nothing changed must not import: the modules that parse, judge, read
# into pages and show roles.yaml (core/, and ext/judging.py); it reports the last judgement's
# problems from the environment.
NOT_ON_A_NO_CHANGE_REBUILD = ("core.loader", "core.model", "core.rules", "core.site",
                              "core.options", "core.displays", "core.scan", "ext.judging",
                              "ext.cards", "ext.references")


def test_a_no_change_rebuild_imports_nothing_that_reads_or_judges(tmp_path):
    """Its problems are still reported, from what the environment kept of the last build;
    the clean build imports every one of those modules, so the test can tell."""
    srcdir = write_project(tmp_path / "src", {
        "roles.yaml": "roles:\n  lead:\n    name: Lead\n    summary: Leads.\n",
        "index.md": "# Team\n\n```{role-card} lead\n```\n\n[](roles:lead) [](roles:leed)\n",
    })
    code = ("import sys\nfrom sphinx.cmd.build import main\n"
            f"code = main(['-q', '-b', 'html', {str(srcdir)!r}, {str(srcdir / '_build')!r}])\n"
            "prefix = 'sphinx_hubroles.'\n"
            "print(' '.join(sorted(m[len(prefix):] for m in sys.modules "
            "if m.startswith(prefix))))\n"
            "sys.exit(code)")
    imported = {}
    for build in ("clean", "no change"):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=SUBPROCESS_ENV)
        assert done.returncode == 0, (build, done.stderr)
        assert "index.md:6: WARNING: unknown role 'leed' in reference 'roles:leed'" \
            in done.stderr, (build, done.stderr)
        imported[build] = set(done.stdout.split())
    assert set(NOT_ON_A_NO_CHANGE_REBUILD) <= imported["clean"]
    assert not set(NOT_ON_A_NO_CHANGE_REBUILD) & imported["no change"]
