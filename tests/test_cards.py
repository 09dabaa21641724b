"""`role-card` renders a role's page from roles.yaml, in MyST and in RST."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import TEAM, build_here, sphinx_build, write_project
from sphinx.util.inventory import InventoryFile

CARD_PAGES = {
    "roles.yaml": TEAM,
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
               'myst_enable_extensions = ["colon_fence"]\n',
    "index.md": """
        # Team

        ```{toctree}
        admin
        ```

        :::{role-card} community-representative
        :::

        ## Glossary

        :::{roles-glossary}
        :::
        """,
    "admin.rst": """
        Admins
        ======

        .. role-card:: hub-administrator

        .. role-card:: project-manager
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("cards"), CARD_PAGES)
    result = build_here(srcdir, nitpicky=True)
    assert result.stderr == ""
    return result


def card(built, page: str, role_id: str):
    soup = BeautifulSoup(built.html(page), "html.parser")
    return soup.find("section", id=f"roles-{role_id}")


def test_card_is_a_titled_section_with_permalink_and_toc_entry(built):
    section = card(built, "index.html", "community-representative")
    assert "hubroles-card" in section["class"]
    heading = section.find("h2")
    assert heading.get_text().rstrip("¶") == "Community Representative"
    assert heading.find("a", class_="headerlink")["href"] == "#roles-community-representative"
    # The sidebar's table of contents lists the cards of the current page.
    toc = BeautifulSoup(built.html("admin.html"), "html.parser").select(".sphinxsidebar a")
    assert [(a.get_text(), a["href"]) for a in toc if "#roles-" in a["href"]] == [
        ("Hub Administrator", "#roles-hub-administrator"),
        ("Project Manager", "#roles-project-manager")]


def test_card_shows_every_field(built):
    section = card(built, "index.html", "community-representative")
    text = " ".join(section.get_text(" ").split())
    assert "Represents the Hub Community ." in text
    assert "Group : Hub Community" in text
    assert "How many : one or two per community" in text
    assert "Usually filled by : a member of the community" in text
    assert section.find("em").get_text() == "Hub Administrator"  # description is MyST
    assert section.select_one(".hubroles-responsibilities").get_text(" ").split() == \
        "Collect feedback from users. Oversee the Hub Administrators".split()
    term = section.select_one(".hubroles-summary a")
    assert (term.get_text(), term["href"]) == ("Hub Community", "#term-Hub-Community")


def relation_links(relations) -> list[tuple[str, list[tuple[str, str]]]]:
    """(field name, [(link text, href)]) for each field of a card's relations list."""
    return [(dt.get_text().rstrip(":"), [(a.get_text(), a["href"]) for a in dd.find_all("a")])
            for dt, dd in zip(relations.find_all("dt"), relations.find_all("dd"), strict=True)]


def test_card_links_outgoing_and_incoming_relations(built):
    rep = card(built, "index.html", "community-representative")
    relations = rep.select_one("dl.hubroles-relations")
    pairs = relation_links(relations)
    assert pairs == [
        ("Oversees", [("Hub Administrator", "admin.html#roles-hub-administrator")]),
        # A relation to a role without a card is plain text, and does not warn.
        ("Surfaces requests to", []),
    ]
    assert "Hub Engineer" in relations.get_text()

    admin = card(built, "admin.html", "hub-administrator")
    relations = admin.select_one("dl.hubroles-relations")
    pairs = relation_links(relations)
    assert pairs == [
        ("Adds", [("Hub Administrator", "#roles-hub-administrator")]),
        ("Overseen by", [("Community Representative",
                          "index.html#roles-community-representative")]),
        ("Added by", [("Hub Administrator", "#roles-hub-administrator")]),
    ]


def test_card_renders_admonitions_and_see_also_in_rst_pages(built):
    admin = card(built, "admin.html", "hub-administrator")
    warning = admin.select_one("div.admonition.warning")
    assert "Give this role to people you trust." in warning.get_text()
    seealso = admin.select_one("div.admonition.seealso")
    link = seealso.find("a")
    assert (link.get_text(), link["href"]) == ("Admin docs", "https://example.org/admin")


def test_card_of_unknown_role_warns_with_suggestion_and_renders_nothing(project):
    srcdir = project({"roles.yaml": TEAM, "index.md": """
        # Team

        ```{role-card} hub-enginer
        ```
        """})
    result = sphinx_build(srcdir, "-W", "--keep-going")
    assert result.returncode == 1
    assert result.warnings() == [
        "index.md:3: WARNING: unknown role 'hub-enginer' in role-card; did you mean "
        "'hub-engineer'? [hubroles.card]"]
    assert "hubroles-card" not in result.html("index.html")


