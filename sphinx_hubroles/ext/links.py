"""The links that the extension's own directives build (cards, tables, the team directory,
schedules, a diagram's text version; render.py): links to a role's card, a person's directory
entry or a role's schedule that references.py resolves, and show as plain text, without a
warning, where there is none."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ..core.names import person_label, role_label


def own_link(label: str, text: str, docname: str) -> addnodes.pending_xref:
    """A link to `label` showing `text`. refwarn=False: a target that does not exist is
    plain text, not a problem of the page."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=label,
                                refexplicit=True, refwarn=False, refdoc=docname)
    ref += nodes.inline(text, text, classes=["xref", "std", "std-ref"])
    return ref


def role_reference(role_id: str, name: str, docname: str) -> addnodes.pending_xref:
    """A link to a role's card."""
    return own_link(role_label(role_id), name, docname)


def person_reference(person_id: str, name: str, docname: str) -> addnodes.pending_xref:
    """A link to a person's entry in the team directory."""
    return own_link(person_label(person_id), name, docname)


def field(name: str, body: list[nodes.Node]) -> nodes.field:
    """One line of a field list: 'Held by: ...'."""
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", *body))


def schedule_reference(role_id: str, text: str, docname: str) -> addnodes.pending_xref:
    """A link to a role's schedule: its first `roles-rotation`, or its card without one
    (references.py decides when the page is written)."""
    ref = addnodes.pending_xref("", refdomain="hubroles", reftype="schedule",
                                reftarget=role_id, refexplicit=True, refwarn=False,
                                refdoc=docname)
    ref += nodes.inline(text, text, classes=["xref", "hubroles-schedule"])
    return ref
