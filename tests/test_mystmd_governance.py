"""Governance content (issue 23) in a MyST-MD build: the docs' governance example
(docs/examples/governance, the same pages and roles.yaml as the Sphinx tests build in
tests/test_governance.py) built with the plugin by `myst build --site --strict`, and its page
ASTs checked: numbered steps, moves on both cards, seats and a holding's own affiliation, the
slots of a rotation as a table, a team, a body with its members and kinds, `{role-holders}`,
a `roles-people :no-index:`, the glossary's role entries, the new table columns. A second
project plants role-holders mistakes, an unknown option, `roles-glossary :role-names: off` and
`roles-diagram :isolated:`, and compares the errors with `sphinx-hubroles check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import hubroles
from mystmd_helpers import myst_build, myst_config, nodes, text, write_myst_project

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "governance"
PAGES = ["index.md", "roles.md", "stewards.md", "people.md", "glossary.md"]


def example_files() -> dict[str, str]:
    """The example's pages and roles.yaml; its Sphinx toctree becomes myst.yml's toc."""
    files = {path.name: path.read_text(encoding="utf-8") for path in EXAMPLE.iterdir()
             if path.suffix in (".md", ".yaml")}
    files["index.md"] = re.sub(r"```\{toctree\}.*?```\n", "", files["index.md"], flags=re.S)
    files["myst.yml"] = myst_config(PAGES)
    return files


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    run = myst_build(write_myst_project(tmp_path_factory.mktemp("governance"),
                                        example_files()), "--site", "--strict")
    assert run.returncode == 0, run.output
    assert run.errors() == []
    return run


def card(run, role_id: str) -> list[dict]:
    """The nodes of a role's card on roles.md: its heading and what follows, up to the next."""
    children = run.page("roles")["children"][0]["children"]
    start = next(index for index, node in enumerate(children)
                 if node["type"] == "heading" and node.get("html_id") == f"roles-{role_id}")
    end = next((index for index, node in enumerate(children[start + 1:], start + 1)
                if node["type"] == "heading"), len(children))
    return children[start:end]


def facts(run, role_id: str) -> dict[str, dict]:
    """A card's facts, by name: each one's definitionDescription."""
    found = next(node for node in card(run, role_id)
                 if node["type"] == "definitionList" and node.get("class") == "hubroles-facts")
    items = found["children"]
    return {text(term): description for term, description in zip(items[::2], items[1::2],
                                                                  strict=True)}


def links(tree: dict) -> list[tuple[str, str]]:
    """Each cross-reference's (identifier, text), in order."""
    return [(node["identifier"], text(node)) for node in nodes(tree, "crossReference")]


def flat(value: str) -> str:
    return " ".join(value.split())


def test_steps_are_a_numbered_list_with_bulleted_sub_items(example):
    lists = [node for node in card(example, "steering-committee") if node["type"] == "list"]
    steps = lists[0]
    assert (steps["ordered"], steps.get("start"), steps["class"]) == (
        True, 1, "hubroles-requirements")
    assert [text(item["children"][0]) for item in steps["children"]] == [
        "Open a nomination issue", "Wait a week for objections", "The committee votes"]
    sub = steps["children"][1]["children"][1]
    assert sub["type"] == "list" and sub["ordered"] is False
    assert text(sub) == "Objections go to the committee’s chair"


def test_a_move_shows_on_both_cards(example):
    former = facts(example, "voting-member")["Formerly held by"]
    assert flat(text(former)) == "Dee Marsh (2021-01-01 to 2024-12-31; then Emeritus member)"
    assert links(former) == [("people:dee", "Dee Marsh"),
                             ("roles:emeritus-member", "Emeritus member")]
    later = facts(example, "emeritus-member")["Held by"]
    assert flat(text(later)) == "Dee Marsh (since 2025-01-01; from Voting member)"
    assert links(later)[1] == ("roles:voting-member", "Voting member")


def test_seats_and_a_holdings_own_affiliation(example):
    shown = facts(example, "voting-member")
    assert text(shown["Seats"]) == "at least 3, at most 5; at most 2 per affiliation"
    assert flat(text(shown["Held by"])) == (
        "Ada Quill, Bo Reyes (since 2025-01-01), Cy Tan (since 2025-01-01; for Third Inc; "
        "on loan)")


