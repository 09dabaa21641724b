"""Who holds each role: the people registry, holders and rotations in roles.yaml; the card's
holder facts, the team directory and `people:` links, a rotation's schedule, the exports for
code review tools and calendars, and every problem at its line. The example project of the
docs (docs/examples/people, invented names) is the site."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from cli_helpers import hubroles, write_tree
from conftest import build_here, sphinx_build

from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.core.problems import RolesFileError

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "people"
BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "text", "man", "epub"]


def example_files() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in EXAMPLE.iterdir()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("people")
    shutil.copytree(EXAMPLE, root, dirs_exist_ok=True)
    (root / "conf.py").write_text((EXAMPLE / "conf.py").read_text() + builder_conf())
    return root


def builder_conf() -> str:
    """What the man and LaTeX builders need to be told."""
    return ('man_pages = [("index", "team", "Example team", ["Team"], 7)]\n'
            'latex_documents = [("index", "team.tex", "Example team", "Team", "manual")]\n'
            'copyright = "Team"\nversion = "1"\n')


@pytest.fixture(scope="module")
def builds(site) -> dict:
    results = {}
    for builder in BUILDERS:  # each with its own doctrees, and without a warning
        result = build_here(site, builder, builddir=site / "_build" / builder, nitpicky=True)
        assert result.stderr == "", builder
        results[builder] = result
    return results


def soup(builds, page: str) -> BeautifulSoup:
    return BeautifulSoup(builds["html"].html(page), "html.parser")


# -- cards, directory, links -------------------------------------------------------------------


def test_cards_show_current_and_former_holders_and_the_rotation(builds):
    cards = soup(builds, "roles.html")
    engineer = cards.select_one("#roles-hub-engineer")
    facts = {dt.get_text(strip=True).rstrip(":"): dd for dt, dd in zip(
        engineer.select("dl.hubroles-facts dt"), engineer.select("dl.hubroles-facts dd"),
        strict=True)}
    assert facts["Held by"].get_text(" ", strip=True) == "Bo Reyes"
    assert facts["Held by"].select_one("a")["href"] == "team.html#people-bo"
    assert facts["Formerly held by"].get_text(" ", strip=True) == \
        "Dee Marsh (2024-03-01 to 2025-06-30; interim, while the team grew )"
    assert facts["Formerly held by"].select_one("em").get_text() == "grew"
    steward = cards.select_one("#roles-support-steward")
    rotation = next(dd for dt, dd in zip(steward.select("dl.hubroles-facts dt"),
                                         steward.select("dl.hubroles-facts dd"), strict=True)
                    if dt.get_text(strip=True).startswith("Rotation"))
    assert rotation.get_text(" ", strip=True) == (
        "every 14 days among Ada Quill , Bo Reyes and Cy Tan , from 2026-01-07; each shift "
        "overlaps the next by 7 days")
    assert [a["href"] for a in rotation.select("a")] == [
        "team.html#people-ada", "team.html#people-bo", "team.html#people-cy"]


def test_the_directory_has_one_entry_per_person_with_profile_and_roles(builds):
    team = soup(builds, "team.html")
    entries = team.select("section.hubroles-person")
    assert [entry["id"] for entry in entries] == [
        "people-ada", "people-bo", "people-cy", "people-dee"]
    ada = team.select_one("#people-ada")
    assert ada.select_one("h2").get_text(strip=True).rstrip("¶") == "Ada Quill"
    assert ada.select_one('a[href="https://github.com/adaq"]').get_text() == "@adaq"
    assert ada.select_one('a[href="https://example.org/ada"]') is not None
    text = ada.get_text(" ", strip=True)
    assert "Affiliation : Example Org" in text
    assert "Holds : Support Steward (since 2026-01-07)" in text
    assert "Takes turns as : Support Steward" in text
    dee = team.select_one("#people-dee").get_text(" ", strip=True)
    assert "Held : Hub Engineer (2024-03-01 to 2025-06-30)" in dee
    assert "Holds" not in dee


def test_people_links_resolve_to_directory_entries_and_show_the_name(builds):
    index = soup(builds, "index.html")
    link = index.select_one('a[href="team.html#people-ada"]')
    assert link.get_text() == "Ada Quill"


@pytest.mark.parametrize("builder, page, href", [
    ("dirhtml", "index.html", "team/#people-ada"),
    ("singlehtml", "index.html", "#people-ada"),
])
def test_other_html_builders_link_people_too(builds, builder, page, href):
    html = builds[builder].html(page)
    assert f'href="{href}"' in html


def test_every_builder_shows_the_holders(builds):
    text = builds["text"].html("roles.txt")
    assert "Held by:\n   Bo Reyes" in text
    man = builds["man"].html("team.7")
    assert "Ada Quill" in man and "<#" not in man
    tex = next(builds["latex"].outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\label{\detokenize{team:people-ada}}" in tex
    assert r"\hyperref[\detokenize{team:people-ada}]" in tex
    epub = BeautifulSoup((builds["epub"].outdir / "team.xhtml").read_text(), "html.parser")
    assert len(epub.select("section.hubroles-person")) == 4


def test_people_are_in_the_inventory(builds):
    from sphinx.util.inventory import InventoryFile

    inventory = InventoryFile.load((builds["html"].outdir / "objects.inv").open("rb"),
                                   "", lambda base, uri: uri)
    labels = inventory["std:label"] if isinstance(inventory, dict) else inventory.data[
        "std:label"]
    assert {"people:ada", "people:bo", "people:cy", "people:dee"} <= set(labels)


# -- the rotation ------------------------------------------------------------------------------

# Computed by hand: shifts start every 14 days from 2026-01-07 and last 14 + 7 days; the one
# that includes 2026-12-02 is shift 24 (day 329 of the rotation: shift 23 ends on day 328).
SCHEDULE = [
    ("24", "2026-11-25", "2026-12-15", "Cy Tan", "2026-12-09 to 2026-12-15, with Ada Quill"),
    ("25", "2026-12-09", "2026-12-29", "Ada Quill", "2026-12-23 to 2026-12-29, with Bo Reyes"),
    ("26", "2026-12-23", "2027-01-12", "Bo Reyes", "2027-01-06 to 2027-01-12, with Cy Tan"),
    ("27", "2027-01-06", "2027-01-26", "Cy Tan", "2027-01-20 to 2027-01-26, with Ada Quill"),
    ("28", "2027-01-20", "2027-02-09", "Ada Quill", "2027-02-03 to 2027-02-09, with Bo Reyes"),
    ("29", "2027-02-03", "2027-02-23", "Bo Reyes", "2027-02-17 to 2027-02-23, with Cy Tan"),
]


def test_the_rotation_table_is_the_hand_computed_schedule(builds):
    table = soup(builds, "rotation.html").select_one("table.hubroles-rotation")
    rows = [tuple(cell.get_text(" ", strip=True) for cell in row.select("td"))
            for row in table.select("tbody tr")]
    assert rows == SCHEDULE
    first = table.select_one("tbody tr")
    assert {"hubroles-shift", "hubroles-from-2026-11-25", "hubroles-to-2026-12-15"} <= \
        set(first["class"])


def test_the_schedule_never_depends_on_the_day_of_the_build(site, builds, tmp_path):
    """The same sources build the same schedule whatever the clock says (the page carries
    dates only; the reader's browser marks the current shift)."""
    html = builds["html"].html("rotation.html")
    assert "hubroles-current" not in html
    assert 'src="_static/hubroles-rotation.js' in html


def test_default_schedule_starts_at_the_start_with_twice_the_pool(project):
    roles = (EXAMPLE / "roles.yaml").read_text()
    srcdir = project({"roles.yaml": roles, "index.md": "# R\n\n```{roles-rotation} "
                      "support-steward\n```\n"})
    result = sphinx_build(srcdir, "-nW")
    rows = BeautifulSoup(result.html("index.html"), "html.parser").select(
        "table.hubroles-rotation tbody tr")
    assert [row.select("td")[1].get_text() for row in rows] == [
        "2026-01-07", "2026-01-21", "2026-02-04", "2026-02-18", "2026-03-04", "2026-03-18"]
    assert [row.select("td")[3].get_text() for row in rows] == [
        "Ada Quill", "Bo Reyes", "Cy Tan"] * 2


# -- exports -----------------------------------------------------------------------------------


def test_ics_export_parses_back_and_is_reproducible(tmp_path):
    args = ("export", "--roles", str(EXAMPLE / "roles.yaml"), "--format", "ics", "--role",
            "support-steward", "--from", "2026-12-02", "--shifts", "6")
    first, second = hubroles(tmp_path, *args), hubroles(tmp_path, *args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    calendar = icalendar.Calendar.from_ical(first.stdout)
    events = calendar.walk("VEVENT")
    # An all-day event ends on the day after its last day.
    assert [(str(e["summary"]), e["dtstart"].dt, e["dtend"].dt) for e in events] == [
        (f"Support Steward: {person}", date.fromisoformat(first),
         date.fromisoformat(last) + timedelta(days=1))
        for _number, first, last, person, _overlap in SCHEDULE]
    assert len({str(e["uid"]) for e in events}) == 6
    assert {e["dtstamp"].dt.isoformat() for e in events} == {"2026-01-07T00:00:00+00:00"}


def test_ics_needs_a_role_with_a_rotation(tmp_path):
    roles = str(EXAMPLE / "roles.yaml")
    run = hubroles(tmp_path, "export", "--roles", roles, "--format", "ics")
    assert run.returncode == 2 and "--format ics needs --role ID" in run.stderr
    run = hubroles(tmp_path, "export", "--roles", roles, "--format", "ics", "--role",
                   "hub-engineer")
    assert run.returncode == 2 and "role 'hub-engineer' has no 'rotation'" in run.stderr
    run = hubroles(tmp_path, "export", "--roles", roles, "--format", "ics", "--role", "stewrd")
    assert run.returncode == 2 and "unknown role 'stewrd'" in run.stderr


def test_owners_export_lists_current_holders_handles(tmp_path):
    run = hubroles(tmp_path, "export", "--roles", str(EXAMPLE / "roles.yaml"), "--format",
                   "owners")
    assert run.returncode == 0, run.stderr
    assert yaml.safe_load(run.stdout) == {"aliases": {"hub-engineer": ["boreyes"],
                                                      "support-steward": ["adaq"]}}
    assert "# Current holders without a GitHub handle" not in run.stdout
    roles = (EXAMPLE / "roles.yaml").read_text().replace("      - bo\n", "      - cy\n")
    write_tree(tmp_path, {"roles.yaml": roles})
    run = hubroles(tmp_path, "export", "--format", "owners")
    assert "#   hub-engineer: Cy Tan (cy)" in run.stdout
    assert "hub-engineer" not in yaml.safe_load(run.stdout)["aliases"]


def test_json_export_and_hubroles_json_carry_people_holders_and_rotations(builds, tmp_path):
    data = json.loads(hubroles(tmp_path, "export", "--roles",
                               str(EXAMPLE / "roles.yaml")).stdout)
    assert data["people"]["ada"] == {"id": "ada", "name": "Ada Quill", "github": "adaq",
                                     "url": "https://example.org/ada",
                                     "affiliation": "Example Org"}
    no_move = {"affiliation": None, "moved-to": None, "moved-from": None}
    assert data["roles"]["hub-engineer"]["holders"] == [
        {"person": "bo", "since": None, "until": None, "note": None, **no_move},
        {"person": "dee", "since": "2024-03-01", "until": "2025-06-30",
         "note": "interim, while the team *grew*", **no_move}]
    assert data["roles"]["support-steward"]["rotation"] == {
        "pool": ["ada", "bo", "cy"], "every": 14, "start": "2026-01-07", "overlap": 7,
        "slots": []}
    assert json.loads((builds["html"].outdir / "hubroles.json").read_text()) == data


def test_check_holders_notes_roles_with_a_count_and_no_holder(tmp_path):
    run = hubroles(EXAMPLE, "check", "--holders")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.lines == ["roles.yaml:36: note: role 'incident-commander' has a count but no "
                         "current holder; add one under 'holders'"]
    assert hubroles(EXAMPLE, "check").lines == []


# -- problems ----------------------------------------------------------------------------------

PEOPLE = "people:\n  ada: {name: Ada Quill, github: adaq}\n  bo: {name: Bo Reyes}\n"
ROLE = "roles:\n  r:\n    name: R\n    summary: S.\n"


@pytest.mark.parametrize("text, expected", [
    (PEOPLE + "  cy: {name: Cy Tan, github: AdaQ}\n" + ROLE,
     "4: person 'cy' has the GitHub handle 'AdaQ', which person 'ada' has too (line 2); "
     "handles ignore case"),
    (PEOPLE + "  cy: {name: Cy, github: -x-}\n" + ROLE,
     "4: 'github' of person 'cy' is not a GitHub user name: '-x-'; use letters, digits and "
     "single '-' between them, 39 at most"),
    (PEOPLE + "  cy: {name: Cy, url: 'javascript:alert(1)'}\n" + ROLE,
     "4: 'url' of person 'cy' is 'javascript:alert(1)', which is not an http or https URL; "
     "write the whole address, like 'https://example.org/team/role'"),
    (PEOPLE + "  Cy: {name: Cy}\n" + ROLE,
     "4: 'Cy' is not a valid id in 'people': use lower-case letters, digits and single '-' "
     "between them, like 'cy'"),
    (PEOPLE + "  cy: {github: cy}\n" + ROLE, "4: person 'cy' has no 'name', which is required"),
    (PEOPLE + ROLE + "    holders: [adda]\n",
     "8: a holder of role 'r' names 'adda', which is not a person under 'people'; did you "
     "mean 'ada'?"),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, since: 2025-01-01, until: 2024-01-01}\n",
     "9: 'until' of a holder of role 'r' (2024-01-01) is before its 'since' (2025-01-01)"),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, since: 2024-01-01}\n"
                     "      - {person: ada, since: 2024-06-01, until: 2024-07-01}\n",
     "10: person 'ada' holds role 'r' twice at overlapping dates (also at line 9)"),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, since: 2024-13-01}\n",
     "9: 'since' of a holder of role 'r' is not a date: '2024-13-01'; write it as 2026-01-07"),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, until: 2024-01-01T10:00:00}\n",
     "9: 'until' of a holder of role 'r' has a time of day; give the day alone: "
     "'2024-01-01T10:00:00'; write it as 2026-01-07"),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, since: 5}\n",
     "9: 'since' of a holder of role 'r' must be a date such as 2026-01-07, not `5`"),
    (PEOPLE + ROLE + "    holders:\n      - {persn: ada}\n",
     ["9: unknown key 'persn' in a holder of role 'r'; did you mean 'person'?",
      "9: a holder of role 'r' has no 'person', which is required"]),
    (PEOPLE + ROLE + "    rotation: {pool: [], every: 14, start: 2026-01-07}\n",
     "8: 'pool' of 'rotation' of role 'r' is empty; name the people who take turns"),
    (PEOPLE + ROLE + "    rotation: {pool: [ada, zed], every: 14, start: 2026-01-07}\n",
     "8: the pool of 'rotation' of role 'r' names 'zed', which is not a person under "
     "'people'"),
    (PEOPLE + ROLE + "    rotation: {pool: [ada], every: 0, start: 2026-01-07}\n",
     "8: 'every' of 'rotation' of role 'r' must be a whole number of days, at least 1 and at "
     "most 1,830, not `0`"),
    (PEOPLE + ROLE + "    rotation: {pool: [ada], every: -3, start: 2026-01-07}\n",
     "8: 'every' of 'rotation' of role 'r' must be a whole number of days, at least 1 and at "
     "most 1,830, not `-3`"),
    (PEOPLE + ROLE + "    rotation: {pool: [ada], every: 7, start: 2026-01-07, overlap: 7}\n",
     "8: 'overlap' of 'rotation' of role 'r' (7 days) must be shorter than 'every' (7 days)"),
    (PEOPLE + ROLE + "    rotation: {pool: [ada], every: 7, start: soon}\n",
     "8: 'start' of 'rotation' of role 'r' is not a date: 'soon'; write it as 2026-01-07"),
    (PEOPLE + ROLE + "    rotation: {pool: [ada], every: 7}\n",
     "8: 'rotation' of role 'r' has no 'start', which is required (or 'slots', for a "
     "rotation by slot)"),
    # Bounds that keep a schedule within the calendar (issue 21): each at its own line.
    (PEOPLE + ROLE + "    rotation:\n      pool: [ada]\n      every: 2000000000\n"
                     "      start: 2026-01-07\n",
     "10: 'every' of 'rotation' of role 'r' must be a whole number of days, at least 1 and at "
     "most 1,830, not `2000000000`"),
    (PEOPLE + ROLE + "    rotation:\n      pool: [ada]\n      every: 7\n"
                     "      start: 9999-12-01\n",
     "11: 'start' of 'rotation' of role 'r': 9999-12-01 is after 2999-12-31, the latest day a "
     "schedule may start from, so that its days stay within the calendar"),
    (PEOPLE + ROLE + "    rotation:\n      pool: [ada]\n      every: 1830\n"
                     "      start: 2026-01-07\n      overlap: 1_000_000_000\n",
     "12: 'overlap' of 'rotation' of role 'r' must be a whole number of days, 0 or more and at "
     "most 1,830, not `1_000_000_000`"),
    (PEOPLE + ROLE + "    rotation:\n      pool:\n        - ada\n        - bo\n"
                     "        - ada\n      every: 7\n      start: 2026-01-07\n",
     "12: the pool of 'rotation' of role 'r' lists person 'ada' twice (also at line 10); "
     "name each person once"),
    # One line of text: no control character, no line or paragraph separator.
    ('people:\n  ada: {name: "Mallory\\raliases: {approver: [mallory]}\\r---\\r#"}\n'
     + ROLE, "2: 'name' of person 'ada' contains the carriage return U+000D, which one line "
     "of text may not hold; use letters, marks, numbers, punctuation, symbols and spaces"),
    ('people:\n  ada:\n    name: Ada\n    affiliation: "Org\\u2028x"\n' + ROLE,
     "4: 'affiliation' of person 'ada' contains the line separator U+2028, which one line "
     "of text may not hold; use letters, marks, numbers, punctuation, symbols and spaces"),
    # A slot's days are within the same bounds as a rotation's start; a slot's organization
    # and a holding's affiliation are one line of text.
    (PEOPLE + ROLE + "    rotation:\n      slots:\n        - {date: 2026-01-07, person: ada}\n"
                     "        - {date: 2026-02-07, until: 9999-12-31, person: ada}\n",
     "11: 'until' of a slot of 'rotation' of role 'r': 9999-12-31 is after 2999-12-31, the "
     "latest day a schedule may start from, so that its days stay within the calendar"),
    (PEOPLE + ROLE + "    rotation:\n      slots:\n"
                     "        - {date: 2026-01-07, organization: \"Org\\u2028x\"}\n",
     "10: 'organization' of a slot of 'rotation' of role 'r' contains the line separator "
     "U+2028, which one line of text may not hold; use letters, marks, numbers, punctuation, "
     "symbols and spaces"),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, affiliation: \"Org\\rx\"}\n",
     "9: 'affiliation' of a holder of role 'r' contains the carriage return U+000D, which "
     "one line of text may not hold; use letters, marks, numbers, punctuation, symbols and "
     "spaces"),
])
def test_every_problem_with_people_is_reported_at_its_line(tmp_path, text, expected):
    with pytest.raises(RolesFileError) as error:
        parse_roles(text.encode(), tmp_path / "roles.yaml")
    lines = [line.split(":", 1)[1] for line in error.value.lines()]
    assert lines == (expected if isinstance(expected, list) else [expected])


