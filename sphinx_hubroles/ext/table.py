"""The `roles-table` directive: an overview of roles from roles.yaml, one row per role, as a
table (a real table in every builder) or, with `:layout: cards`, as a grid of sphinx-design
cards. Problems with its options are found after reading, by the rules (core/rules.py)."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst.states import RSTState
from sphinx.util.docutils import SphinxDirective

from ..core import facts
from ..core.model import Role, RolesFile
from ..core.options import written_options
from ..core.table import COLUMNS, select_rows, table_spec
from .cards import STATUS_NAMES, item_list, relation_lines
from .links import field, paragraph_of, role_reference
from .markup import FieldRenderer
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
        model = domain.model
        spec = table_spec(self.options)
        note_display(self.env, "table", spec)
        domain.note_table(self.env.docname, self.lineno, spec)
        rows = select_rows(model, spec)
        if not rows.roles or not rows.columns:  # the rules report it
            return []
        renderer = domain.field_renderer(self.state.document)
        cells = CellMaker(model, renderer, self.env.docname)
        if spec.layout == "cards" and domain.sphinx_design:
            return self.card_grid(model, rows.roles, rows.columns, cells)
        return [self.table(model, rows.roles, rows.columns, cells)]

    # -- a table ------------------------------------------------------------------------------

    def table(self, model: RolesFile, role_ids, columns, cells: CellMaker) -> nodes.table:
        # longtable: LaTeX breaks it across pages; colwidths-given: LaTeX and HTML use WIDTHS.
        table = nodes.table(classes=[TABLE_CLASS, "longtable", "colwidths-given"])
        self.set_source_info(table)
        if "caption" in self.options:
            inline, messages = self.parse_inline(self.options["caption"], lineno=self.lineno)
            title = nodes.title(self.options["caption"], "", *inline)
            self.set_source_info(title)
            table += title
            table += messages
        group = nodes.tgroup(cols=len(columns))
        table += group
        for column in columns:
            group += nodes.colspec(colwidth=WIDTHS.get(column, DEFAULT_WIDTH))
        head = nodes.thead()
        head += row([[nodes.paragraph("", COLUMNS[column])] for column in columns])
        group += head
        body = nodes.tbody()
        for role_id in role_ids:
            body += row([cells(model.roles[role_id], column) for column in columns])
        group += body
        self.add_name(table)
        return table

    # -- a grid of cards ----------------------------------------------------------------------

    def card_grid(self, model: RolesFile, role_ids, columns, cells: CellMaker) -> list[nodes.Node]:
        """sphinx-design's grid of cards, made by its own directives from a skeleton in the
        page's markup; each card's title and body are then put in place."""
        grid = self.parse_text_to_nodes(self.skeleton(len(role_ids)), offset=self.lineno - 1)
        cards = [node for root in grid for node in root.findall(nodes.Element)
                 if "sd-card" in node.get("classes", ())]
        for card, role_id in zip(cards, role_ids, strict=True):
            role = model.roles[role_id]
            fill_card(card, role_reference(role.id, role.name, self.env.docname),
                      self.card_body(model, role, columns, cells))
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

    def card_body(self, model: RolesFile, role: Role, columns, cells: CellMaker) -> list:
        """The summary, then each other column as a field of the card."""
        body: list[nodes.Node] = []
        if "summary" in columns:
            body += cells(role, "summary")
        facts = nodes.field_list(classes=["hubroles-facts"])
        for column in columns:
            if column not in ("name", "summary"):
                content = cells(role, column)
                if content:
                    facts += field(COLUMNS[column], content)
        if len(facts):
            body.append(facts)
        return body


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


class CellMaker:
    """The content of one column for one role; nothing when the role leaves it unset."""

    def __init__(self, model: RolesFile, renderer: FieldRenderer, docname: str) -> None:
        self.model = model
        self.renderer = renderer
        self.docname = docname

    def __call__(self, role: Role, column: str) -> list[nodes.Node]:
        return getattr(self, column.replace("-", "_"))(role)

    def paragraph(self, text) -> list[nodes.Node]:
        return [nodes.paragraph("", "", *self.renderer.inline(text))] if text else []

    def name(self, role: Role) -> list[nodes.Node]:
        """A link to the role's card, or to its URL (references.py decides)."""
        return [nodes.paragraph("", "", role_reference(role.id, role.name, self.docname))]

    def summary(self, role: Role) -> list[nodes.Node]:
        return self.paragraph(role.summary)

    def group(self, role: Role) -> list[nodes.Node]:
        return [nodes.paragraph("", self.model.groups[role.group].name)] if role.group else []

    def count(self, role: Role) -> list[nodes.Node]:
        return self.paragraph(role.count)

    def filled_by(self, role: Role) -> list[nodes.Node]:
        return self.paragraph(role.filled_by)

    def defined_by(self, role: Role) -> list[nodes.Node]:
        return self.paragraph(role.defined_by)

    def requirements(self, role: Role) -> list[nodes.Node]:
        return ([item_list(role.requirements, self.renderer.inline, ["hubroles-requirements"])]
                if role.requirements else [])

    def responsibilities(self, role: Role) -> list[nodes.Node]:
        return ([item_list(role.responsibilities, self.renderer.inline,
                           ["hubroles-responsibilities"])] if role.responsibilities else [])

    def status(self, role: Role) -> list[nodes.Node]:
        paragraph = nodes.paragraph("", STATUS_NAMES[role.status],
                                    classes=[f"hubroles-status-{role.status}"])
        if role.replaced_by:
            other = self.model.roles[role.replaced_by]
            paragraph += nodes.Text("; replaced by ")
            paragraph += role_reference(other.id, other.name, self.docname)
        return [paragraph]

    def relations(self, role: Role) -> list[nodes.Node]:
        return relation_lines(self.model, role.id, self.renderer.inline, self.docname)

    def line(self, line) -> list[nodes.Node]:
        return [paragraph_of(line, self.renderer.inline, self.docname)] if line else []

    def holders(self, role: Role) -> list[nodes.Node]:
        """The current holders, linked to their directory entries, as on the card: its own,
        its kinds', or its rotation's."""
        lines = dict(facts.holder_lines(self.model, role))
        return self.line(lines.get("Held by"))

    def former_holders(self, role: Role) -> list[nodes.Node]:
        lines = dict(facts.holder_lines(self.model, role))
        return self.line(lines.get("Formerly held by"))

    def rotation(self, role: Role) -> list[nodes.Node]:
        return (self.line(facts.rotation_lines(self.model, role.rotation))
                if role.rotation else [])

    def seats(self, role: Role) -> list[nodes.Node]:
        return self.line(facts.seats_line(role.seats)) if role.seats else []

    def team(self, role: Role) -> list[nodes.Node]:
        return self.line(facts.team_line(role.team)) if role.team else []

    def kind_of(self, role: Role) -> list[nodes.Node]:
        return ([nodes.paragraph("", "", role_reference(role.kind_of, self.model.roles[
            role.kind_of].name, self.docname))] if role.kind_of else [])
