"""The `role-card` directive: one role's responsibilities page, and the `roles:<id>` label and
glossary terms that point at it."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..core.model import RolesFile
from ..core.names import card_anchor, role_label
from ..core.views import card_view
from .domain import CARD_CLASS, RolesDomain
from .markup import FieldRenderer
from .render import ViewRenderer
from .state import domain_of, note_display


class RoleCardDirective(SphinxDirective):
    """A role's card: its section (the target of `roles:<id>` links and of the role's glossary
    terms), its facts, text and relations. Problems (an unknown id, a second card) are found
    after reading, by the rules (domain.py)."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
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
            domain.note_card(self.env.docname, role_id, self.lineno, anchor, False)
            return []

        section = nodes.section(ids=[anchor], classes=[CARD_CLASS, f"hubroles-{role.status}"])
        section += nodes.title(role.name, role.name)
        self.set_source_info(section)
        registered = self.register_targets(domain, section, role_id)
        domain.note_card(self.env.docname, role_id, self.lineno, anchor, registered)
        renderer = domain.field_renderer(self.state.document)
        section += self.body(model, role_id, renderer)
        index = addnodes.index(entries=[
            ("single", name, anchor, "main", None) for name in role.term_names
        ] if self.config.hubroles_role_terms else [])
        return [index, section]

    def register_targets(self, domain: RolesDomain, section: nodes.section,
                         role_id: str) -> bool:
        """Make the card the target of its label in the standard domain, where other
        projects find it (objects.inv); its terms follow once the page is read
        (RolesDomain.process_doc). Only a role's first card does, and not over a label written
        by hand: Sphinx would warn about a duplicate as well as the rules do."""
        document = self.state.document
        label = role_label(role_id)
        if (label in document.nameids or domain.knows_card_elsewhere(self.env.docname, role_id)
                or domain.knows_hand_label(label)):
            document.set_id(section)
            return False
        section["names"].append(label)
        document.note_explicit_target(section)
        return True

    def body(self, model: RolesFile, role_id: str,
             renderer: FieldRenderer) -> list[nodes.Node]:
        """The card's parts, as core/views.py decides them."""
        view = card_view(model, role_id)
        render = ViewRenderer(renderer, self.env.docname)
        return [nodes.container("", *render.blocks(view.body), classes=["hubroles-card-body"])]
