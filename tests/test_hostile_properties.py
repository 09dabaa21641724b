"""Property-based tests: whatever bytes roles.yaml holds, the loader returns a model or raises
RolesFileError with problems at lines of the file; no other exception escapes.

Inputs come from four generators: documents shaped like roles.yaml (valid and not, dumped as
YAML in several styles and as JSON), random edits of a real roles.yaml, random text over an
alphabet dense in YAML syntax, and random bytes. Example counts keep the module well under
30 seconds.
"""

from __future__ import annotations

import datetime
import json
import string
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_hubroles.core import yamlsource
from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.core.model import RolesFile
from sphinx_hubroles.core.problems import RolesFileError

PATH = Path("roles.yaml")
TEAM = (FIXTURES / "team.yaml").read_text(encoding="utf-8")
# Problems without a line are about the whole file, and only these are.
WHOLE_FILE = ("is empty; ", "is saved as UTF-16; ", "and ")

SETTINGS = dict(deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(data: bytes) -> RolesFile | RolesFileError:
    """Load `data`; the model, or the project's own error with well-formed problems."""
    try:
        return parse_roles(data, PATH)
    except RolesFileError as error:
        assert error.problems, "an error with no problem in it"
        last_line = data.count(b"\n") + data.count(b"\r") + 2
        for problem in error.problems:
            if problem.line is None:
                assert problem.message.startswith(WHOLE_FILE), problem
            else:
                assert 1 <= problem.line <= last_line, problem
            # One line each, and nothing invisible or terminal-controlling from the file.
            assert problem.message and problem.message.isprintable(), problem
        assert len(error.problems) == len(set(error.problems)), "a problem reported twice"
        return error


# -- documents shaped like roles.yaml ----------------------------------------------------------

ID = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
BAD_ID = st.sampled_from(["Hub", "a_b", "a--b", "-a", "a-", "", "café", "1 2"])
TEXTY = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
NICE_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " .,'()-", min_size=1,
                    max_size=30).filter(str.strip)
SCALAR = st.one_of(
    TEXTY, NICE_TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.sampled_from(["no", "yes", "on", "off", "~", "null", "1e3", "0x1F", ".inf", "[x]",
                     "*x", "&x", "!x", "# x", "<script>", "a: b", "\t", "\\ud800"]),
)
ANY = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.one_of(TEXTY, ID), inner, max_size=3)),
    max_leaves=8)
ROLE_KEYS = ["name", "aliases", "group", "summary", "count", "filled-by", "description",
             "responsibilities", "see-also", "admonitions", "relations", "sumary", "colour"]


def maybe(good, bad=ANY):
    """Mostly the right kind of value, sometimes anything at all."""
    return st.one_of(good, good, good, bad)


@st.composite
def documents(draw) -> dict:
    relation_ids = draw(st.lists(maybe(ID, BAD_ID), max_size=3, unique=True))
    group_ids = draw(st.lists(maybe(ID, BAD_ID), max_size=3, unique=True))
    role_ids = draw(st.lists(maybe(ID, BAD_ID), min_size=1, max_size=5, unique=True))
    some_id = st.sampled_from([*relation_ids, *group_ids, *role_ids, "nobody"])
    doc: dict = {}
    if draw(st.booleans()):
        doc["relations"] = {rid: draw(maybe(st.fixed_dictionaries(
            {"label": maybe(NICE_TEXT)}, optional={"inverse": maybe(NICE_TEXT)})))
            for rid in relation_ids}
    if draw(st.booleans()):
        doc["groups"] = {gid: draw(maybe(st.fixed_dictionaries(
            {"name": maybe(NICE_TEXT)}, optional={"description": maybe(TEXTY)})))
            for gid in group_ids}
    roles = {}
    for role_id in role_ids:
        role = {}
        for key in draw(st.lists(st.sampled_from(ROLE_KEYS), max_size=8, unique=True)):
            if key == "relations":
                role[key] = draw(maybe(st.dictionaries(
                    maybe(st.sampled_from(relation_ids or ["x"]), BAD_ID),
                    maybe(st.lists(maybe(some_id), max_size=3)), max_size=2)))
            elif key == "group":
                role[key] = draw(maybe(some_id))
            elif key in ("aliases", "responsibilities", "see-also"):
                role[key] = draw(maybe(st.lists(maybe(NICE_TEXT), max_size=3)))
            elif key == "admonitions":
                role[key] = draw(maybe(st.lists(maybe(st.fixed_dictionaries(
                    {"kind": maybe(st.sampled_from(["note", "warning", "warn"])),
                     "text": maybe(NICE_TEXT)})), max_size=2)))
            else:
                role[key] = draw(maybe(NICE_TEXT))
        roles[role_id] = role
    doc["roles"] = draw(maybe(st.just(roles)))
    if draw(st.booleans()):
        doc["terms"] = draw(maybe(st.dictionaries(maybe(NICE_TEXT, TEXTY), maybe(TEXTY),
                                                  max_size=3)))
    if draw(st.integers(0, 9)) == 0:
        doc[draw(TEXTY)] = draw(ANY)
    return doc


