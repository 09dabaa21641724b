"""The `roles-diagram` directive: what the diagram shows, its DOT, and its text alternative.

dot does not run here. The node carries the page-independent DOT; the diagrams of all pages are
rendered together before writing (jobs.py), and each page fills in its own links (visitors.py).
"""

from __future__ import annotations

from dataclasses import replace

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ...core.diagram import textversion
from ...core.diagram.options import diagram_spec
from ...core.diagram.textversion import default_alt, text_version
from ...core.model import Text
from ...core.names import ROLE, role_label
from ...core.options import written_options
from ..domain import TOOLTIP
from ..links import role_reference
from ..state import domain_of, note_display, read_directive_options
from .node import ROLE_ATTRIBUTE, TEXT_ATTRIBUTE, roles_diagram


class RolesDiagramDirective(SphinxDirective):
    """A diagram. Problems with its options are found after reading, by the rules
    (domain.py); a diagram with nothing to show is left out of the page."""

    has_content = False
    option_spec = written_options("roles-diagram")

    def run(self) -> list[nodes.Node]:
        from ...core.diagram.dotsource import to_dot  # the drawing code, on first use
        from ...core.diagram.layout import layout_for

        options = self.options = read_directive_options(self, "roles-diagram")
        domain = domain_of(self.env)
        spec = diagram_spec(options)
        note_display(self.env, "diagram", spec)
        selection = domain.select(domain.model, spec)
        if not selection.roles or selection.too_large:  # the rules report both
            domain.note_diagram(self.env.docname, self.lineno, spec, "depth" in options, None)
            return []

        # A relation's note is drawn into its arrow's tooltip: a new note is a new drawing
        # (the selection, which the page's digest holds, has the notes).
        notes = {(source, relation, target): domain.plain_text(Text(note, self.lineno))
                 for source, relation, target, note in selection.notes}
        layout = (selection, options.get("direction"), options.get("edge-labels", "auto"))
        # The roles' tooltips are filled in when the page is written (visitors.py): a new
        # name, or a new summary of a role without a card, rewrites the page, but needs no
        # new drawing.
        web = layout_for(*layout)  # the same choices for print, decided once
        svg_dot = to_dot(selection, None, web, notes)
        print_dot = to_dot(selection, {}, replace(web, web=False))
        domain.note_diagram(self.env.docname, self.lineno, spec, "depth" in options,
                            (svg_dot, print_dot))
        alt = options.get("alt") or default_alt(selection)
        # support_smartquotes: the text version names roles exactly as the picture does.
        diagram = roles_diagram("", svg_dot=svg_dot, print_dot=print_dot, alt=alt,
                                legend=[(rel.id, rel.label, rel.look)
                                        for rel in selection.relations],
                                external=any(role.external for role in selection.roles),
                                support_smartquotes=False)
        self.set_source_info(diagram)
        # The text version as plain data; its nodes are made when the page is written.
        diagram[TEXT_ATTRIBUTE] = (self.env.docname, *text_version(selection, notes))
        for role in selection.roles:  # what the text version's links and tooltips show
            domain.note_link(self.env.docname, ROLE, role_label(role.id))
            domain.note_link(self.env.docname, TOOLTIP, role.id)

        if "caption" not in options and "name" not in options:
            if "align" in options:
                diagram["align"] = options["align"]
            return [diagram]
        # A figure, so that :name: works with {numref} as well as {ref}.
        figure = nodes.figure("", diagram, classes=["hubroles-diagram-figure"])
        self.set_source_info(figure)
        if "align" in options:
            figure["align"] = options["align"]
        if "caption" in options:
            inline, messages = self.parse_inline(options["caption"], lineno=self.lineno)
            caption = nodes.caption(options["caption"], "", *inline)
            self.set_source_info(caption)
            figure += caption
            figure += messages
        self.add_name(figure)
        return [figure]


def text_alternative(docname: str, roles, sentences) -> list[nodes.Node]:
    """The text version's nodes. The roles link to their cards."""
    role_list = nodes.bullet_list(classes=["hubroles-diagram-roles"])
    for role_id, name, where in roles:
        link = nodes.inline("", "", role_reference(role_id, name, docname),
                            classes=["hubroles-diagram-role"], **{ROLE_ATTRIBUTE: role_id})
        role_list += nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(where)))
    result: list[nodes.Node] = [nodes.paragraph("", textversion.ROLES), role_list]
    if sentences:
        relations = nodes.bullet_list(classes=["hubroles-diagram-relations"])
        for sentence in sentences:
            relations += nodes.list_item("", nodes.paragraph(sentence, sentence))
        result += [nodes.paragraph("", textversion.RELATIONS), relations]
    return result


class DiagramTextVersion(SphinxPostTransform):
    """Put each diagram's text version in place, before its links are resolved (priority 10)
    and checked (8).

    Made here rather than by the directive: Sphinx keeps every page it has read in memory until
    it is written, and as nodes the text versions of a handbook's 1,000 focus diagrams took
    some 60 MiB; as data they take a few.
    """

    default_priority = 5

    def run(self, **kwargs) -> None:
        for diagram in self.document.findall(roles_diagram):
            if TEXT_ATTRIBUTE in diagram:
                # (docname, roles, sentences): the page that shows the diagram, whose links
                # LaTeX must know (it resolves all pages as one).
                diagram += text_alternative(*diagram[TEXT_ATTRIBUTE])
                del diagram[TEXT_ATTRIBUTE]
