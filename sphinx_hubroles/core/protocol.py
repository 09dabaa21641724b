"""The exchange between a front end in another language (the mystmd plugin, hubroles.mjs) and
this core: a JSON request on a line of standard input, its JSON answer on a line of standard
output.

A request lists, page by page, every display (a directive with its line, argument and
options as written) and, for the `problems` command, every reference, label and glossary term
written by hand, each with its line. The answer says what each display shows (answer.py) or
what is wrong, as plain data: ids, texts, rows, links by role id, file paths and lines. Never
HTML made for one engine: the front end turns the data into its own nodes.

This module reads requests and writes views as JSON; REQUEST_SCHEMA and ANSWER_SCHEMA
describe both (docs/reference/protocol.md prints them, and tests validate real exchanges).
Bump PROTOCOL when either changes in a way an older front end could misread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import viewparts as parts
from .model import Item, Text, numbered

# 2: governance's content (schedule links, numbered lists, schedules in cards, the glossary's
# role entries, directories with :no-index:, role-holders), and options as written.
PROTOCOL = 2
COMMANDS = ("displays", "problems")
DIRECTIVES = ("role-card", "roles-diagram", "roles-glossary", "roles-table", "roles-people",
              "roles-rotation")
# `holders`: a `{role-holders}` role, naming a role.
REFERENCE_KINDS = ("role", "term", "person", "holders")


class ProtocolError(ValueError):
    """The request is not one this version understands; the message says what is wrong."""


@dataclass(frozen=True)
class DisplayRequest:
    directive: str
    line: int
    argument: str
    # As written, in order; None for an option written without a value (`:no-index:`).
    options: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class ReferenceRequest:
    kind: str  # role, term, person or holders
    target: str  # as written: 'roles:hub-engineer', 'Hub Engineer'
    line: int
    column: int | None = None


@dataclass(frozen=True)
class PageRequest:
    file: str  # absolute
    displays: tuple[DisplayRequest, ...] = ()
    references: tuple[ReferenceRequest, ...] = ()
    labels: tuple[tuple[str, int], ...] = ()  # labels written by hand: (label, line)
    terms: tuple[tuple[str, int], ...] = ()  # glossary terms written by hand: (term, line)


@dataclass(frozen=True)
class Request:
    command: str
    root: str  # the project's folder (where myst.yml is), absolute
    pages: tuple[PageRequest, ...]


# -- reading a request --------------------------------------------------------------------------


def _field(data: dict, key: str, kind: type | tuple[type, ...], where: str,
           default: Any = ...) -> Any:
    if key not in data:
        if default is ...:
            raise ProtocolError(f"{where} has no '{key}'")
        return default
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        raise ProtocolError(f"'{key}' of {where} is not {_kind_name(kind)}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "a whole number", list: "a list", dict: "an object"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _line(data: dict, where: str) -> int:
    line = _field(data, "line", int, where)
    if line < 1:
        raise ProtocolError(f"'line' of {where} is not 1 or more")
    return line


def parse_request(data: Any) -> Request:
    """A request read from its JSON data; ProtocolError if it is not one."""
    if not isinstance(data, dict):
        raise ProtocolError("the request is not a JSON object")
    version = data.get("protocol")
    if version != PROTOCOL:
        raise ProtocolError(f"the request speaks protocol {version!r}; this sphinx-hubroles "
                            f"speaks protocol {PROTOCOL}: use the plugin that "
                            "`sphinx-hubroles myst-plugin` names")
    command = _field(data, "command", str, "the request")
    if command not in COMMANDS:
        raise ProtocolError(f"unknown command {command!r}; one of {', '.join(COMMANDS)}")
    pages = []
    for number, page in enumerate(_field(data, "pages", list, "the request"), 1):
        where = f"page {number}"
        if not isinstance(page, dict):
            raise ProtocolError(f"{where} is not an object")
        file = _field(page, "file", str, where)
        pages.append(PageRequest(
            file,
            tuple(_display(item, f"a display of {file}")
                  for item in _field(page, "displays", list, where, [])),
            tuple(_reference(item, f"a reference of {file}")
                  for item in _field(page, "references", list, where, [])),
            tuple((_field(item, "label", str, f"a label of {file}"),
                   _line(item, f"a label of {file}"))
                  for item in _objects(_field(page, "labels", list, where, []), where)),
            tuple((_field(item, "term", str, f"a term of {file}"),
                   _line(item, f"a term of {file}"))
                  for item in _objects(_field(page, "terms", list, where, []), where)),
        ))
    return Request(command, _field(data, "root", str, "the request"), tuple(pages))


def _objects(items: list, where: str) -> list[dict]:
    if not all(isinstance(item, dict) for item in items):
        raise ProtocolError(f"a list of {where} holds something other than objects")
    return items


def _display(data: Any, where: str) -> DisplayRequest:
    if not isinstance(data, dict):
        raise ProtocolError(f"{where} is not an object")
    directive = _field(data, "directive", str, where)
    if directive not in DIRECTIVES:
        raise ProtocolError(f"{where} names the unknown directive {directive!r}")
    options = _field(data, "options", dict, where, {})
    if not all(value is None or isinstance(value, str) for value in options.values()):
        raise ProtocolError(f"an option of {where} is neither a string nor null")
    return DisplayRequest(directive, _line(data, where), _field(data, "argument", str, where, ""),
                          tuple(options.items()))


def _reference(data: Any, where: str) -> ReferenceRequest:
    if not isinstance(data, dict):
        raise ProtocolError(f"{where} is not an object")
    kind = _field(data, "kind", str, where)
    if kind not in REFERENCE_KINDS:
        raise ProtocolError(f"{where} is of the unknown kind {kind!r}")
    column = _field(data, "column", (int, type(None)), where, None)
    return ReferenceRequest(kind, _field(data, "target", str, where), _line(data, where), column)


# -- writing views ------------------------------------------------------------------------------


class Texts:
    """roles.yaml's MyST texts that an answer's views show, each under a short key: a text
    shown on many pages is sent once, and the front end parses it once."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, int, bool], str] = {}
        self.data: dict[str, dict[str, Any]] = {}

    def key(self, text: Text, inline: bool) -> str:
        found = (text.source, text.line, inline)
        if found not in self.keys:
            key = self.keys[found] = f"t{len(self.keys)}"
            self.data[key] = {"source": text.source, "line": text.line, "inline": inline}
            if text.lines is not None:
                self.data[key]["lines"] = list(text.lines)
        return self.keys[found]


