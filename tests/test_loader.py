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
        "requirements, responsibilities, sections, see-also, admonitions, relations, holders, "
        "rotation, kind-of, seats, team, owners-alias"]),
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
    # -- the fields of real role pages (issue 14) --
    "unknown status": (BASE + "    status: retierd\n", [
        "9: 'status' of role 'hub-engineer' is 'retierd', which is not a status; did you mean "
        "'retired'?"]),
    "status far from any": (BASE + "    status: gone\n", [
        "9: 'status' of role 'hub-engineer' is 'gone', which is not a status; use one of "
        "active, draft, retired"]),
    "replaced-by without retired": (BASE + "    replaced-by: hub-engineer\n", [
        "9: role 'hub-engineer' has 'replaced-by' but is not retired; add 'status: retired', "
        "or remove 'replaced-by'"]),
    "replaced by itself": (BASE + "    status: retired\n    replaced-by: hub-engineer\n", [
        "10: role 'hub-engineer' cannot be replaced by itself; name the role that does its "
        "work now"]),
    "replaced by an unknown role": (BASE + "    status: retired\n    replaced-by: hub-enginer\n"
                                    "  hub-admin: {name: A, summary: S}\n", [
        "10: 'replaced-by' of role 'hub-engineer' names 'hub-enginer', which is not a role "
        "under 'roles'; did you mean 'hub-engineer'?"]),
    "replaced by a retired role": (
        BASE + "    status: retired\n    replaced-by: old\n"
        "  old: {name: Old, summary: S, status: retired, replaced-by: older}\n"
        "  older: {name: Older, summary: S}\n", [
            "10: 'replaced-by' of role 'hub-engineer' names 'old', which is retired too (it "
            "is replaced by 'older'); name a role that is not retired"]),
    "url of another scheme": (BASE + "    url: javascript:alert(1)\n", [
        "9: 'url' of role 'hub-engineer' is 'javascript:alert(1)', which is not an http or "
        "https URL; write the whole address, like 'https://example.org/team/role'"]),
    "url without a host": (BASE + "    url: https:///team\n", [
        "9: 'url' of role 'hub-engineer' is 'https:///team', which is not an http or https "
        "URL; write the whole address, like 'https://example.org/team/role'"]),
    "relative url": (BASE + "    url: team/role.html\n", [
        "9: 'url' of role 'hub-engineer' is 'team/role.html', which is not an http or https "
        "URL; write the whole address, like 'https://example.org/team/role'"]),
    "item without text": (BASE + "    requirements:\n      - items: [x]\n", [
        "10: an item of 'requirements' of role 'hub-engineer' has no 'text', which is "
        "required"]),
    "unknown key in an item": (BASE + "    responsibilities:\n      - text: x\n"
                               "        item: [y]\n", [
        "11: unknown key 'item' in an item of 'responsibilities' of role 'hub-engineer'; did "
        "you mean 'items'?"]),
    "sub-items not a list": (BASE + "    requirements:\n      - text: x\n        items: y\n", [
        "11: a sub-item of 'requirements' of role 'hub-engineer' must be a list (one '- item' "
        "per line), not text"]),
    "sub-items too deep": (BASE + "    requirements:\n      - text: a\n        items:\n"
                           "          - text: b\n            items:\n"
                           "              - text: c\n                items:\n"
                           "                  - text: d\n                    items: [e]\n", [
        "17: sub-items of 'requirements' of role 'hub-engineer' nest more than 3 levels deep "
        "here; a card shows at most 3 levels of sub-items"]),
    "section without title": (BASE + "    sections:\n      - text: x\n", [
        "10: a section of 'sections' of role 'hub-engineer' has no 'title', which is "
        "required"]),
    "section without text or items": (BASE + "    sections:\n      - title: Terms\n", [
        "10: section 'Terms' of 'sections' of role 'hub-engineer' has neither 'text' nor "
        "'items'; give it one of them, or both"]),
    "sections as a mapping": (BASE + "    sections:\n      Terms: x\n", [
        "10: 'sections' of role 'hub-engineer' must be a list (one '- item' per line), not a "
        "mapping"]),
    "relation entry without role": (BASE + "    relations:\n      oversees:\n"
                                    "        - note: x\n", [
        "11: a target of 'oversees' of role 'hub-engineer' has no 'role', which is required"]),
    "relation entry with an unknown key": (BASE + "    relations:\n      oversees:\n"
                                           "        - {role: hub-engineer, notes: x}\n", [
        "11: unknown key 'notes' in a target of 'oversees' of role 'hub-engineer'; did you "
        "mean 'note'?"]),
    "relation entry to an unknown role": (BASE + "    relations:\n      oversees:\n"
                                          "        - {role: hub-enginer, note: x}\n", [
        "11: 'oversees' of role 'hub-engineer' names 'hub-enginer', which is not a role under "
        "'roles'; did you mean 'hub-engineer'?"]),
    "the same target in both forms": (BASE + "    relations:\n      oversees:\n"
                                      "        - hub-engineer\n"
                                      "        - {role: hub-engineer, note: x}\n", [
        "12: role 'hub-engineer' lists 'hub-engineer' twice under 'oversees'"]),
    "hierarchy not a boolean": ("relations:\n  oversees: {label: x, hierarchy: 'yes'}\n"
                                "roles: {}\n", [
        "2: 'hierarchy' of relation 'oversees' must be true or false, not 'yes'"]),
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


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbfroles:\n  a:\n    name: caf\xe9\n",  # after a byte order mark
    b"roles:\r  a:\r    name: caf\xe9\r",  # lines ended by a lone carriage return
], ids=["byte order mark", "carriage returns"])
def test_not_utf8_names_the_byte_and_its_line(data, tmp_path):
    path = tmp_path / "roles.yaml"
    path.write_bytes(data)
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


