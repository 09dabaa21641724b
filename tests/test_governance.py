"""What a real governance document needs besides roles and relations (issue 23): numbered
steps, moves between roles, seats checked against the holders, rotations by slot, teams and
owners aliases, a committee's body and its kinds of members, `role-holders`, a secondary
`roles-people :no-index:` and a glossary that lists the roles. The example project of the docs
(docs/examples/governance, invented names) is built once in every builder and shared."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from cli_helpers import hubroles, write_tree
from conftest import sphinx_build

from sphinx_hubroles.core.loader import parse_roles
from sphinx_hubroles.core.problems import RolesFileError

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "governance"
BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "text", "man", "epub", "texinfo"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("governance")
    shutil.copytree(EXAMPLE, root, dirs_exist_ok=True)
    (root / "conf.py").write_text((EXAMPLE / "conf.py").read_text() + (
        'man_pages = [("index", "committee", "Example committee", ["Team"], 7)]\n'
        'latex_documents = [("index", "committee.tex", "Example", "Team", "manual")]\n'
        'texinfo_documents = [("index", "committee", "Example", "Team", "committee", "x", '
        '"Misc")]\ncopyright = "Team"\nversion = "1"\n'))
    return root


@pytest.fixture(scope="module")
def builds(site) -> dict:
    results = {}
    for builder in BUILDERS:
        result = sphinx_build(site, "-nW", "--keep-going", "-d",
                              str(site / "_doctrees" / builder), builder=builder)
        assert result.returncode == 0, (builder, result.stderr)
        results[builder] = result
    return results


def soup(builds, page: str, builder: str = "html") -> BeautifulSoup:
    return BeautifulSoup(builds[builder].html(page), "html.parser")


def facts(card) -> dict[str, object]:
    """A card's facts, by name."""
    return {dt.get_text(strip=True).rstrip(":"): dd for dt, dd in zip(
        card.select("dl.hubroles-facts > dt"), card.select("dl.hubroles-facts > dd"),
        strict=True)}


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


# -- numbered steps ----------------------------------------------------------------------------


def test_steps_are_a_numbered_list_in_order_with_their_sub_items(builds):
    card = soup(builds, "roles.html").select_one("#roles-steering-committee")
    steps = card.select_one("ol.hubroles-requirements")
    assert [text_of(li.find("p")) for li in steps.find_all("li", recursive=False)] == [
        "Open a nomination issue", "Wait a week for objections", "The committee votes"]
    assert text_of(steps.find_all("li", recursive=False)[1].find("ul")) == \
        "Objections go to the committee's chair".replace("'", "’")
    text = builds["text"].html("roles.txt")
    assert "1. Open a nomination issue\n\n2. Wait a week for objections\n\n   * Objections" \
        in text
    tex = (builds["latex"].outdir / "committee.tex").read_text(encoding="utf-8")
    assert r"\begin{enumerate}" in tex and "Open a nomination issue" in tex
    assert "Open a nomination issue" in builds["man"].html("committee.7")


def test_steps_are_kept_by_the_json_and_numbered_by_the_csv(site):
    data = json.loads(hubroles(site, "export").stdout)
    assert data["roles"]["steering-committee"]["requirements"] == {"steps": [
        "Open a nomination issue",
        {"text": "Wait a week for objections",
         "items": ["Objections go to the committee's chair"]},
        "The committee votes"]}
    rows = {row["role id"]: row for row in csv.DictReader(io.StringIO(
        hubroles(site, "export", "--format", "csv").stdout))}
    assert rows["steering-committee"]["requirements"] == (
        "1. Open a nomination issue\n2. Wait a week for objections\n"
        "    Objections go to the committee's chair\n3. The committee votes")


