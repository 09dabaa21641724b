"""Alias bombs, deep nesting and files with thousands of mistakes are refused with a clear
message, in memory proportional to the file (measured with tracemalloc; no timings here)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.core.problems import MAX_PROBLEMS, RolesFileError

PATH = Path("roles.yaml")
ROLE = "roles:\n  a:\n    name: A\n    summary: x\n"


def load(text: str, measure: bool = True):
    """(model or error, peak bytes of memory allocated while loading, if measured)."""
    data = text.encode()
    if not measure:  # tracemalloc slows loading down tenfold
        try:
            return parse_roles(data, PATH), None
        except RolesFileError as error:
            return error, None
    tracemalloc.start()
    try:
        result = parse_roles(data, PATH)
    except RolesFileError as error:
        result = error
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, peak


def problems(result) -> list[str]:
    assert isinstance(result, RolesFileError), "loaded"
    return [f"{p.line or '-'}: {p.message}" for p in result.problems]


BOMB = "aliases expand to more than 100,000 values; roles.yaml refuses such alias bombs"
QUADRATIC = ("aliases expand to more than 10,000,000 characters of text; roles.yaml refuses "
             "such alias bombs")
DEEP = "lists and mappings are nested more than 100 levels deep here; roles.yaml needs only a few"


def laughs_in_lists() -> str:
    """Ten levels of ten aliases each: 10^10 values if expanded."""
    lines = [f"      - &l{i} [" + ", ".join([f"*l{i - 1}"] * 10 if i else ["lol"] * 10) + "]"
             for i in range(10)]
    return ROLE + "    responsibilities:\n" + "\n".join(lines) + "\n"


def laughs_in_mappings() -> str:
    lines = [f"      k{i}: &m{i} {{" + ", ".join(
        f"x{j}: *m{i - 1}" if i else f"x{j}: lol" for j in range(10)) + "}" for i in range(10)]
    return ROLE + "    description:\n" + "\n".join(lines) + "\n"


def laughs_in_merge_keys() -> str:
    """Each role merges the one before it ten times over."""
    roles = [f"  r{i}: &r{i + 1}\n    <<: [" + ", ".join([f"*r{i}"] * 10) + f"]\n    name: R{i}\n"
             for i in range(8)]
    return "roles:\n  base: &r0 {name: Base, summary: x}\n" + "".join(roles)


@pytest.mark.parametrize("text, line", [
    (laughs_in_lists(), 10), (laughs_in_mappings(), 10), (laughs_in_merge_keys(), 16)])
def test_alias_bombs_are_refused_at_their_alias_in_little_memory(text, line):
    result, peak = load(text)
    bombs = [p for p in problems(result) if "alias" in p]
    assert bombs == [f"{line}: {BOMB}"]  # once, at the alias that crosses the limit
    assert peak < 2_000_000  # the file is 1 kB; expanded it would hold 10^10 values


def test_one_long_text_repeated_by_aliases_is_refused():
    """The "quadratic blowup": few values, but gigabytes of text once every alias is shown."""
    text = ROLE + "    count: &long " + "x" * 100_000 + "\n" + "".join(
        f"  r{i}: {{name: R{i}, summary: *long}}\n" for i in range(200))
    result, peak = load(text)
    assert problems(result) == [f"106: {QUADRATIC}"]  # the 101st use of 100,000 characters
    assert peak < 10 * len(text)


def test_aliases_within_the_limits_load():
    text = ("roles:\n  base: &base\n    name: Base\n    summary: Shared summary.\n"
            "    responsibilities: &duties [One., Two., Three.]\n" + "".join(
                f"  r{i}:\n    <<: *base\n    name: R{i}\n    see-also: *duties\n"
                for i in range(3000)))
    model, _ = load(text, measure=False)
    assert len(model.roles) == 3001
    assert model.roles["r2999"].summary.source == "Shared summary."


def test_recursive_aliases_are_refused_once():
    for text, line in (("x: &a [*a, *a, *a]\nroles: {}\n", 1),
                       ("roles:\n  a: &a\n    name: A\n    summary: x\n    <<: [*a, *a]\n", 5),
                       ("roles:\n  a: &a {name: A, summary: x, see-also: [[*a]]}\n", 2)):
        recursive = [p for p in problems(load(text)[0]) if "recursive" in p]
        assert recursive == [f"{line}: the alias '*a' stands inside what it names; roles.yaml "
                             "cannot hold recursive data"]


@pytest.mark.parametrize("text, line", [
    ("roles: " + "[" * 5_000 + "]" * 5_000 + "\n", 1),
    ("roles: " + "{a: " * 100_000 + "b" + "}" * 100_000 + "\n", 1),
    ("roles:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1000)) + " " * 1001 + "x\n",
     101),
    ("roles:\n" + "- " * 100_000 + "x\n", 2),
    ("roles:\n" + "".join(" " * (2 * i + 2) + "- k:\n" for i in range(300)) + "x\n", 51),
])
def test_deep_nesting_is_refused_at_its_line(text, line):
    result, peak = load(text)
    assert problems(result) == [f"{line}: {DEEP}"]
    assert peak < 10 * len(text) + 1_000_000


def test_a_file_with_thousands_of_mistakes_reports_the_first_ones_and_a_count():
    text = "relations: {o: {label: o}}\nroles:\n" + "".join(
        f"  role-{i}: {{name: R{i}, summary: x, relations: {{o: [rolee-{i}]}}}}\n"
        for i in range(2000))
    reported = problems(load(text, measure=False)[0])
    assert len(reported) == MAX_PROBLEMS + 1
    assert reported[0] == ("3: 'o' of role 'role-0' names 'rolee-0', which is not a role under "
                           "'roles'; did you mean 'role-0', 'role-90' or 'role-80'?")
    assert reported[-1] == "-: and 1,900 more problems: fix the ones above and check again"


def test_duplicate_keys_by_the_ten_thousand():
    text = ROLE + "".join(f"  a: {{name: A{i}, summary: x}}\n" for i in range(10_000))
    reported = problems(load(text, measure=False)[0])
    assert reported[0] == "5: duplicate key 'a' (first at line 2); YAML keeps only one of them"
    assert reported[-1] == "-: and 9,900 more problems: fix the ones above and check again"


def test_a_megabyte_of_text_in_one_field_loads():
    model, peak = load(ROLE.replace("summary: x", "summary: " + "y" * 1_000_000))
    assert len(model.roles["a"].summary.source) == 1_000_000
    assert peak < 10_000_000


def test_the_robustness_page_states_these_limits():
    """docs/reference/robustness.md gives the numbers the code has."""
    from sphinx_hubroles.core.diagram.escape import LABEL_LIMIT, TOOLTIP_LIMIT
    from sphinx_hubroles.core.files import MAX_FILE_BYTES, size
    from sphinx_hubroles.core.values import MAX_ID_LENGTH
    from sphinx_hubroles.core.yamlsource import (
        MAX_DEPTH,
        MAX_EXPANDED_ALIAS_CHARS,
        MAX_EXPANDED_ALIAS_VALUES,
    )

    page = " ".join((Path(__file__).parent.parent / "docs" / "reference" / "robustness.md")
                    .read_text(encoding="utf-8").split())
    for sentence in (
        f"expand to more than {MAX_EXPANDED_ALIAS_VALUES:,} values, or to more than "
        f"{MAX_EXPANDED_ALIAS_CHARS:,} characters",
        f"nested more than {MAX_DEPTH} levels deep",
        f"More than {MAX_PROBLEMS} problems in one file | The first {MAX_PROBLEMS} are reported",
        f"longer than {LABEL_LIMIT} characters is cut",
        f"a tooltip longer than {TOOLTIP_LIMIT:,} characters is cut",
        f"roles.yaml larger than {size(MAX_FILE_BYTES)}",
        f"Role, group and relation ids longer than {MAX_ID_LENGTH} characters",
        "UTF-16 and UTF-32 are recognised and named",
    ):
        assert sentence in page, sentence
