"""Which diagrams the build has, rendering them all before writing, and reporting failures.

The domain keeps each page's diagrams (line and DOT). When writing starts, every diagram
missing from the cache is rendered at once, up to `-j` dot processes, in the main process; the
writers (serial, or forked by `-j`) then find them in the cache. A failure is reported once,
at the first page and line that shows the diagram, and a missing dot once per build. A page
whose diagram could not be drawn is written again by the next build (pages_without_pictures).
A build that ends with every diagram drawn notes so (whole.py), and the next build with no
page to read need not look for each again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.epub3 import Epub3Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.display import status_iterator

from ...core.diagram.timeout import DEFAULT_TIMEOUT, timeout_problem

if TYPE_CHECKING:  # render.py, the drawing code, loads when a build has a diagram to draw
    from ...core.diagram.render import DotError, Job, Renderer
from ..domain import RolesDomain
from ..model_cache import FILE_NAME as MODEL_CACHE
from ..state import domain_of
from . import whole

logger = logging.getLogger(__name__)

# The image format each kind of builder gets; other builders show the text alternative only.
FORMATS = {"html": "svg", "latex": "pdf", "texinfo": "png"}
CACHE_FOLDER = "hubroles-diagrams"

_MISSING = "dot-missing"  # or any other failure that every diagram would have


def reported(env: BuildEnvironment) -> set[str]:
    """The failed jobs (and _MISSING) already reported in this build."""
    return domain_of(env).reported_diagrams


def renderer_for(builder: Builder) -> Renderer:
    """The build's renderer (one per build: it remembers the cache key of each diagram)."""
    domain = domain_of(builder.env)
    if domain.renderer is None:
        from ...core.diagram.render import Renderer

        config = builder.config
        domain.renderer = Renderer(config.graphviz_dot, config.graphviz_dot_args,
                                   config.hubroles_dot_timeout, cache_folder(builder),
                                   on_run=_log_run)
    return domain.renderer


def cache_folder(builder: Builder) -> Path:
    """Where the renderings of the diagrams are kept between builds."""
    return Path(builder.doctreedir) / CACHE_FOLDER


def _log_run(command: str) -> None:
    # Tests count these lines (with -v) to check the cache; keep the wording.
    logger.verbose("hubroles: running %s", command)


def job_for(format: str, svg_dot: str, print_dot: str) -> Job:
    from ...core.diagram.render import Job

    return Job(svg_dot if format == "svg" else print_dot, format)


def start_build(app: Sphinx) -> None:
    """builder-inited"""
    domain = domain_of(app.env)
    reported(app.env).clear()
    domain.drawn.clear()
    domain.renderer = None
    domain.cache_whole = domain.cache_noted = False


