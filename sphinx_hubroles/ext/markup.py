"""Turn MyST text from roles.yaml into docutils nodes, on any page (.md or .rst).

The text is parsed with the project's own MyST settings, through MyST's public renderer API
(`create_md_parser`, `setup_render`, `nested_render_text`), and every node it yields points at
roles.yaml and the line the text stands on, so that a problem inside it is reported at
`roles.yaml:LINE`. What the text may produce is then cut down to an allowlist (allowlist.py).

One FieldRenderer serves one page (RolesDomain.field_renderer), whose cards, tables and
glossary render dozens of fields: MyST's `setup_render` makes a throwaway docutils document
with default settings on every call (its `options.get("document", make_document())` builds
the default first), about ten milliseconds; rendering a field costs far less.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

from docutils import nodes
from docutils.utils import new_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import LoggingReporter

from ..core.model import Text
from .allowlist import filter_field

logger = logging.getLogger(__name__)


def markdown_parser(env: BuildEnvironment):
    """A markdown-it parser with the project's MyST settings (building one costs
    milliseconds, so the domain keeps one per build)."""
    # The page's <meta> tags come from its own source, not from every roles.yaml field.
    config = dataclasses.replace(env.myst_config, html_meta={})
    return create_md_parser(config, SphinxRenderer)


def myst_settings_key(config) -> str:
    """The project's MyST settings as text that is the same in every process (sets sorted,
    functions by name: their repr holds an address), to tell whether what was made with them
    can be used again, such as the words of a summary with a substitution."""

    def stable(value) -> str:
        if isinstance(value, dict):
            return "{" + ", ".join(sorted(f"{stable(k)}: {stable(v)}"
                                          for k, v in value.items())) + "}"
        if isinstance(value, (set, frozenset)):
            return "{" + ", ".join(sorted(stable(item) for item in value)) + "}"
        if isinstance(value, (list, tuple)):
            return "[" + ", ".join(stable(item) for item in value) + "]"
        if callable(value):
            return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        return repr(value)

    return stable({field.name: getattr(config, field.name)
                   for field in dataclasses.fields(config)})


def file_line(text: Text, line: int) -> int:
    """roles.yaml's line of `line`, which MyST counts from the text's first line, `text.line`,
    as if the text's lines stood one after another in roles.yaml (Text.lines)."""
    return text.line_at(line - text.line)


class FieldRenderer:
    """Renders roles.yaml fields for the page being read."""

    def __init__(self, env: BuildEnvironment, parser, settings, source_path: str) -> None:
        self.source_path = source_path
        self.renderer = parser.renderer
        # A document of roles.yaml's own: the nodes' source, and a home for the ids and
        # names the text makes, apart from the page's until the nodes are placed in it.
        # docutils' new_document, not Sphinx's: Sphinx's reuses the reporter of the first
        # document it made, with docutils' defaults, which stops the build on a SEVERE
        # message (a missing `:file:` of csv-table in {eval-rst}) and names another source.
        # Its messages go to Sphinx's log, as a page's do, at roles.yaml:LINE.
        self.document = new_document(source_path, settings)
        self.document.reporter = LoggingReporter.from_reporter(self.document.reporter)
        self.renderer.setup_render({**parser.options, "document": self.document}, {})
        self.docname = env.docname

    def block(self, text: Text) -> list[nodes.Node]:
        """Body elements (paragraphs, lists, admonitions...) for a block MyST field. Headings
        become rubrics: they never outrank the card's own parts."""
        return self._render(text, inline=False)

    def inline(self, text: Text) -> list[nodes.Node]:
        """Inline nodes for an inline MyST field.

        Only inline syntax applies (emphasis, code, links, roles), as in a MyST role's content:
        a responsibility written as "# on call" or "- first" shows as written, instead of
        becoming a heading or a list inside the paragraph that the card puts it in.
        """
        return self._render(text, inline=True)

    def _render(self, text: Text, inline: bool) -> list[nodes.Node]:
        container = nodes.container()
        outer_env = self.renderer.md_env  # a field's, when a directive in it renders another
        self.renderer.md_env = {}  # link definitions of one field are not another's
        try:
            with self._warnings_at(text), self.renderer.current_node_context(container):
                self.renderer.nested_render_text(text.source, text.line - 1, inline=inline)
        finally:
            self.renderer.md_env = outer_env
        filter_field(container, lambda message: logger.warning(
            message, location=f"{self.source_path}:{text.line}", type="hubroles",
            subtype="yaml"))
        children = list(container.children)
        for node in container.findall(include_self=False):
            # docutils nodes point at the document they were made in; once placed in the
            # page, they find the page's document through their parent. Keeping this one
            # would keep (and pickle) roles.yaml's document with every page.
            node.document = None
            if text.lines is not None and node.line:
                node.line = file_line(text, node.line)
        return children

    @contextmanager
    def _warnings_at(self, text: Text) -> Iterator[None]:
        """MyST reports problems in the text at (page being read, line) (MyST-Parser 5) or
        (this document's source, line) (MyST-Parser 4), which Sphinx would print as a page:
        the line is already roles.yaml's; the file is made roles.yaml before they are
        logged."""
        with logging.pending_logging() as pending:
            try:
                yield
            finally:
                for record in pending.buffer:
                    location = getattr(record, "location", None)
                    if isinstance(location, tuple) and location[0] in (self.docname,
                                                                        self.source_path):
                        line = file_line(text, location[1]) if location[1] else text.line
                        record.location = f"{self.source_path}:{line}"
