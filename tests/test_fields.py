"""A text field is declared once, in core/fields.py, and everything else follows: the loader
validates it, the card renders it, the rules check the references in it (in the build and in
`sphinx-hubroles check`, at its own line), the exports carry it, the JSON Schema and the
reference docs describe it. One site with a marker and a broken reference in every text field
of every kind of entry proves it for each field of the table."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cli_helpers import hubroles, write_tree
from conftest import sphinx_build

from sphinx_hubroles.core import fields as F
from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.core.problems import RolesFileError
from sphinx_hubroles.core.schema import build_schema

TEXT_KINDS = (F.INLINE, F.BLOCK, F.INLINES)
ROLE_TEXT_FIELDS = [f for f in F.ROLE_FIELDS if f.kind in TEXT_KINDS]
ADMONITION_TEXT_FIELDS = [f for f in F.ADMONITION_FIELDS if f.kind in TEXT_KINDS]


def marker(key: str) -> str:
    return f"marker-of-{key}"


def value(field: F.Field, key: str) -> str:
    """A YAML value for `field` with a marker and a broken reference, on one line."""
    text = f"{marker(key)} [x](roles:broken-{key})"
    return f'["{text}"]' if field.kind == F.INLINES else f'"{text}"'


def roles_yaml() -> str:
    lines = ["roles:", "  hub-engineer:", "    name: Hub Engineer"]
    lines += [f"    {f.key}: {value(f, f.key)}" for f in ROLE_TEXT_FIELDS]
    lines += ["    admonitions:", "      - kind: tip"]
    lines += [f"        {f.key}: {value(f, 'admonition-' + f.key)}"
              for f in ADMONITION_TEXT_FIELDS]
    return "\n".join(lines) + "\n"


ROLES = roles_yaml()
SITE = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n',
    "roles.yaml": ROLES,
    "index.md": "# Team\n\n```{role-card} hub-engineer\n```\n",
}


def line_of(key: str) -> int:
    return next(number for number, line in enumerate(ROLES.splitlines(), 1)
                if marker(key) in line)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = write_tree(tmp_path_factory.mktemp("fields"), SITE)
    return root, sphinx_build(root, "-q")


def test_every_text_field_is_rendered_on_the_card(built):
    _root, result = built
    card = BeautifulSoup(result.html("index.html"), "html.parser").select_one(
        "section.hubroles-card")
    for field in ROLE_TEXT_FIELDS:
        assert marker(field.key) in card.get_text(), field.key
    for field in ADMONITION_TEXT_FIELDS:
        assert marker("admonition-" + field.key) in card.get_text(), field.key


def test_every_text_field_is_checked_at_its_line_by_the_build_and_by_check(built):
    root, result = built
    keys = [f.key for f in ROLE_TEXT_FIELDS] + ["admonition-" + f.key
                                                for f in ADMONITION_TEXT_FIELDS]
    expected = {f"roles.yaml:{line_of(key)}: unknown role 'broken-{key}' in reference "
                f"'roles:broken-{key}'" for key in keys}
    from_build = {line.replace(" WARNING:", "").rsplit(" [", 1)[0]
                  for line in result.warnings()}
    from_check = set()
    for line in hubroles(root, "check").lines:
        path, number, _column, message = line.split(":", 3)
        from_check.add(f"{path}:{number}:{message}")
    assert from_build == from_check == expected


def test_every_field_is_exported(built):
    root, _result = built
    role = json.loads(hubroles(root, "export").stdout)["roles"]["hub-engineer"]
    for field in F.ROLE_FIELDS:
        assert field.key in role, field.key
    for field in ROLE_TEXT_FIELDS:
        assert marker(field.key) in json.dumps(role[field.key]), field.key


def test_every_field_is_in_the_schema_and_the_reference_docs():
    schema = build_schema()
    tables = {"role": F.ROLE_FIELDS, "group": F.GROUP_FIELDS, "relation": F.RELATION_FIELDS,
              "admonition": F.ADMONITION_FIELDS}
    for name, table in tables.items():
        assert set(schema["$defs"][name]["properties"]) == {f.key for f in table}, name
    # The reference page renders each table from the same tuple of fields.
    sys.path.insert(0, str(Path(__file__).parent.parent / "docs" / "_ext"))
    from hubroles_docs import TABLES

    for name, table in tables.items():
        assert TABLES[name] is table


@pytest.mark.parametrize("field", ROLE_TEXT_FIELDS, ids=lambda f: f.key)
def test_every_text_field_is_validated(tmp_path, field):
    values = {"name": "R", "summary": "S.", field.key: "[1]" if field.kind == F.INLINES else "1"}
    text = "roles:\n  r:\n" + "".join(f"    {key}: {v}\n" for key, v in values.items())
    with pytest.raises(RolesFileError) as error:
        parse_roles(text.encode(), tmp_path / "roles.yaml")
    assert f"'{field.key}' of role 'r' must be text" in str(error.value)
