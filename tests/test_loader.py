"""Every kind of bad roles.yaml gets its own message at its own line; good files load."""

from __future__ import annotations

import textwrap

import pytest

from sphinx_hubroles.core.loader import load_roles, parse_roles
from sphinx_hubroles.core.problems import RolesFileError

BASE = """
relations:
  oversees: {label: oversees, inverse: overseen by}
groups:
  community: {name: Hub Community}
roles:
  hub-engineer:
    name: Hub Engineer
    summary: Operates hubs.
"""


def problems_of(text: str, tmp_path) -> list[str]:
    path = tmp_path / "roles.yaml"
    path.write_bytes(textwrap.dedent(text).lstrip("\n").encode())
    with pytest.raises(RolesFileError) as caught:
        load_roles(path)
    return [f"{p.line}: {p.message}" for p in caught.value.problems]


CASES = {
    "syntax error with column": ("roles:\n  a: [b\n  c: d\n", [
        "3: YAML syntax error at column 4: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence at line 2)"]),
    "tab indentation": ("roles:\n\thub: {}\n", [
        "2: YAML syntax error at column 1: found character '\\t' that cannot start any token "
        "(indent with spaces: YAML does not allow tabs for indentation) "
        "(while scanning for the next token)"]),
    "empty file": ("", ["None: is empty; it needs at least a 'roles' mapping"]),
    "comments only": ("# nothing\n", ["None: is empty; it needs at least a 'roles' mapping"]),
    "not a mapping": ("- a\n- b\n", [
        "1: must be a mapping with 'roles' (and optionally 'relations', 'groups', 'terms') "
        "at the top level"]),
    "two documents": ("roles: {}\n---\nroles: {}\n", [
        "2: holds more than one YAML document (a second '---'); keep everything in one "
        "document"]),
    "no roles": ("terms: {}\n", ["1: the top level has no 'roles', which is required"]),
    "unknown top-level key": ("role:\n  x: {}\nroles: {}\n", [
        "1: unknown key 'role' in the top level; did you mean 'roles'?"]),
    "unknown role key": (BASE + "    sumary: x\n", [
        "9: unknown key 'sumary' in role 'hub-engineer'; did you mean 'summary'?"]),
    "unknown key with no near match": (BASE + "    colour: red\n", [
        "9: unknown key 'colour' in role 'hub-engineer'; allowed keys: name, aliases, group, "
        "status, replaced-by, url, summary, count, filled-by, defined-by, description, "
        "requirements, responsibilities, sections, see-also, admonitions, relations"]),
    "missing name and summary": ("roles:\n  hub: {count: two}\n", [
        "2: role 'hub' has no 'name', which is required",
        "2: role 'hub' has no 'summary', which is required"]),
    "boolean name": ("roles:\n  hub:\n    name: no\n    summary: x\n", [
        "3: 'name' of role 'hub' must be text, but YAML reads `no` as a boolean; put it in "
        "quotes: \"no\""]),
    "date summary": ("roles:\n  hub:\n    name: Hub\n    summary: 2024-01-01\n", [
        "4: 'summary' of role 'hub' must be text, but YAML reads `2024-01-01` as a date; put "
        "it in quotes: \"2024-01-01\""]),
    "number in a list": ("roles:\n  hub:\n    name: Hub\n    summary: x\n"
                         "    responsibilities: [1.5]\n", [
        "5: an item of 'responsibilities' of role 'hub' must be text, but YAML reads `1.5` as "
        "a number; put it in quotes: \"1.5\""]),
    "empty value": ("roles:\n  hub:\n    name: Hub\n    summary:\n", [
        "4: 'summary' of role 'hub' is empty; give it a value or remove it"]),
    "blank string": ("roles:\n  hub:\n    name: '  '\n    summary: x\n", [
        "3: 'name' of role 'hub' is empty; give it a value or remove it"]),
    "list where text belongs": ("roles:\n  hub:\n    name: [a]\n    summary: x\n", [
        "3: 'name' of role 'hub' must be text, not a list"]),
    "text where a list belongs": ("roles:\n  hub:\n    name: Hub\n    summary: x\n"
                                  "    aliases: Hubs\n", [
        "5: 'aliases' of role 'hub' must be a list (one '- item' per line), not text"]),
    "multi-line name": ("roles:\n  hub:\n    name: |\n      a\n      b\n    summary: x\n", [
        "3: 'name' of role 'hub' must fit on one line"]),
    "duplicate role": (BASE + "  hub-engineer:\n    name: Again\n    summary: x\n", [
        "9: duplicate key 'hub-engineer' (first at line 6); YAML keeps only one of them"]),
    "duplicate field": (BASE + "    name: Again\n", [
        "9: duplicate key 'name' (first at line 7); YAML keeps only one of them"]),
    "duplicate top-level key": (BASE + "groups: {}\n", [
        "9: duplicate key 'groups' (first at line 3); YAML keeps only one of them"]),
    "duplicate in flow mapping": ("roles: {a: {name: A, summary: x, name: B}}\n", [
        "1: duplicate key 'name' (first at line 1); YAML keeps only one of them"]),
    "bad role id": ("roles:\n  Hub_Engineer: {name: H, summary: x}\n", [
        "2: 'Hub_Engineer' is not a valid id in 'roles': use lower-case letters, digits and "
        "single '-' between them, like 'hub-engineer'"]),
    "bad relation id": ("relations:\n  over sees: {label: x}\nroles: {}\n", [
        "2: 'over sees' is not a valid id in 'relations': use lower-case letters, digits and "
        "single '-' between them, like 'over-sees'"]),
    "undeclared group": (BASE + "    group: comunity\n", [
        "9: role 'hub-engineer' names group 'comunity', which is not declared under 'groups'; "
        "did you mean 'community'?"]),
    "undeclared relation type": (BASE + "    relations:\n      oversee: [hub-engineer]\n", [
        "10: role 'hub-engineer' uses relation 'oversee', which is not declared under "
        "'relations'; did you mean 'oversees'?"]),
    "undeclared relation target": (BASE + "    relations:\n      oversees: [hub-enginer]\n", [
        "10: 'oversees' of role 'hub-engineer' names 'hub-enginer', which is not a role under "
        "'roles'; did you mean 'hub-engineer'?"]),
    "target listed twice": (BASE + "    relations:\n      oversees: [hub-engineer, "
                            "hub-engineer]\n", [
        "10: role 'hub-engineer' lists 'hub-engineer' twice under 'oversees'"]),
    "python tag": ("roles: !!python/object:os.system {}\n", [
        "1: the YAML tag '!!python/object:os.system' is not allowed: roles.yaml holds plain "
        "text, lists and mappings only"]),
    "custom tag": (BASE + "    count: !env HOME\n", [
        "9: the YAML tag '!env' is not allowed: roles.yaml holds plain text, lists and "
        "mappings only; if `!env` is part of the text, put the whole value in quotes"]),
    "relation without label": ("relations:\n  oversees: {inverse: x}\nroles: {}\n", [
        "2: relation 'oversees' has no 'label', which is required"]),
    "group without name": ("groups:\n  g: {description: x}\nroles: {}\n", [
        "2: group 'g' has no 'name', which is required"]),
    "unknown admonition kind": (BASE + "    admonitions:\n      - {kind: warn, text: x}\n", [
        "10: unknown admonition kind 'warn'; did you mean 'warning'?"]),
    "admonition without text": (BASE + "    admonitions:\n      - kind: note\n", [
        "10: an admonition of role 'hub-engineer' has no 'text', which is required"]),
    "shared name": (BASE + "  other:\n    name: hub engineer\n    summary: x\n", [
        "9: role 'other' has the name or alias 'hub engineer', which role 'hub-engineer' "
        "has too"]),
    "term as a list": (BASE + "terms:\n  Hub: [a]\n", [
        "10: the definition of term 'Hub' must be text, not a list"]),
    "roles as a list": ("roles:\n  - hub\n", ["2: 'roles' must be a mapping, not a list"]),
    "every problem at once": ("roles:\n  a: {name: no, summary: x}\n  b: {name: B}\n", [
        "2: 'name' of role 'a' must be text, but YAML reads `no` as a boolean; put it in "
        "quotes: \"no\"",
        "3: role 'b' has no 'summary', which is required"]),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_bad_roles_yaml(text, expected, tmp_path):
    assert problems_of(text, tmp_path) == expected


def test_not_utf8(tmp_path):
    path = tmp_path / "roles.yaml"
    path.write_bytes(b"roles:\n  a:\n    name: caf\xe9\n")
    with pytest.raises(RolesFileError) as caught:
        load_roles(path)
    assert caught.value.lines() == [
        f"{path}:3: is not valid UTF-8 (byte 0xe9); save it as UTF-8"]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(RolesFileError) as caught:
        load_roles(tmp_path / "nope.yaml")
    assert caught.value.lines() == [f"{tmp_path}/nope.yaml: not found: there is no such file"]
    with pytest.raises(RolesFileError) as caught:
        load_roles(tmp_path)
    assert caught.value.lines() == [f"{tmp_path}: is a folder, not a YAML file"]


def test_alias_bomb_is_refused(tmp_path):
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    # Reported at the alias that crosses the limit, once.
    assert [p for p in problems_of("\n".join(bomb) + "\nroles: {}\n", tmp_path)
            if "alias" in p] == [
        "5: aliases expand to more than 100,000 values; roles.yaml refuses such alias bombs"]


def test_deep_nesting_is_refused(tmp_path):
    assert problems_of("roles: " + "[" * 5000 + "]" * 5000 + "\n", tmp_path) == [
        "1: lists and mappings are nested more than 100 levels deep here; roles.yaml needs "
        "only a few"]


def test_good_file_with_bom_crlf_anchors_and_merge_keys(tmp_path):
    text = ("\ufeffrelations:\n  adds: {label: adds}\n"
            "roles:\n  admin: &admin\n    name: Administrator\n    summary: Shared summary.\n"
            "    relations: {adds: [admin]}\n"
            "  deputy:\n    <<: *admin\n    name: Deputy\n")
    roles = parse_roles(text.replace("\n", "\r\n").encode(), tmp_path / "roles.yaml")
    deputy = roles.roles["deputy"]
    assert (deputy.name, deputy.summary.source, deputy.summary.line) == (
        "Deputy", "Shared summary.", 6)
    assert [(e.source, e.relation, e.target) for e in roles.edges()] == [
        ("admin", "adds", "admin"), ("deputy", "adds", "admin")]
