"""The JSON Schema of roles.yaml: generated from the field table, shipped as a file, and in
agreement with the loader on every example below."""

from __future__ import annotations

import json
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from sphinx_hubroles.core import fields as F
from sphinx_hubroles.core.loader import load_roles
from sphinx_hubroles.core.problems import RolesFileError
from sphinx_hubroles.core.schema import SHIPPED, build_schema, schema_text

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_file_is_the_generated_schema():
    # If this fails: python -m sphinx_hubroles schema > sphinx_hubroles/roles.schema.json
    assert SHIPPED.read_text(encoding="utf-8") == schema_text()


def test_every_field_of_the_table_is_in_the_schema_with_its_help():
    schema = build_schema()
    tables = {"role": F.ROLE_FIELDS, "relation": F.RELATION_FIELDS, "group": F.GROUP_FIELDS,
              "admonition": F.ADMONITION_FIELDS, "section": F.SECTION_FIELDS,
              "relation-entry": F.RELATION_ENTRY_FIELDS, "holder": F.HOLDER_FIELDS,
              "rotation": F.ROTATION_FIELDS, "slot": F.SLOT_FIELDS, "seats": F.SEATS_FIELDS,
              **{f"item-{depth}": F.ITEM_FIELDS for depth in range(F.MAX_ITEM_DEPTH)}}
    places = [(schema, F.TOP_LEVEL)] + [(schema["$defs"][name], table)
                                        for name, table in tables.items()]
    for place, table in places:
        assert list(place["properties"]) == [f.key for f in table]
        assert place["required"] == [f.key for f in table if f.required]
        assert place["additionalProperties"] is False
        for f in table:
            assert place["properties"][f.key]["description"].startswith(f.help)
            assert f.example in place["properties"][f.key]["markdownDescription"]


def test_the_dialect_is_draft_2020_12():
    assert build_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# -- the loader and the schema agree ----------------------------------------------------------

BASE = """\
relations:
  oversees: {label: oversees, inverse: overseen by}
groups:
  provider: {name: Service Provider}
  community: {name: Hub Community}
roles:
  hub-engineer:
    name: Hub Engineer
    summary: Operates the hub.
  hub-administrator:
    name: Hub Administrator
    summary: Supports users.
"""


def role_with(snippet: str) -> str:
    """BASE with `snippet` (role fields) added to the hub-engineer role."""
    fields = textwrap.indent(snippet, "    ")
    return BASE.replace("    summary: Operates the hub.\n",
                        "    summary: Operates the hub.\n" + fields + "\n")


PEOPLE = "people:\n" + "".join(f"  {p}: {{name: {p.title()}}}\n" for p in ("ada", "bo", "cy",
                                                                              "dee"))


def table_examples() -> list[str]:
    """Each role field's own example from the field table, as a whole valid file (with the
    people that `holders` and `rotation` name)."""
    examples = []
    for f in F.ROLE_FIELDS:
        if f.key in ("name", "summary"):
            examples.append(BASE.replace(
                f"    {f.key}: " + ("Hub Engineer" if f.key == "name" else "Operates the hub."),
                textwrap.indent(f.example, "    ")))
        else:
            examples.append(PEOPLE + role_with(f.example))
    return examples


