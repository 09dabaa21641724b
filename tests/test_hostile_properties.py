"""Property-based tests: whatever bytes roles.yaml holds, the loader returns a model or raises
RolesFileError with problems at lines of the file; no other exception escapes.

Inputs come from four generators: documents shaped like roles.yaml (valid and not, dumped as
YAML in several styles and as JSON), random edits of a real roles.yaml, random text over an
alphabet dense in YAML syntax, and random bytes. Then, for classes of hostile input found by
review: ids around and far past the length cap, every encoding with and without a byte order
mark, terms that respell roles' names, and CSV cells that start formulas. Example counts keep
the module well under 30 seconds on an idle machine.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import string
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_hubroles.core import yamlsource
from sphinx_hubroles.core.export import FORMULA_STARTS, to_csv
from sphinx_hubroles.core.lines import LineIndex, breaks_in, editor_lines
from sphinx_hubroles.core.loader import BYTE_ORDER_MARKS, parse_roles
from sphinx_hubroles.core.model import Item, Role, RolesFile, Text
from sphinx_hubroles.core.problems import RolesFileError
from sphinx_hubroles.core.values import MAX_ID_LENGTH

PATH = Path("roles.yaml")
TEAM = (FIXTURES / "team.yaml").read_text(encoding="utf-8")
# Problems without a line are about the whole file, and only these are.
WHOLE_FILE = ("is empty; ", "is saved as UTF-16; ", "is saved as UTF-32; ", "and ")

SETTINGS = dict(deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(data: bytes) -> RolesFile | RolesFileError:
    """Load `data`; the model, or the project's own error with well-formed problems."""
    try:
        return parse_roles(data, PATH)
    except RolesFileError as error:
        assert error.problems, "an error with no problem in it"
        # Lines as an editor counts them: NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, which
        # YAML 1.1 also ends a line at, end none (core/lines.py).
        last_line = len(editor_lines(data.decode("utf-8", "replace"))) + 1
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


# -- lines --------------------------------------------------------------------------------------

WORDS = st.from_regex(r"[A-Za-z][A-Za-z .,]{0,12}", fullmatch=True)
# What ends a line inside a text: for YAML 1.1, each of them; for an editor, the first three.
TEXT_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])


@st.composite
def texts_with_breaks(draw, indent: str) -> str:
    """Words on YAML lines, ended by any of YAML's line breaks, each line after the first
    indented by `indent`."""
    words = draw(st.lists(WORDS, min_size=1, max_size=4))
    return "".join(word + (draw(TEXT_BREAKS) + indent if number < len(words) - 1 else "")
                   for number, word in enumerate(words))


@settings(max_examples=200, **SETTINGS)
@given(st.sampled_from(["\n", "\r\n", "\r"]), texts_with_breaks(" " * 6),
       texts_with_breaks(" " * 6), texts_with_breaks(" " * 6))
def test_problems_after_nel_ls_and_ps_are_at_the_line_an_editor_shows(
        end, description, summary, plain):
    """A NEL, LS or PS in a `|` text, a quoted text or a plain one ends a line for YAML, not
    for an editor: the problems after them are at the line that an editor (and `grep -n`,
    where lines end with "\n") shows."""
    text = end.join([
        "relations:", "  oversees: {label: oversees}", "roles:", "  lead:", "    name: Lead",
        f'    summary: "{summary}"', "    description: |", f"      {description}",
        f"    count: {plain}", "    bogus: 1", "    relations:", "      oversees:",
        "        - nobody", ""])
    lines = editor_lines(text)
    result = check(text.encode("utf-8"))
    assert isinstance(result, RolesFileError)
    assert [(problem.line, problem.message.split(";")[0]) for problem in result.problems] == [
        (lines.index("    bogus: 1") + 1, "unknown key 'bogus' in role 'lead'"),
        (lines.index("        - nobody") + 1,
         "'oversees' of role 'lead' names 'nobody', which is not a role under 'roles'")]


@st.composite
def team_with_breaks(draw) -> str:
    """The fixture roles.yaml with some of its line feeds (and none of its indentation)
    replaced by other line breaks."""
    lines = TEAM.split("\n")
    return "".join(line + (draw(TEXT_BREAKS) if draw(st.integers(0, 3)) == 0 else "\n")
                   for line in lines[:-1])


