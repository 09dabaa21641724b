"""Another project, without sphinx-hubroles, links to a handbook's roles and terms through
intersphinx, in every form; the handbook's own links keep their hover titles."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import TEAM, build_here, cards_page, sphinx_build, write_project

HANDBOOK = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\nproject = "Team"\n',
    "roles.yaml": TEAM,
    "index.md": cards_page("Team"),
}
URL = "https://team.example.org/"


def consumer_conf(inventory: str, extensions: str = '"myst_parser"') -> str:
    return (f"extensions = [{extensions}, 'sphinx.ext.intersphinx']\n"
            f"intersphinx_mapping = {{'team': ({URL!r}, {inventory!r})}}\n")


CONSUMER_PAGES = {
    "index.md": """
        # Elsewhere

        ```{toctree}
        rst
        ```

        - {ref}`roles:hub-engineer`
        - {ref}`the admins <roles:hub-administrator>`
        - [](roles:community-representative)
        - [the engineers](roles:hub-engineer)
        - {external+team:ref}`roles:hub-administrator`
        - {external:ref}`roles:hub-engineer`
        - {term}`Hub Engineer`, {term}`Community Representatives`, {term}`Incident`
        - {external+team:term}`Hub Community`
        """,
    "rst.rst": """
        In reStructuredText
        ===================

        :ref:`roles:hub-engineer`, :ref:`team:roles:hub-administrator`,
        :external+team:ref:`roles:community-representative` and :term:`Hub Administrators`.
        """,
}


@pytest.fixture(scope="module")
def inventory(tmp_path_factory) -> str:
    handbook = build_here(write_project(tmp_path_factory.mktemp("handbook"), HANDBOOK),
                          nitpicky=True)
    assert handbook.stderr == ""
    # A local file: intersphinx reads it instead of fetching URL/objects.inv.
    return str(handbook.outdir / "objects.inv")


@pytest.fixture(scope="module")
def consumer(tmp_path_factory, inventory):
    srcdir = write_project(tmp_path_factory.mktemp("consumer"),
                           {"conf.py": consumer_conf(inventory), **CONSUMER_PAGES})
    result = build_here(srcdir, nitpicky=True)
    assert result.stderr == ""
    return result


def external_links(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.select("div.body a.reference.external")]


def test_every_form_resolves_without_the_extension(consumer):
    assert external_links(consumer.html("index.html")) == [
        ("Hub Engineer", f"{URL}index.html#roles-hub-engineer"),
        ("the admins", f"{URL}index.html#roles-hub-administrator"),
        ("Community Representative", f"{URL}index.html#roles-community-representative"),
        ("the engineers", f"{URL}index.html#roles-hub-engineer"),
        ("Hub Administrator", f"{URL}index.html#roles-hub-administrator"),
        ("Hub Engineer", f"{URL}index.html#roles-hub-engineer"),
        ("Hub Engineer", f"{URL}index.html#roles-hub-engineer"),
        ("Community Representatives", f"{URL}index.html#roles-community-representative"),
        ("Incident", f"{URL}index.html#term-Incident"),
        ("Hub Community", f"{URL}index.html#term-Hub-Community"),
    ]


def test_rst_forms_resolve_too(consumer):
    assert external_links(consumer.html("rst.html")) == [
        ("Hub Engineer", f"{URL}index.html#roles-hub-engineer"),
        ("Hub Administrator", f"{URL}index.html#roles-hub-administrator"),
        ("Community Representative", f"{URL}index.html#roles-community-representative"),
        ("Hub Administrators", f"{URL}index.html#roles-hub-administrator"),
    ]


def test_a_misspelt_external_role_fails_a_strict_build(tmp_path, inventory):
    srcdir = write_project(tmp_path, {"conf.py": consumer_conf(inventory),
                                      "index.md": "# X\n\n{ref}`roles:hub-enginer`\n"})
    result = sphinx_build(srcdir, "-nW")
    assert result.returncode == 1
    assert "undefined label: 'roles:hub-enginer'" in result.stderr


def test_a_consumer_with_the_extension_keeps_intersphinx_titles(tmp_path, inventory):
    srcdir = write_project(tmp_path, {
        "conf.py": consumer_conf(inventory, '"myst_parser", "sphinx_hubroles"'),
        "roles.yaml": "roles:\n  local: {name: Local, summary: Here.}\n",
        "index.md": """
            # Elsewhere

            [](roles:hub-engineer) and [](roles:local)

            ```{role-card} local
            ```
            """})
    result = build_here(srcdir, nitpicky=True)
    assert result.stderr == ""
    soup = BeautifulSoup(result.html("index.html"), "html.parser")
    titles = [a.get("title") for a in soup.select("div.body a.reference")]
    # The link into the other project names it (intersphinx's title); the local one is a
    # preview, titled with the role's name (its summary is in the previews file).
    assert titles == ["Team", "Local"]
    assert "hubroles-preview" in soup.select("div.body a.reference")[1]["class"]