VALID = [
    BASE,
    "roles: {}\n",
    "roles:\n  a: {name: A, summary: S}\n",
    role_with("aliases: [Hub Engineers, Engineers]\ngroup: provider\ncount: one or two\n"
              "filled-by: a person\ndescription: |\n  Two\n\n  paragraphs.\n"
              "responsibilities:\n  - Upgrade the hub\n  - Talk to {term}`Hub Community`\n"
              "see-also:\n  - \"[docs](https://example.org)\"\n"
              "admonitions:\n  - kind: warning\n    text: Careful.\n  - kind: tip\n    text: Hm.\n"
              "relations:\n  oversees: [hub-administrator, hub-engineer]\n"),
    role_with("aliases: []\nresponsibilities: []\n"),
    role_with("status: draft\ndefined-by: an *election*\n"
              "requirements:\n  - One year\n  - text: A sponsor\n    items:\n"
              "      - text: from the team\n        items:\n          - text: or two\n"
              "            items: [deepest]\n"
              "responsibilities:\n  - text: Review\n    items: [Focus]\n  - Plain\n"
              "sections:\n  - title: Terms\n    text: Two years.\n  - title: Removal\n"
              "    items: [By vote]\n  - {title: Both, text: T, items: [I]}\n"
              "relations:\n  oversees:\n    - hub-administrator\n"
              "    - {role: hub-engineer, note: on *weekdays*}\n"),
    role_with("status: retired\nreplaced-by: hub-administrator\n"),
    role_with("status: retired\n"),
    role_with("url: https://example.org/engineers#team\nstatus: active\n"),
    role_with("url: HTTP://EXAMPLE.ORG\n"),
    BASE.replace("inverse: overseen by}", "inverse: overseen by, hierarchy: true}"),
    BASE + "terms:\n  Hub Community: The people a hub serves.\n  Yet another term: |\n"
           "    A definition\n    on two lines.\n",
    BASE.replace("Operates the hub.", "\"no\""),  # quoted, it is text
    BASE.replace("name: Hub Engineer", "name: '2024-01-01'"),
    BASE + "# a comment at the end\n",
    # One line of letters, marks, numbers, punctuation, symbols and spaces, with the joiners
    # of emoji and of Persian names, and the characters of YAML's and iCalendar's syntax.
    BASE.replace("name: Hub Engineer", "name: \"Zo\u00eb \U0001F469\u200d\U0001F4BB "
                 "\u0645\u0647\u200c\u0633\u0627 Ann\\\\Nash; a, b: #c --- '~'\""),
    BASE.replace("name: Hub Engineer", "name: |\n      Hub Engineer\n"),
    *table_examples(),
    # -- the fields of issue 23 --
    role_with("requirements:\n  steps:\n    - One\n    - text: Two\n      items:\n"
              "        steps: [a, b]\nsections:\n  - {title: T, items: {steps: [x]}}\n"),
    PEOPLE + role_with("holders:\n  - {person: ada, since: 2024-01-01, until: 2024-06-30, "
                       "moved-to: hub-administrator, affiliation: Example Org}\n"
                       "seats: {min: 0, max: 3, per-affiliation: 1/3}\nteam: example/eng\n"
                       "owners-alias: false\nkind-of: hub-administrator\n").replace(
        "    summary: Supports users.\n", "    summary: Supports users.\n    holders:\n"
        "      - {person: ada, since: 2024-07-01, moved-from: hub-engineer}\n"),
    PEOPLE + role_with("rotation:\n  slots:\n    - {date: 2026-01-01, person: ada}\n"
                       "    - {date: 2026-02-01, until: 2026-02-10, organization: X, "
                       "people: [bo, cy], person: bo, note: r2}\n    - {date: 2026-03-01, "
                       "organization: Y}\nseats: {per-affiliation: 2}\nowners-alias: eng_1\n"),
    BASE.replace("{name: Service Provider}", "{name: Service Provider, role: hub-engineer}"),
]