def dumped(doc, style: str) -> bytes:
    if style == "json":
        return json.dumps(doc, default=str, ensure_ascii=False).encode()
    return yaml.safe_dump(doc, default_flow_style={"block": False, "flow": True}.get(style),
                          allow_unicode=style != "ascii", sort_keys=False,
                          width=40 if style == "narrow" else 80).encode()


@settings(max_examples=200, **SETTINGS)
@given(documents(), st.sampled_from(["block", "flow", "mixed", "ascii", "narrow", "json"]))
def test_documents_shaped_like_roles_yaml(doc, style):
    check(dumped(doc, style))


@st.composite
def valid_documents(draw) -> dict:
    relations = draw(st.lists(ID, max_size=3, unique=True))
    groups = draw(st.lists(ID, max_size=3, unique=True))
    role_ids = draw(st.lists(ID, min_size=1, max_size=6, unique=True))
    names = draw(st.lists(NICE_TEXT.map(str.strip), min_size=len(role_ids),
                          max_size=len(role_ids), unique_by=str.lower))
    roles = {}
    for role_id, name in zip(role_ids, names, strict=True):
        role = {"name": name, "summary": draw(NICE_TEXT)}
        if groups and draw(st.booleans()):
            role["group"] = draw(st.sampled_from(groups))
        if relations:
            role["relations"] = draw(st.dictionaries(
                st.sampled_from(relations), st.lists(st.sampled_from(role_ids), unique=True),
                max_size=2))
        roles[role_id] = role
    return {"relations": {r: {"label": r.replace("-", " ")} for r in relations},
            "groups": {g: {"name": g.upper()} for g in groups}, "roles": roles}


@settings(max_examples=100, **SETTINGS)
@given(valid_documents(), st.sampled_from(["block", "flow", "json"]))
def test_valid_documents_load_as_written(doc, style):
    model = check(dumped(doc, style))
    assert isinstance(model, RolesFile), model
    assert list(model.roles) == list(doc["roles"])
    for role_id, role in doc["roles"].items():
        loaded = model.roles[role_id]
        assert (loaded.name, loaded.summary.source, loaded.group) == (
            role["name"], role["summary"].strip(), role.get("group"))
        assert dict(loaded.relations) == {rel: tuple(targets) for rel, targets
                                          in role.get("relations", {}).items()}


# -- text ---------------------------------------------------------------------------------------

YAML_SYNTAX = ":-[]{},#&*!|>'\"%@`?<\\ \n\t\r~"


@settings(max_examples=1000, **SETTINGS)
@given(st.text(alphabet=st.one_of(
    st.sampled_from(YAML_SYNTAX), st.sampled_from("roles name summary relations groups terms"),
    st.characters(codec="utf-8", exclude_categories=["Cs"])), max_size=200))
def test_random_text(text):
    check(text.encode("utf-8"))


