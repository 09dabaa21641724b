"""Every reference form resolves to the role's card; broken ones give one clear warning."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import TEAM, build_here, cards_page, sphinx_build, write_project

PAGES = {
    "roles.yaml": TEAM,
    "index.md": """
        # Handbook

        ```{toctree}
        roles
        links
        folder/rst
        ```
        """,
    "roles.md": cards_page("Roles"),
    "links.md": """
        # Links

        - [the admins](roles:hub-administrator)
        - [](roles:hub-engineer)
        - {ref}`roles:community-representative`
        - {ref}`Reps <roles:community-representative>`
        - [](roles:Hub-Engineer)
        - {term}`Hub Engineer`, {term}`Hub Administrators`, {term}`Incident`
        - <roles:hub-administrator>
        """,
    "folder/rst.rst": """
        RST
        ===

        :ref:`roles:hub-engineer` and :ref:`engineers <roles:hub-engineer>`
        and :term:`Community Representative` and :term:`Hub Community`.
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("refs"), PAGES)
    return build_here(srcdir, nitpicky=True)


def links(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), a["href"])
            for a in soup.select("article a.reference, div.body a.reference")]


def test_build_is_clean(built):
    assert built.stderr == ""


def test_myst_links_and_ref_resolve_to_cards(built):
    found = links(built.html("links.html"))
    assert ("the admins", "roles.html#roles-hub-administrator") in found
    # An empty link text shows the role's name.
    assert ("Hub Engineer", "roles.html#roles-hub-engineer") in found
    assert ("Community Representative", "roles.html#roles-community-representative") in found
    assert ("Reps", "roles.html#roles-community-representative") in found
    # The autolink form, which MyST would leave as a raw URL, links to the card too.
    assert ("roles:hub-administrator", "roles.html#roles-hub-administrator") in found
    # Role ids are matched case-insensitively, like every Sphinx label: two links and a term.
    assert found.count(("Hub Engineer", "roles.html#roles-hub-engineer")) == 3


def test_role_names_aliases_and_terms_are_glossary_terms(built):
    found = links(built.html("links.html"))
    assert ("Hub Engineer", "roles.html#roles-hub-engineer") in found
    assert ("Hub Administrators", "roles.html#roles-hub-administrator") in found
    assert ("Incident", "roles.html#term-Incident") in found


def test_rst_ref_and_term_resolve_from_a_nested_page(built):
    found = links(built.html("folder/rst.html"))
    assert ("Hub Engineer", "../roles.html#roles-hub-engineer") in found
    assert ("engineers", "../roles.html#roles-hub-engineer") in found
    assert ("Community Representative", "../roles.html#roles-community-representative") in found
    assert ("Hub Community", "../roles.html#term-Hub-Community") in found