def test_dates_may_be_quoted_or_not(tmp_path):
    for since in ("2024-03-01", '"2024-03-01"', "'2024-03-01'"):
        model = parse_roles((PEOPLE + ROLE + f"    holders:\n      - {{person: ada, since: "
                             f"{since}}}\n").encode(), tmp_path / "roles.yaml")
        assert model.roles["r"].holders[0].since == date(2024, 3, 1)


PAGES = {
    "conf.py": (EXAMPLE / "conf.py").read_text(),
    "roles.yaml": (EXAMPLE / "roles.yaml").read_text(),
    "index.md": """
        # Team

        ```{toctree}
        team
        other
        alone
        ```

        [](people:ada), [Bo](people:bo), {ref}`people:cy`, <people:dee>.

        [](people:adda) and {ref}`people:zed`.

        ```{roles-rotation} hub-engineer
        ```

        ```{roles-rotation} support-stewart
        ```
        """,
    "team.md": "# Team\n\n```{roles-people}\n:roles: support-steward\n```\n",
    # A page whose only link is to a person: `check` must not pass it over.
    "alone.md": "# Alone\n\nAsk [](people:adaa).\n",
    "other.rst": """
        Other
        =====

        :ref:`people:ada` and `Dee <people:dee>`__ and :ref:`people:bob`.

        .. roles-people::
           :groups: nowhere
        """,
}