def test_steps_may_nest_and_stand_in_sections_and_tables(project):
    roles = """\
        roles:
          r:
            name: R
            summary: S.
            responsibilities:
              - text: Release
                items:
                  steps: [Tag, {text: Build, items: {steps: [Wheels, Docs]}}]
            sections:
              - title: Procedure
                items: {steps: [First, Second]}
        """
    srcdir = project({"roles.yaml": roles, "index.md": "# R\n\n```{role-card} r\n```\n\n"
                      "```{roles-table}\n:columns: name, responsibilities\n```\n"})
    result = sphinx_build(srcdir, "-nW")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(result.html("index.html"), "html.parser")
    card = page.select_one("#roles-r")
    assert [text_of(li.find("p")) for li in card.select("ol.hubroles-section-items > li")] \
        == ["First", "Second"]
    nested = card.select_one("ul.hubroles-responsibilities > li > ol > li:nth-of-type(2) > ol")
    assert text_of(nested) == "Wheels Docs"
    cell = page.select_one("table.hubroles-table td:nth-of-type(2)")
    assert cell.select_one("ul > li > ol") is not None


# -- moves, affiliations and seats -------------------------------------------------------------


def test_a_move_shows_on_both_cards(builds):
    cards = soup(builds, "roles.html")
    former = facts(cards.select_one("#roles-voting-member"))["Formerly held by"]
    assert text_of(former) == "Dee Marsh (2021-01-01 to 2024-12-31; then Emeritus member )"
    assert former.select("a")[1]["href"] == "#roles-emeritus-member"
    held = facts(cards.select_one("#roles-emeritus-member"))["Held by"]
    # Only the first holding says so: the second card finds the move itself.
    assert text_of(held) == "Dee Marsh (since 2025-01-01; from Voting member )"
    assert held.select("a")[1]["href"] == "#roles-voting-member"


def test_a_holding_shows_its_own_affiliation_and_the_seats(builds):
    card = soup(builds, "roles.html").select_one("#roles-voting-member")
    found = facts(card)
    assert "Cy Tan (since 2025-01-01; for Third Inc; on loan)" in text_of(found["Held by"])
    assert text_of(found["Seats"]) == "at least 3, at most 5; at most 2 per affiliation"
    table = soup(builds, "index.html").select_one("table.hubroles-table")
    headings = [text_of(th) for th in table.select("thead th")]
    assert headings == ["Role", "Held by", "Formerly held by", "Seats", "Team", "Kind of",
                        "Rotation"]
    row = {text_of(row.find("td")): row.find_all("td") for row in table.select("tbody tr")}
    assert text_of(row["Voting member"][3]) == text_of(found["Seats"])


SEATS = """\
people:
  ada: {name: Ada, affiliation: Example Org}
  bo: {name: Bo, affiliation: Example Org}
  cy: {name: Cy, affiliation: Other Co}
roles:
  council:
    name: Council
    summary: Decides.
    seats: {min: 4, per-affiliation: 1/2}
    holders:
      - ada
      - bo
      - {person: cy, affiliation: Example Org}
  member:
    name: Member
    summary: Member.
    holders:
      - {person: ada, since: 2020-01-01, until: 2024-06-30, moved-to: emeritus}
      - {person: bo, since: 2021-01-01, until: 2024-06-30, moved-to: emeritus}
  emeritus:
    name: Emeritus
    summary: Was a member.
    holders:
      - {person: ada, since: 2024-08-01}
"""
SEATS_PROBLEMS = [
    "roles.yaml:9: role 'council' has 3 current holders, and its 'seats' ask for at least 4",
    # The holding's own affiliation counts, not the person's.
    "roles.yaml:9: 3 of the 3 current holders of role 'council' are affiliated with 'Example "
    "Org' (ada, bo, cy), and its 'seats' allow at most 1 per affiliation (1/2 of 3, rounded "
    "down)",
    "roles.yaml:18: the dates of the move of person 'ada' from role 'member' to role "
    "'emeritus' do not meet: one holding ends on 2024-06-30, the other (line 24) begins on "
    "2024-08-01; it should begin on 2024-06-30 or 2024-07-01",
    "roles.yaml:19: person 'bo' moved from role 'member' to role 'emeritus' on 2024-06-30, "
    "but role 'emeritus' has no holding of 'bo' with a 'since'; add one with 'since: "
    "2024-07-01'",
]


