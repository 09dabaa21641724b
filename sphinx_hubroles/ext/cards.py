"""The `role-card` directive: one role's responsibilities page, and the `roles:<id>` label and
glossary terms that point at it."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..core import facts as core_facts
from ..core.model import Item, Role, RolesFile, numbered
from ..core.names import card_anchor
from .domain import CARD_CLASS
from .links import field, paragraph_of, role_reference
from .markup import FieldRenderer
from .people import holder_facts, slot_table
from .state import domain_of, in_roles_file, note_display

ADMONITION_NODES = {
    "note": nodes.note, "tip": nodes.tip, "important": nodes.important,
    "warning": nodes.warning, "caution": nodes.caution, "danger": nodes.danger,
}


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
        """The card's parts, in the order docs/reference/directives.md gives: summary, facts,
        description, requirements and responsibilities, sections, admonitions, see-also,
        relations."""
        role = model.roles[role_id]
        inline, block = renderer.inline, renderer.block
        body: list[nodes.Node] = [
            nodes.paragraph("", "", *inline(role.summary), classes=["hubroles-summary"])
        ]
        facts = self.facts(model, role_id, renderer)
        if len(facts):
            body.append(facts)
        if role.description:
            body.extend(block(role.description))
        for title, items, css in (("Requirements", role.requirements, "requirements"),
                                  ("Responsibilities", role.responsibilities,
                                   "responsibilities")):
            if items:
                body.append(nodes.rubric(title, title))
                body.append(item_list(items, inline, [f"hubroles-{css}"]))
        for section in role.sections:
            body.append(nodes.rubric(section.title, section.title,
                                     classes=["hubroles-section-title"]))
            if section.text:
                body.extend(block(section.text))
            if section.items:
                body.append(item_list(section.items, inline, ["hubroles-section-items"]))
        if role.rotation is not None and role.rotation.by_slot:
            slots = role.rotation.slots_from()
            body.append(slot_table(model, role, slots, self.env.docname, inline,
                                   "Slots of the rotation"))
        for admonition in role.admonitions:
            body.append(ADMONITION_NODES[admonition.kind]("", *block(admonition.text)))
        if role.see_also:
            see_also = addnodes.seealso()
            for text in role.see_also:
                see_also += nodes.paragraph("", "", *inline(text))
            body.append(see_also)
        relations = self.relations(model, role_id, inline)
        if len(relations):
            body.append(nodes.rubric("Relations", "Relations"))
            body.append(relations)
        return [nodes.container("", *body, classes=["hubroles-card-body"])]

    def facts(self, model: RolesFile, role_id: str,
              renderer: FieldRenderer) -> nodes.field_list:
        """Group, how many, usually filled by, who holds it (people.py), defined by, and a
        status other than active with the role that replaced a retired one."""
        role, inline = model.roles[role_id], renderer.inline
        facts = nodes.field_list(classes=["hubroles-facts"])
        docname = self.env.docname
        if role.group:
            group = model.groups[role.group]
            facts += field("Group", [nodes.paragraph("", group.name)])
        members = core_facts.members_line(model, role)
        if members:
            facts += field("Members", [paragraph_of(members, inline, docname)])
        if role.count:
            facts += field("How many", [nodes.paragraph("", "", *inline(role.count))])
        if role.seats:
            facts += field("Seats", [paragraph_of(core_facts.seats_line(role.seats), inline,
                                                  docname)])
        if role.filled_by:
            facts += field("Usually filled by", [nodes.paragraph("", "", *inline(role.filled_by))])
        facts += holder_facts(model, role, docname, inline)
        if role.team:
            facts += field("Team", [paragraph_of(core_facts.team_line(role.team), inline,
                                                 docname)])
        if role.defined_by:
            facts += field("Defined by", [nodes.paragraph("", "", *inline(role.defined_by))])
        if role.status != "active":
            status = nodes.paragraph("", STATUS_NAMES[role.status],
                                     classes=[f"hubroles-status-{role.status}"])
            facts += field("Status", [status])
        if role.replaced_by:
            other = model.roles[role.replaced_by]
            facts += field("Replaced by", [nodes.paragraph(
                "", "", role_reference(other.id, other.name, self.env.docname))])
        return facts

    def relations(self, model: RolesFile, role_id: str, inline) -> nodes.field_list:
        return relation_fields(model, role_id, inline, self.env.docname)


def relation_sides(model: RolesFile, role_id: str) -> list[tuple[str, list]]:
    """(label, [(other role, note)]) for each relation of a role: outgoing ones with their
    label, then incoming ones with their inverse ('Overseen by')."""
    sides = [(rel.label, [(other, model.note(role_id, rel.id, other.id)) for other in roles])
             for rel, roles in model.outgoing(role_id)]
    sides += [(rel.inverse or f"{rel.label} (incoming)",
               [(other, model.note(other.id, rel.id, role_id)) for other in roles])
              for rel, roles in model.incoming(role_id)]
    return [(label[:1].upper() + label[1:], others) for label, others in sides]


def relation_fields(model: RolesFile, role_id: str, inline, docname: str) -> nodes.field_list:
    """'Oversees: Hub Administrator' for outgoing, 'Overseen by: ...' for incoming; a related
    role that is retired is marked so, and a relation's note follows its role."""
    result = nodes.field_list(classes=["hubroles-relations"])
    for label, others in relation_sides(model, role_id):
        body: list[nodes.Node] = []
        if not any(note for _other, note in others):
            paragraph = nodes.paragraph()
            for i, (other, _note) in enumerate(others):
                if i:
                    paragraph += nodes.Text(", ")
                paragraph += related(other, docname)
            body.append(paragraph)
        else:  # one line per role, with its note
            for other, note in others:
                paragraph = nodes.paragraph("", "", *related(other, docname))
                if note:
                    paragraph += nodes.Text(": ")
                    paragraph += nodes.inline("", "", *inline(note),
                                              classes=["hubroles-relation-note"])
                body.append(paragraph)
        result += field(label, body)
    return result


