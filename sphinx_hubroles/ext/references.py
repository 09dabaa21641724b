"""`roles:<id>` references: one clear warning with "did you mean" for a broken one, and a record
of which pages link where, so that they are rewritten when a role is renamed or moved."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..core import messages
from .data import note_reference, roles_of

logger = logging.getLogger(__name__)

# The reference forms that can target a `roles:` label: MyST links, {ref} and :ref:.
LABEL_REFTYPES = {"myst", "ref"}


class RoleReferenceChecker(SphinxPostTransform):
    """Report broken `roles:` references before MyST (priority 9) and Sphinx (10) see them,
    so each gets exactly one warning, ours, which names the closest role ids."""

    default_priority = 8

    def run(self, **kwargs) -> None:
        std = self.env.domains["std"]
        for node in list(self.document.findall(addnodes.pending_xref)):
            role_id = _role_target(node)
            if role_id is None or f"roles:{role_id}" in std.anonlabels:
                continue
            if node.get("refwarn") is False:  # a card's own relation link: plain text
                node.replace_self(node.children or nodes.Text(node["reftarget"]))
                continue
            if not _in_intersphinx(self.env, f"roles:{role_id}"):
                self.report(node, node["reftarget"], role_id)
        self.resolve_autolinks(std)

    def report(self, node: addnodes.pending_xref, target: str, role_id: str) -> None:
        """Warn about a reference that cannot resolve, and show its text instead."""
        model = roles_of(self.env)
        if role_id in model.roles:
            message, subtype = messages.role_without_card(role_id, target), "card"
        else:
            message, subtype = messages.unknown_role(role_id, target, model.roles), "ref"
        logger.warning(message, location=node, type="hubroles", subtype=subtype)
        node.replace_self(_shown_text(node))

    def resolve_autolinks(self, std) -> None:
        """MyST turns `<roles:x>` into a plain URL; make it a link to the card instead."""
        for node in list(self.document.findall(nodes.reference)):
            role_id = messages.role_id_of(node.get("refuri", ""))
            if role_id is None:
                continue
            pending = addnodes.pending_xref(
                "", nodes.inline("", node.astext()), refdomain="std", reftype="ref",
                reftarget=f"roles:{role_id}", refexplicit=True, refdoc=self.env.docname)
            pending.source, pending.line = node.source, node.line
            node.replace_self(pending)
            if f"roles:{role_id}" not in std.anonlabels:
                self.report(pending, f"roles:{role_id}", role_id)


class SingleHtmlAnchorFix(SphinxPostTransform):
    """Sphinx 9.0's singlehtml builder writes links to other pages' anchors as
    `#document-page#anchor`, which no browser follows (sphinx-doc/sphinx#14221). Links to role
    cards and terms are ours to keep working: point them at `#anchor`, as Sphinx 8 did."""

    default_priority = 20  # after references are resolved
    builders = ("singlehtml",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(nodes.reference):
            page, hash_, anchor = node.get("refuri", "").rpartition("#")
            if page.startswith("#document-") and anchor.startswith(("roles-", "term-")):
                node["refuri"] = hash_ + anchor


class ManPageLinkFix(SphinxPostTransform):
    """With docutils 0.22, Sphinx's man page writer prints the target of every link to another
    page after its text, as in "Hub Engineer <#roles-hub-engineer>" (sphinx-doc/sphinx#14427):
    noise in the middle of a sentence, such as the diagram's text version. A man page cannot
    follow a link; keep the text of links to role cards and terms, as Sphinx 8 did."""

    default_priority = 20  # after references are resolved
    builders = ("man",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.reference)):
            if node.get("refuri", "").startswith(("#roles-", "#term-")):
                node.replace_self(nodes.inline("", "", *node.children))


def _role_target(node: addnodes.pending_xref) -> str | None:
    if node.get("reftype") not in LABEL_REFTYPES or node.get("refdomain") not in (None, "std"):
        return None
    return messages.role_id_of(node.get("reftarget", ""))


def _shown_text(node: addnodes.pending_xref) -> nodes.Node:
    if node.astext():
        return node[0].deepcopy() if len(node) == 1 else nodes.inline("", "", *node.children)
    return nodes.Text(node["reftarget"])


def _in_intersphinx(env, label: str) -> bool:
    inventory = getattr(env, "intersphinx_inventory", None)
    return bool(inventory) and label in inventory.get("std:label", {})


def collect_references(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: remember the role labels and terms this page links to."""
    env = app.env
    for node in doctree.findall(addnodes.pending_xref):
        role_id = _role_target(node)
        if role_id is not None:
            note_reference(env, env.docname, ("label", f"roles:{role_id}"))
        elif node.get("reftype") == "term":
            note_reference(env, env.docname, ("term", node["reftarget"].lower()))
    for node in doctree.findall(nodes.reference):  # `<roles:x>` autolinks
        role_id = messages.role_id_of(node.get("refuri", ""))
        if role_id is not None:
            note_reference(env, env.docname, ("label", f"roles:{role_id}"))


def setup_references(app: Sphinx) -> None:
    app.add_post_transform(RoleReferenceChecker)
    app.add_post_transform(SingleHtmlAnchorFix)
    app.add_post_transform(ManPageLinkFix)
    app.connect("doctree-read", collect_references)