# -- warnings and notes: the file loads, and they are reported -------------------------------

def notices_of(text: str, tmp_path) -> list[tuple[str, str, int | None]]:
    path = tmp_path / "roles.yaml"
    path.write_bytes(textwrap.dedent(text).lstrip("\n").encode())
    return [(p.level, f"{p.line}: {p.message}", p.column) for p in load_roles(path).notices]


def test_a_folded_list_item_is_a_warning_at_its_line_and_column(tmp_path):
    text = BASE + ("    responsibilities:\n"
                   "      - Review contributions\n"
                   "        - Focus on code quality\n"
                   "    summary-to-come: x\n").replace("    summary-to-come: x\n", "")
    assert notices_of(text, tmp_path) == [(
        "warning", "11: an item of 'responsibilities' of role 'hub-engineer' goes on over "
        "several lines, and this one starts with '- ': YAML folds it into the text (\"Review "
        "contributions - Focus on code quality\"); to make sub-items, write the item as "
        "'text:' with 'items:', or put the whole text in quotes to keep the dash", 9)]


def test_folded_text_in_other_fields_and_quoted_dashes(tmp_path):
    text = BASE.replace("    summary: Operates hubs.\n",
                        "    summary: Operates hubs\n      - and more\n") + (
        "    requirements:\n"
        "      - \"Quoted\n        - kept as written\"\n"  # quoted: the author chose
        "      - text: As text\n"
        "        items:\n"
        "          - Sub\n"
        "            - item\n"
        "      - A dash - inside a line is fine\n")
    assert notices_of(text, tmp_path) == [
        ("warning", "9: 'summary' of role 'hub-engineer' goes on over several lines, and this "
         "one starts with '- ': YAML folds it into the text (\"Operates hubs - and more\"); to "
         "keep the lines as a list, write the text as a block after '|', or put the whole text "
         "in quotes to keep the dash", 7),
        ("warning", "16: a sub-item of 'requirements' of role 'hub-engineer' goes on over "
         "several lines, and this one starts with '- ': YAML folds it into the text (\"Sub - "
         "item\"); to make sub-items, write the item as 'text:' with 'items:', or put the "
         "whole text in quotes to keep the dash", 13),
    ]