# Invalid files that a JSON Schema can describe: both must refuse them.
INVALID = {
    "no roles": "relations: {}\n",
    "empty file": "",
    "a list at the top": "- roles\n",
    "unknown top-level key": BASE + "rolse: {}\n",
    "roles is a list": "roles:\n  - hub-engineer\n",
    "roles is empty (null)": "roles:\n",
    "role without name": "roles:\n  a: {summary: S}\n",
    "role without summary": "roles:\n  a: {name: A}\n",
    "unknown role key": role_with("sumary: typo"),
    "role id with a capital": "roles:\n  Hub-Engineer: {name: A, summary: S}\n",
    "role id with an underscore": "roles:\n  hub_engineer: {name: A, summary: S}\n",
    "role id with a space": "roles:\n  hub engineer: {name: A, summary: S}\n",
    "role id with a double dash": "roles:\n  hub--engineer: {name: A, summary: S}\n",
    "role id ending in a dash": "roles:\n  hub-: {name: A, summary: S}\n",
    "role is text": "roles:\n  a: A role\n",
    "name: no": "roles:\n  a: {name: no, summary: S}\n",
    "name: yes": "roles:\n  a: {name: yes, summary: S}\n",
    "name is a number": "roles:\n  a: {name: 42, summary: S}\n",
    "name is a list": "roles:\n  a: {name: [A], summary: S}\n",
    "name on two lines": "roles:\n  a:\n    name: |\n      A\n      B\n    summary: S\n",
    "name is blank": "roles:\n  a: {name: '  ', summary: S}\n",
    "summary is empty": "roles:\n  a: {name: A, summary: ''}\n",
    "summary is null": "roles:\n  a: {name: A, summary: ~}\n",
    "summary is a mapping": "roles:\n  a: {name: A, summary: {x: y}}\n",
    "aliases is text": role_with("aliases: Hub Engineers"),
    "an alias is a number": role_with("aliases: [3]"),
    "an alias is a boolean": role_with("aliases: [off]"),
    "a responsibility is a mapping": role_with("responsibilities:\n  - {a: b}"),
    "responsibilities is text": role_with("responsibilities: Upgrade"),
    "see-also is a mapping": role_with("see-also: {a: b}"),
    "count is a number": role_with("count: 2"),
    "description is a boolean": role_with("description: true"),
    "group is not an id": role_with("group: Service Provider"),
    "group is a list": role_with("group: [provider]"),
    "unknown admonition kind": role_with("admonitions:\n  - {kind: warnign, text: T}"),
    "admonition without text": role_with("admonitions:\n  - {kind: note}"),
    "admonition without kind": role_with("admonitions:\n  - {text: T}"),
    "unknown admonition key": role_with("admonitions:\n  - {kind: note, text: T, title: X}"),
    "admonitions is a mapping": role_with("admonitions: {kind: note, text: T}"),
    "relations is a list": role_with("relations: [oversees]"),
    "relation targets are text": role_with("relations:\n  oversees: hub-administrator"),
    "relation target twice": role_with("relations:\n  oversees: [hub-administrator, "
                                       "hub-administrator]"),
    "relation target not an id": role_with("relations:\n  oversees: [Hub Administrator]"),
    "relation id not an id": role_with("relations:\n  Oversees: [hub-administrator]"),
    "relation type without label": BASE.replace("{label: oversees, inverse: overseen by}",
                                                "{inverse: overseen by}"),
    "relation type with unknown key": BASE.replace("inverse: overseen by",
                                                   "inverse: overseen by, colour: red"),
    "relation type is text": BASE.replace("{label: oversees, inverse: overseen by}",
                                          "oversees"),
    "relation id with a capital": BASE.replace("  oversees: {", "  Oversees: {"),
    "group without name": BASE.replace("{name: Service Provider}", "{description: D}"),
    "group with unknown key": BASE.replace("{name: Service Provider}",
                                           "{name: S, colour: red}"),
    "group id with a space": BASE.replace("  provider: {", "  service provider: {"),
    "groups is a list": "groups: [a]\nroles: {}\n",
    "terms is a list": BASE + "terms: [Hub Community]\n",
    "term definition is a number": BASE + "terms:\n  Answer: 42\n",
    "term definition is empty": BASE + "terms:\n  Hub Community:\n",
    "term definition is a list": BASE + "terms:\n  Hub Community: [a, b]\n",
    # -- the fields of issue 14 --
    "unknown status": role_with("status: gone"),
    "replaced-by without status": role_with("replaced-by: hub-administrator"),
    "replaced-by with another status": role_with("status: draft\nreplaced-by: hub-administrator"),
    "replaced-by not an id": role_with("status: retired\nreplaced-by: Hub Administrator"),
    "url with another scheme": role_with("url: ftp://example.org/x"),
    "url with a space": role_with("url: https://example.org/a b"),
    "url without a host": role_with("url: https:///x"),
    "relative url": role_with("url: team/role.html"),
    "defined-by is a list": role_with("defined-by: [a]"),
    "item without text": role_with("requirements:\n  - items: [x]"),
    "item with an unknown key": role_with("requirements:\n  - {text: x, item: [y]}"),
    "item that is a number": role_with("requirements:\n  - 3"),
    "sub-items as text": role_with("responsibilities:\n  - {text: x, items: y}"),
    "sub-items too deep": role_with(
        "requirements:\n  - text: a\n    items:\n      - text: b\n        items:\n"
        "          - text: c\n            items:\n              - text: d\n"
        "                items: [e]"),
    "sections as a mapping": role_with("sections: {Terms: x}"),
    "section without title": role_with("sections:\n  - text: x"),
    "section without text or items": role_with("sections:\n  - title: Terms"),
    "section with unknown key": role_with("sections:\n  - {title: T, text: x, body: y}"),
    "section title on two lines": role_with("sections:\n  - title: |\n      A\n      B\n"
                                            "    text: x"),
    "relation entry without role": role_with("relations:\n  oversees:\n    - note: x"),
    "relation entry with unknown key": role_with("relations:\n  oversees:\n"
                                                 "    - {role: hub-administrator, notes: x}"),
    "relation entry note is a list": role_with("relations:\n  oversees:\n"
                                               "    - {role: hub-administrator, note: [x]}"),
    "hierarchy is text": BASE.replace("inverse: overseen by}", "inverse: overseen by, "
                                      "hierarchy: 'yes'}"),
    # -- the fields of issue 23 --
    "steps with another key": role_with("requirements: {steps: [a], items: [b]}"),
    "steps that are text": role_with("requirements: {steps: a}"),
    "a move without its date": PEOPLE + role_with(
        "holders:\n  - {person: ada, moved-to: hub-administrator}"),
    "a move from without since": PEOPLE + role_with(
        "holders:\n  - {person: ada, until: 2024-01-01, moved-from: hub-administrator}"),
    "a move to no id": PEOPLE + role_with(
        "holders:\n  - {person: ada, until: 2024-01-01, moved-to: Hub Administrator}"),
    "seats with a negative min": role_with("seats: {min: -1}"),
    "seats with a text max": role_with("seats: {max: many}"),
    "seats with a zero cap": role_with("seats: {per-affiliation: 0}"),
    "seats empty": role_with("seats: {}"),
    "seats with an unknown key": role_with("seats: {minimum: 2}"),
    "team without its organization": role_with("team: engineers"),
    "owners alias true": role_with("owners-alias: true"),
    "owners alias with a space": role_with("owners-alias: hub eng"),
    "kind-of not an id": role_with("kind-of: Hub Administrator"),
    "group role not an id": BASE.replace("{name: Service Provider}",
                                         "{name: Service Provider, role: Hub Engineer}"),
    "rotation with slots and every": PEOPLE + role_with(
        "rotation: {every: 7, slots: [{date: 2026-01-01, person: ada}]}"),
    "rotation with neither": PEOPLE + role_with("rotation: {overlap: 1}"),
    "slots empty": PEOPLE + role_with("rotation: {slots: []}"),
    "slot without date": PEOPLE + role_with("rotation: {slots: [{person: ada}]}"),
    "slot without holder": PEOPLE + role_with("rotation: {slots: [{date: 2026-01-01}]}"),
    "slot people without organization": PEOPLE + role_with(
        "rotation: {slots: [{date: 2026-01-01, person: ada, people: [ada]}]}"),
    "slot with an unknown key": PEOPLE + role_with(
        "rotation: {slots: [{date: 2026-01-01, person: ada, org: X}]}"),
    "slot until past the calendar": PEOPLE + role_with(
        "rotation: {slots: [{date: 2026-01-01, until: 3000-01-01, person: ada}]}"),
    "slot organization with a line separator": PEOPLE + role_with(
        'rotation: {slots: [{date: 2026-01-01, organization: "Org\\u2028x"}]}'),
    "holding affiliation with a carriage return": PEOPLE + role_with(
        'holders:\n  - {person: ada, affiliation: "Org\\rx"}'),
    # -- one line of text: no control character, no line or paragraph separator (issue 21) --
    "name with a carriage return": BASE.replace("name: Hub Engineer", 'name: "Hub\\rEngineer"'),
    "name with a next-line character": BASE.replace("name: Hub Engineer",
                                                    'name: "Hub\\u0085Engineer"'),
    "name with a tab inside": BASE.replace("name: Hub Engineer", 'name: "Hub\\tEngineer"'),
    "name ending in a carriage return": BASE.replace("name: Hub Engineer",
                                                     'name: "Hub Engineer\\r"'),
    "alias with a line separator": role_with('aliases: ["Hub\\u2028Engineers"]'),
    "relation label with a paragraph separator": BASE.replace(
        "label: oversees", 'label: "over\\u2029sees"'),
    "group name with an escape": BASE.replace("{name: Service Provider}",
                                              '{name: "Service\\x1bProvider"}'),
    "section title with a carriage return": role_with(
        'sections:\n  - {title: "Term\\rlimits", text: x}'),
    "person name with a next-line character": PEOPLE.replace(
        "{name: Ada}", '{name: "Ada\\u0085aliases: x"}') + BASE,
    "affiliation with a carriage return": PEOPLE.replace(
        "{name: Ada}", '{name: Ada, affiliation: "Org\\r---"}') + BASE,
    "term name with a carriage return": BASE + 'terms:\n  "Hub\\rCommunity": x\n',
    "url with a control character": role_with('url: "https://example.org/\\x01"'),
}