def relation_lines(model: RolesFile, role_id: str, inline, docname: str) -> list[nodes.Node]:
    """The relations as short lines, for a table's cell: 'Can become: Reviewer (after 3
    months), Approver'."""
    lines = []
    for label, others in relation_sides(model, role_id):
        paragraph = nodes.paragraph("", "", nodes.strong(label, label), nodes.Text(": "),
                                    classes=["hubroles-relation-line"])
        for i, (other, note) in enumerate(others):
            if i:
                paragraph += nodes.Text(", ")
            paragraph += related(other, docname)
            if note:
                paragraph += nodes.Text(" (")
                paragraph += nodes.inline("", "", *inline(note),
                                          classes=["hubroles-relation-note"])
                paragraph += nodes.Text(")")
        lines.append(paragraph)
    return lines


def related(other: Role, docname: str) -> list[nodes.Node]:
    """A related role: a link to it, marked if it is retired (no warning: the card is where
    a reader learns it is retired)."""
    result: list[nodes.Node] = [role_reference(other.id, other.name, docname)]
    if other.retired:
        result.append(nodes.inline(" (Retired)", " (Retired)",
                                   classes=["hubroles-status-retired"]))
    return result


STATUS_NAMES = {"active": "Active", "draft": "Draft", "retired": "Retired"}


def item_list(items: tuple[Item, ...], inline, classes: list[str]) -> nodes.Element:
    """Items as a bullet list, or a numbered one (`steps`), their sub-items as nested
    lists."""
    if numbered(items):
        result = nodes.enumerated_list(classes=classes, enumtype="arabic", prefix="",
                                       suffix=".")
    else:
        result = nodes.bullet_list(classes=classes)
    for item in items:
        entry = nodes.list_item("", nodes.paragraph("", "", *inline(item.text)))
        if item.items:
            entry += item_list(item.items, inline, [])
        result += entry
    return result