@pytest.mark.parametrize("jobs", [0, 2])
def test_card_placed_twice_warns_and_the_first_is_the_target(project, jobs):
    """The first card, in file and line order, is the target of the role's label and terms
    (objects.inv) as of its links, also when the pages are read in parallel: z.md, with the
    second card, is the slowest page to read, and its reader the last to report back."""
    srcdir = project({"roles.yaml": TEAM, "index.md": """
        # Team

        ```{toctree}
        a
        b
        c
        d
        z
        ```
        """, "a.md": "# A\n\n```{role-card} hub-engineer\n```\n",
        "b.md": "# B\n", "c.md": "# C\n", "d.md": "# D\n\n[](roles:hub-engineer)\n",
        "z.md": "# Z\n\nText.\n\n```{role-card} hub-engineer\n```\n"
                + "\nMore *text*.\n" * 300})
    result = build_here(srcdir, parallel=jobs)
    assert result.warnings() == [
        "z.md:5: WARNING: role 'hub-engineer' already has a role-card at a.md:3; "
        "each role gets one card [hubroles.duplicate]"]
    entries = InventoryFile.loads((result.outdir / "objects.inv").read_bytes(), uri="").data
    assert entries["std:label"]["roles:hub-engineer"].uri == "a.html#roles-hub-engineer"
    assert entries["std:term"]["Hub Engineer"].uri == "a.html#roles-hub-engineer"
    assert 'href="a.html#roles-hub-engineer"' in result.html("d.html")


def test_raw_html_and_script_links_in_roles_yaml_are_not_passed_through(project):
    team = TEAM.replace("Operates the hub infrastructure.",
                        "Operates <script>alert(1)</script> and <a href='javascript:x'>a</a>.")
    srcdir = project({"roles.yaml": team, "index.md": "# T\n\n```{role-card} hub-engineer\n```\n"})
    result = build_here(srcdir)
    html = result.html("index.html")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_roles_yaml_text_uses_the_projects_myst_settings_on_rst_pages(project):
    team = TEAM.replace("      - listed item\n",
                        "      :::{note}\n      A fenced note.\n      :::\n\n"
                        "      Term\n      : A definition.\n")
    srcdir = project({"roles.yaml": team,
                      "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
                                 'myst_enable_extensions = ["colon_fence", "deflist"]\n',
                      "index.rst": "Team\n====\n\n.. role-card:: community-representative\n\n"
                                   ".. role-card:: hub-administrator\n\n"
                                   ".. roles-glossary::\n"})
    result = build_here(srcdir)
    assert result.stderr == ""
    section = card(result, "index.html", "community-representative")
    assert "A fenced note." in section.select_one("div.admonition.note").get_text()
    assert section.select_one("dl:not(.field-list) dt").get_text() == "Term"


def test_myst_problems_in_roles_yaml_are_reported_at_their_line(project):
    team = TEAM.replace("      - listed item\n", "      ```{nodirective}\n      ```\n")
    srcdir = project({"roles.yaml": team, "index.md": """
        # Team

        ```{role-card} community-representative
        ```

        ```{role-card} hub-administrator
        ```

        ```{roles-glossary}
        ```
        """})
    line = team.splitlines().index("      ```{nodirective}") + 1
    assert build_here(srcdir).warnings() == [
        f"roles.yaml:{line}: WARNING: Unknown directive type: 'nodirective' "
        "[myst.directive_unknown]"]


def test_glossary_lists_terms_sorted_and_no_role_names_with_role_names_off(project):
    # With role names (the default): tests/test_governance.py.
    team = TEAM.replace("  Incident: Something that broke.\n",
                        "  Incident: Something that broke.\n  alert: A page.\n")
    srcdir = project({"roles.yaml": team,
                      "index.md": "# G\n\n```{roles-glossary}\n:role-names: off\n```\n"})
    result = build_here(srcdir)
    assert result.stderr == ""
    soup = BeautifulSoup(result.html("index.html"), "html.parser")
    assert [dt.get_text().rstrip("¶") for dt in soup.select("dl.glossary dt")] == [
        "alert", "Hub Community", "Incident"]


def test_hand_written_label_beside_a_card_warns(project):
    """(about.md, with the label, is read before index.md, with the card.)"""
    srcdir = project({"roles.yaml": TEAM, "index.md": """
        # Team

        ```{toctree}
        about
        ```

        ```{role-card} hub-engineer
        ```
        """, "about.md": "# About\n\n(roles:hub-engineer)=\n## Hub Engineer\n\n"
                         "By hand; see [](roles:hub-engineer).\n"})
    result = build_here(srcdir)
    assert result.warnings() == [
        "about.md:3: WARNING: label 'roles:hub-engineer' is written by hand here, and the "
        "role-card at index.md:7 makes it too; remove the hand-written label "
        "[hubroles.duplicate]"]
    # The card wins: links go to it, not to the hand-written section, and so does the label
    # that other projects find in objects.inv, with the role's terms.
    assert 'href="index.html#roles-hub-engineer"' in result.html("about.html")
    entries = InventoryFile.loads((result.outdir / "objects.inv").read_bytes(), uri="").data
    assert entries["std:label"]["roles:hub-engineer"].uri == "index.html#roles-hub-engineer"
    assert entries["std:term"]["Hub Engineer"].uri == "index.html#roles-hub-engineer"


def test_hand_written_glossary_entry_for_a_role_name_warns(project):
    srcdir = project({"roles.yaml": TEAM, "index.md": """
        # Team

        ```{role-card} hub-engineer
        ```

        ```{glossary}
        Hub Engineer
          Written by hand.
        ```
        """})
    result = build_here(srcdir)
    assert result.warnings() == [
        # The term's own line (Sphinx gives a MyST glossary's terms the line after them).
        "index.md:7: WARNING: glossary term 'Hub Engineer' is written by hand here, and the "
        "role-card at index.md:3 makes it too; remove the entry, or set "
        "hubroles_role_terms = False [hubroles.duplicate]"]