# Invalid files whose problem needs more than one place of the file, or YAML that PyYAML's
# safe loader silently accepts: JSON Schema cannot say so, the loader does.
BEYOND_SCHEMA = {
    "undeclared group": role_with("group: volunteers"),
    "undeclared relation type": role_with("relations:\n  mentors: [hub-administrator]"),
    "relation target that is no role": role_with("relations:\n  oversees: [hub-admin]"),
    "two roles with one name": BASE.replace("name: Hub Administrator", "name: Hub Engineer"),
    "an alias that is another role's name": role_with("aliases: [Hub Administrator]"),
    "duplicate role": BASE + "  hub-engineer:\n    name: Again\n    summary: Again.\n",
    "duplicate field": role_with("summary: Twice."),
    "replaced by an undeclared role": role_with("status: retired\nreplaced-by: nobody"),
    "replaced by itself": role_with("status: retired\nreplaced-by: hub-engineer"),
    "replaced by a retired role": role_with(
        "status: retired\nreplaced-by: hub-administrator").replace(
            "    summary: Supports users.\n",
            "    summary: Supports users.\n    status: retired\n"),
    "relation entry to an undeclared role": role_with("relations:\n  oversees:\n"
                                                      "    - {role: nobody, note: x}"),
    "the same target in both forms": role_with("relations:\n  oversees:\n"
                                               "    - hub-administrator\n"
                                               "    - {role: hub-administrator, note: x}"),
    "kind of itself": role_with("kind-of: hub-engineer"),
    "kinds in a circle": role_with("kind-of: hub-administrator").replace(
        "    summary: Supports users.\n", "    summary: Supports users.\n"
        "    kind-of: hub-engineer\n"),
    "kind of an undeclared role": role_with("kind-of: nobody"),
    "a move to an undeclared role": PEOPLE + role_with(
        "holders:\n  - {person: ada, until: 2024-01-01, moved-to: nobody}"),
    "a body of two groups": BASE.replace("{name: Service Provider}",
                                         "{name: Service Provider, role: hub-engineer}")
                                .replace("{name: Hub Community}",
                                         "{name: Hub Community, role: hub-engineer}"),
    "a body in another group": BASE.replace(
        "{name: Service Provider}", "{name: Service Provider, role: hub-engineer}").replace(
        "    summary: Operates the hub.\n", "    summary: Operates the hub.\n"
        "    group: community\n"),
    "max below min": role_with("seats: {min: 3, max: 2}"),
    "seats with a share above one": role_with("seats: {per-affiliation: 5/4}"),
    "slots out of order": PEOPLE + role_with(
        "rotation: {slots: [{date: 2026-02-01, person: ada}, {date: 2026-01-01, person: bo}]}"),
    "a slot's person not among its people": PEOPLE + role_with(
        "rotation: {slots: [{date: 2026-01-01, organization: X, people: [bo], person: ada}]}"),
    # Editors' YAML (1.2) reads an unquoted 2024-01-01 as text, and so the schema; PyYAML
    # reads a date, which the loader refuses as a name, asking for quotes.
    "name is a date": "roles:\n  a: {name: 2024-01-01, summary: S}\n",
    # Private-use and unassigned code points change with the version of Unicode: the loader
    # refuses them in one line of text, the schema's patterns cannot list them.
    "name with a private-use character": BASE.replace("name: Hub Engineer",
                                                      'name: "Hub\\ue000Engineer"'),
    "name with an unassigned code point": BASE.replace("name: Hub Engineer",
                                                       'name: "Hub\\u0378Engineer"'),
}


