"""The site that the allowlist tests build: roles.yaml text that other extensions turn into live
script (issue 11, items 1 and 2), and a hand-written control page with the same markup.

Pages are trusted and not filtered, so the control page shows that the payloads are live when
nothing stops them: the browser tests must see them run there, and never on the cards.
"""

from __future__ import annotations

from conftest import BuildResult, built_once, sphinx_build, write_project

# sphinx-design does not escape an icon role's class argument; sphinx.ext.graphviz writes a
# node's URL into <area href> unchecked.
ICON = """icon {octicon}`alert;1em;x" onload="alert(1)" y="` end"""
GRAPHVIZ = 'digraph { a [URL="javascript:alert(2)"] }'
GRAPHVIZ_RST = 'digraph { b [URL="javascript:alert(3)"] }'

ROLES_YAML = f"""\
roles:
  icon:
    name: Icon
    summary: '{ICON}'
  graph:
    name: Graph
    summary: A graph.
    description: |
      ```{{graphviz}}
      {GRAPHVIZ}
      ```

      ```{{eval-rst}}
      .. graphviz::

         {GRAPHVIZ_RST}
      ```
"""

SITE = {
    # sphinx-hubroles itself may not load sphinx-design: the project lists it.
    "conf.py": 'extensions = ["myst_parser", "sphinx_design", "sphinx.ext.graphviz", '
               '"sphinx_hubroles"]\n',
    "roles.yaml": ROLES_YAML,
    "index.md": """
        # Roles

        ```{role-card} icon
        ```

        ```{role-card} graph
        ```
        """,
    # An orphan: no link from the cards' pages leads to its live payloads.
    "control.md": f"""
        ---
        orphan: true
        ---

        # Control

        {ICON.replace("alert(1)", "alert('control')")}

        ```{{graphviz}}
        {GRAPHVIZ.replace("alert(2)", "alert('control')")}
        ```
        """,
}

# Pages that show roles.yaml text; control.html is the hand-written control.
CARD_PAGES = ("index.html", "genindex.html", "search.html")


def line_of(text: str, needle: str) -> int:
    """The 1-based line of `text` on which `needle` first stands."""
    return text[: text.index(needle)].count("\n") + 1


def build_hostile_site(tmp_path_factory) -> BuildResult:
    """The hostile site, built once per test run for tests/test_hostile_allowlist.py and the
    browser tests."""
    result = built_once(tmp_path_factory, "allowlist",
                        lambda folder: sphinx_build(write_project(folder / "src", SITE)))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result