def test_holder_rules_warn_in_the_build_and_in_check_alike(project):
    srcdir = project({"roles.yaml": SEATS, "index.md": "# Nothing about roles\n"})
    result = sphinx_build(srcdir)
    assert result.returncode == 0
    assert result.warnings() == [line.replace(": ", ": WARNING: ", 1) + " [hubroles.holders]"
                                 for line in SEATS_PROBLEMS]
    run = hubroles(srcdir, "check", "--holders")
    assert run.returncode == 1
    assert run.lines == SEATS_PROBLEMS


def test_a_move_may_be_written_on_the_later_holding_too(tmp_path):
    text = SEATS.replace("      - {person: ada, since: 2024-08-01}",
                         "      - {person: ada, since: 2024-07-01, moved-from: member}\n"
                         "      - {person: bo, since: 2024-06-30}")
    write_tree(tmp_path, {"roles.yaml": text})
    run = hubroles(tmp_path, "check")
    assert [line for line in run.lines if "move" in line] == []


# -- rotations by slot -------------------------------------------------------------------------


SLOTS = [("1", "2026-02-03", "2026-03-02", "Example Org", "Ada Quill", "release 2.1"),
         ("2", "2026-03-03", "2026-04-06", "Other Co", "one of Cy Tan", ""),
         ("3", "2026-04-07", "until the next slot", "", "Eli Park", "release 2.2")]


def test_slots_are_a_table_on_the_card_and_in_the_schedule(builds):
    for page, selector in (("roles.html", "#roles-security-steward table.hubroles-slots"),
                           ("stewards.html", "table.hubroles-slots")):
        table = soup(builds, page).select_one(selector)
        assert [text_of(th) for th in table.select("thead th")] == [
            "Slot", "From", "To", "Organization", "Held by", "Note"]
        rows = table.select("tbody tr")
        assert [tuple(text_of(td) for td in row.select("td")) for row in rows] == SLOTS
        # The days, for the reader's clock; the last slot runs on.
        assert {"hubroles-from-2026-02-03", "hubroles-to-2026-03-02"} <= set(rows[0]["class"])
        assert not [name for name in rows[2]["class"] if name.startswith("hubroles-to-")]
    card = soup(builds, "roles.html").select_one("#roles-security-steward")
    assert text_of(facts(card)["Rotation"]) == "by slot: 3 slots, from 2026-02-03 to 2026-04-07"
    # Held by its rotation: the card, the table and check --holders agree.
    assert text_of(facts(card)["Held by"]) == "in turn, by its rotation ( schedule )"
    assert facts(card)["Held by"].select_one("a")["href"] == \
        "stewards.html#rotation-security-steward"
    row = next(row for row in soup(builds, "index.html").select("table.hubroles-table tr")
               if "Security steward" in row.get_text())
    assert "in turn, by its rotation" in text_of(row)
    assert hubroles(EXAMPLE, "check", "--holders").lines == []


def test_the_ics_export_has_one_event_per_slot_linked_to_the_card(tmp_path):
    args = ("export", "--roles", str(EXAMPLE / "roles.yaml"), "--format", "ics", "--role",
            "security-steward")
    run = hubroles(tmp_path, *args)
    assert run.returncode == 0, run.stderr
    events = icalendar.Calendar.from_ical(run.stdout).walk("VEVENT")
    assert [(str(e["summary"]), e["dtstart"].dt, e["dtend"].dt) for e in events] == [
        ("Security steward: Ada Quill", date(2026, 2, 3), date(2026, 3, 3)),
        ("Security steward: Other Co", date(2026, 3, 3), date(2026, 4, 7)),
        ("Security steward: Eli Park", date(2026, 4, 7), date(2026, 4, 8))]
    # html_baseurl of the example's conf.py, and the page that holds the card.
    assert {str(e["url"]) for e in events} == {
        "https://example.org/committee/roles.html#roles-security-steward"}
    assert "filled by one of Cy Tan" in str(events[1]["description"])
    override = hubroles(tmp_path, *args, "--base-url", "https://docs.example.net/")
    assert "URL:https://docs.example.net/roles.html#roles-security-steward" in \
        override.stdout.replace("\r\n ", "")
    # Without a conf.py that sets html_baseurl, and without --base-url: no links.
    write_tree(tmp_path / "bare", {"roles.yaml": (EXAMPLE / "roles.yaml").read_text()})
    bare = hubroles(tmp_path / "bare", "export", "--format", "ics", "--role", "security-steward")
    assert bare.returncode == 0 and "URL:" not in bare.stdout