def inline_json(value: parts.Inline, texts: Texts) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, parts.Myst):
        return {"t": "myst", "key": texts.key(value.text, inline=True)}
    if isinstance(value, parts.RoleLink):
        return {"t": "role", "id": value.role_id, "text": value.text}
    if isinstance(value, parts.PersonLink):
        return {"t": "person", "id": value.person_id, "text": value.text}
    if isinstance(value, parts.ScheduleLink):
        return {"t": "schedule", "id": value.role_id, "text": value.text}
    if isinstance(value, parts.WebLink):
        return {"t": "link", "url": value.url, "text": value.text}
    if isinstance(value, parts.Strong):
        return {"t": "strong", "text": value.text}
    return {"t": "span", "class": value.css, "content": inlines_json(value.content, texts)}


def inlines_json(content: parts.Line, texts: Texts) -> list[Any]:
    return [inline_json(value, texts) for value in content]


def items_json(items: tuple[Item, ...], texts: Texts) -> list[dict[str, Any]]:
    """Each item's text, and its sub-items, numbered (`steps`) or not."""
    return [{"text": texts.key(item.text, inline=True), "numbered": numbered(item.items),
             "items": items_json(item.items, texts)} for item in items]


def block_json(block: parts.Block, texts: Texts) -> dict[str, Any]:
    if isinstance(block, parts.Paragraph):
        return {"t": "paragraph", "class": block.css,
                "content": inlines_json(block.content, texts)}
    if isinstance(block, parts.MystBlock):
        return {"t": "myst", "key": texts.key(block.text, inline=False)}
    if isinstance(block, parts.Rubric):
        return {"t": "rubric", "title": block.title, "class": block.css}
    if isinstance(block, parts.Items):
        return {"t": "items", "class": block.css, "numbered": numbered(block.items),
                "items": items_json(block.items, texts)}
    if isinstance(block, parts.Fields):
        return fields_json(block, texts)
    if isinstance(block, parts.Schedule):
        return schedule_json(block, texts)
    return {"t": "admonition", "kind": block.kind, "body": blocks_json(block.body, texts)}


def blocks_json(blocks: tuple[parts.Block, ...], texts: Texts) -> list[dict[str, Any]]:
    return [block_json(block, texts) for block in blocks]


def fields_json(fields: parts.Fields, texts: Texts) -> dict[str, Any]:
    return {"t": "fields", "class": fields.css,
            "fields": [{"name": field.name, "body": blocks_json(field.body, texts)}
                       for field in fields.fields]}


