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

ID = {"type": "string", "pattern": f"^{F.ID_PATTERN}$"}
# The loader strips text and refuses what is left empty; names must also fit on one line.
TEXT = {"type": "string", "pattern": r"\S"}
NAME = {"type": "string", "pattern": r"^\s*[^\n]*\S[^\n]*\s*$"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


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
            "additionalProperties": {"type": "array", "items": ID, "uniqueItems": True},
        },
        F.ADMONITION_KIND: {"enum": list(F.ADMONITION_KINDS)},
        F.BOOLEAN: {"type": "boolean"},
        F.COLOUR: {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
        F.LINE_STYLE: {"enum": list(F.LINE_STYLES)},
    }
    if kind not in kinds:
        raise ValueError(f"no schema for the field kind {kind!r}; add it to schema.py")
    return dict(kinds[kind])


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


def _id_mapping(item: str) -> dict[str, Any]:
    return {"type": "object", "propertyNames": ID, "additionalProperties": _ref(item)}


# Top-level keys hold mappings of entries; what an entry is comes from the entry tables.
_TOP_LEVEL_VALUES = {
    "relations": _id_mapping("relation"),
    "groups": _id_mapping("group"),
    "roles": _id_mapping("role"),
    "terms": {"type": "object", "additionalProperties": TEXT},
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
            "role": _object(F.ROLE_FIELDS, "A role"),
            "admonition": _object(F.ADMONITION_FIELDS, "An admonition on a role's card"),
        },
    }


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
