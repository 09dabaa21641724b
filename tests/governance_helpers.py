"""The governance fixtures (tests/fixtures/governance): Kubernetes' contributor ladder and
Jupyter's governance bodies, migrated from their public sources, and built as real sites."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, BuildResult, sphinx_build

from sphinx_hubroles.core.loader import load_roles
from sphinx_hubroles.core.model import RolesFile

GOVERNANCE = FIXTURES / "governance"


def governance_model(name: str) -> RolesFile:
    """The fixture `name`'s roles.yaml, loaded."""
    return load_roles(GOVERNANCE / name / "roles.yaml")


def governance_site(name: str, folder: Path, *args: str) -> BuildResult:
    """Build the fixture `name` (kubernetes, jupyter) in `folder` with `sphinx-build *args`."""
    source = folder / name
    shutil.copytree(GOVERNANCE / name, source, ignore=shutil.ignore_patterns("_build"))
    return sphinx_build(source, *args)