def all_nodes(node):
    yield node
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from all_nodes(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from all_nodes(key)
            yield from all_nodes(value)


@settings(max_examples=200, **SETTINGS)
@given(st.one_of(team_with_breaks(), documents().map(lambda doc: dumped(doc, "block").decode())))
def test_every_marks_line_and_column_is_an_editors(text):
    """LineIndex places each mark, from YAML's line and column, where counting the editor's
    line breaks before the mark's offset places it, for both parsers."""
    lines = LineIndex(text)
    loaders = [yaml.SafeLoader] + ([yaml.CSafeLoader] if yamlsource._FastLoader else [])
    for loader in loaders:
        try:
            root = yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            continue
        for node in all_nodes(root) if root is not None else ():
            mark = node.start_mark
            line = breaks_in(text, 0, mark.index) + 1
            start = max(text.rfind("\n", 0, mark.index), text.rfind("\r", 0, mark.index)) + 1
            assert (lines.line(mark), lines.column(mark)) == (line, mark.index - start + 1)


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


# -- the two YAML parsers -----------------------------------------------------------------------

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


def same_nodes(ours, theirs) -> bool:
    """Two composed node trees alike in kind, tag, value, style and place."""
    if isinstance(ours, yamlsource._Alias):  # PyYAML hands back the anchored node itself
        ours = ours.node
    if type(ours) is not type(theirs) or ours.tag != theirs.tag or (
            ours.start_mark.line, ours.start_mark.column, ours.end_mark.line) != (
            theirs.start_mark.line, theirs.start_mark.column, theirs.end_mark.line):
        return False
    if isinstance(ours, yaml.ScalarNode):
        return (ours.value, ours.style) == (theirs.value, theirs.style)
    if len(ours.value) != len(theirs.value):
        return False
    if isinstance(ours, yaml.SequenceNode):
        return all(same_nodes(a, b) for a, b in zip(ours.value, theirs.value, strict=True))
    return all(same_nodes(a, b) for pair in zip(ours.value, theirs.value, strict=True)
               for a, b in zip(*pair, strict=True))


@settings(max_examples=200, **SETTINGS)
@given(st.one_of(edited_team(), documents().map(lambda doc: dumped(doc, "flow")),
                 documents().map(lambda doc: dumped(doc, "block"))))
def test_our_composer_builds_the_nodes_pyyamls_would(data):
    """yamlsource composes most scalars itself (faster than PyYAML's composer): the node tree
    is the one PyYAML composes from the same parser's events, libyaml's or PyYAML's own."""
    text = data.decode("utf-8", "replace")
    pairs = [(yamlsource._Loader, yaml.SafeLoader)]
    if yamlsource._FastLoader is not None:
        pairs.append((yamlsource._FastLoader, yaml.CSafeLoader))
    for ours_class, theirs_class in pairs:
        try:
            theirs = yaml.compose(text, Loader=theirs_class)
        except yaml.YAMLError:
            continue
        loader = ours_class(text)
        try:
            ours = loader.get_single_node()
        finally:
            loader.dispose()
        assert (ours is None) == (theirs is None)
        assert ours is None or same_nodes(ours, theirs)


# -- ids of any length --------------------------------------------------------------------------

def ids_of_any_length(min_size: int = 0) -> st.SearchStrategy[list[str]]:
    """Valid ids, most of them around the 100-character cap, some far past it."""
    length = st.one_of(st.integers(1, 10), st.integers(95, 105), st.integers(106, 1000))
    word = length.flatmap(lambda n: st.text("abcxyz0129", min_size=n, max_size=n))
    return st.lists(word, min_size=min_size, max_size=3, unique=True)


@settings(max_examples=100, **SETTINGS)
@given(ids_of_any_length(), ids_of_any_length(), ids_of_any_length(min_size=1),
       st.sampled_from(["block", "flow"]))
def test_ids_past_the_cap_are_refused_at_their_line(relations, groups, roles, style):
    """An id of more than MAX_ID_LENGTH characters is refused at its own line, whichever
    mapping it is in and however YAML writes it (past 128 characters, as an explicit `? key`);
    ids up to the cap load."""
    doc = {"relations": {r: {"label": "x"} for r in relations},
           "groups": {g: {"name": "G"} for g in groups},
           "roles": {r: {"name": f"Role {i}", "summary": "x"} for i, r in enumerate(roles)}}
    data = dumped(doc, style)
    too_long = sorted((key, len(i)) for key, ids in (("relations", relations),
                                                     ("groups", groups), ("roles", roles))
                      for i in ids if len(i) > MAX_ID_LENGTH)
    result = check(data)
    if not too_long:
        assert isinstance(result, RolesFile), result
        assert list(result.roles) == roles
        return
    assert isinstance(result, RolesFileError)
    lines = data.decode().splitlines()
    found = []
    for problem in result.problems:
        match = re.fullmatch(r"'(\w+)…' is ([\d,]+) characters long, too long for an id in "
                             rf"'(\w+)': ids are limited to {MAX_ID_LENGTH} characters",
                             problem.message)
        assert match, problem
        assert match[1] in lines[problem.line - 1], (problem, style)  # at the id's own line
        found.append((match[3], int(match[2].replace(",", ""))))
    assert sorted(found) == too_long


# -- encodings ----------------------------------------------------------------------------------

ENCODINGS = {
    # name: (bytes of a text, what the loader says; None: it loads)
    "UTF-8": (lambda text: text.encode("utf-8"), None),
    "UTF-8 with BOM": (lambda text: text.encode("utf-8-sig"), None),
    "UTF-16 LE with BOM": (lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
                           "-: is saved as UTF-16; save it as UTF-8"),
    "UTF-16 BE with BOM": (lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
                           "-: is saved as UTF-16; save it as UTF-8"),
    "UTF-32 LE with BOM": (lambda text: b"\xff\xfe\x00\x00" + text.encode("utf-32-le"),
                           "-: is saved as UTF-32; save it as UTF-8"),
    "UTF-32 BE with BOM": (lambda text: b"\x00\x00\xfe\xff" + text.encode("utf-32-be"),
                           "-: is saved as UTF-32; save it as UTF-8"),
    "UTF-16 LE": (lambda text: text.encode("utf-16-le"), "UTF-16"),
    "UTF-16 BE": (lambda text: text.encode("utf-16-be"), "UTF-16"),
    "UTF-32 LE": (lambda text: text.encode("utf-32-le"), "UTF-32"),
    "UTF-32 BE": (lambda text: text.encode("utf-32-be"), "UTF-32"),
}


@settings(max_examples=60, **SETTINGS)
@given(valid_documents(), st.sampled_from(sorted(ENCODINGS)), st.sampled_from(["block", "json"]))
def test_every_encoding_is_named(doc, encoding, style):
    """A valid file saved in UTF-8 loads, with or without a byte order mark. Saved as UTF-16 or
    UTF-32, the whole file is refused, naming its encoding; without a byte order mark, at the
    first NUL byte, with the encoding in a hint."""
    encode, says = ENCODINGS[encoding]
    result = check(encode(dumped(doc, style).decode("utf-8")))
    if says is None:
        assert isinstance(result, RolesFile), result
    elif says.startswith("-: "):
        assert [f"{p.line or '-'}: {p.message}" for p in result.problems] == [says]
    else:
        assert isinstance(result, RolesFileError)
        assert result.problems[0].message.endswith(
            f"(a file full of them is saved as {says}: save it as UTF-8)"), result.problems


@settings(max_examples=300, **SETTINGS)
@given(st.sampled_from([mark for mark, _ in BYTE_ORDER_MARKS]), st.binary(max_size=100))
def test_any_bytes_after_a_byte_order_mark(mark, rest):
    """UTF-32-LE's mark starts with UTF-16-LE's: whatever follows, the longer mark wins."""
    result = check(mark + rest)
    named = "UTF-32" if (mark + rest).startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) \
        else "UTF-16"
    assert [p.message for p in result.problems] == [f"is saved as {named}; save it as UTF-8"]


