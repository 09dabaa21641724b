"""The node of a `roles-diagram`, registered with its visitors at setup (ext/__init__.py),
apart from the directive, which loads when a page first uses it (lazy.py)."""

from __future__ import annotations

from docutils import nodes


class roles_diagram(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A diagram; its children are the text alternative (made when the page is written, from
    the `hubroles_text` attribute).

    Attributes: `svg_dot` (with link placeholders and tooltips), `print_dot` (without, and
    with the legend in the picture, for PDF and PNG), `legend` ((id, label, look) per
    relation type, which HTML shows beside the SVG), `alt`, and `align` when given without a figure.
    """


# The text alternative's link to each card sits in an inline with this attribute (the role
# id); once Sphinx has resolved the link for the page being written, it is also the href of
# that role's box in the SVG. (An attribute on the pending_xref itself would not survive.)
ROLE_ATTRIBUTE = "hubroles_role"
# The text version, as data, until the page is written (DiagramTextVersion).
TEXT_ATTRIBUTE = "hubroles_text"