# -- teams, owners aliases, bodies and kinds ---------------------------------------------------


def test_a_team_is_a_link_on_the_card_and_names_the_owners_alias(builds, tmp_path):
    card = soup(builds, "roles.html").select_one("#roles-steering-committee")
    link = facts(card)["Team"].find("a")
    assert (link.get_text(), link["href"]) == (
        "@example-org/steering", "https://github.com/orgs/example-org/teams/steering")
    args = ("export", "--roles", str(EXAMPLE / "roles.yaml"), "--format", "owners")
    by_id = yaml.safe_load(hubroles(tmp_path, *args).stdout)["aliases"]
    by_team = yaml.safe_load(hubroles(tmp_path, *args, "--alias", "team").stdout)["aliases"]
    assert list(by_id) == ["steering-committee", "committee-member", "voting-member",
                           "regular-member"]  # emeritus-member opts out
    assert list(by_team) == ["steering", "committee-member", "voting-member",
                             "regular-member"]
    # A body is held by its members, an umbrella by its kinds.
    assert by_team["steering"] == by_id["committee-member"] == [
        "adaq", "boreyes", "cytan", "elipark"]
    assert hubroles(tmp_path, *args[:3], "--alias", "team").returncode == 2


def test_a_body_lists_its_members_and_kinds_hold_their_umbrella(builds):
    cards = soup(builds, "roles.html")
    body = facts(cards.select_one("#roles-steering-committee"))
    assert text_of(body["Members"]) == "Committee member , Voting member , Regular member"
    assert text_of(body["Held by"]) == ("Voting member : Ada Quill , Bo Reyes , Cy Tan ; "
                                        "Regular member : Eli Park")
    umbrella = cards.select_one("#roles-committee-member")
    relations = text_of(umbrella.select_one("dl.hubroles-relations"))
    assert relations == "Kinds : Voting member , Regular member"
    kind = text_of(cards.select_one("#roles-voting-member dl.hubroles-relations"))
    assert kind == "Is a kind of : Committee member"


def test_the_diagram_draws_a_body_once_and_kinds_as_a_relation(builds):
    svg = soup(builds, "index.html").select_one(".hubroles-diagram svg")
    cluster = svg.select_one("g.hubroles-group")
    assert cluster.find("text") is None  # no label of its own: the body's box names it
    bodies = svg.select("g.hubroles-body")
    assert [text_of(g.find("text")) for g in bodies] == ["Steering Committee"]
    assert bodies[0].find("a")["xlink:href"] == "roles.html#roles-steering-committee"
    assert len(svg.select("g.hubroles-relation-kind_of")) == 2
    text = text_of(soup(builds, "index.html").select_one(".hubroles-diagram-roles"))
    assert "Steering Committee stands for Steering Committee." in text
    assert "Voting member is in Steering Committee." in text


# -- role-holders, a secondary directory, the glossary ----------------------------------------


def test_role_holders_names_the_current_holders_inline(builds):
    index = soup(builds, "index.html")
    paragraph = index.select_one("div.body p") or index.select_one("p")
    assert "voting members are Ada Quill , Bo Reyes and Cy Tan ;" in text_of(paragraph)
    assert "voting or not, are Ada Quill , Bo Reyes , Cy Tan and Eli Park ." in \
        text_of(paragraph)
    assert "run by the Security steward rotation ( schedule )" in text_of(paragraph)
    links = {a.get_text(): a["href"] for a in paragraph.select(".hubroles-holders a")}
    assert links["Ada Quill"] == "people.html#people-ada"
    assert links["schedule"] == "stewards.html#rotation-security-steward"
    assert "voting members are Ada Quill, Bo Reyes and Cy Tan;" in \
        builds["text"].html("index.txt").replace("\n", " ")
    assert 'href="#people-ada"' in builds["singlehtml"].html("index.html")


