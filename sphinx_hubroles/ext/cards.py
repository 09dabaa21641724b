"""The `role-card` directive: one role's responsibilities page, and the `roles:<id>` label and
glossary terms that point at it."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..core.model import RolesFile
from ..core.names import card_anchor
from ..core.views import card_view
from .domain import CARD_CLASS
from .markup import FieldRenderer
from .render import ViewRenderer
from .state import domain_of, in_roles_file, note_display


class RoleCardDirective(SphinxDirective):
    """A role's card: its section (the target of `roles:<id>` links and of the role's glossary
    terms), its facts, text and relations. Problems (an unknown id, a second card) are found
    after reading, by the rules (domain.py), and so is the card that its label and terms name
    in the standard domain (RolesDomain.register_targets)."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        if in_roles_file(self):  # not shown there: the rules say so (displays_in_roles_file)
            return []
        domain = domain_of(self.env)
        model = domain.model
        role_id = self.arguments[0].strip().lower()
        note_display(self.env, "card", role_id)
        role = model.roles.get(role_id)
        document = self.state.document
        anchor = card_anchor(role_id)
        if anchor in document.ids:  # the same card twice on one page, or a heading's id
            anchor = make_id(self.env, document, "roles", role_id)
        if role is None or role.external:  # the rules report either
            domain.note_card(self.env.docname, role_id, self.lineno, anchor)
            return []

        # The card's anchor only: which card is its label's target is decided once every
        # page is read (RolesDomain.register_targets), not by the pages read before this one.
        section = nodes.section(ids=[anchor], classes=[CARD_CLASS, f"hubroles-{role.status}"])
        section += nodes.title(role.name, role.name)
        self.set_source_info(section)
        document.set_id(section)
        domain.note_card(self.env.docname, role_id, self.lineno, anchor)
        renderer = domain.field_renderer(document)
        section += self.body(model, role_id, renderer)
        index = addnodes.index(entries=[
            ("single", name, anchor, "main", None) for name in role.term_names
        ] if self.config.hubroles_role_terms else [])
        return [index, section]

    def body(self, model: RolesFile, role_id: str,
             renderer: FieldRenderer) -> list[nodes.Node]:
        """The card's parts, as core/views.py decides them."""
        view = card_view(model, role_id)
        render = ViewRenderer(renderer, self.env.docname)
        return [nodes.container("", *render.blocks(view.body), classes=["hubroles-card-body"])]
