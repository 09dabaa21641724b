"""The `roles-table` directive: an overview of roles from roles.yaml, one row per role, as a
table (a real table in every builder) or, with `:layout: cards`, as a grid of sphinx-design
cards. Problems with its options are found after reading, by the rules (core/rules.py)."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst.states import RSTState
from sphinx.util.docutils import SphinxDirective

from ..core.options import written_options
from ..core.table import table_spec
from ..core.views import TableView, table_view
from .render import ViewRenderer
from .state import domain_of, note_display, read_directive_options

TABLE_CLASS = "hubroles-table"
# Relative widths of the columns: lists get the most room, then prose, then short facts.
WIDTHS = {"name": 12, "group": 10, "count": 10, "status": 9, "filled-by": 14, "defined-by": 14,
          "requirements": 30, "responsibilities": 30, "relations": 30, "seats": 12,
          "team": 12, "kind-of": 12}
DEFAULT_WIDTH = 24
# What sphinx-design's grid shows per row on extra-small, small, medium and large screens.
GRID_COLUMNS = "1 1 2 2"


class RolesTableDirective(SphinxDirective):
    has_content = False
    option_spec = written_options("roles-table")

    def run(self) -> list[nodes.Node]:
        self.options = read_directive_options(self, "roles-table")
        domain = domain_of(self.env)
        spec = table_spec(self.options)
        note_display(self.env, "table", spec)
        domain.note_table(self.env.docname, self.lineno, spec)
        view = table_view(domain.model, spec)
        if not view.rows:  # no role, or no known column: the rules report it
            return []
        render = ViewRenderer(domain.field_renderer(self.state.document), self.env.docname)
        if spec.layout == "cards" and domain.sphinx_design:
            return self.card_grid(view, render)
        return [self.table(view, render)]

    # -- a table ------------------------------------------------------------------------------

    def table(self, view: TableView, render: ViewRenderer) -> nodes.table:
        # longtable: LaTeX breaks it across pages; colwidths-given: LaTeX and HTML use WIDTHS.
        table = nodes.table(classes=[TABLE_CLASS, "longtable", "colwidths-given"])
        self.set_source_info(table)
        if "caption" in self.options:
            inline, messages = self.parse_inline(self.options["caption"], lineno=self.lineno)
            title = nodes.title(self.options["caption"], "", *inline)
            self.set_source_info(title)
            table += title
            table += messages
        group = nodes.tgroup(cols=len(view.columns))
        table += group
        for column in view.columns:
            group += nodes.colspec(colwidth=WIDTHS.get(column, DEFAULT_WIDTH))
        head = nodes.thead()
        head += row([[nodes.paragraph("", heading)] for heading in view.headings])
        group += head
        body = nodes.tbody()
        for table_row in view.rows:
            body += row([render.blocks(cell) for cell in table_row.cells])
        group += body
        self.add_name(table)
        return table

    # -- a grid of cards ----------------------------------------------------------------------

    def card_grid(self, view: TableView, render: ViewRenderer) -> list[nodes.Node]:
        """sphinx-design's grid of cards, made by its own directives from a skeleton in the
        page's markup; each card's title and body are then put in place."""
        grid = self.parse_text_to_nodes(self.skeleton(len(view.rows)), offset=self.lineno - 1)
        cards = [node for root in grid for node in root.findall(nodes.Element)
                 if "sd-card" in node.get("classes", ())]
        for card, table_row in zip(cards, view.rows, strict=True):
            title, body = view.grid_card(table_row)
            fill_card(card, render.inline(title)[0], render.blocks(body))
        container = nodes.container("", *grid, classes=[TABLE_CLASS, "hubroles-table-cards"])
        self.set_source_info(container)
        if "caption" in self.options:
            inline, messages = self.parse_inline(self.options["caption"], lineno=self.lineno)
            container.insert(0, nodes.paragraph("", "", *inline, classes=["caption"]))
            container += messages
        self.add_name(container)
        return [container]

    def skeleton(self, count: int) -> str:
        """A grid of `count` cards titled PLACEHOLDER, in the markup of the parser running this
        directive: not the page file's, which differs inside `{eval-rst}` on a MyST page, in
        roles.yaml text shown on an RST page, and in MyST included into an RST page."""
        if not isinstance(self.state, RSTState):  # MyST's stand-in for docutils' state
            card = f"````{{grid-item-card}} {PLACEHOLDER}\n{PLACEHOLDER}\n````\n"
            return (f"`````{{grid}} {GRID_COLUMNS}\n:gutter: 2\n\n"
                    + "\n".join([card] * count) + "`````\n")
        card = f"   .. grid-item-card:: {PLACEHOLDER}\n\n      {PLACEHOLDER}\n"
        return f".. grid:: {GRID_COLUMNS}\n   :gutter: 2\n\n" + "\n".join([card] * count)


PLACEHOLDER = "hubroles-placeholder"


def fill_card(card: nodes.Element, title: nodes.Node, body: list[nodes.Node]) -> None:
    """Put the role's link in the card's title and its fields in the card's body."""
    for node in list(card.findall(nodes.Element)):
        classes = node.get("classes", ())
        if "sd-card-title" in classes:
            del node[:]
            node += nodes.inline("", "", title)
        elif "sd-card-body" in classes:  # it holds the title, then the placeholder
            for child in list(node.children):
                if "sd-card-title" not in child.get("classes", ()):
                    node.remove(child)
            node.extend(body)


def row(cells: list[list[nodes.Node]]) -> nodes.row:
    result = nodes.row()
    for content in cells:
        result += nodes.entry("", *content)
    return result
