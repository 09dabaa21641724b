"""The parts that what a display shows is made of, as plain data: text, links by role and
person id, roles.yaml's own MyST texts (inline), and paragraphs, lists, fields, rubrics,
admonitions and schedules (blocks).

core/facts.py words who holds a role in these parts; core/views.py builds a card, a table, a
directory entry and a schedule of them. Each engine renders them once: ext/render.py into
docutils nodes for Sphinx, and, through the protocol's JSON (protocol.py), hubroles.mjs into
MyST's AST for mystmd. roles.yaml's MyST texts are left unparsed: each engine parses them with
its own MyST parser.

Pure Python: no Sphinx, no mystmd.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Item, Text

# -- inline parts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Inline content with a class: a status, a relation's note."""

    content: Line
    css: str


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class RoleLink:
    """A link to a role's card (or its URL, for a role documented elsewhere), shown as `text`;
    plain text where the role has neither."""

    role_id: str
    text: str


@dataclass(frozen=True)
class PersonLink:
    """A link to a person's entry in the team directory; plain text where there is none."""

    person_id: str
    text: str


@dataclass(frozen=True)
class ScheduleLink:
    """A link to a role's schedule: its first `roles-rotation`, or else its card (or URL), or
    else plain text."""

    role_id: str
    text: str


@dataclass(frozen=True)
class WebLink:
    url: str
    text: str


@dataclass(frozen=True)
class Myst:
    """An inline MyST text of roles.yaml, as written."""

    text: Text


# Plain text is a str.
Inline = str | Span | Strong | RoleLink | PersonLink | ScheduleLink | WebLink | Myst
Line = tuple[Inline, ...]


def joined(parts: list[list[Inline]], last: str = ", ") -> list[Inline]:
    """Parts separated by ', ', the last by `last` (' and ' for a sentence)."""
    result: list[Inline] = []
    for index, part in enumerate(parts):
        if index:
            result.append(last if index == len(parts) - 1 else ", ")
        result += part
    return result


def separated(parts: list[list[Inline]], separator: str) -> list[Inline]:
    result: list[Inline] = []
    for index, part in enumerate(parts):
        result += [separator] if index else []
        result += part
    return result


# -- blocks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    content: Line
    css: str = ""


@dataclass(frozen=True)
class MystBlock:
    """A block MyST text of roles.yaml (a description, a section's text, an admonition's)."""

    text: Text


@dataclass(frozen=True)
class Rubric:
    """A heading of a display that is not a heading of the page."""

    title: str
    css: str = ""


@dataclass(frozen=True)
class Items:
    """roles.yaml items (inline MyST) as a list: numbered when roles.yaml writes them as
    `steps` (model.numbered), else bullets; their sub-items as nested lists, numbered or not
    by the same rule."""

    items: tuple[Item, ...]
    css: str = ""


@dataclass(frozen=True)
class Field:
    name: str
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Fields:
    """Named facts: 'Group: Hub Community'."""

    fields: tuple[Field, ...]
    css: str = ""


@dataclass(frozen=True)
class Admonition:
    kind: str  # note, tip, important, warning, caution, danger, or seealso
    body: tuple[Block, ...]


@dataclass(frozen=True)
class ScheduleRow:
    """A shift or slot: a line per column, and its first and last day (None: until another
    slot is added), for the reader's clock to mark the current one."""

    cells: tuple[Line, ...]
    first: date
    last: date | None


@dataclass(frozen=True)
class Schedule:
    """A rotation's table of shifts, or of slots (`slots`), with its title."""

    title: str
    headings: tuple[str, ...]
    rows: tuple[ScheduleRow, ...]
    slots: bool = False


Block = Paragraph | MystBlock | Rubric | Items | Fields | Admonition | Schedule
