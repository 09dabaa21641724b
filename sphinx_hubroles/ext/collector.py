"""Keep Python's garbage collector off a build's long-lived objects while the build runs.

What Sphinx loaded (the environment of every page) and the model of roles.yaml live as long as
the build, and each full collection goes over all of them again. In a summary edit of a
1,000-role handbook, the collector's full passes took about half a second, a fifth of the
build. `gc.freeze()`, Python's documented way to leave objects made at start-up out of
collections, does so from the moment pages are read; `gc.unfreeze()` at the end of the build
hands them back, so that a host building again in the same process (sphinx-autobuild, a test
suite) collects them as before. Nothing is lost meanwhile: an object is still freed as soon as
nothing refers to it, and only cycles among the frozen ones wait for the end of the build.

A host that froze objects itself, or switched the collector off, is left alone.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .state import domain_of


def freeze_long_lived(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: inside the build, which ends with build-finished, also when it
    fails (builder-inited comes with the application, which may never build)."""
    domain = domain_of(env)
    if gc.isenabled() and gc.get_freeze_count() == 0 and not domain.froze:
        gc.freeze()
        domain.froze = True


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """build-finished, whether the build succeeded or not."""
    domain = domain_of(app.env)
    if domain.froze:
        domain.froze = False
        gc.unfreeze()
