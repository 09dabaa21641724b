"""The `roles-glossary` directive: the `terms` of roles.yaml as a sorted Sphinx glossary; and
unknown `{term}` references reported with the closest terms, as `sphinx-hubroles check` does."""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import make_glossary_term
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core import messages
from ..core.model import RolesFile
from .data import note_display, register_display, roles_of, roles_path
from .markup import render_block


def glossary_inputs(model: RolesFile) -> object:
    return model.terms


def sort_key(name: str) -> str:
    # The order Sphinx's own `glossary :sorted:` uses.
    return unicodedata.normalize("NFD", name.lower())


class RolesGlossaryDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        model = roles_of(self.env)
        note_display(self.env, "glossary")
        source = str(roles_path(self.env.app))
        definitions = nodes.definition_list(classes=["glossary", "hubroles-glossary"])
        for term in sorted(model.terms.values(), key=lambda t: sort_key(t.name)):
            term_node = make_glossary_term(
                self.env, [nodes.Text(term.name)], None, source, term.line, None,
                self.state.document)
            definition = nodes.definition(
                "", *render_block(self.env, self.state.document.settings, source,
                                  term.definition))
            definitions += nodes.definition_list_item("", term_node, definition)
        glossary = addnodes.glossary()
        glossary["sorted"] = True
        glossary += definitions
        self.set_source_info(glossary)
        return [glossary]


logger = logging.getLogger(__name__)


def warn_unknown_term(app: Sphinx, domain, node: addnodes.pending_xref) -> bool | None:
    """warn-missing-reference: Sphinx's own warning for an unknown term (same words, same
    type, so `suppress_warnings = ["ref.term"]` still applies), with the closest terms of
    the project, in the words of the command line's check (messages.unknown_term)."""
    if domain is None or domain.name != "std" or node.get("reftype") != "term":
        return None
    terms = [name for kind, name in domain.objects if kind == "term"]
    logger.warning(messages.unknown_term(node["reftarget"], terms), location=node,
                   type="ref", subtype="term")
    return True


def setup_glossary(app: Sphinx) -> None:
    register_display("glossary", glossary_inputs)
    app.add_directive("roles-glossary", RolesGlossaryDirective)
    app.connect("warn-missing-reference", warn_unknown_term)