def test_people_problems_in_myst_and_rst_read_the_same_in_check_and_the_build(tmp_path):
    write_tree(tmp_path, PAGES)
    result = sphinx_build(tmp_path, "-q")
    from_build = sorted(line.replace(" WARNING:", "").rsplit(" [", 1)[0]
                        for line in result.warnings())
    from_check = sorted(re.sub(r"^([^:]+:\d+):\d+:", r"\1:", line)
                        for line in hubroles(tmp_path, "check").lines)
    assert from_build == from_check == sorted([
        "alone.md:3: unknown person 'adaa' in reference 'people:adaa'; did you mean 'ada'?",
        "index.md:9: person 'dee' in reference 'people:dee' is in roles.yaml but has no entry "
        "in a team directory on any page; add one with the roles-people directive",
        "index.md:11: unknown person 'adda' in reference 'people:adda'; did you mean 'ada'?",
        "index.md:11: unknown person 'zed' in reference 'people:zed'",
        "index.md:13: role 'hub-engineer' in roles-rotation has no 'rotation' in roles.yaml; "
        "give it one, with a pool, a number of days and a start",
        "index.md:16: unknown role 'support-stewart' in roles-rotation; did you mean "
        "'support-steward'?",
        "other.rst:4: person 'dee' in reference 'people:dee' is in roles.yaml but has no entry "
        "in a team directory on any page; add one with the roles-people directive",
        "other.rst:4: unknown person 'bob' in reference 'people:bob'; did you mean 'bo'?",
        "other.rst:6: unknown group 'nowhere' in :groups: of roles-people",
    ])