def schedule_json(schedule: parts.Schedule, texts: Texts) -> dict[str, Any]:
    """A rotation's shifts or slots: each row's cells, and its first and last day (the last
    null for a slot that lasts until another is added)."""
    return {"t": "schedule", "title": schedule.title, "headings": list(schedule.headings),
            "slots": schedule.slots,
            "rows": [{"first": str(row.first), "last": str(row.last) if row.last else None,
                      "cells": [inlines_json(cell, texts) for cell in row.cells]}
                     for row in schedule.rows]}


# -- schemas ------------------------------------------------------------------------------------

_LINE = {"type": "integer", "minimum": 1}
_STRING = {"type": "string"}

REQUEST_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "sphinx-hubroles request",
    "type": "object",
    "required": ["protocol", "command", "root", "pages"],
    "properties": {
        "protocol": {"const": PROTOCOL},
        "command": {"enum": list(COMMANDS)},
        "root": {**_STRING, "description": "the project's folder, absolute"},
        "pages": {"type": "array", "items": {
            "type": "object",
            "required": ["file"],
            "properties": {
                "file": {**_STRING, "description": "the page's path, absolute"},
                "displays": {"type": "array", "items": {
                    "type": "object",
                    "required": ["directive", "line"],
                    "properties": {
                        "directive": {"enum": list(DIRECTIVES)},
                        "line": _LINE,
                        "argument": _STRING,
                        "options": {"type": "object",
                                    "additionalProperties": {"type": ["string", "null"]}},
                    },
                }},
                "references": {"type": "array", "items": {
                    "type": "object",
                    "required": ["kind", "target", "line"],
                    "properties": {"kind": {"enum": list(REFERENCE_KINDS)}, "target": _STRING,
                                   "line": _LINE,
                                   "column": {"type": ["integer", "null"]}},
                }},
                "labels": {"type": "array", "items": {
                    "type": "object", "required": ["label", "line"],
                    "properties": {"label": _STRING, "line": _LINE}}},
                "terms": {"type": "array", "items": {
                    "type": "object", "required": ["term", "line"],
                    "properties": {"term": _STRING, "line": _LINE}}},
            },
        }},
    },
}

_PROBLEM = {
    "type": "object",
    "required": ["file", "line", "message", "severity"],
    "properties": {
        "file": {**_STRING, "description": "a page of the request, or roles.yaml"},
        "line": {"type": ["integer", "null"]},
        "column": {"type": ["integer", "null"]},
        "message": _STRING,
        "severity": {"enum": ["error", "info"]},
        "type": _STRING,
        "subtype": _STRING,
    },
}

