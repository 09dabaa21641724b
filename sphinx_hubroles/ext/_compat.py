"""Workarounds for upstream bugs, each with its issue and the versions it applies to. Delete an
entry once the oldest supported version has the fix.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.names import ANCHOR_PREFIX, PERSON_ANCHOR_PREFIX, ROTATION_ANCHOR_PREFIX

# Anchors the extension makes: role cards, directory entries, schedules and glossary terms.
OWN_ANCHORS = (ANCHOR_PREFIX, PERSON_ANCHOR_PREFIX, ROTATION_ANCHOR_PREFIX, "term-")


def single_fragment(href: str) -> str:
    """sphinx-doc/sphinx#14221 (Sphinx 9.0; Sphinx 8 did not have it): the singlehtml builder
    resolves links to other documents as `#document-x#anchor`, which no browser follows;
    everything is on the one page, so the last fragment is the target (what Sphinx 8's
    SingleFileHTMLBuilder.fix_refuris did)."""
    first = href.find("#")
    return href[href.rfind("#"):] if first != href.rfind("#") else href


class SingleHtmlAnchorFix(SphinxPostTransform):
    """sphinx-doc/sphinx#14221 (Sphinx 9.0) for the links Sphinx resolves to role cards and
    terms (glossary entries of roles.yaml): point them at `#anchor`, as Sphinx 8 did."""

    default_priority = 20  # after references are resolved
    builders = ("singlehtml",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(nodes.reference):
            page, hash_, anchor = node.get("refuri", "").rpartition("#")
            if page.startswith("#document-") and anchor.startswith(OWN_ANCHORS):
                node["refuri"] = hash_ + anchor


class ManPageLinkFix(SphinxPostTransform):
    """sphinx-doc/sphinx#14427 (Sphinx 9.0 with docutils 0.22): the man page writer prints the
    target of every link to another page after its text, as in "Hub Engineer
    <#roles-hub-engineer>": noise in the middle of a sentence, such as the diagram's text
    version. A man page cannot follow a link; keep the text of links to role cards and terms,
    as Sphinx 8 did."""

    default_priority = 20  # after references are resolved
    builders = ("man",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.reference)):
            if node.get("refuri", "").startswith(tuple("#" + a for a in OWN_ANCHORS)):
                node.replace_self(nodes.inline("", "", *node.children))
