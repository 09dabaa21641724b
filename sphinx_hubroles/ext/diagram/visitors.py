"""Writing a diagram: inline SVG with the page's own links (HTML, EPUB), a PDF image (LaTeX),
a PNG image (Texinfo), and the text alternative everywhere it is read as text."""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes

from ...core.diagram import textversion
from .._compat import single_fragment
from ..state import domain_of
from .jobs import rendering
from .node import ROLE_ATTRIBUTE, roles_diagram


def role_hrefs(node: roles_diagram) -> dict[str, str]:
    """role id -> href of its card, read from the text alternative's links as Sphinx resolved
    them for this page (so html, dirhtml, singlehtml and epub each get their own form)."""
    hrefs = {}
    for wrapper in node.findall(nodes.inline):
        if ROLE_ATTRIBUTE not in wrapper:
            continue
        for reference in wrapper.findall(nodes.reference):
            if "refuri" in reference:
                hrefs[wrapper[ROLE_ATTRIBUTE]] = single_fragment(reference["refuri"] or "#")
            elif "refid" in reference:
                hrefs[wrapper[ROLE_ATTRIBUTE]] = "#" + reference["refid"]
            break
    return hrefs


def tooltips(env, template: str) -> dict[str, str]:
    """role id -> its tooltip, for the roles of a diagram's SVG.

    A role with a card shows its name: its summary is the hover preview of its box, from the
    site's one previews file (hover.py), so a changed summary rewrites the card's page and that
    file, not every page with a diagram. A role without a card has no preview: its tooltip
    is its summary, and a changed summary rewrites the pages whose diagrams show it."""
    from ...core.diagram.dotsource import role_tooltip
    from ...core.diagram.svg import tooltip_roles

    domain = domain_of(env)
    roles, cards = domain.model.roles, domain.judgement.cards
    return {role_id: (roles[role_id].name if role_id in cards else
                      role_tooltip(roles[role_id].name, domain.plain_text(roles[role_id].summary)))
            for role_id in tooltip_roles(template) if role_id in roles}


def visit_html(self, node: roles_diagram) -> None:
    # The drawing code loads with the first diagram written (this page is served without it).
    from ...core.diagram.legend import legend_html
    from ...core.diagram.svg import fill_links, fill_tooltips

    drawn = rendering(self.builder, node, "svg")
    classes = "hubroles-diagram" + (f" align-{node['align']}" if node.get("align") else "")
    anchor = diagram_anchor(self.document, node)
    self.body.append(f'<div class="{classes}" id="{anchor}">\n')
    if drawn is not None:
        template = drawn[1].decode("utf-8")
        svg = fill_links(fill_tooltips(template, tooltips(self.builder.env, template)),
                         role_hrefs(node))
        # The full size view is the frame as the URL's target (hubroles-diagram.css): no
        # script, the links stay the page's own, and following one closes the view.
        self.body.append(
            f'<div class="hubroles-diagram-frame" id="{anchor}-full">\n'
            '<p class="hubroles-diagram-tools">'
            f'<a class="hubroles-diagram-open" href="#{anchor}-full">Open full size</a>'
            f'<a class="hubroles-diagram-close" href="#{anchor}">Close full size</a></p>\n')
        # Inline, not <img> or <object>: links are relative to the page and open in place.
        self.body.append(f'<div class="hubroles-diagram-canvas" role="group" '
                         f'aria-label="{self.attval(node["alt"])}">{svg}</div>\n')
        if node.get("legend") or node.get("external"):
            self.body.append(legend_html(node["legend"], node.get("external", False)))
        self.body.append("</div>\n")
    # Without a picture the text version is all there is, so it starts open.
    self.body.append(f'<details class="hubroles-diagram-text"{"" if drawn else " open"}>'
                     f"<summary>{textversion.TITLE}</summary>\n")


# Pans, zooms, highlights and filters the diagrams of a page (static/), once per page that
# shows one: a page with 20 diagrams loads it once, a page with none not at all.
EXPLORE_SCRIPT = "hubroles-explore.js"


def add_explore_script(app, pagename: str, templatename: str, context: dict,
                       doctree) -> None:
    """html-page-context: the explore script, on the pages that draw a diagram (Sphinx's
    add_js_file, called now, adds it to this page only). Not for EPUB and the other embedded
    builders, whose readers run no scripts."""
    if app.builder.format == "html" and not app.builder.embedded \
            and 'class="hubroles-diagram-canvas"' in context.get("body", ""):
        app.add_js_file(EXPLORE_SCRIPT, loading_method="defer")


def diagram_anchor(document: nodes.document, node: roles_diagram) -> str:
    """`hubroles-diagram-<n>` for the page's n-th diagram (with singlehtml, the book's)."""
    for number, diagram in enumerate(document.findall(roles_diagram), start=1):
        if diagram is node:
            return f"hubroles-diagram-{number}"
    raise AssertionError("the diagram being written is in the document")


def depart_html(self, node: roles_diagram) -> None:
    self.body.append("</details>\n</div>\n")


def _image(builder, node: roles_diagram, format: str) -> str | None:
    """Copy the rendering into the output's image folder; its path for the document."""
    drawn = rendering(builder, node, format)
    if drawn is None:
        return None
    key, image = drawn
    name = f"hubroles-diagram-{key[:20]}.{format}"
    target = Path(builder.outdir, builder.imagedir, name)
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(image)
    return posixpath.join(builder.imgpath, name)


def visit_latex(self, node: roles_diagram) -> None:
    image = _image(self.builder, node, "pdf")
    if image is None:
        return  # the text alternative is printed instead
    inside_figure = isinstance(node.parent, nodes.figure)
    before, after = {
        "left": ("{", r"\hspace*{\fill}}"),
        "right": (r"{\hspace*{\fill}", "}"),
    }.get(node.get("align", ""), (r"\begin{center}", r"\end{center}"))
    if inside_figure:
        before, after = "", ""
    self.body.append(f"\n{before}\\sphinxincludegraphics[]{{{image}}}{after}\n")
    raise nodes.SkipNode


def visit_texinfo(self, node: roles_diagram) -> None:
    image = _image(self.builder, node, "png")
    if image is not None:
        self.body.append(f"\n@image{{{image[:-4]},,,{self.escape_arg(node['alt'])},png}}\n")


def visit_text_only(self, node: roles_diagram) -> None:
    """text and man: the text alternative (the node's children) is the diagram."""


def depart_nothing(self, node: roles_diagram) -> None:
    pass


HANDLERS = {
    "html": (visit_html, depart_html),
    "latex": (visit_latex, depart_nothing),
    "texinfo": (visit_texinfo, depart_nothing),
    "text": (visit_text_only, depart_nothing),
    "man": (visit_text_only, depart_nothing),
}
