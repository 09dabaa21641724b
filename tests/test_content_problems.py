"""What goes wrong with the content of issue 14, in real builds and real commands: retired roles
referenced, roles-table's cards without sphinx-design, the loader's warnings and notes (which
leave roles.yaml usable), and incremental builds of tables. The messages themselves, in MyST
and RST, are checked against `sphinx-hubroles check` in test_check_parity.py."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from cli_helpers import hubroles
from conftest import sphinx_build

ROLES = """\
relations:
  oversees: {label: oversees, inverse: overseen by}
roles:
  lead:
    name: Lead
    summary: Leads the team.
  old-lead:
    name: Old Lead
    summary: Led the team before the [](roles:lead).
    status: retired
    replaced-by: lead
  helper:
    name: Helper
    summary: Helps the [](roles:old-lead).
    relations:
      oversees: [old-lead]
"""


def test_references_to_a_retired_role_warn_at_their_line_and_fail_w(project):
    srcdir = project({
        "roles.yaml": ROLES,
        "index.md": """
            # Team

            ```{role-card} lead
            ```

            ```{role-card} old-lead
            ```

            Ask the [old lead](roles:old-lead).
            """,
    })
    result = sphinx_build(srcdir, "-W", "--keep-going")
    assert result.returncode == 1
    # helper has no card: its summary is shown nowhere, so its reference is not judged; the
    # relation of a card to a retired role does not warn either.
    assert result.warnings() == [
        "index.md:9: WARNING: role 'old-lead' is retired; see 'lead' [hubroles.retired]",
    ]
    # The link still leads to the retired role's card, which says where to go.
    html = BeautifulSoup(result.html("index.html"), "html.parser")
    assert html.find("a", string="old lead")["href"] == "#roles-old-lead"


def test_suppress_warnings_silences_hubroles_retired(project):
    srcdir = project({
        "roles.yaml": ROLES,
        "index.md": "# Team\n\n```{role-card} helper\n```\n\nThe [](roles:old-lead).\n",
    })
    # Two retired references (the page's, and the summary of helper, whose card is shown),
    # and nothing else: a retired role needs no card, the reader is sent elsewhere.
    assert sphinx_build(srcdir).warnings() == [
        "index.md:6: WARNING: role 'old-lead' is retired; see 'lead' [hubroles.retired]",
        "roles.yaml:14: WARNING: role 'old-lead' is retired; see 'lead' [hubroles.retired]"]
    result = sphinx_build(srcdir, "-W", "-D", "suppress_warnings=hubroles.retired")
    assert (result.returncode, result.warnings()) == (0, [])


# No reference to the retired role: a table shows every text of its rows.
CLEAN = ROLES.replace("Helps the [](roles:old-lead).", "Helps.")
TABLE_PAGE = """
# Team

```{roles-table}
:layout: cards
:columns: name, summary
```
"""


def test_cards_layout_without_sphinx_design_warns_and_shows_a_table(project):
    srcdir = project({"roles.yaml": CLEAN, "index.md": TABLE_PAGE})
    result = sphinx_build(srcdir, "--keep-going")
    assert result.returncode == 0
    assert result.warnings() == [
        "index.md:3: WARNING: roles-table :layout: cards needs sphinx-design: add "
        "\"sphinx_design\" to extensions in conf.py (and install sphinx-design); until then it "
        "is a table [hubroles.table]"]
    html = BeautifulSoup(result.html("index.html"), "html.parser")
    assert html.select_one("table.hubroles-table") is not None
    assert html.select_one(".sd-card") is None
    # check cannot know conf.py's extensions, so it says nothing about them.
    run = hubroles(srcdir, "check")
    assert (run.returncode, run.stdout) == (0, "")


def test_cards_layout_needs_sphinx_design_in_extensions_only(project):
    srcdir = project({
        "conf.py": 'extensions = ["myst_parser", "sphinx_design", "sphinx_hubroles"]\n',
        "roles.yaml": CLEAN, "index.md": TABLE_PAGE})
    result = sphinx_build(srcdir, "-W")
    assert result.returncode == 0, result.stderr
    html = BeautifulSoup(result.html("index.html"), "html.parser")
    assert [" ".join(c.select_one(".sd-card-title").get_text().split())
            for c in html.select(".sd-card")] == ["Lead", "Helper"]


FOLDED = CLEAN.replace("    summary: Leads the team.\n", """\
    summary: Leads the team.
    responsibilities:
      - Plan the work
        - with the team
