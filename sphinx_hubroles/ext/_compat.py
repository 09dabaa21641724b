"""Workarounds for upstream bugs, each with its issue and the versions it applies to. Delete an
entry once the oldest supported version has the fix.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.names import ANCHOR_PREFIX, PERSON_ANCHOR_PREFIX, ROTATION_ANCHOR_PREFIX

# MyST-Parser asks the file system about the target of every link it does not recognise (no
# URL scheme it knows, not `#anchor`, not an autolink), percent-decoded, before any extension
# sees the link: SphinxRenderer.render_link_unknown (myst_parser/mdit_to_docutils/sphinx_.py)
# calls BuildEnvironment.relfn2path and Path.is_file on it. Seen with MyST-Parser 5.2.0 and
# Sphinx 9.0.4; MyST-Parser 4 does the same. No upstream issue has been filed yet (this
# project's machines cannot reach GitHub); two ways it stops a build with a traceback:
#
# - A target longer than the file system allows (20,000 characters): OSError "File name too
#   long". Pages and roles.yaml text alike; roles.yaml's ids are capped (core/fields.py:
#   MAX_ID_LENGTH) so that no link the extension writes is that long
#   (docs/reference/robustness.md).
# - A target holding `%00`, as in `[x](foo%00)`: decoded, a NUL character, and "ValueError:
#   embedded null byte" (`path:` targets fail the same way in Sphinx's download collector).
#   roles.yaml refuses a text with such a link or image at the text's line
#   (core/scan/myst.py: nul_link_target, asked by core/values.py), so the build and
#   `sphinx-hubroles check` report it alike instead. Remove that check once MyST-Parser
#   leaves such targets alone (the oldest supported version).

# A Ctrl-C that lands while Sphinx forks a `-j` worker (sphinx.util.parallel) can be lost, with
# logging's module lock left taken for good: Python runs the at-fork handlers that logging
# registers (acquire the lock before fork, release it after, in the parent), and a
# KeyboardInterrupt raised inside one of them is printed as "Exception ignored in:
# <function _releaseLock>" and dropped, the lock still held by the main thread
# (python/cpython#106238; seen with Python 3.11.7). The build then goes on as if nothing
# happened, and any other thread that logs waits for that lock for ever. The workaround is
# in core/diagram/render.py: the threads that run dot never log, the main thread logs for them
# (tests/test_ctrl_c.py makes the taken lock and draws). A second Ctrl-C stops such a build.

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
