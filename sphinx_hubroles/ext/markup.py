"""Turn MyST text from roles.yaml into docutils nodes, on any page (.md or .rst).

The text is parsed with the project's own MyST settings, and every node it yields points at
roles.yaml and the line the text stands on, so that Sphinx reports a broken reference or an
unknown term inside it at `roles.yaml:LINE`.
"""

from __future__ import annotations

import dataclasses
import logging
from contextlib import contextmanager

from docutils import nodes
from docutils.parsers.rst.languages import get_language as get_language_rst
from docutils.utils import new_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import getLogger

from ..core.model import Text
from .allowlist import filter_field

logger = getLogger(__name__)

_parsers: dict[int, tuple[object, object]] = {}

# What SphinxRenderer.setup_render sets, in MyST-Parser 4.0 to 5.2.
_RENDER_STATE = {"md_env", "md_options", "md_config", "document", "current_node", "reporter",
                 "language_module_rst", "_heading_offset", "_level_to_section", "_heading_slugs"}


class FieldRenderer(SphinxRenderer):
    """MyST's renderer, without one cost that dominated rendering roles.yaml fields.

    MyST's `setup_render` evaluates `options.get("document", make_document())`: it builds
    docutils' default settings and a throwaway document (about 1.4 ms) on every call, although
    a document is always given here. A card renders six fields or more, so a handbook of 1,000
    roles paid about 8 s for nothing. The first call runs MyST's own method and notes the state
    it sets; the next ones set that same state directly, and go back to MyST's method for good
    if a MyST version sets anything else.
    """

    _fast: bool | None = None

    def setup_render(self, options, env) -> None:
        if not self._fast:
            before = set(vars(self))
            super().setup_render(options, env)
            if self._fast is None:
                self._fast = set(vars(self)) - before <= _RENDER_STATE
            return
        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = options["document"]
        self.current_node = options.get("current_node", self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = get_language_rst(self.document.settings.language_code)
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}


def _parser(env: BuildEnvironment):
    """One markdown-it parser per MyST configuration (building one costs milliseconds)."""
    config = env.myst_config
    cached = _parsers.get(id(config))
    if cached is None or cached[0] is not config:
        # The page's <meta> tags come from its own source, not from every roles.yaml field.
        parser = create_md_parser(dataclasses.replace(config, html_meta={}), FieldRenderer)
        cached = _parsers[id(config)] = (config, parser)
    return cached[1]


def render_block(env: BuildEnvironment, settings, source_path: str, text: Text) -> list[nodes.Node]:
    """Body elements (paragraphs, lists, admonitions...) for a block MyST field."""
    document = _render(env, settings, source_path, text, inline=False)
    return [child for child in document.children
            if not isinstance(child, nodes.substitution_definition)]


def render_inline(env: BuildEnvironment, settings, source_path: str,
                  text: Text) -> list[nodes.Node]:
    """Inline nodes for an inline MyST field.

    Only inline syntax applies (emphasis, code, links, roles), as in a MyST role's content:
    a responsibility written as "# on call" or "- first" shows as written, instead of
    becoming a heading or a list inside the paragraph that the card puts it in.
    """
    return list(_render(env, settings, source_path, text, inline=True).children)


def _render(env: BuildEnvironment, settings, source_path: str, text: Text,
            inline: bool) -> nodes.document:
    document = new_document(source_path, settings)
    parser = _parser(env)
    parser.options["document"] = document
    # MyST stores page-level facts (word count, heading slugs) on the page being read;
    # a roles.yaml field is not that page, so keep them as they were.
    metadata = env.metadata.get(env.docname, {})
    saved = {key: metadata[key] for key in ("wordcount", "myst_slugs") if key in metadata}
    with _warnings_point_at(source_path, text.line):
        if inline:
            md_env: dict = {}
            parser.renderer.render(parser.parseInline(text.source, md_env), parser.options,
                                   md_env)
        else:
            parser.render(text.source)
    for key in ("wordcount", "myst_slugs"):
        metadata.pop(key, None)
    metadata.update(saved)
    _point_at_roles_file(document, source_path, text.line)
    filter_field(document, lambda message: logger.warning(
        message, location=f"{source_path}:{text.line}", type="hubroles", subtype="yaml"))
    _detach(document)
    return document


def _detach(document: nodes.document) -> None:
    """Let the nodes forget the document they were rendered in.

    docutils gives every node a reference to its document, and the page keeps these nodes:
    without this, each field's throwaway document (its settings, reporter and tables) stayed
    in memory with the page and was pickled with it, 15 times the size of the page itself.
    Once the nodes are placed in the page, they find the page's document through their parent.
    """
    for node in document.findall(include_self=False):
        node.document = None


@contextmanager
def _warnings_point_at(source_path: str, first_line: int):
    """MyST reports syntax problems at (page being read, line within the text); point them at
    the roles.yaml line instead."""

    def relocate(record: logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if isinstance(location, tuple):
            record.location = f"{source_path}:{first_line + (location[1] or 1) - 1}"
        return True

    logger = logging.getLogger("sphinx.myst_parser.warnings_")
    logger.addFilter(relocate)
    try:
        yield
    finally:
        logger.removeFilter(relocate)


def _point_at_roles_file(document: nodes.document, source_path: str, first_line: int) -> None:
    for node in document.findall(nodes.Element):
        node.source = source_path
        node.line = first_line + (node.line - 1 if node.line else 0)
