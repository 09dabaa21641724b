"""roles.yaml as data for other tools: JSON, or a CSV of one row per role.

Text fields stay as written (MyST source): a tool that wants HTML can render them itself.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from . import fields as F
from .digests import text_digest
from .model import Item, RolesFile, Steps, Text
from .tenure import tenure_of


def _plain(value: Any) -> Any:
    """A model value as JSON: Text as its source, dates as ISO text, tuples as lists,
    records as objects with their fields (lines left out); an item without sub-items as its
    text, as roles.yaml writes it and as the first releases published responsibilities."""
    if value is None or isinstance(value, (str, int, float)):  # most values: nothing to do
        return value
    if isinstance(value, Text):
        return value.source
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Item) and not value.items:
        return value.text.source
    if isinstance(value, Steps):  # a numbered list, as roles.yaml writes it
        return {"steps": [_plain(item) for item in value]}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if is_dataclass(value):  # keys as roles.yaml spells them: moved-to, per-affiliation
        return {f.name.replace("_", "-"): _plain(getattr(value, f.name))
                for f in fields(value) if f.name != "line"}
    return value


def to_data(model: RolesFile) -> dict[str, Any]:
    """Every field of every role (missing ones as null or empty), with the relations in both
    directions: `relations` as written (ids only, the shape published first), `incoming` as
    seen from the target, and every relation with its note in `edges`."""
    roles = {}
    members: dict[str, list[str]] = {group_id: [] for group_id in model.groups}
    for role in model.roles.values():
        if role.group in members:
            members[role.group].append(role.id)
        entry: dict[str, Any] = {"id": role.id}
        for f in F.ROLE_FIELDS:
            value = getattr(role, f.key.replace("-", "_"))
            entry[f.key] = (dict((rel, list(targets)) for rel, targets in value)
                            if f.key == "relations" else _plain(value))
        entry["incoming"] = {rel.id: [source.id for source in sources]
                             for rel, sources in model.incoming(role.id)}
        roles[role.id] = entry
    return {
        "relations": {rel.id: {f.key: getattr(rel, f.key.replace("-", "_"))
                               for f in F.RELATION_FIELDS}
                      for rel in model.relations.values()},
        "groups": {group.id: {"name": group.name, "description": _plain(group.description),
                              "roles": members[group.id], "role": group.role}
                   for group in model.groups.values()},
        "roles": roles,
        "edges": [{"source": e.source, "relation": e.relation, "target": e.target,
                   "note": _plain(e.note)}
                  for e in model.edges()],
        "terms": {term.name: term.definition.source for term in model.terms.values()},
        "people": {person.id: _plain(person) for person in model.people.values()},
    }


def to_json(model: RolesFile, memo: dict[str, str] | None = None) -> str:
    """The model as indented JSON.

    `memo`, if given, holds the JSON of each role and of each other part (the relations, the
    edges...) that an earlier call wrote, by a digest of its data: an unchanged part is not
    encoded again (Python's indented encoder is pure Python, a tenth of a second at 1,000
    roles, and the build makes the file on every run). The text is the same either way. It
    is left holding this model's parts alone."""
    data = to_data(model)
    if memo is None:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    used: dict[str, str] = {}

    def encoded(value: Any, depth: int) -> str:
        # The repr of JSON data tells apart everything its JSON does (and key order).
        key = text_digest(f"{depth}\0{value!r}")
        text = memo.get(key)
        if text is None:  # JSON strings hold no raw newline: each line gets the indent
            text = json.dumps(value, indent=2, ensure_ascii=False).replace(
                "\n", "\n" + "  " * depth)
        used[key] = text
        return text

    def key_of(name: str) -> str:
        return json.dumps(name, ensure_ascii=False)

    parts = []
    for name, value in data.items():
        if name == "roles" and value:
            roles = ",\n".join(f"    {key_of(role_id)}: {encoded(entry, 2)}"
                               for role_id, entry in value.items())
            parts.append(f"  {key_of(name)}: {{\n{roles}\n  }}")
        else:
            parts.append(f"  {key_of(name)}: {encoded(value, 1)}")
    memo.clear()
    memo.update(used)
    return "{\n" + ",\n".join(parts) + "\n}\n"


# A cell starting with one of these is a formula to a spreadsheet (`=HYPERLINK(...)`,
# `@SUM(...)`, `-2+3`), or becomes one once the spreadsheet trims the tab or carriage return:
# the characters of OWASP's guidance on CSV injection.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """The cell with a leading `'` if a spreadsheet would read it as a formula: the quote
    makes spreadsheets read the cell as text (some of them show the quote)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


# The first eight columns are those of the first releases; the others follow them, so that a
# reader of the first eight still finds them where they were.
CSV_COLUMNS = ("role id", "role name", "group", "status", "url", "summary", "requirements",
               "responsibilities", "count", "min holders", "max holders",
               "max per affiliation", "holders", "defined by", "relations")
# Each level of sub-items is indented by this much in a cell.
CSV_INDENT = "    "


def to_csv(model: RolesFile) -> str:
    """One row per role: its id, name, group, status, URL and summary; its requirements and
    responsibilities, one per line, sub-items indented, numbered ones numbered; its count and
    seats; its current holders (core/tenure.py), one per line; its defined-by; and its
    relations, one line per relation type. Cells that a spreadsheet would run as formulas are
    quoted."""
    lines = [_csv_line(list(CSV_COLUMNS))]
    for role in model.roles.values():
        seats = role.seats
        cells = (role.id, role.name, role.group or "", role.status, role.url or "",
                 role.summary.source, item_lines(role.requirements),
                 item_lines(role.responsibilities), role.count.source if role.count else "",
                 _number(seats and seats.min), _number(seats and seats.max),
                 _number(seats and seats.per_affiliation), holder_cell(model, role.id),
                 role.defined_by.source if role.defined_by else "",
                 "\n".join(f"{relation}: {', '.join(targets)}"
                           for relation, targets in role.all_relations))
        lines.append(_csv_line([spreadsheet_safe(cell) for cell in cells]))
    return "".join(lines)


def _number(value: int | str | None) -> str:
    return "" if value is None else str(value)


def holder_cell(model: RolesFile, role_id: str) -> str:
    """The current holders, one per line, as 'Ada Quill (ada)'; 'by rotation' for a role its
    rotation holds."""
    tenure = tenure_of(model)
    if tenure.by_rotation(role_id):
        return "by rotation"
    return "\n".join(f"{model.people[h.holder.person].name} ({h.holder.person})"
                     for h in tenure.current(role_id))


def item_lines(items: tuple[Item, ...], depth: int = 0) -> str:
    """Items as lines of text, sub-items indented under their item; the items of a numbered
    list start with their number, '1. '."""
    lines = []
    for number, item in enumerate(items, start=1):
        mark = f"{number}. " if isinstance(items, Steps) else ""
        lines.append(CSV_INDENT * depth + mark + item.text.source)
        if item.items:
            lines.append(item_lines(item.items, depth + 1))
    return "\n".join(lines)


def _csv_line(cells: list[str]) -> str:
    """One row, ending in "\n". The writer quotes a cell only if it holds a character of its
    line end: with "\r\n" as that, a cell holding a lone carriage return is quoted too, and
    cannot end the row early for a reader (nor start a new one with a formula)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue().removesuffix("\r\n") + "\n"
