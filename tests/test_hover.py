"""Hover previews: every link to a role's card carries the role's name as its title and the
class the preview script looks for; the site's one previews file holds each card's name and
summary, as plain text, so a changed summary rewrites that file, not the pages that link."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import TEAM, build_here, cards_page, write_project

ENGINEER, ADMIN, REPRESENTATIVE = "Hub Engineer", "Hub Administrator", "Community Representative"
PREVIEWS = {
    "roles-hub-engineer": "Hub Engineer: Operates the hub infrastructure.",
    "roles-hub-administrator": "Hub Administrator: Supports the users of a hub.",
    # The summary is "Represents the {term}`Hub Community`.": the words, not the markup.
    "roles-community-representative":
        "Community Representative: Represents the Hub Community.",
}

SITE = {
    "roles.yaml": TEAM,
    "index.md": """
        # Handbook

        ```{toctree}
        cards
        links
        folder/rst
        ```
        """,
    "cards.md": cards_page("Cards"),
    "links.md": """
        # Links

        - [the admins](roles:hub-administrator)
        - [](roles:hub-engineer)
        - {ref}`roles:community-representative`
        - {ref}`Reps <roles:community-representative>`
        - {term}`Hub Engineer` and {term}`Hub Administrators`
        - <roles:hub-engineer>
        - {term}`Incident`
        - [the cards page](cards.md)

        ```{roles-diagram}
        :roles: hub-engineer, project-manager
        ```
        """,
    "folder/rst.rst": """
        RST
        ===

        :ref:`roles:hub-engineer` and :term:`Community Representatives`.
        """,
}


def titled_links(html: str) -> list[tuple[str, str | None]]:
    """(text, title) of every link in the page's body."""
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), a.get("title")) for a in soup.select("div.body a.reference")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    result = build_here(write_project(tmp_path_factory.mktemp("hover"), SITE), nitpicky=True)
    assert result.stderr == ""
    return result


def test_the_previews_file_has_each_cards_name_and_summary(built):
    assert built.previews() == PREVIEWS


def test_every_reference_form_gets_the_roles_name_and_the_preview_class(built):
    found = titled_links(built.html("links.html"))
    assert found == [
        ("the admins", ADMIN),
        ("Hub Engineer", ENGINEER),
        ("Community Representative", REPRESENTATIVE),
        ("Reps", REPRESENTATIVE),
        ("Hub Engineer", ENGINEER),
        ("Hub Administrators", ADMIN),
        ("roles:hub-engineer", ENGINEER),
        ("Incident", None),  # a term of the glossary, not a role
        ("the cards page", None),
        # The diagram's text version; Project Manager has no card, so no link.
        ("Hub Engineer", ENGINEER),
    ]
    soup = BeautifulSoup(built.html("links.html"), "html.parser")
    assert all("hubroles-preview" in a["class"] for a in soup.select("a[title]")
               if a["title"] in (ADMIN, ENGINEER, REPRESENTATIVE))


def test_rst_pages_and_card_relations_get_it_too(built):
    assert titled_links(built.html("folder/rst.html")) == [
        ("Hub Engineer", ENGINEER), ("Community Representatives", REPRESENTATIVE)]
    relations = titled_links(built.html("cards.html"))
    assert ("Hub Administrator", ADMIN) in relations
    assert ("Hub Engineer", ENGINEER) in relations


def test_the_popover_script_is_linked_and_copied(built):
    assert 'src="_static/hubroles-preview.js?v=' in built.html("links.html")
    assert (built.outdir / "_static" / "hubroles-preview.js").is_file()
    # The previews file is loaded by the script, not linked: its content changes with the
    # summaries, and a page that links to it with a checksum would be stale.
    assert "hubroles-previews.js" not in built.html("links.html")


@pytest.mark.parametrize("builder, page, href", [
    ("dirhtml", "links/index.html", "../cards/#roles-hub-engineer"),
    ("singlehtml", "index.html", "#roles-hub-engineer"),
])
def test_other_html_builders(tmp_path, builder, page, href):
    result = build_here(write_project(tmp_path, SITE), builder, nitpicky=True)
    assert result.stderr == ""
    soup = BeautifulSoup(result.html(page), "html.parser")
    assert {a.get("title") for a in soup.select(f'a.reference[href="{href}"]')} == {ENGINEER}
    assert result.previews()["roles-hub-engineer"] == PREVIEWS["roles-hub-engineer"]


def test_markup_and_broken_references_in_a_summary_are_not_shown_nor_reported_twice(project):
    team = TEAM.replace(
        "summary: Operates the hub infrastructure.",
        "summary: Runs the **hub** with `kubectl`, for the [admins](roles:hub-admn).")
    srcdir = project({**SITE, "roles.yaml": team})
    result = build_here(srcdir)
    # One warning, from the card that shows the summary.
    assert [w for w in result.warnings() if "hub-admn" in w] == [
        w for w in result.warnings() if w.startswith("roles.yaml:")]
    assert len([w for w in result.warnings() if "hub-admn" in w]) == 1
    assert result.previews()["roles-hub-engineer"] == \
        "Hub Engineer: Runs the hub with kubectl, for the admins."


def test_a_changed_summary_changes_the_previews_file_not_the_linking_pages(project):
    """(That the previews and pages then equal a clean build's, test_incremental.py checks.)"""
    srcdir = project(SITE)
    build_here(srcdir)
    (srcdir / "roles.yaml").write_text(
        TEAM.replace("Operates the hub infrastructure.", "Keeps the hubs running."))
    result = build_here(srcdir)
    # The card shows the summary: read again. The diagram on links.md shows the role with its
    # name as tooltip and the summary as its box's preview: left alone (nothing drawn), as is
    # folder/rst.rst, which only links to the role.
    assert result.read == {"cards"}
    assert "links" not in result.written and "folder/rst" not in result.written
    assert "drawing" not in result.stdout
    assert result.previews()["roles-hub-engineer"] == "Hub Engineer: Keeps the hubs running."


def test_a_long_summary_is_cut_in_the_preview_and_never_in_a_title(project):
    srcdir = project({**SITE, "roles.yaml": TEAM.replace(
        "Operates the hub infrastructure.", "Operates " + "very " * 100_000 + "much.")})
    result = build_here(srcdir, nitpicky=True)
    assert result.stderr == ""
    preview = result.previews()["roles-hub-engineer"]
    assert len(preview) == 2_000 and preview.endswith("\u2026")
    assert max(len(title or "") for _text, title in titled_links(result.html("links.html"))) \
        < 100
    assert len(result.html("links.html")) < 100_000


def test_an_unrelated_summary_change_leaves_linking_pages_alone(project):
    srcdir = project(SITE)
    build_here(srcdir)
    (srcdir / "roles.yaml").write_text(TEAM.replace("Plans the work.", "Plans the year."))
    result = build_here(srcdir)
    # Project Manager has no card: its summary is a tooltip in the diagram on links.md only,
    # which is written again, not read (Sphinx writes index.md too, whose table of contents
    # lists links.md). cards.md is written again, not read: its glossary lists the role with
    # its summary's words, filled in when the page is written.
    assert (result.read, result.written) == (set(), {"cards", "links", "index"})
