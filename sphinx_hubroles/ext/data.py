"""roles.yaml inside a Sphinx build: loading it, and knowing which pages to re-read or rewrite
when it changes.

Pages note what they *display* from roles.yaml (a card, the glossary, a diagram) as a kind and
arguments; the next build recomputes those inputs from the new file and re-reads only the pages
whose inputs changed. Pages that only *link* to roles are rewritten when the target of a link
they hold changed (a renamed role changes the link text, a moved card changes the href).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.loader import load_roles
from ..core.model import RolesFile
from ..core.problems import RolesFileError, display_path, location

logger = logging.getLogger(__name__)

# kind -> function(model, *args) returning what a display shows; registered by each directive.
_DISPLAY_INPUTS: dict[str, Callable[..., object]] = {}


def register_display(kind: str, inputs: Callable[..., object]) -> None:
    _DISPLAY_INPUTS[kind] = inputs


def roles_of(env: BuildEnvironment) -> RolesFile:
    """The roles.yaml model of the current build."""
    return env.hubroles_model


def roles_path(app: Sphinx) -> Path:
    return Path(app.confdir, app.config.hubroles_file)


def note_display(env: BuildEnvironment, kind: str, *args: Any) -> None:
    """Record that the page being read shows `kind(model, *args)`."""
    digest = _digest(_DISPLAY_INPUTS[kind](roles_of(env), *args))
    env.hubroles_displays.setdefault(env.docname, {})[(kind, *args)] = digest


def note_reference(env: BuildEnvironment, docname: str, key: tuple[str, str]) -> None:
    """Record that `docname` links to a label or term: ('label', 'roles:x') or ('term', 'x')."""
    env.hubroles_references.setdefault(docname, set()).add(key)


def _digest(value: object) -> str:
    # The model is frozen dataclasses whose repr leaves out line numbers.
    return hashlib.sha256(repr(value).encode()).hexdigest()


def load_model(app: Sphinx) -> None:
    """builder-inited: load roles.yaml, or list every problem and stop the build.

    Building on with a broken file would publish a site that silently lacks roles; stopping
    before any page is read leaves the last good output and environment as they were.
    """
    path = roles_path(app)
    try:
        model = load_roles(path, role_terms=app.config.hubroles_role_terms)
    except RolesFileError as error:
        for problem in error.problems:
            if problem.line:
                logger.error(problem.message, location=location(path, problem.line),
                             type="hubroles", subtype="yaml")
            else:  # Sphinx would read a location without a line as a page name
                logger.error("%s: %s", display_path(path), problem.message,
                             type="hubroles", subtype="yaml")
        logger.error("sphinx-hubroles stopped the build: fix %s and build again "
                     "(hubroles_file = %r)", display_path(path), app.config.hubroles_file)
        raise SystemExit(1) from None
    env = app.env
    env.hubroles_model = model
    for name in ("hubroles_displays", "hubroles_references", "hubroles_cards"):
        if not hasattr(env, name):
            setattr(env, name, {})


def outdated_displays(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """env-get-outdated: pages whose displayed roles.yaml content changed."""
    model = roles_of(env)
    outdated = []
    for docname, displays in env.hubroles_displays.items():
        for (kind, *args), digest in displays.items():
            inputs = _DISPLAY_INPUTS.get(kind)
            if inputs is None or _digest(inputs(model, *args)) != digest:
                outdated.append(docname)
                break
    return outdated


def snapshot_targets(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: remember where every referenced label and term points."""
    env.hubroles_targets_before = _targets(env, _referenced_keys(env))


def pages_with_changed_targets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-get-updated: pages linking to a label or term whose target or title changed."""
    before = getattr(env, "hubroles_targets_before", {})
    after = _targets(env, before.keys() | _referenced_keys(env))
    changed = {key for key in after if before.get(key) != after[key]}
    return sorted(docname for docname, keys in env.hubroles_references.items()
                  if keys & changed)


def _referenced_keys(env: BuildEnvironment) -> set[tuple[str, str]]:
    return set().union(*env.hubroles_references.values())


def _targets(env: BuildEnvironment, keys: Iterable[tuple[str, str]]) -> dict:
    std = env.domains["std"]
    tables = {"label": std.labels, "term": std._terms}
    # With the title a link to a card shows on hover (hover.py), kept on the environment
    # like the labels: a changed role summary rewrites the pages that link to the role.
    hovers = getattr(env, "hubroles_hovers", {})
    targets = {key: tables[key[0]].get(key[1]) for key in keys}
    return {key: target and (target, hovers.get(target[1])) for key, target in targets.items()}


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for name in ("hubroles_displays", "hubroles_references", "hubroles_cards"):
        getattr(env, name, {}).pop(docname, None)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str],
               other: BuildEnvironment) -> None:
    for name in ("hubroles_displays", "hubroles_references", "hubroles_cards"):
        mine, theirs = getattr(env, name), getattr(other, name)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]


def setup_data(app: Sphinx) -> None:
    app.add_config_value("hubroles_file", "roles.yaml", "env", types=[str],
                         description="Path of roles.yaml, relative to the conf.py folder.")
    app.add_config_value("hubroles_role_terms", True, "env", types=[bool],
                         description="Make every role's name and aliases glossary terms.")
    app.connect("builder-inited", load_model)
    app.connect("env-get-outdated", outdated_displays)
    app.connect("env-before-read-docs", snapshot_targets)
    app.connect("env-get-updated", pages_with_changed_targets)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
