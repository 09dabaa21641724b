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

from . import views
from .model import Item, Text

PROTOCOL = 1
COMMANDS = ("displays", "problems")
DIRECTIVES = ("role-card", "roles-diagram", "roles-glossary", "roles-table", "roles-people",
              "roles-rotation")
REFERENCE_KINDS = ("role", "term", "person")


class ProtocolError(ValueError):
    """The request is not one this version understands; the message says what is wrong."""


@dataclass(frozen=True)
class DisplayRequest:
    directive: str
    line: int
    argument: str
    options: tuple[tuple[str, str], ...]  # as written, in order


@dataclass(frozen=True)
class ReferenceRequest:
    kind: str  # role, term or person
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
    if not all(isinstance(value, str) for value in options.values()):
        raise ProtocolError(f"an option of {where} is not a string")
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
        return self.keys[found]


def inline_json(value: views.Inline, texts: Texts) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, views.Myst):
        return {"t": "myst", "key": texts.key(value.text, inline=True)}
    if isinstance(value, views.RoleLink):
        return {"t": "role", "id": value.role_id, "text": value.text}
    if isinstance(value, views.PersonLink):
        return {"t": "person", "id": value.person_id, "text": value.text}
    if isinstance(value, views.WebLink):
        return {"t": "link", "url": value.url, "text": value.text}
    if isinstance(value, views.Strong):
        return {"t": "strong", "text": value.text}
    return {"t": "span", "class": value.css, "content": inlines_json(value.content, texts)}


def inlines_json(content: tuple[views.Inline, ...], texts: Texts) -> list[Any]:
    return [inline_json(value, texts) for value in content]


def items_json(items: tuple[Item, ...], texts: Texts) -> list[dict[str, Any]]:
    return [{"text": texts.key(item.text, inline=True), "items": items_json(item.items, texts)}
            for item in items]


def block_json(block: views.Block, texts: Texts) -> dict[str, Any]:
    if isinstance(block, views.Paragraph):
        return {"t": "paragraph", "class": block.css,
                "content": inlines_json(block.content, texts)}
    if isinstance(block, views.MystBlock):
        return {"t": "myst", "key": texts.key(block.text, inline=False)}
    if isinstance(block, views.Rubric):
        return {"t": "rubric", "title": block.title, "class": block.css}
    if isinstance(block, views.Bullets):
        return {"t": "bullets", "class": block.css, "items": items_json(block.items, texts)}
    if isinstance(block, views.Fields):
        return fields_json(block, texts)
    return {"t": "admonition", "kind": block.kind, "body": blocks_json(block.body, texts)}


def blocks_json(blocks: tuple[views.Block, ...], texts: Texts) -> list[dict[str, Any]]:
    return [block_json(block, texts) for block in blocks]


def fields_json(fields: views.Fields, texts: Texts) -> dict[str, Any]:
    return {"t": "fields", "class": fields.css,
            "fields": [{"name": field.name, "body": blocks_json(field.body, texts)}
                       for field in fields.fields]}


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
                        "options": {"type": "object", "additionalProperties": _STRING},
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
                           "html_id": _STRING}}},
        "people": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["name", "target"],
            "properties": {"name": _STRING, "target": {"enum": ["entry", None]},
                           "identifier": _STRING, "html_id": _STRING}}},
        "role_terms": {"type": "object", "additionalProperties": _STRING},
        "texts": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["source", "line", "inline"],
            "properties": {"source": _STRING, "line": _LINE, "inline": {"type": "boolean"}}}},
        "cache": {**_STRING, "description": "a folder the front end may write into"},
        "displays": {"type": "array", "items": {
            "type": "object", "required": ["file", "line", "kind"],
            "properties": {"file": _STRING, "line": _LINE,
                           "kind": {"enum": ["card", "glossary", "table", "people",
                                             "rotation", "diagram", "none"]},
                           "problems": {"type": "array", "items": _PROBLEM}}}},
        "inputs": {"type": "object", "additionalProperties": {"type": ["string", "null"]},
                   "description": "files the answer was made from, with a SHA-256 of each"},
        "error": {**_STRING, "description": "why the request could not be answered"},
    },
}