_NULLABLE_STRING = {"type": ["string", "null"]}
_DAY = {"type": "string", "format": "date"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _list(item: dict) -> dict[str, Any]:
    return {"type": "array", "items": item}


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


def _part(name: str, **properties: Any) -> dict[str, Any]:
    """One kind of part, told apart by `t`."""
    return _object(["t", *properties], t={"const": name}, **properties)


# The parts of a view (viewparts.py), as inline_json and block_json write them.
VIEW_DEFS: dict[str, Any] = {
    "inline": {"oneOf": [
        _STRING,
        _part("myst", key=_STRING),
        _part("role", id=_STRING, text=_STRING),
        _part("person", id=_STRING, text=_STRING),
        _part("schedule", id=_STRING, text=_STRING),
        _part("link", url=_STRING, text=_STRING),
        _part("strong", text=_STRING),
        _part("span", content=_list(_ref("inline")), **{"class": _STRING}),
    ]},
    "line": _list(_ref("inline")),
    "item": _object(["text", "numbered", "items"], text=_STRING,
                    numbered={"type": "boolean"}, items=_list(_ref("item"))),
    "fields": _part("fields", fields=_list(_object(["name", "body"], name=_STRING,
                                                    body=_list(_ref("block")))),
                    **{"class": _STRING}),
    "schedule": _part("schedule", title=_STRING, headings=_list(_STRING),
                      slots={"type": "boolean"},
                      rows=_list(_object(["first", "last", "cells"], first=_DAY,
                                         last={"type": ["string", "null"], "format": "date"},
                                         cells=_list(_ref("line"))))),
    "block": {"oneOf": [
        _part("paragraph", content=_ref("line"), **{"class": _STRING}),
        _part("myst", key=_STRING),
        _part("rubric", title=_STRING, **{"class": _STRING}),
        _part("items", numbered={"type": "boolean"}, items=_list(_ref("item")),
              **{"class": _STRING}),
        _ref("fields"),
        _ref("schedule"),
        _part("admonition", kind=_STRING, body=_list(_ref("block"))),
    ]},
}
_TARGET = {"identifier": _NULLABLE_STRING, "html_id": _NULLABLE_STRING}
# What each kind of display shows (answer.py), besides its file, line and kind.
DISPLAY_KINDS: dict[str, dict[str, Any]] = {
    "card": _object(["role", "name", "status", "body"], role=_STRING, name=_STRING,
                    status=_STRING, body=_list(_ref("block")), **_TARGET),
    "glossary": _object(["entries"], entries=_list(_object(
        ["name", "term", "role", "summary"], name=_STRING, term=_NULLABLE_STRING,
        role=_NULLABLE_STRING, summary=_NULLABLE_STRING))),
    "table": _object(["layout", "columns", "headings", "rows", "cards"],
                     layout={"enum": ["table", "cards"]}, columns=_list(_STRING),
                     headings=_list(_STRING),
                     rows=_list(_object(["role", "cells"], role=_STRING,
                                        cells=_list(_list(_ref("block"))))),
                     cards=_list(_object(["title", "body"], title=_ref("inline"),
                                         body=_list(_ref("block"))))),
    "people": _object(["no_index", "entries"], no_index={"type": "boolean"},
                      entries=_list(_object(["person", "name", "facts"], person=_STRING,
                                            name=_STRING, facts=_ref("fields"), **_TARGET))),
    "rotation": _object(["role", "schedule"], role=_STRING, schedule=_ref("schedule"),
                        **_TARGET),
    "diagram": _object(["alt", "roles", "sentences", "cards", "svg"], alt=_STRING,
                       roles=_list(_object(["role", "name", "place"], role=_STRING,
                                           name=_STRING, place=_STRING)),
                       sentences=_list(_STRING), svg=_NULLABLE_STRING,
                       cards={"type": "object"}),
    "none": {"type": "object"},
}

ANSWER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "sphinx-hubroles answer",
    "type": "object",
    "required": ["protocol", "version", "ok"],
    "properties": {
        "protocol": {"const": PROTOCOL},
        "version": {**_STRING, "description": "sphinx-hubroles' version"},
        "ok": {"type": "boolean", "description": "false when roles.yaml cannot be used"},
        "roles_file": {**_STRING, "description": "roles.yaml, as messages name it"},
        "problems": {"type": "array", "items": _PROBLEM},
        "summary": {"type": ["object", "null"],
                    "description": "where and how a page says that roles.yaml has problems",
                    "properties": {"file": _STRING, "line": {"type": ["integer", "null"]},
                                   "message": _STRING}},
        "prefixes": {"type": "object", "properties": {
            "role": {"type": "array", "items": _STRING},
            "person": {"type": "array", "items": _STRING}}},
        "roles": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["name", "target"],
            "properties": {"name": _STRING, "target": {"enum": ["card", "url", None]},
                           "url": {"type": ["string", "null"]}, "identifier": _STRING,
                           "html_id": _STRING,
                           "schedule": {"type": ["object", "null"],
                                        "description": "its first roles-rotation",
                                        "properties": _TARGET}}}},
        "people": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["name", "target"],
            "properties": {"name": _STRING, "target": {"enum": ["entry", None]},
                           "identifier": _STRING, "html_id": _STRING}}},
        "role_terms": {"type": "object", "additionalProperties": _STRING},
        "holders": {"type": "object", "description": "what `{role-holders}` shows, by role",
                    "additionalProperties": _object(["content", "held"],
                                                    content=_ref("line"),
                                                    held={"type": "boolean"})},
        "texts": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["source", "line", "inline"],
            "properties": {"source": _STRING, "line": _LINE, "inline": {"type": "boolean"},
                           "lines": {"type": "array", "items": _LINE, "description":
                                     "the line of each of its lines, when they do not stand "
                                     "one after another from `line`"}}}},
        "cache": {**_STRING, "description": "a folder the front end may write into"},
        "displays": {"type": "array", "items": {
            "type": "object", "required": ["file", "line", "kind"],
            "properties": {"file": _STRING, "line": _LINE, "kind": {"enum": [*DISPLAY_KINDS]},
                           "problems": {"type": "array", "items": _PROBLEM}},
            "allOf": [{"if": {"properties": {"kind": {"const": kind}}}, "then": shape}
                      for kind, shape in DISPLAY_KINDS.items()]}},
        "inputs": {"type": "object", "additionalProperties": {"type": ["string", "null"]},
                   "description": "files the answer was made from, with a SHA-256 of each"},
        "error": {**_STRING, "description": "why the request could not be answered"},
    },
    "$defs": VIEW_DEFS,
}