""")


def test_a_loader_warning_is_a_hubroles_yaml_warning_and_the_build_goes_on(project):
    srcdir = project({"roles.yaml": FOLDED, "index.md": "# Team\n\n```{role-card} lead\n```\n"})
    message = ("an item of 'responsibilities' of role 'lead' goes on over several lines, and "
               "this one starts with '- ': YAML folds it into the text (\"Plan the work - with "
               "the team\"); to make sub-items, write the item as 'text:' with 'items:', or "
               "put the whole text in quotes to keep the dash")
    result = sphinx_build(srcdir)
    assert result.returncode == 0
    assert result.warnings() == [f"roles.yaml:9: WARNING: {message} [hubroles.yaml]"]
    assert "Plan the work - with the team" in result.html("index.html")
    # -W fails, on every build until it is fixed (roles.yaml is read at every build).
    for _ in range(2):
        strict = sphinx_build(srcdir, "-W")
        assert strict.returncode == 1
        assert strict.warnings() == [f"roles.yaml:9: WARNING: {message} [hubroles.yaml]"]
    run = hubroles(srcdir, "check")
    assert run.returncode == 1
    assert run.stdout == f"roles.yaml:9:9: {message}\n"
    assert run.stderr == "sphinx-hubroles: 1 problem in 1 file and roles.yaml\n"
    # export makes the export, and says what it saw.
    export = hubroles(srcdir, "export", "--format", "csv")
    assert export.returncode == 0
    assert export.stderr == f"roles.yaml:9:9: {message}\n"
    assert "Plan the work - with the team" in export.stdout


NOTED = CLEAN + """\
  board:
    name: Board
    summary: Governs the foundation.
    url: https://example.org/board
    description: Written here, shown by no card.
"""


def test_a_loader_note_is_printed_and_changes_no_exit_status(project):
    srcdir = project({"roles.yaml": NOTED, "index.md": "# Team\n\nThe [](roles:board).\n"})
    note = ("roles.yaml:21: note: role 'board' has a url, so it has no card to show its "
            "'description'; only the exports carry it")
    result = sphinx_build(srcdir, "-W")
    assert result.returncode == 0, result.stderr
    assert result.warnings() == []
    # The build names the file as Sphinx names pages, by its absolute path; check and export,
    # run from the project's folder, as the user typed it.
    assert f"\n{srcdir / note}\n" in result.stdout
    run = hubroles(srcdir, "check")
    assert run.returncode == 0
    assert run.stdout == note + "\n"
    assert run.stderr == "sphinx-hubroles: no problems in 1 file and roles.yaml\n"
    export = hubroles(srcdir, "export")
    assert (export.returncode, export.stderr) == (0, note + "\n")


def test_a_role_card_for_an_external_role_shows_nothing(project):
    srcdir = project({"roles.yaml": NOTED.replace("    description: Written here, shown by no "
                                                  "card.\n", ""),
                      "index.md": "# Team\n\n```{role-card} board\n```\n"})
    result = sphinx_build(srcdir)
    assert result.warnings() == [
        "index.md:3: WARNING: role 'board' is documented elsewhere (https://example.org/board),"
        " so it has no role-card; remove this one, or remove 'url' from the role in roles.yaml"
        " [hubroles.card]"]
    assert 'id="roles-board"' not in result.html("index.html")


# -- incremental builds ------------------------------------------------------------------------

def read_and_written(result) -> tuple[set[str], set[str]]:
    read = set(re.findall(r"reading sources\.\.\. \[[ \d]+%\] (\S+)", result.stdout))
    written = set(re.findall(r"writing output\.\.\. \[[ \d]+%\] (\S+)", result.stdout))
    return read, written


def test_a_table_is_read_again_when_its_roles_change_and_rewritten_when_a_card_moves(project):
    srcdir = project({
        "roles.yaml": ROLES,
        "index.md": "# Team\n\n```{toctree}\ncards\nmore\nplain\n```\n\n"
                    "```{roles-table}\n:roles: lead\n:columns: name, summary\n```\n",
        "cards.md": "# Cards\n\n```{role-card} lead\n```\n",
        "more.md": "# More\n\n```{role-card} helper\n```\n",
        "plain.md": "# Plain\n\nNothing about roles.\n",
    })
    assert sphinx_build(srcdir).returncode == 0
    # A role the table does not show: the table's page is not read again.
    roles = srcdir / "roles.yaml"
    changed = ROLES.replace("Helps the", "Assists the")
    roles.write_text(changed)
    read, _ = read_and_written(sphinx_build(srcdir))
    assert read == {"more"}
    # A role it shows: read again, with the new text.
    roles.write_text(changed.replace("Leads the team.", "Leads the whole team."))
    result = sphinx_build(srcdir)
    read, _ = read_and_written(result)
    assert read == {"index", "cards"}
    assert "Leads the whole team." in result.html("index.html")
    # The card moves to another page: the table's link follows it.
    (srcdir / "cards.md").write_text("# Cards\n")
    (srcdir / "more.md").write_text("# More\n\n```{role-card} helper\n```\n\n"
                                    "```{role-card} lead\n```\n")
    result = sphinx_build(srcdir)
    _, written = read_and_written(result)
    assert "index" in written
    html = BeautifulSoup(result.html("index.html"), "html.parser")
    assert html.select_one("table.hubroles-table a")["href"] == "more.html#roles-lead"
