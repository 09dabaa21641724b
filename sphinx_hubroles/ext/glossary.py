"""The `roles-glossary` directive: the `terms` of roles.yaml as a sorted Sphinx glossary."""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

from .domain import GLOSSARY_CLASS
from .state import domain_of, in_roles_file, note_display


def sort_key(name: str) -> str:
    # The order Sphinx's own `glossary :sorted:` uses.
    return unicodedata.normalize("NFD", name.lower())


class RolesGlossaryDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        if in_roles_file(self):  # not shown there: the rules say so (displays_in_roles_file)
            return []
        domain = domain_of(self.env)
        model = domain.model
        renderer = domain.field_renderer(self.state.document)
        note_display(self.env, "glossary")
        domain.note_glossary(self.env.docname, self.lineno)
        source = str(model.path)
        definitions = nodes.definition_list(classes=["glossary", GLOSSARY_CLASS])
        for term in sorted(model.terms.values(), key=lambda t: sort_key(t.name)):
            term_node = make_glossary_term(
                self.env, [nodes.Text(term.name)], None, source, term.line, None,
                self.state.document)
            definition = nodes.definition("", *renderer.block(term.definition))
            definitions += nodes.definition_list_item("", term_node, definition)
        glossary = addnodes.glossary(classes=[GLOSSARY_CLASS])
        glossary["sorted"] = True
        glossary += definitions
        self.set_source_info(glossary)
        return [glossary]
