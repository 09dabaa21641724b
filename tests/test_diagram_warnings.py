"""The diagram warnings of this issue, from `sphinx-build` and from `sphinx-hubroles check`
alike (one rules engine): a cycle of hierarchy relations at the roles.yaml line of one of its
relations, relation types whose own looks clash at the diagram's line, `:context:` without
`:focus:`. The diagrams are drawn all the same."""

from __future__ import annotations

from cli_helpers import hubroles, write_tree
from conftest import sphinx_build

ROLES = """\
relations:
  oversees: {label: oversees, hierarchy: true}
  part-of: {label: is part of, hierarchy: true}
  sponsors: {label: sponsors, color: '#8c2d04', style: dashed}
  mentors: {label: mentors, color: '#8d2e05', style: dashed}
roles:
  council:
    name: Council
    summary: Decides.
    relations:
      oversees: [committee]
      sponsors: [committee]
  committee:
    name: Committee
    summary: Works.
    relations:
      part-of:
        - board
      mentors: [council]
  board:
    name: Board
    summary: Boards.
    relations:
      oversees: [board, council]
"""

SITE = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n',
    "roles.yaml": ROLES,
    "index.md": """
        # Governance

        ```{roles-diagram}
        ```

        ```{roles-diagram}
        :relations: sponsors, oversees
        ```

        ```{roles-diagram}
        :context: on
        :relations: oversees
        ```

        ```{roles-diagram}
        :focus: board
        :context: on
        ```
        """,
}

CYCLE = ("roles.yaml:24: these hierarchy relations form a cycle: Council oversees Committee; "
         "Committee is part of Board; Board oversees Council. Diagrams draw one of them "
         "pointing up the page; remove one, or 'hierarchy: true' from its relation type")
ALIKE = ("relation types 'sponsors' and 'mentors' look alike in this roles-diagram: dashed "
         "lines in '#8c2d04' and '#8d2e05', colours too close to tell apart; give one of them "
         "another color or style in roles.yaml")


def test_build_and_check_report_the_same_diagram_warnings(tmp_path):
    write_tree(tmp_path, SITE)
    result = sphinx_build(tmp_path)
    assert result.returncode == 0, result.stderr
    built = sorted(line.replace(" WARNING:", "") for line in result.warnings())
    assert built == sorted([
        f"{CYCLE} [hubroles.diagram]",
        f"index.md:3: {ALIKE} [hubroles.diagram]",
        "index.md:10: :context: has no effect without :focus: in roles-diagram "
        "[hubroles.diagram]",
        f"index.md:15: {ALIKE} [hubroles.diagram]",  # with :context: on, the board's view
    ])
    checked = hubroles(tmp_path, "check")
    assert sorted(checked.lines) == sorted([
        CYCLE, f"index.md:3:4: {ALIKE}",
        "index.md:10:4: :context: has no effect without :focus: in roles-diagram",
        f"index.md:15:4: {ALIKE}"])
    # Every diagram is drawn, the cycle too (dot turns one of its arrows up).
    html = result.html("index.html")
    assert html.count('<svg width=') == 4
    assert "Board oversees Council" in html and "Board oversees Board" in html


def test_a_hierarchy_without_a_cycle_and_looks_that_differ_warn_nothing(tmp_path):
    write_tree(tmp_path, {**SITE, "roles.yaml": ROLES.replace(
        "oversees: [board, council]", "oversees: [board]").replace("'#8d2e05'", "'#1f4e9c'"),
        "index.md": "# Governance\n\n```{roles-diagram}\n```\n"})
    result = sphinx_build(tmp_path, "-W")
    assert result.returncode == 0, result.stderr
    assert hubroles(tmp_path, "check").returncode == 0