def test_role_holders_warns_for_a_role_nobody_holds_and_an_unknown_one(project):
    roles = (EXAMPLE / "roles.yaml").read_text()
    srcdir = project({"roles.yaml": roles, "index.md": "# H\n\nNobody: "
                      "{role-holders}`emeritus-member`.\n\nThe {role-holders}`steering-commitee`."
                      "\n\n```{eval-rst}\n:role-holders:`regular-member` and "
                      ":role-holders:`committee-member`\n```\n"})
    (srcdir / "roles.yaml").write_text(roles.replace("      - {person: dee, since: 2025-01-01}",
                                                     "      - {person: dee, since: 2025-01-01,"
                                                     " until: 2025-12-31}"))
    result = sphinx_build(srcdir, "-q")
    expected = [
        "index.md:3: role 'emeritus-member' in role-holders has no current holder in "
        "roles.yaml (no 'holders' without 'until', no kinds or members with holders, no "
        "'rotation'); name one under 'holders'",
        "index.md:5: unknown role 'steering-commitee' in role-holders; did you mean "
        "'steering-committee'?"]
    assert [re.sub(r" WARNING:| \[hubroles\.\w+\]$", "", line)
            for line in result.warnings()] == expected
    assert [line.split(":", 3)[0] + ":" + line.split(":", 3)[1] + ":" + line.split(":", 3)[3]
            for line in hubroles(srcdir, "check").lines] == expected
    page = BeautifulSoup(result.html("index.html"), "html.parser")
    assert text_of(page.select_one(".hubroles-no-holder")) == "Emeritus member"
    # In RST too: the kinds' holders of the umbrella role.
    assert "Eli Park and Ada Quill , Bo Reyes , Cy Tan and Eli Park" in text_of(page)


def test_a_secondary_directory_lists_people_without_registering_them(builds):
    stewards = soup(builds, "stewards.html")
    entries = stewards.select(".hubroles-person-secondary")
    assert [text_of(e.find(class_="rubric")) for e in entries] == [
        "Ada Quill", "Bo Reyes", "Cy Tan"]
    assert not stewards.select('[id^="people-"]')
    # Links to people still go to the main directory, and nothing warned of a duplicate.
    index = soup(builds, "index.html")
    assert {a["href"] for a in index.select('a[href*="people-"]')} <= {
        f"people.html#people-{p}" for p in ("ada", "bo", "cy", "eli", "dee")}
    assert "duplicate" not in builds["html"].stderr


def test_the_glossary_lists_roles_with_their_summary_and_a_link_to_the_card(builds):
    glossary = soup(builds, "glossary.html").select_one("dl.glossary")
    assert [text_of(dt) for dt in glossary.find_all("dt")] == [
        "Committee member", "Emeritus member", "Nomination issue ¶", "Regular member",
        "Security steward", "Steering Committee", "Voting member"]
    role = glossary.select_one("dt a")
    assert role["href"] == "roles.html#roles-committee-member"
    assert "hubroles-preview" in role["class"]
    # In HTML, no page holds the summary of a role with a card: the browser takes it from
    # the previews file (tests/browser/test_slots_browser.py); the other builders show it.
    assert [text_of(span) for span in glossary.select("span.hubroles-glossary-summary")] == \
        [""] * 6
    text = builds["text"].html("glossary.txt")
    assert "Voting member\n   Votes on the committee's decisions." in text
    tex = (builds["latex"].outdir / "committee.tex").read_text(encoding="utf-8")
    assert "Votes on the committee" in tex


def test_role_names_off_leaves_the_glossary_to_the_terms(project):
    roles = (EXAMPLE / "roles.yaml").read_text()
    srcdir = project({"roles.yaml": roles, "index.md": "# G\n\n```{roles-glossary}\n"
                      ":role-names: off\n```\n\nA {term}`Voting member`.\n"})
    result = sphinx_build(srcdir, "-q")
    page = BeautifulSoup(result.html("index.html"), "html.parser")
    assert [text_of(dt) for dt in page.select("dl.glossary dt")] == ["Nomination issue ¶"]
    # A role's name is a term of its card, which this project lacks: said plainly.
    assert result.warnings() == [
        "index.md:7: WARNING: term not in glossary: 'Voting member' names role "
        "'voting-member' of roles.yaml, which has no role-card on any page to define it; add "
        "one with the role-card directive [ref.term]"]


