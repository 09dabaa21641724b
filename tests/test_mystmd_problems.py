"""Broken things fail a MyST-MD build: the same planted mistakes as the Sphinx parity test, in
MyST-MD pages, fail `myst build --site --strict` and `jupyter-book build --site --strict`,
show as errors in a plain build, at `file:line` with a did-you-mean, in the words of
`sphinx-hubroles check`, with no `error_rules` entry and no Python traceback; an unusable
roles.yaml is reported once, at roles.yaml:LINE. Each project is built once per mode."""

from __future__ import annotations

import re

import pytest
from cli_helpers import hubroles
from conftest import TEAM
from mystmd_helpers import myst_build, myst_config, nodes, text, write_myst_project

PLANTED_ROLES = TEAM.replace(
    "summary: Supports the users of a hub.",
    "summary: Works with the [](roles:hub-enginer) and {term}`Incidnet`.").replace(
    "terms:\n", """\
  former-lead:
    name: Former Lead
    summary: Worked before the [](roles:hub-engineer) did.
    status: retired
    replaced-by: hub-engineer
terms:
""")

PLANTED = {
    "myst.yml": myst_config(["index.md", "cards.md", "page.md", "glossary.md"]),
    "roles.yaml": PLANTED_ROLES,
    "index.md": "# Handbook\n\nThe handbook of the team.\n",
    "cards.md": """
        # Cards

        ```{role-card} community-representative
        ```

        ```{role-card} hub-administrator
        ```

        ```{role-card} hub-engineer
        ```

        ```{role-card} hub-enginer
        ```

        ```{role-card} hub-engineer
        ```
        """,
    "page.md": """
        # Page

        A [link](roles:hub-enginer), and
        a [role without a card](roles:project-manager).

        A {term}`Hub Enginer`, and the [old one](roles:former-lead).

        (roles:community-representative)=
        ## Written by hand

        ```{roles-diagram}
        :roles: hub-enginer
        ```

        ```{roles-diagram}
        :depth: two
        ```

        ```{roles-table}
        :columns: name, sumary
        ```
        """,
    "glossary.md": "# Glossary\n\n```{roles-glossary}\n```\n",
}

# What the plugin says, as `file:line: message` (check's form less the column).
EXPECTED = {
    "cards.md:12: unknown role 'hub-enginer' in role-card; did you mean 'hub-engineer'?",
    "cards.md:15: role 'hub-engineer' already has a role-card at cards.md:9; each role gets "
    "one card",
    "page.md:3: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; did you mean "
    "'hub-engineer'?",
    "page.md:4: role 'project-manager' in reference 'roles:project-manager' is in roles.yaml "
    "but has no role-card on any page; add one with the role-card directive",
    "page.md:6: term not in glossary: 'Hub Enginer'; did you mean 'Hub Engineer'?",
    "page.md:6: role 'former-lead' is retired; see 'hub-engineer'",
    "page.md:8: label 'roles:community-representative' is written by hand here, and the "
    "role-card at cards.md:3 makes it too; remove the hand-written label",
    "page.md:11: unknown role 'hub-enginer' in :roles: of roles-diagram; did you mean "
    "'hub-engineer'?",
    "page.md:11: roles-diagram has no roles to show; check :roles:, :groups:, :status: and "
    "roles.yaml",
    "page.md:15: invalid value 'two' in :depth: of roles-diagram; use a whole number, 0 or more",
    "page.md:19: unknown column 'sumary' in :columns: of roles-table; did you mean "
    "'summary'?",
    "roles.yaml:37: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; did you mean "
    "'hub-engineer'?",
    "roles.yaml:37: term not in glossary: 'Incidnet'; did you mean 'Incident'?",
}


def problems(run) -> list[str]:
    """The errors of a build, as `file:line: message`, in the order reported."""
    found = []
    for line in run.errors():
        match = re.match(r"(\S+?):(\d+)(?::\d+)? (.*)$", line)
        if match:
            found.append(f"{match.group(1)}:{match.group(2)}: {match.group(3)}")
    return found


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    return write_myst_project(tmp_path_factory.mktemp("planted"), PLANTED)


