"""Hover previews: a link to a role's card says the role's name and summary in its `title`,
which static/hubroles-preview.js shows as a popover on hover and on keyboard focus.

Every link that lands on a card gets it, whatever its form: `roles:` links and `{ref}`, role
names and aliases as `{term}`, the relations on cards and the diagram's text version. The text
is the summary's plain words (plaintext.py), so its markup and broken references are neither
shown nor reported a second time.

The titles are computed once, after all pages are read, and kept on the environment as
`hubroles_hovers` (card anchor -> title); data.py compares them between builds, so a page
linking to a role whose summary changed is rewritten.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.diagram.plaintext import plain_text
from .data import roles_of


def hover_titles(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated, after the cards registered their labels: each card's hover title."""
    std = env.domains["std"]
    titles = {}
    for role in roles_of(env).roles.values():
        target = std.labels.get(role.label)
        if target is None or not target[0]:  # no card on any page
            continue
        summary = plain_text(role.summary.source, env.myst_config)
        titles[target[1]] = f"{role.name}: {summary}" if summary else role.name
    env.hubroles_hovers = titles


class RoleLinkTitles(SphinxPostTransform):
    """Give every resolved link to a card its role's hover title."""

    default_priority = 15  # after Sphinx (10) and MyST (9) resolved the references
    formats = ("html",)

    def run(self, **kwargs) -> None:
        titles = getattr(self.env, "hubroles_hovers", {})
        if not titles:
            return
        for node in self.document.findall(nodes.reference):
            if "reftitle" in node or not node.get("internal"):
                continue  # an intersphinx link keeps the name of the project it leads to
            _, hash_, anchor = node.get("refuri", "").rpartition("#")
            title = titles.get(node.get("refid") or (anchor if hash_ else None))
            if title is not None:
                node["reftitle"] = title
                node["classes"].append("hubroles-preview")


def setup_hover(app: Sphinx) -> None:
    # After cards.register_cards (priority 500), which points the labels at the cards.
    app.connect("env-updated", hover_titles, priority=600)
    app.add_post_transform(RoleLinkTitles)
    app.add_js_file("hubroles-preview.js", loading_method="defer")
