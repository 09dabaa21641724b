"""The `roles-glossary` directive: the `terms` of roles.yaml as a sorted Sphinx glossary, with
the roles' names among them (core/glossary.py): a role's entry links to its card, which
defines the term, and shows its summary's plain words.

No page holds the summary of a role with a card, in a build that writes the previews file
(hover.py): the reader's browser puts it in the glossary from that file, as it shows hover
previews, so that editing a summary writes no page but the card's. Elsewhere (EPUB, LaTeX,
text, and roles without a card) the words are filled in when the page is written, as a
diagram's tooltips are: editing the summary writes the glossary again, and does not read it
again (a glossary lists every role)."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..core.glossary import glossary_entries, role_names_shown
from ..core.options import written_options
from .domain import GLOSSARY_CLASS, SUMMARY
from .links import role_reference
from .state import domain_of, in_roles_file, note_display, read_directive_options

ROLE_ENTRY_CLASS = "hubroles-glossary-role"
SUMMARY_CLASS = "hubroles-glossary-summary"
# On the placeholder of a role's summary: the role's id.
SUMMARY_ATTRIBUTE = "hubroles-summary"


class RolesGlossaryDirective(SphinxDirective):
    has_content = False
    option_spec = written_options("roles-glossary")

    def run(self) -> list[nodes.Node]:
        if in_roles_file(self):  # not shown there: the rules say so (displays_in_roles_file)
            return []
        domain = domain_of(self.env)
        model = domain.model
        self.options = read_directive_options(self, "roles-glossary")
        renderer = domain.field_renderer(self.state.document)
        role_names = role_names_shown(self.options)
        note_display(self.env, "glossary", role_names)
        domain.note_glossary(self.env.docname, self.lineno)
        source = str(model.path)
        definitions = nodes.definition_list(classes=["glossary", GLOSSARY_CLASS])
        for entry in glossary_entries(model, role_names):
            if entry.term is not None:
                term_node = make_glossary_term(
                    self.env, [nodes.Text(entry.name)], None, source, entry.term.line, None,
                    self.state.document)
                definition = nodes.definition("", *renderer.block(entry.term.definition))
                definitions += nodes.definition_list_item("", term_node, definition)
                continue
            # The card defines the role's name as a term; here it is a link to the card.
            role = entry.role
            term_node = nodes.term("", "", role_reference(role.id, role.name,
                                                          self.env.docname),
                                   classes=[ROLE_ENTRY_CLASS])
            summary = nodes.inline("", "", classes=[SUMMARY_CLASS],
                                   **{SUMMARY_ATTRIBUTE: role.id})
            domain.note_link(self.env.docname, SUMMARY, role.id)
            definitions += nodes.definition_list_item(
                "", term_node, nodes.definition("", nodes.paragraph("", "", summary)))
        glossary = addnodes.glossary(classes=[GLOSSARY_CLASS])
        glossary["sorted"] = True
        glossary += definitions
        self.set_source_info(glossary)
        return [glossary]


class GlossarySummaries(SphinxPostTransform):
    """Fill in the summaries of a glossary's role entries, as plain words, but those that
    the reader's browser takes from the previews file (static/hubroles-preview.js)."""

    default_priority = 5

    def run(self, **kwargs) -> None:
        domain = domain_of(self.env)
        for node in list(self.document.findall(nodes.inline)):
            role_id = node.attributes.pop(SUMMARY_ATTRIBUTE, None)
            role = domain.model.roles.get(role_id) if role_id else None
            if role is not None and not (domain.previews and role_id in domain.judgement.cards):
                node += nodes.Text(domain.plain_text(role.summary))
