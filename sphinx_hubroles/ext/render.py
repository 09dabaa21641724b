"""A display's view (core/views.py) as docutils nodes: the Sphinx side of "what a card, a
table or a directory shows", which core/ decides for Sphinx and mystmd alike.

Links to roles and people become references that references.py resolves (plain text where
there is no card or entry); roles.yaml's MyST texts are rendered by the page's FieldRenderer.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ..core import views
from ..core.model import Item
from .links import field, person_reference, role_reference
from .markup import FieldRenderer

ADMONITION_NODES = {
    "note": nodes.note, "tip": nodes.tip, "important": nodes.important,
    "warning": nodes.warning, "caution": nodes.caution, "danger": nodes.danger,
    "seealso": addnodes.seealso,
}


class ViewRenderer:
    """Renders views on the page `docname`, with that page's renderer of roles.yaml text
    (None for views that hold none, such as a directory's entries)."""

    def __init__(self, fields: FieldRenderer | None, docname: str) -> None:
        self.fields = fields
        self.docname = docname

    def inline(self, value: views.Inline) -> list[nodes.Node]:
        if isinstance(value, str):
            return [nodes.Text(value)]
        if isinstance(value, views.Myst):
            return self.fields.inline(value.text)
        if isinstance(value, views.RoleLink):
            return [role_reference(value.role_id, value.text, self.docname)]
        if isinstance(value, views.PersonLink):
            return [person_reference(value.person_id, value.text, self.docname)]
        if isinstance(value, views.WebLink):
            return [nodes.reference("", value.text, refuri=value.url)]
        if isinstance(value, views.Strong):
            return [nodes.strong(value.text, value.text)]
        return [nodes.inline("", "", *self.inlines(value.content), classes=[value.css])]

    def inlines(self, content: tuple[views.Inline, ...]) -> list[nodes.Node]:
        return [node for value in content for node in self.inline(value)]

    def paragraph(self, paragraph: views.Paragraph) -> nodes.paragraph:
        return nodes.paragraph("", "", *self.inlines(paragraph.content),
                               classes=[paragraph.css] if paragraph.css else [])

    def block(self, block: views.Block) -> list[nodes.Node]:
        if isinstance(block, views.Paragraph):
            return [self.paragraph(block)]
        if isinstance(block, views.MystBlock):
            return self.fields.block(block.text)
        if isinstance(block, views.Rubric):
            return [nodes.rubric(block.title, block.title,
                                 classes=[block.css] if block.css else [])]
        if isinstance(block, views.Bullets):
            return [self.item_list(block.items, [block.css] if block.css else [])]
        if isinstance(block, views.Fields):
            return [self.field_list(block)]
        return [ADMONITION_NODES[block.kind]("", *self.blocks(block.body))]

    def blocks(self, blocks: tuple[views.Block, ...]) -> list[nodes.Node]:
        return [node for block in blocks for node in self.block(block)]

    def field_list(self, fields: views.Fields) -> nodes.field_list:
        result = nodes.field_list(classes=[fields.css] if fields.css else [])
        for one in fields.fields:
            result += field(one.name, self.blocks(one.body))
        return result

    def item_list(self, items: tuple[Item, ...], classes: list[str]) -> nodes.bullet_list:
        """Items as a bullet list, their sub-items as nested lists."""
        result = nodes.bullet_list(classes=classes)
        for item in items:
            entry = nodes.list_item("", nodes.paragraph("", "", *self.fields.inline(item.text)))
            if item.items:
                entry += self.item_list(item.items, [])
            result += entry
        return result
