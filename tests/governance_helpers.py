"""The governance fixtures (tests/fixtures/governance): Kubernetes' contributor ladder and
Jupyter's governance bodies, migrated from their public sources, and built as real sites; and
the full map of tests/fixtures/fullmap (17 roles, 16 relation types), invented as large as the
governance document of issue 24."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import FIXTURES, BuildResult, built_once, sphinx_build

from sphinx_hubroles.core.loader import load_roles
from sphinx_hubroles.core.model import RolesFile

GOVERNANCE = FIXTURES / "governance"
SOURCES = {"kubernetes": GOVERNANCE / "kubernetes", "jupyter": GOVERNANCE / "jupyter",
           "python": GOVERNANCE / "python", "fullmap": FIXTURES / "fullmap"}


def governance_model(name: str) -> RolesFile:
    """The fixture `name`'s roles.yaml, loaded."""
    return load_roles(SOURCES[name] / "roles.yaml")


def governance_site(name: str, folder: Path, *args: str) -> BuildResult:
    """Build the fixture `name` (kubernetes, jupyter, python, fullmap) in `folder` with
    `sphinx-build *args`."""
    source = folder / name
    shutil.copytree(SOURCES[name], source, ignore=shutil.ignore_patterns("_build"))
    return sphinx_build(source, *args)


def governance_sites(tmp_path_factory, jobs) -> dict[tuple[str, str | None], BuildResult]:
    """Each (fixture, html_theme or None for its own) of `jobs` built with `-nW --keep-going`,
    two at a time, once per test run: the test modules of the fixtures share them."""

    def build(job):
        name, theme = job
        args = ("-nW", "--keep-going", *(("-D", f"html_theme={theme}") if theme else ()))
        return job, built_once(tmp_path_factory, f"governance-{name}-{theme or 'own'}",
                               lambda folder: governance_site(name, folder, *args))

    with ThreadPoolExecutor(2) as pool:
        return dict(pool.map(build, jobs))