def load_with_loader(tmp_path: Path, text: str):
    path = tmp_path / "roles.yaml"
    path.write_text(text, encoding="utf-8")
    return load_roles(path)


class EditorLoader(yaml.SafeLoader):
    """YAML as editors' YAML support reads it for the schema: an unquoted date is text (YAML
    1.2), where PyYAML's safe loader (YAML 1.1) makes it a date object."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def schema_errors(validator, text: str) -> list[str]:
    instance = yaml.load(text, Loader=EditorLoader)  # noqa: S506 (a SafeLoader)
    return [error.message for error in validator.iter_errors(instance)]


@pytest.mark.parametrize("text", VALID, ids=range(len(VALID)))
def test_valid_examples_pass_loader_and_schema(tmp_path, validator, text):
    load_with_loader(tmp_path, text)
    assert schema_errors(validator, text) == []


@pytest.mark.parametrize("name", INVALID)
def test_invalid_examples_fail_loader_and_schema(tmp_path, validator, name):
    with pytest.raises(RolesFileError):
        load_with_loader(tmp_path, INVALID[name])
    assert schema_errors(validator, INVALID[name]) != []


@pytest.mark.parametrize("name", BEYOND_SCHEMA)
def test_problems_beyond_a_schema_fail_the_loader_only(tmp_path, validator, name):
    # If the schema learns to catch one of these, move it to INVALID.
    with pytest.raises(RolesFileError):
        load_with_loader(tmp_path, BEYOND_SCHEMA[name])
    assert schema_errors(validator, BEYOND_SCHEMA[name]) == []


def test_the_seed_handbook_roles_pass_both(tmp_path, validator):
    text = SEED_ROLES
    load_with_loader(tmp_path, text)
    assert schema_errors(validator, text) == []


# The roles of the seed page, written as roles.yaml (shared with the command line tests).
SEED_ROLES = """\
# yaml-language-server: $schema=roles.schema.json
relations:
  oversees: {label: oversees, inverse: overseen by}
  adds: {label: adds, inverse: added by}
  escalates-to: {label: escalates to, inverse: receives escalations from}
