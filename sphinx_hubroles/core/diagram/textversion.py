"""What a diagram says in words: its text version (every role with where it belongs, every
relation as a sentence with its note) and its default short text alternative. The same words
under the picture in every engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .selection import Selection

# The text version's title and the words before its two lists.
TITLE = "Text version of this diagram"
ROLES = "Roles:"
RELATIONS = "Relations:"


def default_alt(selection: Selection) -> str:
    roles, edges = len(selection.roles), len(selection.edges)
    return (f"Diagram of {roles} role{'s' * (roles != 1)} and {edges} "
            f"relation{'s' * (edges != 1)}; the text version lists them")


def text_version(selection: Selection, notes: dict | None = None,
                 ) -> tuple[tuple[tuple[str, str, str], ...], tuple[str, ...]]:
    """Every role (id, name, where it belongs) and every relation as a sentence, with its
    note (`notes`: edge -> plain text)."""
    notes = notes or {}
    names = {role.id: role.name for role in selection.roles}
    groups = dict(selection.groups)
    labels = {rel.id: rel.label for rel in selection.relations}
    bodies = {role_id: group for group, role_id in selection.bodies}
    roles = tuple((role.id, role.name, role_place(role, groups, bodies.get(role.id)))
                  for role in selection.roles)
    sentences = tuple(f"{names[source]} {labels[relation]} {names[target]}"
                      + (f": {notes[edge].rstrip('.')}." if notes.get(edge) else ".")
                      for edge in selection.edges for source, relation, target in (edge,))
    return roles, sentences


def role_place(role, groups: dict[str, str], body_of: str | None = None) -> str:
    """' is in Leads.' (' stands for Leads.' for the group's body), and whether the role is
    documented elsewhere or retired."""
    place = f" is in {groups[role.group]}" if role.group else " is in no group"
    if body_of is not None:
        place = f" stands for {groups[body_of]}"
    if role.external:
        place += "; it is documented elsewhere"
    if role.retired:
        place += "; it is retired"
    return place + "."
