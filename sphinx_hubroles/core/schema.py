"""The JSON Schema of roles.yaml, built from the field table so that it cannot drift from the
loader. `roles.schema.json` beside this module is its output; a test keeps the two equal.

Draft 2020-12, using only keywords that mean the same in draft-07: editors' YAML support
(yaml-language-server) validates with draft-07 rules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import fields as F

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# At the top of the package, where roles.yaml files point their `$schema` comment.
SHIPPED = Path(__file__).parent.parent / "roles.schema.json"

ID = {"type": "string", "pattern": f"^{F.ID_PATTERN}$", "maxLength": F.MAX_ID_LENGTH}
# The loader strips text and refuses what is left empty.
TEXT = {"type": "string", "pattern": r"\S"}
# Names must also be one line (values.LINE_CATEGORIES), once stripped of the spaces, tabs and
# line breaks around them. A pattern says so for the control characters, the line and
# paragraph separators and the byte order mark, which are the same in every version of
# Unicode; the loader refuses private-use and unassigned code points too.
NOT_IN_LINE = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff"
NAME = {"type": "string", "allOf": [{"pattern": r"\S"},
                                    {"pattern": rf"^[ \t\n]*[^{NOT_IN_LINE}]*[ \t\n]*$"}]}
# YAML reads an unquoted 2026-01-07 as a date, and editors' YAML support reads it as text: one
# pattern serves both (a YAML date is never handed to the schema as anything but its text).
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# A rotation's start: up to fields.LATEST_START, the last day of a year ending in 999 (a test
# checks both ends).
START_DATE = {"type": "string",
              "pattern": rf"^[0-{F.LATEST_START.year // 1000}]\d{{3}}-\d{{2}}-\d{{2}}$"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


# http or https in any case (as the loader), a host, no white space or control character.
# Written without inline flags, which the regular expressions of JSON Schema (ECMA-262) do not
# have.
URL = {"type": "string",
       "pattern": f"^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#{NOT_IN_LINE}]+[^\\s{NOT_IN_LINE}]*$"}


def _kind(kind: str) -> dict[str, Any]:
    """The schema of one field kind of the table."""
    kinds: dict[str, dict[str, Any]] = {
        F.NAME: NAME,
        F.INLINE: TEXT,
        F.BLOCK: TEXT,
        F.NAMES: {"type": "array", "items": NAME},
        F.INLINES: {"type": "array", "items": TEXT},
        F.GROUP_ID: ID,
        F.ADMONITIONS: {"type": "array", "items": _ref("admonition")},
        F.RELATION_MAP: {
            "type": "object",
            "propertyNames": ID,
            "additionalProperties": {"type": "array", "items": {
                "anyOf": [ID, _ref("relation-entry")]}, "uniqueItems": True},
        },
        F.ADMONITION_KIND: {"enum": list(F.ADMONITION_KINDS)},
        F.ITEMS: _items(0),
        F.SECTIONS: {"type": "array", "items": _ref("section")},
        F.STATUS: {"enum": list(F.STATUSES)},
        F.ROLE_ID: ID,
        F.URL: URL,
        F.BOOLEAN: {"type": "boolean"},
        F.PERSON_ID: ID,
        F.PERSON_IDS: {"type": "array", "items": ID, "minItems": 1},
        F.HOLDERS: {"type": "array", "items": {"anyOf": [ID, _ref("holder")]}},
        F.ROTATION: _ref("rotation"),
        F.SLOTS: {"type": "array", "items": _ref("slot"), "minItems": 1,
                  "maxItems": F.MAX_SHIFTS},
        F.SEATS: _ref("seats"),
        F.COUNT: {"type": "integer", "minimum": 0},
        F.SHARE: {"anyOf": [{"type": "integer", "minimum": 1},
                            {"type": "string", "pattern": f"^{F.SHARE_PATTERN}$"}]},
        F.GITHUB_TEAM: {"type": "string",
                        "pattern": f"^@?{F.GITHUB_PATTERN}/{F.TEAM_SLUG_PATTERN}$"},
        F.OWNERS_ALIAS: {"anyOf": [{"type": "string",
                                    "pattern": f"^{F.OWNERS_ALIAS_PATTERN}$"},
                                   {"const": False}]},
        F.DATE: DATE,
        F.START_DATE: START_DATE,
        F.DAYS: {"type": "integer", "minimum": 0, "maximum": F.MAX_SHIFT_DAYS},
        F.GITHUB: {"type": "string", "pattern": f"^@?{F.GITHUB_PATTERN}$"},
        F.COLOUR: {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
        F.LINE_STYLE: {"enum": list(F.LINE_STYLES)},
    }
    if kind not in kinds:
        raise ValueError(f"no schema for the field kind {kind!r}; add it to schema.py")
    return dict(kinds[kind])


def _items(depth: int) -> dict[str, Any]:
    """A list of items nested `depth` levels deep: strings, or mappings with `text` and, down
    to F.MAX_ITEM_DEPTH, `items`; or such a list under `steps`, numbered."""
    bullets = {"type": "array", "items": {"anyOf": [TEXT, _ref(f"item-{depth}")]}}
    steps = {"type": "object", "properties": {"steps": bullets}, "required": ["steps"],
             "additionalProperties": False}
    return {"anyOf": [bullets, steps]}


def _item(depth: int) -> dict[str, Any]:
    fields = F.ITEM_FIELDS if depth < F.MAX_ITEM_DEPTH else \
        tuple(f for f in F.ITEM_FIELDS if f.key != "items")
    schema = _object(fields, "An item with sub-items" if depth else "An item")
    if "items" in schema["properties"]:
        schema["properties"]["items"] = _described(_items(depth + 1), fields[1])
    return schema


def _described(schema: dict[str, Any], field: F.Field) -> dict[str, Any]:
    kind = F.KIND_HELP.get(field.kind, field.kind)
    help_text = f"{field.help} Type: {kind}{', required' if field.required else ''}."
    example = f"Example:\n\n```yaml\n{field.example}\n```"
    return {**schema, "description": help_text,
            "markdownDescription": f"{help_text}\n\n{example}"}


def _object(fields: tuple[F.Field, ...], title: str) -> dict[str, Any]:
    return {
        "title": title,
        "type": "object",
        "properties": {f.key: _described(_kind(f.kind), f) for f in fields},
        "required": [f.key for f in fields if f.required],
        "additionalProperties": False,
    }


def _role() -> dict[str, Any]:
    """A role: its fields, and `replaced-by` only with `status: retired` (if/then: draft-07
    has it, unlike dependentSchemas)."""
    return {**_object(F.ROLE_FIELDS, "A role"),
            "if": {"required": ["replaced-by"]},
            "then": {"required": ["status"], "properties": {"status": {"const": "retired"}}}}


def _needs(key: str, other: str) -> dict[str, Any]:
    """`other` is required where `key` is written (if/then: draft-07 has it)."""
    return {"if": {"required": [key]}, "then": {"required": [other]}}


def _id_mapping(item: str) -> dict[str, Any]:
    return {"type": "object", "propertyNames": ID, "additionalProperties": _ref(item)}


# Top-level keys hold mappings of entries; what an entry is comes from the entry tables.
_TOP_LEVEL_VALUES = {
    "relations": _id_mapping("relation"),
    "groups": _id_mapping("group"),
    "roles": _id_mapping("role"),
    "terms": {"type": "object", "propertyNames": NAME, "additionalProperties": TEXT},
    "people": _id_mapping("person"),
}


def build_schema() -> dict[str, Any]:
    missing = {f.key for f in F.TOP_LEVEL} ^ set(_TOP_LEVEL_VALUES)
    if missing:
        raise ValueError(f"top-level keys without a schema: {sorted(missing)}")
    return {
        "$schema": DIALECT,
        "title": "roles.yaml (sphinx-hubroles, version 1)",
        "description": "The roles of a team, written once: sphinx-hubroles renders their "
                       "cards, references, glossary terms and diagram from this file.",
        "type": "object",
        "properties": {f.key: _described(_TOP_LEVEL_VALUES[f.key], f) for f in F.TOP_LEVEL},
        "required": [f.key for f in F.TOP_LEVEL if f.required],
        "additionalProperties": False,
        "$defs": {
            "relation": _object(F.RELATION_FIELDS, "A relation type"),
            "group": _object(F.GROUP_FIELDS, "A group of roles"),
            "role": _role(),
            "admonition": _object(F.ADMONITION_FIELDS, "An admonition on a role's card"),
            "section": {**_object(F.SECTION_FIELDS, "A section of a role's card"),
                        "anyOf": [{"required": ["text"]}, {"required": ["items"]}]},
            "relation-entry": _object(F.RELATION_ENTRY_FIELDS, "A relation's target, with a "
                                      "note"),
            **{f"item-{depth}": _item(depth) for depth in range(F.MAX_ITEM_DEPTH + 1)},
            "person": _object(F.PERSON_FIELDS, "A person who holds roles"),
            "holder": {**_object(F.HOLDER_FIELDS, "A person who holds or held the role"),
                       "allOf": [_needs("moved-to", "until"), _needs("moved-from", "since")]},
            "rotation": {**_object(F.ROTATION_FIELDS, "A rotation of the role: through a "
                                   "pool, or by slot"),
                         "oneOf": [{"required": ["pool", "every", "start"],
                                    "not": {"required": ["slots"]}},
                                   {"required": ["slots"],
                                    "not": {"anyOf": [{"required": [key]} for key in
                                                      ("pool", "every", "start", "overlap")]}}]},
            "slot": {**_object(F.SLOT_FIELDS, "A dated turn of a rotation by slot"),
                     "anyOf": [{"required": ["person"]}, {"required": ["organization"]}],
                     **_needs("people", "organization")},
            "seats": {**_object(F.SEATS_FIELDS, "How many may hold the role"),
                      "minProperties": 1},
        },
    }


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