def test_a_person_listed_by_two_directories_warns(project):
    srcdir = project({**example_files(),
                      "index.md": "# T\n\n```{toctree}\nroles\nteam\nrotation\nvolunteers\n"
                                  "```\n",
                      "volunteers.md": "# Volunteers\n\n```{roles-people}\n"
                                       ":roles: hub-engineer\n```\n"})
    result = sphinx_build(srcdir, "-q")
    assert result.warnings() == [
        "volunteers.md:3: WARNING: person 'bo' already has an entry in the team directory at "
        "team.md:3; each person gets one entry [hubroles.duplicate]",
        "volunteers.md:3: WARNING: person 'dee' already has an entry in the team directory "
        "at team.md:3; each person gets one entry [hubroles.duplicate]",
    ]
    # Links go to the first entry.
    assert 'href="team.html#people-bo"' in result.html("roles.html")


def test_former_people_can_be_left_out(project):
    srcdir = project({**example_files(), "team.md": "# Team\n\n```{roles-people}\n"
                      ":former: off\n```\n"})
    result = sphinx_build(srcdir, "-q")
    ids = [s["id"] for s in BeautifulSoup(result.html("team.html"), "html.parser").select(
        "section.hubroles-person")]
    assert ids == ["people-ada", "people-bo", "people-cy"]


def test_privacy_a_person_shows_only_what_roles_yaml_says(builds):
    ada = soup(builds, "team.html").select_one("#people-ada")
    assert "mailto:" not in str(ada)
    assert [a["href"] for a in ada.select("a[href^=http]")] == [
        "https://github.com/adaq", "https://example.org/ada"]


def test_example_roles_yaml_is_marked_as_an_example():
    text = (EXAMPLE / "roles.yaml").read_text()
    assert "invented" in text.splitlines()[0]
    assert "**example**" in (EXAMPLE / "index.md").read_text()
