"""Directives where a page does not expect them, and options that leave nothing to show: the
build warns at the line and goes on, never with a traceback (issue 21).

- `roles-table :layout: cards` inside `{eval-rst}` on a MyST page, in roles.yaml text shown on
  an RST page, and in MyST included into an RST page: the grid is written in the markup of the
  parser that runs, whatever the page file's;
- a role's card inside roles.yaml text (its own, where it would show itself without end, or
  another role's), and `roles-glossary` inside a term's definition: left out at their
  roles.yaml line, and the text around them kept; `sphinx-hubroles check` says the same
  (test_check_parity.py);
- `roles-table :columns:` with no known column: no table, and a warning (the text builder
  crashed on a table without columns).

One site, built once as HTML and once as text.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import TEAM, sphinx_build, write_project

ROLES = TEAM.replace("""\
  hub-engineer:
    name: Hub Engineer
    group: provider
    summary: Operates the hub infrastructure.
""", """\
  hub-engineer:
    name: Hub Engineer
    group: provider
    summary: Operates the hub infrastructure.
    description: |
      Works with the representatives:

      ```{role-card} community-representative
      ```
""").replace("""\
      - listed item
""", """\
      - listed item

      ```{role-card} hub-engineer
      ```
""").replace("""\
    summary: Plans the work.
""", """\
    summary: Plans the work.
    description: |
      Before the card.

      ```{role-card} project-manager
      ```

      Between.

      ```{roles-table}
      :layout: cards
      ```

      After the table.
""").replace("  Incident: Something that broke.", """\
  Incident: |
    Something that broke.

    ```{roles-glossary}
    ```

    Fix it.""")

SITE = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_design", "sphinx_hubroles"]\n'
               'exclude_patterns = ["_build", "part.md"]\n',
    "roles.yaml": ROLES,
    "index.md": """
        # Team

        ```{toctree}
        manager
        included
        ```

        ```{eval-rst}
        .. roles-table::
           :layout: cards
        ```

        ```{roles-table}
        :columns: evil, nope
        ```

        ```{role-card} hub-engineer
        ```

        ```{roles-glossary}
        ```
        """,
    "manager.rst": """
        Manager
        =======

        .. role-card:: project-manager
        """,
    "part.md": """
        ```{roles-table}
        :layout: cards
        ```
        """,
    "included.rst": """
        Included
        ========

        .. include:: part.md
           :parser: myst_parser.sphinx_
        """,
}


def roles_line(text: str) -> int:
    """The line of roles.yaml that holds `text`."""
    return next(number for number, line in enumerate(ROLES.splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("nesting"), SITE)
    return {builder: sphinx_build(srcdir, builder=builder) for builder in ("html", "text")}


@pytest.mark.parametrize("builder", ["html", "text"])
def test_the_build_goes_on_and_warns_at_each_line(builds, builder):
    result = builds[builder]
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "Exception occurred" not in result.stderr
    left_out = ("{} cannot stand in roles.yaml text: cards and glossaries show that text "
                "themselves, and one inside another could show itself without end; it is left "
                "out: put it on a page [hubroles.yaml]")
    expected = [
        "index.md:13: WARNING: unknown column 'evil' in :columns: of roles-table "
        "[hubroles.table]",
        "index.md:13: WARNING: unknown column 'nope' in :columns: of roles-table "
        "[hubroles.table]",
        "index.md:13: WARNING: roles-table has no known column to show; give at least one in "
        ":columns:, or leave it out for the default (name, summary) [hubroles.table]",
        # Hub Engineer's card shows its description, with another role's card.
        f"roles.yaml:{roles_line('role-card} community-representative')}: WARNING: "
        + left_out.format("role-card"),
        # Its own card, in Project Manager's description.
        f"roles.yaml:{roles_line('role-card} project-manager')}: WARNING: "
        + left_out.format("role-card"),
        f"roles.yaml:{roles_line('roles-glossary')}: WARNING: " + left_out.format(
            "roles-glossary"),
        # (Community Representative has no card: its description, with Hub Engineer's card,
        # is shown nowhere.)
    ]
    found = [line for line in result.warnings() if "[hubroles.table]" in line
             or "[hubroles.yaml]" in line]
    assert sorted(found) == sorted(expected)


def test_a_grid_of_cards_is_written_in_the_markup_of_the_parser_that_runs(builds):
    """{eval-rst} on a MyST page, roles.yaml text on an RST page, MyST included into RST."""
    for page in ("index.html", "manager.html", "included.html"):
        html = BeautifulSoup(builds["html"].html(page), "html.parser")
        grid = html.select_one(".hubroles-table-cards")
        assert grid is not None, page
        titles = [title.get_text(" ", strip=True) for title in grid.select(".sd-card-title")]
        assert titles == ["Community Representative", "Hub Administrator", "Hub Engineer",
                          "Project Manager"], page
        # The titles link to the cards of the roles that have one.
        assert [link["href"].rpartition("#")[2] for link in grid.select(".sd-card-title a")
                ] == ["roles-hub-engineer", "roles-project-manager"], page


def test_a_refused_nesting_keeps_the_text_around_it(builds):
    html = BeautifulSoup(builds["html"].html("manager.html"), "html.parser")
    body = html.select_one("#roles-project-manager .hubroles-card-body")
    paragraphs = [p.get_text(strip=True) for p in body.find_all("p", recursive=False)]
    assert paragraphs[:4] == ["Plans the work.", "Before the card.", "Between.",
                              "After the table."]
    assert len(html.select(".hubroles-card")) == 1  # the card is not inside itself
    index = BeautifulSoup(builds["html"].html("index.html"), "html.parser")
    definition = index.find(id="term-Incident").find_next_sibling("dd")
    assert [p.get_text() for p in definition.find_all("p")] == ["Something that broke.",
                                                                 "Fix it."]
    assert len(index.select("dl.hubroles-glossary")) == 1
    engineer = index.select_one("#roles-hub-engineer")
    assert engineer.select(".hubroles-card") == []
    assert "Works with the representatives:" in engineer.get_text()


def test_a_table_without_a_known_column_is_left_out(builds):
    html = BeautifulSoup(builds["html"].html("index.html"), "html.parser")
    assert html.select("table.hubroles-table") == []
    assert "evil" not in builds["text"].outdir.joinpath("index.txt").read_text()
