"""A display's view (core/views.py, made of core/viewparts.py's parts) as docutils nodes: the
Sphinx side of "what a card, a table, a directory or a schedule shows", which core/ decides
for Sphinx and mystmd alike.

Links to roles, people and schedules become references that references.py resolves (plain
text where there is no card, entry or schedule); roles.yaml's MyST texts are rendered by the
page's FieldRenderer.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ..core import viewparts as parts
from ..core.model import Item, numbered
from .links import field, person_reference, role_reference, schedule_reference
from .markup import FieldRenderer

ADMONITION_NODES = {
    "note": nodes.note, "tip": nodes.tip, "important": nodes.important,
    "warning": nodes.warning, "caution": nodes.caution, "danger": nodes.danger,
    "seealso": addnodes.seealso,
}
# A shift or slot of a schedule: its row, marked with its days for the script that marks the
# reader's current one (static/hubroles-rotation.js).
SHIFT_CLASS = "hubroles-shift"
# Relative widths of a schedule's columns.
SHIFT_WIDTHS = (6, 12, 12, 20, 30)
SLOT_WIDTHS = {"Slot": 5, "From": 11, "To": 11, "Organization": 16, "Held by": 22, "Note": 20}


class ViewRenderer:
    """Renders views on the page `docname`, with that page's renderer of roles.yaml text
    (None for views that hold none, such as a directory's entries)."""

    def __init__(self, fields: FieldRenderer | None, docname: str) -> None:
        self.fields = fields
        self.docname = docname

    def inline(self, value: parts.Inline) -> list[nodes.Node]:
        if isinstance(value, str):
            return [nodes.Text(value)]
        if isinstance(value, parts.Myst):
            return self.fields.inline(value.text)
        if isinstance(value, parts.RoleLink):
            return [role_reference(value.role_id, value.text, self.docname)]
        if isinstance(value, parts.PersonLink):
            return [person_reference(value.person_id, value.text, self.docname)]
        if isinstance(value, parts.ScheduleLink):
            return [schedule_reference(value.role_id, value.text, self.docname)]
        if isinstance(value, parts.WebLink):
            return [nodes.reference("", value.text, refuri=value.url)]
        if isinstance(value, parts.Strong):
            return [nodes.strong(value.text, value.text)]
        return [nodes.inline("", "", *self.inlines(value.content), classes=[value.css])]

    def inlines(self, content: parts.Line) -> list[nodes.Node]:
        return [node for value in content for node in self.inline(value)]

    def paragraph(self, paragraph: parts.Paragraph) -> nodes.paragraph:
        return nodes.paragraph("", "", *self.inlines(paragraph.content),
                               classes=[paragraph.css] if paragraph.css else [])

    def block(self, block: parts.Block) -> list[nodes.Node]:
        if isinstance(block, parts.Paragraph):
            return [self.paragraph(block)]
        if isinstance(block, parts.MystBlock):
            return self.fields.block(block.text)
        if isinstance(block, parts.Rubric):
            return [nodes.rubric(block.title, block.title,
                                 classes=[block.css] if block.css else [])]
        if isinstance(block, parts.Items):
            return [self.item_list(block.items, [block.css] if block.css else [])]
        if isinstance(block, parts.Fields):
            return [self.field_list(block)]
        if isinstance(block, parts.Schedule):
            return [self.schedule(block)]
        return [ADMONITION_NODES[block.kind]("", *self.blocks(block.body))]

    def blocks(self, blocks: tuple[parts.Block, ...]) -> list[nodes.Node]:
        return [node for block in blocks for node in self.block(block)]

    def field_list(self, fields: parts.Fields) -> nodes.field_list:
        result = nodes.field_list(classes=[fields.css] if fields.css else [])
        for one in fields.fields:
            result += field(one.name, self.blocks(one.body))
        return result

    def item_list(self, items: tuple[Item, ...], classes: list[str]) -> nodes.Element:
        """Items as a bullet list, or a numbered one (`steps`), their sub-items as nested
        lists."""
        if numbered(items):
            result = nodes.enumerated_list(classes=classes, enumtype="arabic", prefix="",
                                           suffix=".")
        else:
            result = nodes.bullet_list(classes=classes)
        for item in items:
            entry = nodes.list_item("", nodes.paragraph("", "", *self.fields.inline(item.text)))
            if item.items:
                entry += self.item_list(item.items, [])
            result += entry
        return result

    def schedule(self, schedule: parts.Schedule) -> nodes.table:
        """A rotation's table of shifts or slots, with its title; each row marked with its
        days."""
        classes = ["hubroles-rotation", *(["hubroles-slots"] if schedule.slots else [])]
        table = nodes.table(classes=classes)
        table += nodes.title(schedule.title, schedule.title)
        group = nodes.tgroup(cols=len(schedule.headings))
        table += group
        widths = ([SLOT_WIDTHS[heading] for heading in schedule.headings] if schedule.slots
                  else SHIFT_WIDTHS)
        group += [nodes.colspec(colwidth=width) for width in widths]
        head = nodes.thead()
        head += row([nodes.paragraph("", text) for text in schedule.headings])
        group += head
        body = nodes.tbody()
        for shift in schedule.rows:
            classes = [SHIFT_CLASS, f"hubroles-from-{shift.first}"]
            classes += [f"hubroles-to-{shift.last}"] if shift.last else []
            body += row([nodes.paragraph("", "", *self.inlines(cell)) for cell in shift.cells],
                        classes)
        group += body
        return table


def row(cells: list[nodes.Node], classes: list[str] | None = None) -> nodes.row:
    result = nodes.row(classes=classes or [])
    for cell in cells:
        result += nodes.entry("", cell)
    return result