def test_a_roles_yaml_term_without_a_glossary_says_so(project):
    srcdir = project({"roles.yaml": "roles:\n  r: {name: R, summary: S.}\n"
                                    "terms:\n  Land: Where we are.\n",
                      "index.md": "# T\n\nA {term}`Land`, a {term}`Lnad`.\n"})
    expected = ["index.md:3: WARNING: term not in glossary: 'Land' is a term of roles.yaml, "
                "but no page has a roles-glossary to define it; add one with the "
                "roles-glossary directive [ref.term]",
                "index.md:3: WARNING: term not in glossary: 'Lnad' [ref.term]"]
    assert sphinx_build(srcdir, "-q").warnings() == expected
    assert [line.split(": ", 1)[1] for line in hubroles(srcdir, "check").lines] == [
        line.split("WARNING: ")[1].rsplit(" [", 1)[0] for line in expected]


# -- every builder -----------------------------------------------------------------------------


def test_every_builder_shows_the_new_facts(builds):
    text = builds["text"].html("roles.txt")
    for words in ("Seats:\n   at least 3, at most 5; at most 2 per affiliation",
                  "Team:\n   @example-org/steering", "Members:\n   Committee member",
                  "then Emeritus member", "Slots of the rotation", "release 2.1"):
        assert words in text, words
    man = builds["man"].html("committee.7")
    assert "Slots of the rotation" in man and "<#" not in man
    tex = (builds["latex"].outdir / "committee.tex").read_text(encoding="utf-8")
    assert r"\hyperref[\detokenize{roles:roles-emeritus-member}]" in tex
    assert "https://github.com/orgs/example-org/teams/steering" in tex
    texinfo = (builds["texinfo"].outdir / "committee.texi").read_text(encoding="utf-8")
    assert "Slots of the rotation" in texinfo and "Third Inc" in texinfo
    epub = BeautifulSoup((builds["epub"].outdir / "roles.xhtml").read_text(), "html.parser")
    assert epub.select_one("table.hubroles-slots") is not None
    assert 'href="#roles-emeritus-member"' in builds["dirhtml"].html("roles/index.html")
    assert 'href="people/#people-ada"' in builds["dirhtml"].html("index.html")


def test_json_and_hubroles_json_carry_every_new_field(builds, site):
    data = json.loads(hubroles(site, "export").stdout)
    voting = data["roles"]["voting-member"]
    assert voting["kind-of"] == "committee-member"
    assert voting["seats"] == {"min": 3, "max": 5, "per-affiliation": 2}
    assert voting["holders"][3] == {"person": "dee", "since": "2021-01-01",
                                    "until": "2024-12-31", "note": None, "affiliation": None,
                                    "moved-to": "emeritus-member", "moved-from": None}
    assert data["roles"]["steering-committee"]["team"] == "example-org/steering"
    assert data["roles"]["emeritus-member"]["owners-alias"] is False
    assert data["groups"]["committee"]["role"] == "steering-committee"
    slot = data["roles"]["security-steward"]["rotation"]["slots"][0]
    assert slot == {"date": "2026-02-03", "until": None, "person": "ada",
                    "organization": "Example Org", "people": ["ada", "bo"],
                    "note": "release 2.1"}
    assert {"source": "voting-member", "relation": "kind_of", "target": "committee-member",
            "note": None} in data["edges"]
    assert json.loads((builds["html"].outdir / "hubroles.json").read_text()) == data
    rows = {row["role id"]: row for row in csv.DictReader(io.StringIO(
        hubroles(site, "export", "--format", "csv").stdout))}
    assert (rows["voting-member"]["min holders"], rows["voting-member"]["max holders"],
            rows["voting-member"]["max per affiliation"]) == ("3", "5", "2")
    assert rows["committee-member"]["holders"] == (
        "Ada Quill (ada)\nBo Reyes (bo)\nCy Tan (cy)\nEli Park (eli)")
    assert rows["security-steward"]["holders"] == "by rotation"
    assert rows["voting-member"]["relations"] == "kind_of: committee-member"
    assert rows["steering-committee"]["relations"] == "elects: security-steward"


# -- problems at their lines -------------------------------------------------------------------

