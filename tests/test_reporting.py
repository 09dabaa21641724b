"""The extension's problems are reported on every build until they are fixed, in the same words
at the same places, whether or not their pages are read or written again; and at the current
line of roles.yaml."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import SUBPROCESS_ENV, TEAM, cards_page, sphinx_build, write_project

SITE = {
    "roles.yaml": TEAM.replace("  Incident: Something that broke.\n",
                               "  Incident: Something that broke, see [](roles:zeta).\n"),
    "index.md": """
        # Handbook

        ```{toctree}
        cards
        links
        ```
        """,
    "cards.md": cards_page("Cards"),
    "links.md": """
        # Links

        [The engineers](roles:hub-enginer) and {term}`Nobody`.

        ```{role-card} no-such-role
        ```

        ```{roles-diagram}
        :focus: hub-enginer
        :depth: 2
        ```
        """,
}


def problem_lines(result) -> list[str]:
    return [line for line in result.warnings() if "hubroles" in line or "ref.term" in line]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unchanged_rebuild_fails_again_with_the_same_warnings(tmp_path, jobs):
    srcdir = write_project(tmp_path, SITE)
    first = sphinx_build(srcdir, "-W", "--keep-going", "-j", jobs)
    second = sphinx_build(srcdir, "-W", "--keep-going", "-j", jobs)
    assert (first.returncode, second.returncode) == (1, 1)
    assert "no targets are out of date" in second.stdout  # nothing read, nothing written
    assert problem_lines(first) == problem_lines(second) == [
        "links.md:3: WARNING: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; "
        "did you mean 'hub-engineer'? [hubroles.ref]",
        "links.md:3: WARNING: term not in glossary: 'Nobody' [ref.term]",
        "links.md:5: WARNING: unknown role 'no-such-role' in role-card [hubroles.card]",
        "links.md:8: WARNING: unknown role 'hub-enginer' in :focus: of roles-diagram; did you "
        "mean 'hub-engineer'? [hubroles.diagram]",
        "roles.yaml:56: WARNING: unknown role 'zeta' in reference 'roles:zeta' "
        "[hubroles.ref]",
    ]


def test_a_fixed_problem_is_no_longer_reported(tmp_path):
    srcdir = write_project(tmp_path, SITE)
    assert sphinx_build(srcdir, "-W").returncode == 1
    (srcdir / "links.md").write_text("# Links\n\nFixed.\n")
    (srcdir / "roles.yaml").write_text(TEAM)
    result = sphinx_build(srcdir, "-W")
    assert (result.returncode, result.warnings()) == (0, [])


def test_a_removed_page_takes_its_problems_with_it(tmp_path):
    """A build that reads no page reuses the last judgement; removing a page is a change."""
    srcdir = write_project(tmp_path, {**SITE, "extra.md": "---\norphan: true\n---\n# Extra\n\n"
                                                         "[](roles:zeta-two)\n"})
    zeta_two = [line for line in problem_lines(sphinx_build(srcdir)) if "zeta-two" in line]
    assert zeta_two == ["extra.md:6: WARNING: unknown role 'zeta-two' in reference "
                        "'roles:zeta-two' [hubroles.ref]"]
    again = sphinx_build(srcdir)
    assert "no targets are out of date" in again.stdout
    assert [line for line in problem_lines(again) if "zeta-two" in line] == zeta_two
    (srcdir / "extra.md").unlink()
    after = problem_lines(sphinx_build(srcdir))
    assert [line for line in after if "zeta-two" in line] == []
    assert len(after) == 5  # the others stay


def test_roles_yaml_is_named_as_the_working_folder_names_it(tmp_path):
    """Problems in roles.yaml name it relative to the working folder: a build from another
    folder names it anew, even though nothing in the project changed."""
    srcdir = write_project(tmp_path / "site", {**SITE, "links.md": "# Links\n\nFine.\n"})
    inside = sphinx_build(srcdir)
    assert "roles.yaml:56: WARNING: unknown role 'zeta'" in inside.stderr
    command = [sys.executable, "-m", "sphinx", "-b", "html", "site", "site/_build/html"]
    outside = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path,
                             env=SUBPROCESS_ENV)
    assert "no targets are out of date" in outside.stdout
    assert "site/roles.yaml:56: WARNING: unknown role 'zeta'" in outside.stderr


def test_moved_roles_yaml_lines_are_reported_at_their_new_line(tmp_path):
    srcdir = write_project(tmp_path, {**SITE, "links.md": "# Links\n\nNothing broken.\n"})
    first = sphinx_build(srcdir)
    assert "roles.yaml:56: WARNING: unknown role 'zeta'" in first.stderr.replace(
        str(srcdir) + "/", "")
    # Three comment lines on top, and another role edited so that the card page is written.
    text = (srcdir / "roles.yaml").read_text()
    (srcdir / "roles.yaml").write_text(
        "# one\n# two\n# three\n" + text.replace("Plans the work.", "Plans the year."))
    second = sphinx_build(srcdir)
    assert problem_lines(second) == [
        "roles.yaml:59: WARNING: unknown role 'zeta' in reference 'roles:zeta' "
        "[hubroles.ref]"]


def test_a_heading_after_a_card_gets_an_id_of_its_own(project):
    roles = "roles:\n  hub-engineer: {name: Hub Engineer, summary: Runs.}\n"
    srcdir = project({"roles.yaml": roles, "index.md": """
        # Team

        ```{role-card} hub-engineer
        ```

        ## roles hub-engineer

        [The card](roles:hub-engineer).
        """})
    result = sphinx_build(srcdir, "-nW")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup(result.html("index.html"), "html.parser")
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert soup.select_one("#roles-hub-engineer")["class"] == ["hubroles-card", "section"] \
        or "hubroles-card" in soup.select_one("#roles-hub-engineer")["class"]
    heading = next(h2 for h2 in soup.select("h2") if "roles hub-engineer" in h2.get_text())
    assert heading.parent["id"] != "roles-hub-engineer"
    # The heading's permalink leads to the heading, not to the card.
    assert heading.select_one("a.headerlink")["href"] == "#" + heading.parent["id"]


def test_docutils_and_extension_messages_in_roles_yaml_text_point_at_their_line(project):
    """A `csv-table :file:` that is missing, inside {eval-rst}, and an unknown octicon: each
    reported at its own line of roles.yaml, as a warning of the build, with no crash."""
    roles = """\
        roles:
          hub-engineer:
            name: Hub Engineer
            summary: Runs.
            description: |
              Some text.

              ```{eval-rst}
              .. csv-table:: T
                 :file: missing.csv
              ```

              An icon {octicon}`nosuchicon` here.
        """
    srcdir = project({
        "conf.py": 'extensions = ["myst_parser", "sphinx_design", "sphinx_hubroles"]\n',
        "roles.yaml": roles, "index.md": "# Team\n\n```{role-card} hub-engineer\n```\n"})
    result = sphinx_build(srcdir, "--keep-going", "-W")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.replace(str(srcdir) + "/", "").splitlines()
    assert 'roles.yaml:9: CRITICAL: Problems with "csv-table" directive path:' in lines
    assert "roles.yaml:13: ERROR: Invalid octicon content: 'Unrecognised octicon: " \
           "nosuchicon' [docutils]" in lines
    assert not [line for line in lines if "index.md" in line]