def test_slots_are_a_table_on_the_card_and_the_schedule_a_target(example):
    held = facts(example, "security-steward")
    assert text(held["Rotation"]) == "by slot: 3 slots, from 2026-02-03 to 2026-04-07"
    schedule_link = nodes(held["Held by"], "crossReference")[0]
    assert (schedule_link["identifier"], schedule_link["url"], schedule_link["html_id"]) == (
        "rotation:security-steward", "/stewards", "rotation-security-steward")
    on_card = nodes({"children": card(example, "security-steward")}, "table")[0]
    assert on_card["class"] == "hubroles-rotation hubroles-slots"
    rows = on_card["children"]
    assert [text(cell) for cell in rows[0]["children"]] == [
        "Slot", "From", "To", "Organization", "Held by", "Note"]
    assert [[text(cell) for cell in row["children"]] for row in rows[1:]] == [
        ["1", "2026-02-03", "2026-03-02", "Example Org", "Ada Quill", "release 2.1"],
        ["2", "2026-03-03", "2026-04-06", "Other Co", "one of Cy Tan", ""],
        ["3", "2026-04-07", "until the next slot", "", "Eli Park", "release 2.2"]]
    assert rows[3]["class"] == "hubroles-shift hubroles-from-2026-04-07"
    # The schedule of stewards.md is the target of schedule links (its first roles-rotation).
    schedule = nodes(example.page("stewards"), "container", kind="table")[0]
    assert (schedule["identifier"], schedule["html_id"]) == (
        "rotation:security-steward", "rotation-security-steward")
    assert text(nodes(schedule, "caption")[0]).endswith("Rotation of Security steward: by slot")
    assert len(nodes(schedule, "tableRow")) == 4


def test_a_team_is_a_link_to_the_code_host(example):
    team = nodes(facts(example, "steering-committee")["Team"], "link")[0]
    assert team["url"] == "https://github.com/orgs/example-org/teams/steering"
    # mystmd itself puts break opportunities into a link's text that looks like a path.
    assert text(team).replace("\u200b", "") == "@example-org/steering"


def test_a_body_lists_its_members_and_kinds_hold_their_umbrella(example, tmp_path):
    body = facts(example, "steering-committee")
    assert flat(text(body["Members"])) == "Committee member, Voting member, Regular member"
    assert flat(text(body["Held by"])) == (
        "Voting member: Ada Quill, Bo Reyes, Cy Tan; Regular member: Eli Park")
    relations = [node for node in card(example, "committee-member")
                 if node.get("class") == "hubroles-relations"][0]
    assert flat(text(relations)) == "KindsVoting member, Regular member"
    kind = [node for node in card(example, "voting-member")
            if node.get("class") == "hubroles-relations"][0]
    assert links(kind) == [("roles:committee-member", "Committee member")]
    # The diagram draws the body once, as its group's title, and each kind-of as a relation.
    image = nodes(example.page("index"), "image")[0]
    svg = (example.root / "_build/site/public" / image["url"].lstrip("/")).read_text()
    assert len(re.findall(r'class="[^"]*\bhubroles-body\b', svg)) == 1
    assert len(re.findall(r'class="[^"]*\bhubroles-relation-kind_of\b', svg)) == 2


def test_role_holders_names_the_holders_inline(example):
    paragraph = nodes(example.page("index"), "paragraph")[0]
    spans = nodes(paragraph, "span", **{"class": "hubroles-holders"})
    assert [flat(text(span)) for span in spans] == [
        "Ada Quill, Bo Reyes and Cy Tan", "Ada Quill, Bo Reyes, Cy Tan and Eli Park",
        "the Security steward rotation (schedule)"]
    ada = nodes(spans[0], "crossReference")[0]
    assert (ada["identifier"], ada["url"], ada["html_id"]) == ("people:ada", "/people",
                                                               "people-ada")
    schedule = nodes(spans[2], "crossReference")[0]
    assert (schedule["url"], schedule["html_id"]) == ("/stewards", "rotation-security-steward")


def test_a_no_index_directory_lists_people_without_being_their_target(example):
    stewards = example.page("stewards")
    rubrics = [node for node in nodes(stewards, "paragraph")
               if "hubroles-person-secondary" in node.get("class", "")]
    assert [text(node) for node in rubrics] == ["Ada Quill", "Bo Reyes", "Cy Tan"]
    assert not [node for node in nodes(stewards) if str(node.get("html_id", "")).startswith(
        "people-") and node["type"] != "crossReference"]
    # The main directory keeps every entry, and objects.inv sends people there.
    directory = [node["html_id"] for node in nodes(example.page("people"), "heading")
                 if node.get("html_id", "").startswith("people-")]
    assert directory == ["people-ada", "people-bo", "people-cy", "people-dee", "people-eli"]
    assert example.inventory()["people:ada"][1].startswith("people")


def test_the_glossary_lists_the_roles_among_the_terms(example):
    glossary = example.page("glossary")
    # The order and names of the Sphinx build (tests/test_governance.py).
    assert [text(node) for node in nodes(glossary, "definitionTerm")] == [
        "Committee member", "Emeritus member", "Nomination issue", "Regular member",
        "Security steward", "Steering Committee", "Voting member"]
    assert [node.get("identifier") for node in nodes(glossary, "definitionTerm")
            if node.get("identifier")] == ["term-nomination issue"]
    summaries = [text(node) for node in nodes(glossary, "paragraph")
                 if node.get("class") == "hubroles-glossary-summary"]
    assert summaries[-1] == "Votes on the committee's decisions."


