"""A small site with everything sphinx-hubroles puts on a page (cards, glossary, diagrams, every
reference form), built once per HTML theme for the theme tests and the browser tests."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from conftest import TEAM, BuildResult, built_once, cards_page, sphinx_build, write_project

# html_theme of alabaster, furo, pydata-sphinx-theme and sphinx-book-theme.
THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme"]

SITE = {
    "roles.yaml": TEAM,
    "index.md": """
        # Team handbook

        ```{toctree}
        :maxdepth: 1

        roles
        links
        ```

        ```{roles-diagram}
        :caption: Who does what
        ```
        """,
    "roles.md": cards_page("Roles"),
    "links.md": """
        # Links

        - [the admins](roles:hub-administrator)
        - [](roles:hub-engineer)
        - {ref}`roles:community-representative`
        - {term}`Hub Administrators` and {term}`Incident`

        ```{roles-diagram}
        :focus: hub-engineer
        ```
        """,
}


def conf(theme: str) -> str:
    return (f'extensions = ["myst_parser", "sphinx_hubroles"]\n'
            f'project = "Team"\nhtml_theme = {theme!r}\n')


def built_themes(tmp_path_factory) -> dict[str, BuildResult]:
    """The site under every theme, with -nW; built once per test run, two at a time."""

    def build(theme: str) -> tuple[str, BuildResult]:
        return theme, built_once(tmp_path_factory, f"theme-{theme}", lambda folder: sphinx_build(
            write_project(folder / theme, {**SITE, "conf.py": conf(theme)}),
            "-nW", "--keep-going"))

    with ThreadPoolExecutor(2) as pool:
        return dict(pool.map(build, THEMES))