def test_labels_and_terms_are_in_the_inventory(built):
    import zlib

    raw = (built.outdir / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    assert "roles:hub-engineer std:label -1 roles.html#roles-hub-engineer Hub Engineer" in body
    assert "Hub Administrators std:term" in body
    assert "Incident std:term" in body


BROKEN = {
    "roles.yaml": TEAM,
    "index.md": """
        # Broken

        [engineers](roles:hub-enginer)

        {ref}`roles:hub-admin`

        [](roles:project-manager)

        {term}`Nobody`

        <roles:nobody>
        """,
    "other.rst": """
        :orphan:

        Other
        =====

        See :ref:`roles:comunity-representative`.
        """,
    "cards.md": """
        ---
        orphan: true
        ---
        # Cards

        ```{role-card} hub-engineer
        ```
        """,
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("broken"), BROKEN)
    return sphinx_build(srcdir, "-W", "--keep-going")


def test_each_broken_reference_warns_once_with_location_and_suggestion(broken):
    # In file and line order, as `sphinx-hubroles check` prints them.
    assert broken.warnings() == [
        "index.md:3: WARNING: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; "
        "did you mean 'hub-engineer'? [hubroles.ref]",
        "index.md:5: WARNING: unknown role 'hub-admin' in reference 'roles:hub-admin'; "
        "did you mean 'hub-administrator'? [hubroles.ref]",
        "index.md:7: WARNING: role 'project-manager' in reference 'roles:project-manager' is in "
        "roles.yaml but has no role-card on any page; add one with the role-card directive "
        "[hubroles.card]",
        "index.md:9: WARNING: term not in glossary: 'Nobody' [ref.term]",
        "index.md:11: WARNING: unknown role 'nobody' in reference 'roles:nobody' [hubroles.ref]",
        "other.rst:6: WARNING: unknown role 'comunity-representative' in reference "
        "'roles:comunity-representative'; did you mean 'community-representative'? "
        "[hubroles.ref]",
    ]


def test_broken_references_fail_the_build_under_W(broken):
    assert broken.returncode == 1


def test_broken_reference_keeps_its_text(broken):
    html = broken.html("index.html")
    assert "engineers" in html
    assert 'href="roles:' not in html


def test_suppress_warnings_silences_one_type(project):
    srcdir = project({**BROKEN, "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
                      'suppress_warnings = ["hubroles.ref"]\n'})
    result = build_here(srcdir)
    assert [w for w in result.warnings() if "hubroles.ref" in w] == []
    assert any("hubroles.card" in w for w in result.warnings())


def test_broken_reference_inside_roles_yaml_points_at_its_line(project):
    team = TEAM.replace("Supports the users of a hub.",
                        "Supports the users, with the [engineers](roles:hub-enginer).")
    srcdir = project({"roles.yaml": team, "index.md": """
        # Cards

        ```{role-card} hub-administrator
        ```
        """})
    result = build_here(srcdir)
    line = team.splitlines().index(
        "    summary: Supports the users, with the [engineers](roles:hub-enginer).") + 1
    assert result.warnings() == [
        f"roles.yaml:{line}: WARNING: unknown role 'hub-enginer' in reference "
        "'roles:hub-enginer'; did you mean 'hub-engineer'? [hubroles.ref]"]


def test_role_terms_can_be_turned_off(project):
    srcdir = project({"roles.yaml": TEAM,
                      "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
                                 "hubroles_role_terms = False\n",
                      "index.md": """
        # Cards

        ```{role-card} hub-engineer
        ```

        ```{glossary}
        Hub Engineer
          Written by hand.
        ```

        {term}`Hub Engineer`
        """})
    result = build_here(srcdir)
    assert result.stderr == ""
    assert ("Hub Engineer", "#term-Hub-Engineer") in links(result.html("index.html"))


def test_labels_found_through_intersphinx_are_not_flagged(built, project):
    srcdir = project({
        "roles.yaml": "roles:\n  local: {name: Local, summary: Here.}\n",
        "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles", "sphinx.ext.intersphinx"]\n'
                   "intersphinx_mapping = {'team': ('https://team.example.org/', "
                   f"{str(built.outdir / 'objects.inv')!r})}}\n",
        "index.md": "# Elsewhere\n\n[](roles:hub-engineer) and {ref}`roles:hub-administrator`\n",
    })
    result = build_here(srcdir, nitpicky=True)
    assert result.stderr == ""
    assert ("Hub Engineer", "https://team.example.org/roles.html#roles-hub-engineer") in \
        links(result.html("index.html"))


def test_singlehtml_links_to_cards_and_terms_are_plain_anchors(tmp_path):
    result = build_here(write_project(tmp_path, PAGES), "singlehtml", nitpicky=True)
    assert result.stderr == ""
    hrefs = {href for _, href in links(result.html("index.html"))}
    assert {"#roles-hub-engineer", "#roles-hub-administrator", "#term-Incident"} <= hrefs
    assert not [href for href in hrefs if href.count("#") > 1]
