"""References to roles: `roles:<id>` links in every form (MyST link, `{ref}`, `:ref:`,
`<roles:x>`) and `{term}`s that name a role go to the role's card, with the role's name as
the link's title (its hover preview: hover.py).

Before MyST (priority 9) and Sphinx (10) look, each such reference becomes a reference of the
`hubroles` domain, which Sphinx then resolves through RolesDomain.resolve_xref, from the
domain's judgement of the pages (domain.py): every link to a role goes to the same card in
serial and parallel builds. A reference the judgement found broken was reported then; here it
shows its text. Anything else (a label written by hand, another project's) is left to Sphinx.
A role documented elsewhere (`url`) has no card: its references become links to its URL.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.diagram.escape import shown_tooltip
from ..core.names import (
    PERSON,
    ROLE,
    ROLE_PREFIXES,
    TERM,
    person_id_of,
    person_label,
    role_id_of,
    role_label,
)
from .domain import SCHEDULE, Judgement, RolesDomain, reference_of
from .state import domain_of

PREVIEW_CLASS = "hubroles-preview"
EXTERNAL_CLASS = "hubroles-external"  # a link to a role documented elsewhere


class RoleReferences(SphinxPostTransform):
    # After the diagrams' text versions are made (5), before MyST (9) and Sphinx (10) look.
    default_priority = 8

    def run(self, **kwargs) -> None:
        domain = domain_of(self.env)
        judgement = domain.judgement
        replace = Replacer()
        for node in list(self.document.findall(nodes.Element)):
            found = reference_of(node, domain.prefixes)
            if found is None:
                continue
            kind, target = found
            # The page the reference was written on: LaTeX resolves all pages as one.
            docname = node.get("refdoc") or self.env.docname
            if kind == SCHEDULE:
                node.replace_self(schedule_link(node, domain, target, docname))
                continue
            if kind == PERSON and person_id_of(target) in judgement.people:
                person = domain.model.people[person_id_of(target)]
                replace(node, domain_reference(node, "person", person.id, person.name,
                                               docname))
                continue
            role_id = (role_id_of(target, domain.prefixes) if kind == ROLE
                       else judgement.role_terms.get(target.lower()) if kind == TERM else None)
            if role_id in judgement.cards:
                replace(node, domain_reference(node, "role", role_id,
                                               domain.model.roles[role_id].name, docname))
            elif role_id in judgement.urls:
                role = domain.model.roles[role_id]
                replace(node, external_reference(node, role.name, role.url))
            elif resolved_elsewhere(judgement, kind, target, domain.prefixes):
                # An autolink: let Sphinx resolve it (MyST resolved a `[text](#label)` of the
                # page itself).
                if isinstance(node, nodes.reference) and "refid" not in node:
                    replace(node, label_reference(node, target, self.env.docname))
            else:  # broken (already reported), or a relation to a role without a card
                replace(node, shown_text(node))


class Replacer:
    """`node.replace_self(new)` for one new node, finding each node's place in its parent
    once per parent: replace_self looks the node up among its parent's children, which took
    seconds for the 10,000 links of a card listing 10,000 related roles in one paragraph."""

    def __init__(self) -> None:
        self.places: dict[int, dict[int, int]] = {}  # parent -> child -> its index

    def __call__(self, node: nodes.Element, new: nodes.Node) -> None:
        parent = node.parent
        places = self.places.get(id(parent))
        if places is None:
            places = self.places[id(parent)] = {id(child): index for index, child
                                                in enumerate(parent.children)}
        index = places.pop(id(node))
        if isinstance(new, nodes.Element):
            new.update_basic_atts(node)
        else:  # as replace_self: a Text node cannot carry the node's ids, classes...
            assert not any(node[name] for name in node.basic_attributes)
        parent[index] = new
        places[id(new)] = index


def schedule_link(node: nodes.Element, domain: RolesDomain, role_id: str,
                  docname: str) -> nodes.Node:
    """A link to a role's schedule: its first `roles-rotation`, or else its card (or URL), or
    else plain text."""
    judgement, role = domain.judgement, domain.model.roles.get(role_id)
    if role_id in judgement.schedules:
        return domain_reference(node, SCHEDULE, role_id, "", docname)
    if role is not None and role_id in judgement.cards:
        return domain_reference(node, "role", role_id, role.name, docname)
    if role is not None and role_id in judgement.urls:
        return external_reference(node, role.name, role.url)
    return shown_text(node)


def domain_reference(node: nodes.Element, reftype: str, target: str, name: str,
                     docname: str) -> addnodes.pending_xref:
    """`node` as a reference of the hubroles domain to a role's card (reftype 'role') or a
    person's directory entry ('person'), showing what MyST or Sphinx would have shown."""
    pending = addnodes.pending_xref("", link_content(node, name), refdomain=RolesDomain.name,
                                    reftype=reftype, reftarget=target, refexplicit=True,
                                    refdoc=docname)
    if "reftitle" in node:  # [text](roles:x "title"): the author's title wins
        pending["reftitle"] = node["reftitle"]
    pending.source, pending.line = node.source, node.line
    return pending


def external_reference(node: nodes.Element, name: str, url: str) -> nodes.reference:
    """`node` as a link to the page elsewhere that documents the role, showing what a link to
    a card would show."""
    reference = nodes.reference("", "", link_content(node, name), refuri=url, internal=False,
                                reftitle=node.get("reftitle") or shown_tooltip(name),
                                classes=[EXTERNAL_CLASS])
    reference.source, reference.line = node.source, node.line
    return reference


def link_content(node: nodes.Element, name: str) -> nodes.Element:
    """The link's text: a term's as written (as Sphinx keeps it), a MyST link's with its
    markup (as MyST keeps it), `{ref}`'s as plain text (as Sphinx makes it); the role's name
    where the reference gives none (`[](roles:x)`, `{ref}`roles:x``)."""
    reftype = node.get("reftype")
    if reftype == "term":
        return node[0].deepcopy()
    explicit = node.get("refexplicit") or isinstance(node, nodes.reference)
    if reftype == "myst" and explicit:
        return nodes.inline("", "", *node[0].children)
    if node.get("id_link") and node.children:  # `[text](#label)` that MyST resolved itself
        return nodes.inline("", "", *node.children)
    text = node.astext() if explicit else name
    return nodes.inline(text, text, classes=["std", "std-ref"])


def resolved_elsewhere(judgement: Judgement, kind: str, target: str,
                       prefixes: tuple[str, ...] = ROLE_PREFIXES) -> bool:
    """A reference that Sphinx resolves: a hand-written label (in any spelling), a glossary
    entry, another project's target."""
    if kind == ROLE:
        return (role_label(role_id_of(target, prefixes) or "") in judgement.labels
                or target.lower() in judgement.labels)
    if kind == PERSON:
        return person_label(person_id_of(target) or "") in judgement.labels
    return target.lower() in judgement.terms


def label_reference(node: nodes.reference, target: str, docname: str) -> addnodes.pending_xref:
    pending = addnodes.pending_xref("", nodes.inline("", node.astext()), refdomain="std",
                                    reftype="ref", reftarget=target.lower(), refexplicit=True,
                                    refdoc=docname)
    pending.source, pending.line = node.source, node.line
    return pending


def shown_text(node: nodes.Element) -> nodes.Node:
    if node.astext():
        return node[0].deepcopy() if len(node) == 1 else nodes.inline("", "", *node.children)
    return nodes.Text(node.get("reftarget", ""))
