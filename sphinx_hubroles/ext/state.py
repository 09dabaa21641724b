"""roles.yaml inside a Sphinx build: loading it, judging the pages against it after every read,
and knowing which pages to read or write again when it changes.

- builder-inited     load roles.yaml, or report every problem in it and stop the build; its
                     warnings and notes (a folded list item) are logged, and the build goes on;
- env-get-outdated   read again the pages whose displays (a card, the glossary, a diagram)
                     show something that changed;
- env-before-read-docs  take the targets the last build registered out of the standard
                     domain (domain.py: withdraw_targets);
- env-updated        judge every page's records (judging.py, core/rules.py; a build that read
                     no page, with roles.yaml unchanged, reuses the last judgement), register
                     the chosen cards and directory entries as their labels' and terms'
                     targets, and report each problem: on every build, whether or not its
                     page was read again, so a broken reference keeps failing `-W` builds
                     until it is fixed;
- env-get-updated    write again the pages that link to a role or term whose target changed.

The modules that read, judge and show roles.yaml are imported where they are first used: a
rebuild with nothing changed uses none of them (lazy.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core import digests
from ..core.files import read_roles_bytes
from ..core.names import label_prefix_problem, role_prefixes
from ..core.problems import ERROR, NOTE, Problem, RolesFileError
from .domain import RolesDomain
from .model_cache import cached_model, cached_notices, keep_model

if TYPE_CHECKING:
    from ..core.model import RolesFile

logger = logging.getLogger(__name__)


def domain_of(env: BuildEnvironment) -> RolesDomain:
    return env.get_domain(RolesDomain.name)  # type: ignore[return-value]


def roles_of(env: BuildEnvironment) -> RolesFile:
    """The roles.yaml model of the current build."""
    return domain_of(env).model


def roles_path(app: Sphinx) -> Path:
    """roles.yaml's absolute path, as messages of the build name it: Sphinx names pages by
    theirs. Not relative to the working folder: then all the build keeps between runs is
    the same whichever folder a build was started from."""
    return Path(os.path.abspath(Path(app.confdir, app.config.hubroles_file)))


def note_display(env: BuildEnvironment, kind: str, *args: object) -> None:
    """Record that the page being read shows `displays.DISPLAYS[kind](model, *args)`."""
    domain = domain_of(env)
    domain.note_display(env.docname, (kind, *args), display_digest(domain, kind, args))


def in_roles_file(directive: SphinxDirective) -> bool:
    """Whether `directive` stands in roles.yaml text (markup.py renders it in a document of
    roles.yaml's own), not on the page."""
    return directive.state.document.get("source") == str(domain_of(directive.env).model.path)


def note_directive_problems(directive: SphinxDirective, subtype: str,
                            messages: list[str]) -> None:
    """Note problems of `directive` at its line, for the rules to report on every build: on
    its page, or in roles.yaml when the directive stands in roles.yaml text."""
    domain = domain_of(directive.env)
    domain.note_problems(directive.env.docname, directive.lineno, subtype, messages,
                         domain.model.located if in_roles_file(directive) else None)


def read_directive_options(directive: SphinxDirective, name: str) -> dict[str, object]:
    """The options of `directive` (the extension's `name`), read as `sphinx-hubroles check`
    reads them (core/options.py): a bad one is left out, and noted for the rules to report."""
    from ..core.options import DIRECTIVES, read_options

    values, problems = read_options(name, directive.options)
    note_directive_problems(directive, DIRECTIVES[name].subtype, problems)
    return values


def display_digest(domain: RolesDomain, kind: str, args: tuple) -> str:
    from ..core import displays

    inputs = displays.DISPLAYS[kind]
    if kind == "diagram":
        return displays.digest(inputs(domain.model, *args, selector=domain.select))
    return displays.digest(inputs(domain.model, *args))


def load_model(app: Sphinx) -> None:
    """builder-inited: load roles.yaml, or list every problem and stop the build.

    Building on with a broken file would publish a site that silently lacks roles; stopping
    before any page is read leaves the last good output and environment as they were.
    Sphinx has no public way to end a build early without its crash report (every exception
    prints one), so the build ends with SystemExit, as `sphinx-build` itself does on bad
    arguments; a program that embeds Sphinx sees SystemExit(1).
    """
    path = roles_path(app)
    shown = str(path)
    role_terms = app.config.hubroles_role_terms
    prefixes = label_prefixes(app)
    # What the model, and all that the build keeps of it, was made from: the same bytes, path
    # and setting give the same model; and a new release of the extension may judge or show
    # the same model differently. Not the working folder (roles_path).
    extension = app.extensions.get("sphinx_hubroles")
    made_from = (str(path), str(app.srcdir), str(role_terms), " ".join(prefixes),
                 str(getattr(extension, "version", "")))
    try:
        data = read_roles_bytes(path)
    except RolesFileError as error:
        stop_build(app, shown, error)
    source = digests.digest("\0".join(made_from).encode("utf-8", "surrogatepass") + b"\0" + data)

    def parsed() -> RolesFile:
        from ..core.loader import parse_roles  # the parser, when roles.yaml is new

        try:
            model = parse_roles(data, path, role_terms=role_terms,
                                shown_as=(shown, os.path.relpath(path, app.srcdir)))
        except RolesFileError as error:
            stop_build(app, shown, error)
        keep_model(app.doctreedir, source, model)
        return model

    def cached() -> RolesFile:  # when the build first uses the model
        return cached_model(app.doctreedir, source) or parsed()

    notices = cached_notices(app.doctreedir, source)
    model: RolesFile | Callable[[], RolesFile] = cached
    if notices is None:
        model = parsed()
        notices = model.notices
    # Warnings and notes that leave the file usable: on every build, until they are fixed.
    for problem in notices:
        log_problem(shown, problem)
    domain = domain_of(app.env)
    domain.prefixes = prefixes
    domain.use_model(model, source, made_by=made_from[-1])
    # `roles-table :layout: cards` is made of sphinx-design's cards, if the project loads it.
    domain.sphinx_design = "sphinx_design" in app.extensions


def label_prefixes(app: Sphinx) -> tuple[str, ...]:
    """`roles:` and the usable prefixes of hubroles_label_prefixes; a warning for each other
    one (which is left out)."""
    usable = []
    for prefix in app.config.hubroles_label_prefixes:
        problem = label_prefix_problem(prefix)
        if problem:
            logger.warning("hubroles_label_prefixes in conf.py: %s", problem, type="hubroles",
                           subtype="ref")
        else:
            usable.append(prefix)
    return role_prefixes(usable)


def stop_build(app: Sphinx, shown: str, error: RolesFileError) -> NoReturn:
    """Report every problem of an unusable roles.yaml (named `shown`), and end the build."""
    for problem in error.problems:
        log_problem(shown, problem)
    logger.error("sphinx-hubroles stopped the build: fix %s and build again "
                 "(hubroles_file = %r)", shown, app.config.hubroles_file)
    raise SystemExit(1) from None


def log_problem(shown: str, problem: Problem) -> None:
    """One problem of roles.yaml (named `shown` in messages) at its level: an error, a
    hubroles.yaml warning (which fails -W builds) or a note."""
    where = f"{shown}:{problem.line}" if problem.line else shown
    if problem.level == NOTE:
        logger.info("%s: note: %s", where, problem.message)
        return
    log = logger.error if problem.level == ERROR else logger.warning
    if problem.line:
        log(problem.message, location=where, type="hubroles", subtype="yaml")
    else:  # Sphinx would read a location without a line as a page name
        log("%s: %s", shown, problem.message, type="hubroles", subtype="yaml")


def outdated_displays(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """env-get-outdated: pages whose displayed roles.yaml content changed."""
    domain = domain_of(env)
    if domain.same_source:  # the same model as last time: every display is as it was
        return []
    from ..core import displays

    outdated = []
    for docname, shown in domain.page_records("displays"):
        for (kind, *args), digest in shown.items():
            if kind == "diagram" and domain.same_diagrams:
                continue  # shows what it showed (the diagrams' inputs are the same)
            if kind not in displays.DISPLAYS or display_digest(domain, kind, args) != digest:
                outdated.append(docname)
                break
    return outdated


def withdraw_targets(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: the pages are read without the targets the last build chose.
    Left alone when no page is read and roles.yaml is the last build's: the judgement is then
    most likely the last build's too, with its targets (judge_and_report decides, and
    judging.register_targets withdraws them first if it is not)."""
    domain = domain_of(env)
    domain.pages_read = set(docnames)
    if docnames or not domain.same_source:
        domain.withdraw_targets()


def judge_and_report(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: decide where links go, make the cards and directory entries the targets
    of their labels and terms (judging.py), and report every problem of every page.

    A build that read no page and has the last build's roles.yaml, settings and other
    projects' targets takes the last build's judgement, kept with the environment."""
    external_labels, external_terms = map(sorted, intersphinx_targets(app))
    domain = domain_of(env)
    role_terms = app.config.hubroles_role_terms
    inputs = digests.text_digest(repr((domain.data["source"], role_terms, domain.sphinx_design,
                                       external_labels, external_terms)))
    # The inputs name roles.yaml's source: a judgement reused is of the same roles.yaml, so
    # the targets it registered are still in place (withdraw_targets left them).
    if not domain.reuse_last_judgement(inputs):
        from .judging import judge_and_register

        judge_and_register(domain, inputs, role_terms, external_labels, external_terms,
                           domain.sphinx_design)
    for message, location, type_, subtype in domain.data["findings"]:
        logger.warning(message, location=location, type=type_, subtype=subtype)


def intersphinx_targets(app: Sphinx) -> tuple[Iterable[str], Iterable[str]]:
    """The labels and terms that other projects' inventories resolve."""
    if "sphinx.ext.intersphinx" not in app.extensions:
        return (), ()
    from sphinx.ext.intersphinx import InventoryAdapter

    inventory = InventoryAdapter(app.env).main_inventory
    return inventory.get("std:label", {}).keys(), inventory.get("std:term", {}).keys()


def pages_with_changed_targets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-get-updated: pages linking to a role or term whose target or name changed since the
    last build.

    And the root page, once, when roles.yaml changed but no page was read (a comment edited,
    a role that no page shows): Sphinx saves the environment only when some page is new or
    changed, and without it every later build would take roles.yaml for new and scan,
    judge and encode it all again. The page is written as it was."""
    domain = domain_of(env)
    if domain.judgement_reused and domain.same_source:
        return []  # the targets come from the two, as they were
    from .judging import targets

    before, after = domain.kept("targets"), targets(domain)
    changed = {key for key in after.keys() | before.keys() if before.get(key) != after.get(key)}
    domain.keep("targets", after)
    pages = sorted(domain.pages_referencing(changed)) if changed else []
    if not pages and not domain.pages_read and not domain.same_source:
        return [app.config.root_doc] if app.config.root_doc in env.found_docs else []
    return pages