@pytest.fixture(scope="module")
def strict(planted):
    return myst_build(planted, "--site", "--strict")


def test_the_planted_mistakes_fail_a_strict_build(strict):
    assert strict.returncode == 1
    assert "Traceback" not in strict.output
    found = [line for line in problems(strict) if "reported above" not in line]
    assert set(found) == EXPECTED
    # Each once, roles.yaml's included (a page says where they are, so that --strict fails).
    assert len(found) == len(set(found))
    assert "roles.yaml has 2 problems, reported above at roles.yaml:LINE" in strict.output


def test_a_plain_build_shows_them_as_errors(planted, strict):
    plain = myst_build(planted, "--site")
    assert plain.returncode == 0
    assert set(problems(plain)) == set(problems(strict))


def test_jupyter_book_fails_the_same_way(planted, strict):
    run = myst_build(planted, "--site", "--strict", name="jupyter-book")
    assert run.returncode == 1
    assert set(problems(run)) == set(problems(strict))


def test_check_reports_what_the_plugin_reports(planted):
    """`sphinx-hubroles check` reads the MyST-MD project from myst.yml and reports the same
    problems at the same places, in the same words."""
    run = hubroles(planted, "check")
    assert run.returncode == 1
    from_check = set()
    for line in run.lines:
        path, number, _column, message = line.split(":", 3)
        from_check.add(f"{path}:{number}:{message}")
    assert from_check == EXPECTED


def test_broken_displays_render_nothing_and_links_show_their_text(planted, strict):
    page = strict.page("page")
    # An unknown role's link is its text; a link to a role without a card, or a term nobody
    # defines, is left for a label written by hand to take (none does: reported above).
    assert [(text(node), node.get("url")) for node in nodes(page, "crossReference")][:3] == [
        ("role without a card", None), ("Hub Enginer", None), ("old one", None)]
    assert text(page).startswith("A link, and")
    assert not nodes(strict.page("cards"), "heading", identifier="roles:hub-enginer")
    # The table shows the columns it knows; the diagram of an unknown role, nothing; the
    # diagram with a bad :depth:, every role, as it would without the option (all reported).
    assert [text(cell) for cell in nodes(nodes(page, "tableRow")[0], "tableCell")] == ["Role"]
    figures = nodes(page, "container", kind="figure")
    assert [node["children"][0]["alt"] for node in figures] == [
        "Diagram of 4 roles and 4 relations; the text version lists them"]


ROLES_WITH_ERRORS = TEAM.replace("    name: Hub Engineer\n",
                                 "    name: Hub Engineer\n    stauts: draft\n")


@pytest.fixture(scope="module")
def unusable(tmp_path_factory):
    root = write_myst_project(tmp_path_factory.mktemp("unusable"), {
        "myst.yml": myst_config(["index.md", "cards.md"]),
        "roles.yaml": ROLES_WITH_ERRORS,
        "index.md": "# Home\n\nAsk a [](roles:hub-engineer).\n",
        "cards.md": "# Cards\n\n```{role-card} hub-engineer\n```\n",
    })
    return root


@pytest.mark.parametrize("name", ["myst", "jupyter-book"])
def test_an_unusable_roles_yaml_fails_the_build_once(unusable, name):
    run = myst_build(unusable, "--site", "--strict", name=name)
    assert run.returncode == 1
    assert "Traceback" not in run.output
    said = [line for line in run.errors() if line.startswith("roles.yaml")]
    assert said == ["roles.yaml:47 unknown key 'stauts' in role 'hub-engineer'; did you mean "
                    "'status' or 'seats'?"]
    assert any(line.startswith("cards.md:3 roles.yaml cannot be used: 1 problem")
               for line in run.errors())