groups:
  community:
    name: Hub Community
    description: The community of practice that a hub serves.
  provider:
    name: Service Provider
roles:
  community-representative:
    name: Community Representative
    aliases: [Community Representatives]
    group: community
    summary: >-
      Ensures that the interests of the {term}`Hub Community` are represented in the
      infrastructure, and that the hub serves their needs.
    count: one or two per community
    filled-by: a member of the hub's community of practice
    responsibilities:
      - The main point of contact between the hub engineer and the {term}`Hub Community`.
      - Collect feedback and questions from users on a hub.
      - Oversee the [Hub Administrators](roles:hub-administrator)
    relations:
      oversees: [hub-administrator]
      escalates-to: [hub-engineer]
  hub-administrator:
    name: Hub Administrator
    aliases: [Hub Administrators]
    group: community
    summary: Supports users and performs common administrative operations on a hub.
    see-also:
      - "[Community Hub Administrator documentation](https://docs.2i2c.org)"
    admonitions:
      - kind: warning
        text: |
          Make sure to give this role to people you trust, as they can perform disruptive
          actions for other users.
    responsibilities:
      - Provide support to users of a hub for common problems.
      - Surface major issues to the [](roles:community-representative).
    relations:
      adds: [hub-administrator]
  hub-engineer:
    name: Hub Engineer
    aliases: [Hub Engineers]
    group: provider
    summary: Develops and operates the deployment infrastructure for a hub.
    responsibilities:
      - Respond to support requests from the Community Representative(s)
