"""The `role-card` directive: one role's responsibilities page, and the `roles:<id>` label and
glossary terms that point at it."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..core.model import RolesFile
from ..core.names import card_anchor, role_label
from .domain import CARD_CLASS, RolesDomain
from .markup import FieldRenderer
from .people import holder_facts
from .state import domain_of, note_display

ADMONITION_NODES = {
    "note": nodes.note, "tip": nodes.tip, "important": nodes.important,
    "warning": nodes.warning, "caution": nodes.caution, "danger": nodes.danger,
}


def role_reference(role_id: str, name: str, docname: str) -> addnodes.pending_xref:
    """A link to a role's card (references.py resolves it). refwarn=False: a role without a
    card shows as plain text."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=role_label(role_id),
        refexplicit=True, refwarn=False, refdoc=docname,
    )
    ref += nodes.inline(name, name, classes=["xref", "std", "std-ref"])
    return ref


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
        if role is None:
            domain.note_card(self.env.docname, role_id, self.lineno, anchor, False)
            return []

        section = nodes.section(ids=[anchor], classes=[CARD_CLASS])
        section += nodes.title(role.name, role.name)
        self.set_source_info(section)
        registered = self.register_targets(domain, section, role_id)
        domain.note_card(self.env.docname, role_id, self.lineno, anchor, registered)
        renderer = FieldRenderer(self.env, domain.parser(), document.settings,
                                 str(model.path))
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
        role = model.roles[role_id]
        inline, block = renderer.inline, renderer.block
        body: list[nodes.Node] = [
            nodes.paragraph("", "", *inline(role.summary), classes=["hubroles-summary"])
        ]
        facts = nodes.field_list(classes=["hubroles-facts"])
        if role.group:
            group = model.groups[role.group]
            facts += field("Group", [nodes.paragraph("", group.name)])
        if role.count:
            facts += field("How many", [nodes.paragraph("", "", *inline(role.count))])
        if role.filled_by:
            facts += field("Usually filled by", [nodes.paragraph("", "", *inline(role.filled_by))])
        facts += holder_facts(model, role, self.env.docname, inline)
        if len(facts):
            body.append(facts)
        if role.description:
            body.extend(block(role.description))
        if role.responsibilities:
            body.append(nodes.rubric("Responsibilities", "Responsibilities"))
            items = nodes.bullet_list(classes=["hubroles-responsibilities"])
            for text in role.responsibilities:
                items += nodes.list_item("", nodes.paragraph("", "", *inline(text)))
            body.append(items)
        for admonition in role.admonitions:
            body.append(ADMONITION_NODES[admonition.kind]("", *block(admonition.text)))
        if role.see_also:
            see_also = addnodes.seealso()
            for text in role.see_also:
                see_also += nodes.paragraph("", "", *inline(text))
            body.append(see_also)
        relations = self.relations(model, role_id)
        if len(relations):
            body.append(nodes.rubric("Relations", "Relations"))
            body.append(relations)
        return [nodes.container("", *body, classes=["hubroles-card-body"])]

    def relations(self, model: RolesFile, role_id: str) -> nodes.field_list:
        """'Oversees: Hub Administrator' for outgoing, 'Overseen by: ...' for incoming."""
        result = nodes.field_list(classes=["hubroles-relations"])
        sides = [(rel.label, roles) for rel, roles in model.outgoing(role_id)]
        sides += [(rel.inverse or f"{rel.label} (incoming)", roles)
                  for rel, roles in model.incoming(role_id)]
        for label, roles in sides:
            paragraph = nodes.paragraph()
            for i, other in enumerate(roles):
                if i:
                    paragraph += nodes.Text(", ")
                paragraph += role_reference(other.id, other.name, self.env.docname)
            result += field(label[:1].upper() + label[1:], [paragraph])
        return result


def field(name: str, body: list[nodes.Node]) -> nodes.field:
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", *body))