PEOPLE = "people:\n  ada: {name: Ada}\n  bo: {name: Bo}\n"
ROLE = "roles:\n  r:\n    name: R\n    summary: S.\n"
OTHER = "  o:\n    name: O\n    summary: O.\n"


@pytest.mark.parametrize("text, expected", [
    (ROLE + "    requirements: {stepz: [a]}\n",
     ["5: unknown key 'stepz' in 'requirements' of role 'r'; did you mean 'steps'?"]),
    (ROLE + "    requirements: {steps: [a], title: T}\n",
     ["5: unknown key 'title' in 'requirements' of role 'r': a numbered list is a mapping with "
      "'steps' alone"]),
    (ROLE + "    requirements: {review: [a]}\n",
     ["5: 'requirements' of role 'r' must be a list (one '- item' per line), or 'steps:' and a "
      "list for a numbered one, not a mapping"]),
    (ROLE + "    requirements: {steps: a}\n",
     ["5: 'requirements' of role 'r' must be a list (one '- item' per line), not text"]),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, since: 2024-01-01, moved-to: o}\n"
     + OTHER, ["9: 'moved-to' of a holder of role 'r' needs 'until', the day the person left"]),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, until: 2024-01-01, moved-from: o}\n"
     + OTHER,
     ["9: 'moved-from' of a holder of role 'r' needs 'since', the day the person arrived"]),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, until: 2024-01-01, moved-to: oo}\n"
     + OTHER, ["9: 'moved-to' of a holder of role 'r' names 'oo', which is not a role under "
               "'roles'; did you mean 'o'?"]),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, until: 2024-01-01, moved-to: r}\n",
     ["9: 'moved-to' of a holder of role 'r' names the role itself; a move goes to or comes "
      "from another role"]),
    (PEOPLE + ROLE + "    holders:\n      - {person: ada, affiliation: [x]}\n",
     ["9: 'affiliation' of a holder of role 'r' must be text, not a list"]),
    (ROLE + "    seats: {min: 3, max: 2}\n", ["5: 'max' of 'seats' of role 'r' (2) is below "
                                                 "its 'min' (3)"]),
    (ROLE + "    seats: {min: -1}\n", ["5: 'min' of 'seats' of role 'r' must be a whole "
                                         "number, 0 or more, not `-1`"]),
    (ROLE + "    seats: {per-affiliation: 5/4}\n",
     ["5: 'per-affiliation' of 'seats' of role 'r' must be a whole number, 1 or more, or a "
      "share of the holders such as 1/4, not `5/4`"]),
    (ROLE + "    seats: {}\n",
     ["5: 'seats' of role 'r' is empty; give it 'min', 'max' or 'per-affiliation'"]),
    (ROLE + "    team: example/\n", ["5: 'team' of role 'r' is not a GitHub team: "
                                      "'example/'; write it as @org/team-name"]),
    (ROLE + "    owners-alias: true\n", ["5: 'owners-alias' of role 'r' is true; give the "
                                          "alias's name, or false to leave the role out of "
                                          "the owners export"]),
    (ROLE + "    owners-alias: a b\n", ["5: 'owners-alias' of role 'r' is 'a b'; use letters, "
                                         "digits, '-' and '_', starting with a letter or "
                                         "digit, or false"]),
    (ROLE + "    kind-of: r\n", ["5: role 'r' cannot be a kind of itself; name the role it "
                                  "is a kind of"]),
    (ROLE + "    kind-of: o\n" + OTHER + "    kind-of: r\n",
     ["5: these roles are each a kind of the next, and the last a kind of the first: r → o "
      "→ r; remove one 'kind-of'"]),
    ("groups:\n  g: {name: G, role: x}\n" + ROLE,
     ["2: 'role' of group 'g' names 'x', which is not a role under 'roles'"]),
    ("groups:\n  g: {name: G, role: r}\n  h: {name: H, role: r}\n" + ROLE,
     ["3: group 'h' names role 'r' as its body, and group 'g' does too (line 2); a role "
      "stands for one group"]),
    ("groups:\n  g: {name: G, role: r}\n  h: {name: H}\n" + ROLE + "    group: h\n",
     ["8: role 'r' names group 'h', but it stands for group 'g' ('role' of that group, line "
      "2); a body belongs to its own group: write 'group: g' or leave 'group' out"]),
    (PEOPLE + ROLE + "    rotation: {pool: [ada], every: 7, start: 2026-01-01, slots: "
     "[{date: 2026-01-01, person: ada}]}\n",
     ["8: 'rotation' of role 'r' has 'slots', so it has no 'pool': a rotation has 'pool', "
      "'every' and 'start', or 'slots'",
      "8: 'rotation' of role 'r' has 'slots', so it has no 'every': a rotation has 'pool', "
      "'every' and 'start', or 'slots'",
      "8: 'rotation' of role 'r' has 'slots', so it has no 'start': a rotation has 'pool', "
      "'every' and 'start', or 'slots'"]),
    (PEOPLE + ROLE + "    rotation:\n      slots:\n        - {date: 2026-02-01, person: ada}\n"
     "        - {date: 2026-01-01, person: bo}\n",
     ["11: a slot of 'rotation' of role 'r' on 2026-01-01 comes after the slot on 2026-02-01 "
      "(line 10); keep the slots in date order"]),
    (PEOPLE + ROLE + "    rotation:\n      slots:\n        - {date: 2026-02-01}\n",
     ["10: a slot of 'rotation' of role 'r' has neither 'person' nor 'organization'; name who "
      "holds it"]),
    (PEOPLE + ROLE + "    rotation:\n      slots:\n"
     "        - {date: 2026-02-01, person: ada, organization: X, people: [bo]}\n",
     ["10: 'person' of a slot of 'rotation' of role 'r', 'ada', is not one of its 'people'; "
      "add them there, or name one of them"]),
    (PEOPLE + ROLE + "    rotation:\n      slots:\n        - {date: 2026-02-01, people: [bo]}\n",
     ["10: a slot of 'rotation' of role 'r' has 'people' but no 'organization'; 'people' are "
      "the organization's",
      "10: a slot of 'rotation' of role 'r' has neither 'person' nor 'organization'; name who "
      "holds it"]),
    (PEOPLE + ROLE + "    rotation:\n      slots: []\n",
     ["9: 'slots' of 'rotation' of role 'r' is empty; name each turn with its date"]),
])
def test_every_problem_of_the_new_fields_is_reported_at_its_line(tmp_path, text, expected):
    with pytest.raises(RolesFileError) as error:
        parse_roles(text.encode(), tmp_path / "roles.yaml")
    assert [line.split(":", 1)[1] for line in error.value.lines()] == expected