def test_a_warning_is_listed_with_the_errors_when_the_file_fails(tmp_path):
    text = BASE + "    responsibilities:\n      - a\n        - b\n    colour: red\n"
    assert problems_of(text, tmp_path) == [
        "11: an item of 'responsibilities' of role 'hub-engineer' goes on over several lines, "
        "and this one starts with '- ': YAML folds it into the text (\"a - b\"); to make "
        "sub-items, write the item as 'text:' with 'items:', or put the whole text in quotes "
        "to keep the dash",
        "12: unknown key 'colour' in role 'hub-engineer'; allowed keys: name, aliases, group, "
        "status, replaced-by, url, summary, count, filled-by, defined-by, description, "
        "requirements, responsibilities, sections, see-also, admonitions, relations, holders, "
        "rotation, kind-of, seats, team, owners-alias"]


def test_fields_of_an_external_role_that_no_page_shows_are_notes(tmp_path):
    text = BASE + ("    url: https://example.org/engineers\n"
                   "    description: Shown by no card.\n"
                   "    see-also: [x]\n"
                   "    requirements: [shown by roles-table]\n")
    assert notices_of(text, tmp_path) == [
        ("note", "10: role 'hub-engineer' has a url, so it has no card to show its "
         "'description'; only the exports carry it", None),
        ("note", "11: role 'hub-engineer' has a url, so it has no card to show its 'see-also'; "
         "only the exports carry it", None),
    ]


def test_new_fields_load_into_the_model(tmp_path):
    path = tmp_path / "roles.yaml"
    path.write_text(BASE.lstrip("\n").replace(
        "relations:\n  oversees: {label: oversees, inverse: overseen by}",
        "relations:\n  oversees: {label: oversees, hierarchy: true}") + """\
    status: draft
    defined-by: the *engineers* team
    requirements:
      - One year of work
      - text: A sponsor
        items:
          - text: from the team
            items: [or two]
    sections:
      - title: Terms
        text: |
          Two years.
        items: [At most two]
      - title: Removal
        items: [By a vote]
    relations:
      oversees:
        - old
        - role: hub-admin
          note: on *weekdays*
  old:
    name: Old
    summary: S
    status: retired
    replaced-by: hub-engineer
  hub-admin:
    name: Admin
    summary: S
    url: HTTPS://example.org/admins
""")
    model = load_roles(path)
    engineer = model.roles["hub-engineer"]
    assert (engineer.status, engineer.defined_by.source, engineer.defined_by.line) == (
        "draft", "the *engineers* team", 10)
    assert [(i.text.source, [(s.text.source, [t.text.source for t in s.items])
                             for s in i.items]) for i in engineer.requirements] == [
        ("One year of work", []), ("A sponsor", [("from the team", ["or two"])])]
    assert [(s.title, s.text and s.text.source, [i.text.source for i in s.items])
            for s in engineer.sections] == [("Terms", "Two years.", ["At most two"]),
                                             ("Removal", None, ["By a vote"])]
    assert engineer.relations == (("oversees", ("old", "hub-admin")),)
    assert [(e.target, e.note and e.note.source) for e in model.edges()] == [
        ("old", None), ("hub-admin", "on *weekdays*")]
    assert model.note("hub-engineer", "oversees", "hub-admin").line == 28
    old, admin = model.roles["old"], model.roles["hub-admin"]
    assert (old.retired, old.replaced_by, admin.external, admin.url) == (
        True, "hub-engineer", True, "HTTPS://example.org/admins")
    assert model.relations["oversees"].hierarchy is True
    # Every text is found, the note as the relation's own (both cards show it).
    owners = {(owner, text.source) for owner, text in model.texts()}
    assert (("note", "hub-engineer hub-admin"), "on *weekdays*") in owners
    assert (("role", "hub-engineer"), "or two") in owners
    assert (("role", "hub-engineer"), "Two years.") in owners


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("text", [BASE, "roles:\n  a: [b\n", "roles: {}\nroles: {}\n"])
def test_loading_leaves_the_garbage_collector_as_it_found_it(enabled, text, tmp_path):
    """The loader pauses the collector while it loads (core/loader.py): a good file, a file
    that YAML cannot read and one with other problems all leave it as the host had it."""
    import gc

    path = tmp_path / "roles.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    during = []
    real = gc.disable
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        gc.disable = lambda: (during.append(gc.isenabled()), real())[1]
        try:
            load_roles(path)
        except RolesFileError:
            pass
        assert gc.isenabled() is enabled
    finally:
        gc.disable = real
        gc.enable() if was else gc.disable()
    assert during == [enabled]