def test_the_table_has_the_new_columns(example):
    table = nodes(example.page("index"), "table", **{"class": "hubroles-table"})[0]
    rows = table["children"]
    assert [text(cell) for cell in rows[0]["children"]] == [
        "Role", "Held by", "Formerly held by", "Seats", "Team", "Kind of", "Rotation"]
    by_role = {text(row["children"][0]): [flat(text(cell)) for cell in row["children"]]
               for row in rows[1:]}
    assert by_role["Voting member"][3:6] == [
        "at least 3, at most 5; at most 2 per affiliation", "", "Committee member"]
    assert by_role["Security steward"][1] == "in turn, by its rotation (schedule)"
    assert by_role["Security steward"][6] == "by slot: 3 slots, from 2026-02-03 to 2026-04-07"


# -- mistakes and options ----------------------------------------------------------------------

PLANTED = {
    "myst.yml": myst_config(["index.md"]),
    # Dee leaves the emeritus role, which nobody holds then.
    "roles.yaml": (EXAMPLE / "roles.yaml").read_text(encoding="utf-8").replace(
        "      - {person: dee, since: 2025-01-01}",
        "      - {person: dee, since: 2025-01-01, until: 2025-12-31}"),
    "index.md": """
        # Held

        Nobody: {role-holders}`emeritus-member`.

        The {role-holders}`steering-commitee`.

        ```{roles-glossary}
        :role-names: off
        ```

        A {term}`Nomination issue`.

        ```{roles-diagram}
        :relations: elects
        :isolated: hide
        ```

        ```{roles-diagram}
        :relations: elects
        :isolated: show
        ```

        ```{roles-people}
        :no-index:
        :formr: off
        ```
        """,
}

EXPECTED = [
    "index.md:3 role 'emeritus-member' in role-holders has no current holder in roles.yaml "
    "(no 'holders' without 'until', no kinds or members with holders, no 'rotation'); name "
    "one under 'holders'",
    "index.md:5 unknown role 'steering-commitee' in role-holders; did you mean "
    "'steering-committee'?",
    "index.md:23 unknown option :formr: of roles-people; did you mean 'former'?",
]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = write_myst_project(tmp_path_factory.mktemp("planted"), PLANTED)
    return myst_build(root, "--site", "--strict")


def test_role_holders_and_option_mistakes_fail_the_build_at_their_lines(planted):
    assert planted.returncode == 1
    assert "Traceback" not in planted.output
    # role-holders at its line and column, the unknown option at the directive's line.
    assert [re.sub(r"^(\S+?:\d+):\d+", r"\1", line) for line in planted.errors()] == EXPECTED
    assert [line for line in planted.errors() if line.startswith("index.md:3:")] == [
        EXPECTED[0].replace("index.md:3", "index.md:3:24")]
    # The same problems, in the same words, from check.
    said = [re.sub(r"^(\S+?:\d+)(?::\d+)?: ", r"\1 ", line)
            for line in hubroles(planted.root, "check").lines]
    assert said == EXPECTED


def test_jupyter_book_fails_on_the_same_mistakes(tmp_path):
    run = myst_build(write_myst_project(tmp_path, PLANTED), "--site", "--strict",
                     name="jupyter-book")
    assert run.returncode == 1
    assert "Traceback" not in run.output
    assert [re.sub(r"^(\S+?:\d+):\d+", r"\1", line) for line in run.errors()] == EXPECTED


def test_what_role_holders_shows_without_a_holder(planted):
    spans = nodes(planted.page("index"), "span")
    assert [(text(span), span["class"]) for span in spans] == [
        ("Emeritus member", "hubroles-holders hubroles-no-holder"),
        ("steering-commitee", "hubroles-holders hubroles-no-holder")]


def test_role_names_off_leaves_the_glossary_to_the_terms(planted):
    page = planted.page("index")
    assert [(text(node), node.get("identifier")) for glossary in nodes(page, "glossary")
            for node in nodes(glossary, "definitionTerm")] == [
        ("Nomination issue", "term-nomination issue")]
    assert not nodes(page, "definitionList", **{"class": "hubroles-glossary"})
    assert not nodes(page, "definitionTerm", **{"class": "hubroles-glossary-role"})


def test_isolated_hides_or_shows_the_roles_no_drawn_relation_touches(planted):
    versions = nodes(planted.page("index"), "admonition", **{
        "class": "hubroles-diagram-text dropdown"})
    listed = [[text(item["children"][0]["children"][0]) for item in nodes(version, "list")[0][
        "children"]] for version in versions]
    assert listed == [
        ["Steering Committee", "Security steward"],
        ["Steering Committee", "Committee member", "Voting member", "Regular member",
         "Emeritus member", "Security steward"]]


def test_a_no_index_directory_registers_no_person(planted):
    page = planted.page("index")
    assert not nodes(page, "heading", depth=2)
    assert not [node for node in nodes(page) if str(node.get("identifier", "")).startswith(
        "people:") and node["type"] != "crossReference"]
    assert [text(node) for node in nodes(page, "paragraph")
            if "hubroles-person-secondary" in node.get("class", "")][:2] == [
        "Ada Quill", "Bo Reyes"]
