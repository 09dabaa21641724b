"""The `role-card` directive: one role's responsibilities page, and the `roles:<id>` label and
glossary terms that point at it."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from ..core import messages
from ..core.model import RolesFile
from .data import note_display, register_display, roles_of, roles_path
from .markup import render_block, render_inline

logger = logging.getLogger(__name__)

ADMONITION_NODES = {
    "note": nodes.note, "tip": nodes.tip, "important": nodes.important,
    "warning": nodes.warning, "caution": nodes.caution, "danger": nodes.danger,
}


def card_inputs(model: RolesFile, role_id: str) -> object:
    """Everything a card shows: its role, its group and the names of the roles it relates to."""
    role = model.roles.get(role_id)
    if role is None:
        return None
    related = [(rel, [r.name for r in roles])
               for rel, roles in model.outgoing(role_id) + model.incoming(role_id)]
    return role, model.groups.get(role.group or ""), related


def role_reference(env: BuildEnvironment, role_id: str, name: str) -> addnodes.pending_xref:
    """A link to a role's card. refwarn=False: a role without a card shows as plain text."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=f"roles:{role_id}",
        refexplicit=True, refwarn=False, refdoc=env.docname,
    )
    ref += nodes.inline(name, name, classes=["xref", "std", "std-ref"])
    return ref


class RoleCardDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        model = roles_of(self.env)
        role_id = self.arguments[0].strip().lower()
        note_display(self.env, "card", role_id)
        role = model.roles.get(role_id)
        if role is None:
            logger.warning(messages.unknown_card_id(role_id, model.roles),
                           location=self.get_location(), type="hubroles", subtype="card")
            return []

        anchor = f"roles-{role.id}"
        if anchor in self.state.document.ids:  # the same card twice on one page
            anchor = make_id(self.env, self.state.document, "roles", role.id)
        self.env.hubroles_cards.setdefault(self.env.docname, []).append(
            (role.id, self.lineno, anchor))

        section = nodes.section(ids=[anchor], classes=["hubroles-card"])
        section += nodes.title(role.name, role.name)
        self.set_source_info(section)
        section += self.body(model, role_id)
        index = addnodes.index(entries=[
            ("single", name, anchor, "main", None) for name in role.term_names
        ] if self.config.hubroles_role_terms else [])
        return [index, section]

    def body(self, model: RolesFile, role_id: str) -> list[nodes.Node]:
        role = model.roles[role_id]
        source = str(roles_path(self.env.app))
        settings = self.state.document.settings

        def inline(text):
            return render_inline(self.env, settings, source, text)

        def block(text):
            return render_block(self.env, settings, source, text)

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
                paragraph += role_reference(self.env, other.id, other.name)
            result += field(label[:1].upper() + label[1:], [paragraph])
        return result


def field(name: str, body: list[nodes.Node]) -> nodes.field:
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", *body))


def register_cards(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: point each role's label and terms at its card, once all pages are read.

    Done after reading, in one place, so that the choice among duplicate cards is the same in
    serial and parallel builds (Sphinx's own merge of parallel results keeps whichever came
    last) and every duplicate is reported.
    """
    std = env.domains["std"]
    model = roles_of(env)
    placements: dict[str, list[tuple[str, int, str]]] = {}
    for docname in sorted(env.hubroles_cards):
        for role_id, line, anchor in env.hubroles_cards[docname]:
            placements.setdefault(role_id, []).append((docname, line, anchor))
    for role_id, ((docname, line, anchor), *others) in placements.items():
        role = model.roles.get(role_id)
        if role is None:  # the page will be re-read; its card is gone
            continue
        card_at = f"{env.doc2path(docname, False)}:{line}"
        for other_doc, other_line, _ in others:
            logger.warning(messages.duplicate_card(role_id, card_at),
                           location=(other_doc, other_line), type="hubroles",
                           subtype="duplicate")
        cards = {(docname, anchor)} | {(d, a) for d, _, a in others}
        targets = [(std.labels, role.label, messages.hand_label_and_card(role.label, card_at))]
        if app.config.hubroles_role_terms:
            targets += [(std._terms, name.lower(), messages.hand_term_and_card(name, card_at))
                        for name in role.term_names]
        for table, key, message in targets:
            existing = table.get(key)
            if existing and tuple(existing[:2]) not in cards:  # written by hand elsewhere
                logger.warning(message, location=_location_of(env, *existing[:2]),
                               type="hubroles", subtype="duplicate")
        std.labels[role.label] = (docname, anchor, role.name)
        std.anonlabels[role.label] = (docname, anchor)
        if app.config.hubroles_role_terms:
            for name in role.term_names:
                std.objects["term", name] = (docname, anchor)
                std._terms[name.lower()] = (docname, anchor)


def _location_of(env: BuildEnvironment, docname: str, anchor: str) -> tuple[str, int | None]:
    """Where an anchor stands, for warnings about a target someone wrote by hand: the line of
    the label itself (`(label)=`, `.. _label:`) rather than of the heading it names, which
    is where `sphinx-hubroles check` places it too."""
    doctree = env.get_doctree(docname)
    for target in doctree.findall(nodes.target):
        if target.get("refid") == anchor and target.line:
            return docname, target.line
    node = doctree.ids.get(anchor)
    while node is not None and not node.line:  # glossary terms carry no line of their own
        node = node.parent
    return docname, node.line if node is not None else None


def setup_cards(app: Sphinx) -> None:
    register_display("card", card_inputs)
    app.add_directive("role-card", RoleCardDirective)
    app.connect("env-updated", register_cards)