terms:
  Hub Community: The community of practice that a hub serves.
"""


# -- the loader's own corpus of bad files -----------------------------------------------------

def loader_cases() -> dict[str, str]:
    from test_loader import CASES

    return {name: textwrap.dedent(text).lstrip("\n") for name, (text, _) in CASES.items()}


# Cases of tests/test_loader.py that no JSON Schema can catch (duplicate keys vanish when YAML
# is read into data; the others need to compare two places of the file).
LOADER_CASES_BEYOND_SCHEMA = {
    "duplicate role", "duplicate field", "duplicate top-level key", "duplicate in flow mapping",
    "undeclared group", "undeclared relation type", "undeclared relation target", "shared name",
    "replaced by itself", "replaced by an unknown role", "replaced by a retired role",
    "relation entry to an unknown role", "the same target in both forms",
}


@pytest.mark.parametrize("name", loader_cases())
def test_the_loader_corpus_fails_the_schema_where_a_schema_can_tell(validator, name):
    text = loader_cases()[name]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return  # not YAML data at all (syntax, tags, two documents): editors flag it as such
    errors = [error.message for error in validator.iter_errors(data)]
    if name in LOADER_CASES_BEYOND_SCHEMA:
        assert errors == [], "the schema now catches this case: take it out of the set"
    else:
        assert errors, (f"the schema accepts the loader's bad case {name!r}; make the schema "
                        "stricter or add the case to LOADER_CASES_BEYOND_SCHEMA")


def test_a_rotations_start_and_days_have_the_loaders_bounds(tmp_path, validator):
    """The schema's pattern for a rotation's start takes fields.LATEST_START and no later day,
    and its days stop at fields.MAX_SHIFT_DAYS, as the loader does."""
    def rotation(start: str, every: int) -> str:
        return (PEOPLE + role_with(f"rotation: {{pool: [ada], every: {every}, "
                                   f"start: '{start}'}}"))

    last, after = F.LATEST_START, F.LATEST_START + timedelta(days=1)
    load_with_loader(tmp_path, rotation(str(last), F.MAX_SHIFT_DAYS))
    assert schema_errors(validator, rotation(str(last), F.MAX_SHIFT_DAYS)) == []
    for text in (rotation(str(after), 7), rotation(str(last), F.MAX_SHIFT_DAYS + 1)):
        with pytest.raises(RolesFileError):
            load_with_loader(tmp_path, text)
        assert schema_errors(validator, text) != []


def test_items_nest_as_deep_as_the_loader_allows_and_no_deeper():
    """Items take sub-items down to F.MAX_ITEM_DEPTH levels; the deepest item has no `items`."""
    defs = build_schema()["$defs"]
    deepest = defs[f"item-{F.MAX_ITEM_DEPTH}"]
    assert list(deepest["properties"]) == ["text"]
    assert f"item-{F.MAX_ITEM_DEPTH + 1}" not in defs