@st.composite
def edited_team(draw) -> bytes:
    """The fixture roles.yaml with a few random edits: characters inserted, deleted or
    replaced, lines duplicated, dropped, swapped or re-indented."""
    lines = TEAM.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "drop",
                                     "swap", "indent", "dedent"]))
        line = lines[i]
        j = draw(st.integers(0, max(0, len(line) - 1)))
        char = draw(st.one_of(st.sampled_from(YAML_SYNTAX), st.characters(codec="utf-8")))
        if edit == "insert":
            lines[i] = line[:j] + char + line[j:]
        elif edit == "delete":
            lines[i] = line[:j] + line[j + 1:]
        elif edit == "replace":
            lines[i] = line[:j] + char + line[j + 1:]
        elif edit == "duplicate":
            lines.insert(i, line)
        elif edit == "drop" and len(lines) > 1:
            del lines[i]
        elif edit == "swap":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        elif edit == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + line
        elif edit == "dedent":
            lines[i] = line[min(len(line) - len(line.lstrip(" ")), 2):]
    return "".join(lines).encode("utf-8", "surrogatepass")


@settings(max_examples=500, **SETTINGS)
@given(edited_team())
def test_random_edits_of_a_real_file(data):
    check(data)


@settings(max_examples=500, **SETTINGS)
@given(st.one_of(st.binary(max_size=200),
                 st.binary(max_size=50).map(lambda b: TEAM.encode()[:300] + b)))
def test_random_bytes(data):
    check(data)


# -- scale --------------------------------------------------------------------------------------

def many_roles(count: int) -> str:
    """roles.yaml with `count` roles, each in a group and related to the next ten."""
    head = ("relations:\n  oversees: {label: oversees, inverse: overseen by}\n"
            "groups:\n" + "".join(f"  g{g}: {{name: Group {g}}}\n" for g in range(10)))
    def targets(i: int) -> str:
        return ", ".join(f"role-{(i + k) % count}" for k in range(1, 11))

    roles = "".join(
        f"  role-{i}:\n    name: Role {i}\n    group: g{i % 10}\n"
        f"    summary: Does the work of role {i}, see [the next](roles:role-{(i + 1) % count}).\n"
        f"    responsibilities: [One thing., Another thing.]\n"
        f"    relations: {{oversees: [{targets(i)}]}}\n"
        for i in range(count))
    return head + "roles:\n" + roles


def test_ten_thousand_roles_load():
    model = parse_roles(many_roles(10_000).encode(), PATH)
    assert len(model.roles) == 10_000
    assert len(model.edges()) == 100_000


# -- the two YAML parsers ------------------------------------------------------------------------

def pure_parse(data: bytes):
    """Load with PyYAML's own parser only, as an installation without libyaml would."""
    fast, yamlsource._FastLoader = yamlsource._FastLoader, None
    try:
        return check(data)
    finally:
        yamlsource._FastLoader = fast


@pytest.mark.skipif(yamlsource._FastLoader is None, reason="PyYAML without libyaml")
@settings(max_examples=200, **SETTINGS)
@given(st.one_of(edited_team(), documents().map(lambda doc: dumped(doc, "flow"))))
def test_libyaml_and_pyyaml_agree(data):
    """With libyaml the loader composes from libyaml's events, else from PyYAML's own parser.
    Whatever PyYAML's parser reads, the libyaml path reads the same; problems are reported
    the same. (libyaml accepts a few plain values PyYAML refuses, such as 'a?b' in a flow
    list: such a file loads where libyaml is installed, and gets a clear message elsewhere.)"""
    pure, fast = pure_parse(data), check(data)
    if isinstance(pure, RolesFile):
        assert isinstance(fast, RolesFile), fast
        assert (fast.roles, fast.relations, fast.groups, fast.terms) == (
            pure.roles, pure.relations, pure.groups, pure.terms)
        assert [r.line for r in fast.roles.values()] == [r.line for r in pure.roles.values()]
    elif isinstance(fast, RolesFileError) and not any(
            p.message.startswith("YAML syntax error") for p in pure.problems):
        assert fast.lines() == pure.lines()