# -- incremental builds ------------------------------------------------------------------------


def test_a_new_holder_rereads_the_pages_that_name_the_holders(site, tmp_path):
    """Who holds a role shows on pages that neither link to it nor show its card: an edit to
    holders reads those pages again, and the result is a clean build's."""
    srcdir = tmp_path / "src"
    shutil.copytree(EXAMPLE, srcdir)
    assert sphinx_build(srcdir, "-q").returncode == 0
    roles = (srcdir / "roles.yaml").read_text()
    (srcdir / "roles.yaml").write_text(roles.replace(
        "      - {person: eli, since: 2025-06-01}",
        "      - {person: eli, since: 2025-06-01}\n      - {person: dee, since: 2026-01-01}")
        .replace("summary: Runs one security release.",
                 "summary: Runs one *security* release, by slot."))
    incremental = sphinx_build(srcdir)
    assert incremental.returncode == 0, incremental.stderr
    # The glossary, which lists the role, is neither read nor written again: the reader's
    # browser takes the summary from the previews file, which is.
    read, written = (set(re.findall(rf"{step}\.\.\. \[[ \d]+%\] (\S+)", incremental.stdout))
                     for step in ("reading sources", "writing output"))
    assert "glossary" not in read | written
    assert "Runs one security release, by slot." in (
        incremental.outdir / "_static" / "hubroles-previews.js").read_text(encoding="utf-8")
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = sphinx_build(clean_src, "-q")
    for page in ("index.html", "roles.html", "glossary.html", "stewards.html", "people.html"):
        assert incremental.html(page) == clean.html(page), page