def new_diagrams_version(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: the pages' diagrams are another set when a page was read again or
    removed; a note that the cache held every diagram of the last set no longer holds."""
    domain = domain_of(env)
    if domain.records_changed or not domain.data["diagrams_version"]:
        domain.data["diagrams_version"] = os.urandom(8).hex()


def drawing(builder: Builder, format: str) -> str:
    """What the cache's note is about (whole.drawing): this build's diagrams and settings."""
    config = builder.config
    return whole.drawing(domain_of(builder.env).data["diagrams_version"], format,
                         config.graphviz_dot, config.graphviz_dot_args)


def note_cache_whole(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: note whether the cache now holds every diagram's rendering."""
    domain, format = domain_of(app.env), FORMATS.get(app.builder.format)
    if format is None or (domain.cache_noted and not domain.pages_read):
        return  # a builder without pictures; or nothing drawn, as the note says already
    if exception is None and domain.cache_whole:
        whole.note_whole(app.doctreedir, drawing(app.builder, format), cache_folder(app.builder))
    else:
        whole.forget_note(app.doctreedir)


def in_cache(renderer: Renderer, job: Job, domain: RolesDomain) -> bool:
    """Whether the cache holds a whole rendering of `job`. A job found once is not looked for
    again in the same build (every build looks for every diagram's rendering twice), and an
    entry found whole by an earlier build is not read again while its file is unchanged."""
    if job in domain.drawn:
        return True
    if renderer.cached(job, domain.kept("settled_renderings")):
        domain.drawn.add(job)
        return True
    return False


def pages_without_pictures(app: Sphinx, env: BuildEnvironment, added: set[str],
                           changed: set[str], removed: set[str]) -> list[str]:
    """env-get-outdated: the pages with a diagram that the cache has no rendering of.

    dot failed or was missing when they were last written, so they hold the text version
    alone (or the cache was emptied). Nothing else tells Sphinx to write them again once dot
    works, so they are read and written again: the site is then the one a clean build gives.
    """
    format, domain = FORMATS.get(app.builder.format), domain_of(env)
    if format is None:
        return []
    if whole.known_whole(app.doctreedir, drawing(app.builder, format),
                         cache_folder(app.builder)):
        domain.cache_whole = domain.cache_noted = True
        return []
    dots = list(domain.diagram_dots())
    if not dots:
        return []
    renderer = renderer_for(app.builder)
    missing = sorted({docname for docname, _line, svg_dot, print_dot in dots
                      if docname not in removed
                      and not in_cache(renderer, job_for(format, svg_dot, print_dot), domain)})
    domain.cache_whole = not missing
    return missing


def render_before_writing(app: Sphinx, builder: Builder) -> None:
    """write-started: render every diagram the cache lacks, concurrently."""
    format, domain = FORMATS.get(builder.format), domain_of(app.env)
    if format is None or (domain.cache_noted and not domain.pages_read):
        return  # every diagram is drawn, and no page read again has a new one (whole.py)
    # While the last build's note held, only the pages read again can have a diagram the
    # cache lacks; pruning waits for a build that looks through them all.
    noted = domain.cache_noted
    dots = list(domain.diagram_dots(domain.pages_read if noted else None))
    if not dots and not cache_folder(builder).exists():
        return  # a site without diagrams, nor any drawn before: no drawing code to load
    first_place: dict[Job, tuple[str, int]] = {}
    for docname, line, svg_dot, print_dot in dots:
        first_place.setdefault(job_for(format, svg_dot, print_dot), (docname, line))
    renderer = renderer_for(builder)
    # The domain knows every diagram of the project: a rendering none of them uses
    # (an edited or deleted diagram) would only fill the disk.
    if not noted:
        renderer.prune(first_place, format, domain.kept("settled_renderings"))
    todo = [job for job in first_place if not in_cache(renderer, job, domain)]
    domain.cache_whole = not todo
    if not todo:
        return
    workers = min(len(todo), max(1, app.parallel))
    logger.info("hubroles: drawing %d diagram%s with up to %d dot process%s at a time",
                len(todo), "s" * (len(todo) != 1), workers, "es" * (workers != 1))

    def progress(done: Iterator[Job], count: int) -> Iterator[Job]:
        # One line per diagram drawn, as Sphinx shows the pages it reads and writes.
        return status_iterator(done, "drawing diagrams... ", "darkgreen", count, app.verbosity,
                               stringify_func=lambda job: "{}:{}".format(*first_place[job]))

    failures = renderer.render_all(todo, workers, progress)
    # Drawn without pruning (the note held): no note, so that the next build looks through
    # them all, and prunes the renderings the new ones replace.
    domain.cache_whole = not failures and not noted
    for job in todo:
        if job in failures:
            report(app.env, renderer, job, failures[job], first_place[job])


def rendering(builder: Builder, node: nodes.Element, format: str) -> tuple[str, bytes] | None:
    """(key, rendering) for a diagram node, or None (already reported) if dot failed."""
    renderer = renderer_for(builder)
    job = job_for(format, node["svg_dot"], node["print_dot"])
    done = reported(builder.env)
    if _MISSING in done or renderer.key(job) in done:
        return None
    from ...core.diagram.render import DotError

    try:
        return renderer.key(job), renderer.render(job)
    except DotError as error:
        report(builder.env, renderer, job, error, node)
        return None


def report(env: BuildEnvironment, renderer: Renderer, job: Job, error: DotError,
           location) -> None:
    from ...core.diagram.render import EveryDiagramFails

    key = _MISSING if isinstance(error, EveryDiagramFails) else renderer.key(job)
    done = reported(env)
    if key not in done:
        done.add(key)
        logger.error(str(error), location=location, type="hubroles", subtype="diagram")


def keep_cache_out_of_epub(app: Sphinx, builder: Builder) -> None:
    """write-started: list the extension's caches (the diagrams', and roles.yaml's model,
    model_cache.py) in epub_exclude_files when they are inside the output folder
    (`sphinx-build -b epub src out` keeps doctrees in out/.doctrees).

    The EPUB builder goes through every file of its output folder and warns about each whose
    type it does not know; epub_exclude_files is the documented way to leave files out. Set
    here, after the environment is pickled, so that it never counts as a config change. Other
    builders do not read it, so they need not list the cache (a thousand diagrams take a
    noticeable moment to list).
    """
    if not isinstance(builder, Epub3Builder):
        return
    outdir = Path(builder.outdir).resolve()
    if not Path(builder.doctreedir).resolve().is_relative_to(outdir):
        return
    ours = [Path(builder.doctreedir, MODEL_CACHE), Path(builder.doctreedir, whole.FILE_NAME)]
    with contextlib.suppress(OSError):
        ours += [Path(entry.path) for entry in os.scandir(cache_folder(builder))]
    app.config.epub_exclude_files = [*app.config.epub_exclude_files,
                                     *(os.path.relpath(path, builder.outdir) for path in ours)]


def check_timeout(app: Sphinx, config: Config) -> None:
    """config-inited: a timeout that is not a positive, finite number of seconds is replaced by
    the default, with a warning (as Sphinx does for an html_logo that does not exist, say);
    -W makes that fail the build. Before Sphinx checks the types (priority 800), so a string
    gets this one warning rather than Sphinx's and then a crash."""
    problem = timeout_problem(config.hubroles_dot_timeout)
    if problem is not None:
        logger.warning("%s; the default, %d, is used", problem, DEFAULT_TIMEOUT,
                       type="hubroles", subtype="diagram")
        config.hubroles_dot_timeout = DEFAULT_TIMEOUT