# -- terms spelled like roles' names ------------------------------------------------------------

def respelled(word: str) -> st.SearchStrategy[str]:
    """`word` with the case of each letter chosen at random."""
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda upper: "".join(c.upper() if u else c.lower() for c, u in zip(word, upper,
                                                                          strict=True)))


@st.composite
def roles_and_terms(draw) -> tuple[dict, dict[str, str]]:
    """A valid file whose terms are fresh words or respellings of roles' names and aliases;
    returns it and, for each term that repeats one, the message the loader must give."""
    words = draw(st.lists(st.text(string.ascii_letters, min_size=1, max_size=8),
                          min_size=2, max_size=8, unique_by=str.lower))
    roles, owners = {}, {}
    # Aliases come from the words that are no role's name (a made-up "x" could be one, in
    # another case, and the file is then refused for that).
    spare = words[len(words) // 2 + 1:]
    for index, word in enumerate(words[: len(words) // 2 + 1]):
        name, *aliases = word, *(draw(st.lists(st.sampled_from(spare), max_size=1))
                                 if spare else [])
        aliases = [a for a in aliases if a.lower() not in owners]
        roles[f"r{index}"] = {"name": name, "summary": "x", "aliases": aliases}
        owners[name.lower()] = (f"r{index}", "the name")
        owners.update((a.lower(), (f"r{index}", "an alias")) for a in aliases)
    terms, expected = {}, {}
    for word in draw(st.lists(st.sampled_from(words), max_size=4, unique_by=str.lower)):
        term = draw(respelled(word))
        terms[term] = "A definition."
        if word.lower() in owners:
            expected[term] = owners[word.lower()]
    return {"roles": roles, "terms": terms}, expected


@settings(max_examples=200, **SETTINGS)
@given(roles_and_terms())
def test_a_term_that_repeats_a_roles_name_or_alias_is_refused(case):
    doc, expected = case
    data = dumped(doc, "block")
    lines = data.decode().splitlines()
    assert isinstance(parse_roles(data, PATH, role_terms=False), RolesFile)
    try:
        model = parse_roles(data, PATH)
    except RolesFileError as error:
        found = {}
        for problem in error.problems:
            match = re.fullmatch(r"term '(\w+)' is (the name|an alias) of role '(r\d+)' \(line "
                                 r"(\d+)\), which is already a glossary term; remove the term "
                                 "or rename it", problem.message)
            assert match, problem
            assert lines[problem.line - 1].lstrip(" '\"").startswith(match[1])
            assert lines[int(match[4]) - 1] == f"  {match[3]}:"
            found[match[1]] = (match[3], match[2])
        assert found == expected
    else:
        assert not expected
        assert list(model.terms) == list(doc["terms"])


# -- CSV export and formulas --------------------------------------------------------------------

FORMULA_TEXT = st.tuples(st.sampled_from(["", "", *FORMULA_STARTS[:4], "=cmd|", "@@", "-+"]),
                         NICE_TEXT).map("".join)


def parsed_csv(model: RolesFile) -> list[list[str]]:
    return list(csv.reader(io.StringIO(to_csv(model))))


def assert_safe(cell: str, written: str) -> None:
    """No cell starts a formula; a quoted one is the text as written after its quote."""
    assert not cell.startswith(FORMULA_STARTS), cell
    assert cell == (f"'{written}" if written.startswith(FORMULA_STARTS) else written)


@settings(max_examples=200, **SETTINGS)
@given(st.lists(st.tuples(FORMULA_TEXT, st.lists(FORMULA_TEXT, max_size=3)), min_size=1,
                max_size=4, unique_by=lambda role: role[0].strip().lower()))
def test_csv_cells_never_start_a_formula(roles):
    """Through the loader and back: names and responsibilities that start with =, +, - or @
    are quoted in the CSV, and every other cell is as written. A role is one row, its
    responsibilities one cell, one per line: the cell's start is what a spreadsheet reads."""
    doc = {"roles": {f"r{i}": {"name": name, "summary": "x", "responsibilities": duties}
                     for i, (name, duties) in enumerate(roles)}}
    model = check(dumped(doc, "block"))
    assert isinstance(model, RolesFile), model
    rows = parsed_csv(model)
    # The responsibilities are the eighth column, as in the first releases.
    assert rows[0][:2] == ["role id", "role name"] and rows[0][7] == "responsibilities"
    expected = [(f"r{i}", name.strip(), "\n".join(duty.strip() for duty in duties))
                for i, (name, duties) in enumerate(roles)]
    assert len(rows) == len(expected) + 1
    for row, written in zip(rows[1:], expected, strict=True):
        for cell, text in zip((*row[:2], row[7]), written, strict=True):
            assert_safe(cell, text)


@settings(max_examples=200, **SETTINGS)
@given(st.tuples(st.sampled_from(FORMULA_STARTS), st.text(max_size=10)).map("".join),
       st.text(max_size=10))
def test_csv_cells_starting_with_tab_or_carriage_return(first, responsibility):
    """Tabs and carriage returns cannot start a name in roles.yaml (names are stripped), but
    the export does not rely on that."""
    role = Role(id="r", name=first, summary=Text(first, 1), line=1,
                responsibilities=(Item(Text(responsibility, 1)),))
    rows = parsed_csv(RolesFile(PATH, roles={"r": role}))
    assert_safe(rows[1][1], first)
    assert_safe(rows[1][5], first)  # the summary
    assert_safe(rows[1][7], responsibility)
