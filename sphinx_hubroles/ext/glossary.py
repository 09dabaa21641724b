"""The `roles-glossary` directive: the `terms` of roles.yaml as a sorted Sphinx glossary."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

from ..core.views import glossary_view
from .domain import GLOSSARY_CLASS
from .state import domain_of, note_display


class RolesGlossaryDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        domain = domain_of(self.env)
        model = domain.model
        note_display(self.env, "glossary")
        domain.note_glossary(self.env.docname, self.lineno)
        source = str(model.path)
        renderer = domain.field_renderer(self.state.document)
        definitions = nodes.definition_list(classes=["glossary", GLOSSARY_CLASS])
        for name, definition_text, line in glossary_view(model):
            term_node = make_glossary_term(
                self.env, [nodes.Text(name)], None, source, line, None, self.state.document)
            definition = nodes.definition("", *renderer.block(definition_text))
            definitions += nodes.definition_list_item("", term_node, definition)
        glossary = addnodes.glossary(classes=[GLOSSARY_CLASS])
        glossary["sorted"] = True
        glossary += definitions
        self.set_source_info(glossary)
        return [glossary]
