"""`sphinx-hubroles check`: the real command, run in a subprocess on good and bad trees."""

from __future__ import annotations

import pytest
from cli_helpers import CARDS, CONF, GOOD, ROLES, ROLES_GLOSSARY, hubroles, write_tree
from conftest import FIXTURES, sphinx_build

ENTRY_POINTS = ["module", "script"]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_good_tree_is_clean(tmp_path, entry):
    write_tree(tmp_path, GOOD)
    run = hubroles(tmp_path, "check", entry=entry)
    assert (run.returncode, run.stdout) == (0, "")
    assert run.stderr == "sphinx-hubroles: no problems in 4 files and roles.yaml\n"


BAD = {
    **GOOD,
    "roles.yaml": ROLES.replace("terms:", """\
  community-representative:
    name: Community Representative
    summary: Speaks for the hub's community; oversees [admins](roles:hub-admin).
    responsibilities:
      - Talks with the {term}`Hub Comunity`
terms:"""),
    "index.md": """
        # Handbook

        ```{toctree}
        cards
        rst/page
        glossary
        ```

        Ask [a Hub Engineer](roles:hub-enginer).

        Or the {ref}`admin <roles:hub-administrater>`.

        A {term}`Hub Enginer` and a [representative](roles:community-representative).
        """,
    "cards.md": GOOD["cards.md"] + """
        ```{role-card} hub-engneer
        ```

        ```{role-card} hub-engineer
        ```
        """,
    "rst/page.rst": GOOD["rst/page.rst"] + """
        A broken one: :ref:`roles:hub_engineer`.
        """,
}

BAD_OUTPUT = [
    "cards.md:9:16: unknown role 'hub-engneer' in role-card; did you mean 'hub-engineer'?",
    "cards.md:12:16: role 'hub-engineer' already has a role-card at cards.md:3; each role gets "
    "one card",
    "index.md:9:22: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; did you mean "
    "'hub-engineer'?",
    "index.md:11:21: unknown role 'hub-administrater' in reference 'roles:hub-administrater'; "
    "did you mean 'hub-administrator'?",
    "index.md:13:10: term not in glossary: 'Hub Enginer'; did you mean 'Hub Engineer' or "
    "'Hub Engineers'?",
    "index.md:13:46: role 'community-representative' in reference "
    "'roles:community-representative' is in roles.yaml but has no role-card on any page; add "
    "one with the role-card directive",
    "rst/page.rst:12:21: unknown role 'hub_engineer' in reference 'roles:hub_engineer'; did "
    "you mean 'hub-engineer'?",
]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_bad_tree_gets_one_line_per_problem(tmp_path, entry):
    write_tree(tmp_path, BAD)
    run = hubroles(tmp_path, "check", entry=entry)
    assert run.returncode == 1
    assert run.lines == BAD_OUTPUT
    assert run.stderr == "sphinx-hubroles: 7 problems in 4 files and roles.yaml\n"


def test_check_says_what_sphinx_build_says_where_it_says_it(tmp_path):
    """Same problems, same words, same lines (each broken reference stands on a line of its
    own here: Sphinx reports a paragraph's references at the paragraph's first line). Both
    leave out the text of a role that has no card yet, which no page shows (the glossary
    shows its summary's plain words, without links)."""
    write_tree(tmp_path, BAD)
    from_check = [_without_column(line) for line in hubroles(tmp_path, "check").lines]
    from_sphinx = _sphinx_lines(sphinx_build(tmp_path, "-q"))
    assert sorted(from_check) == sorted(from_sphinx) and len(from_check) == 7
    assert not [line for line in from_check if line.startswith("roles.yaml")]


def _without_column(line: str) -> str:
    path, number, _column, message = line.split(":", 3)
    return f"{path}:{number}:{message}"


def _sphinx_lines(result) -> list[str]:
    """sphinx-build's warnings as `file:line: message`, without their [type]."""
    return [line.replace(" WARNING:", "").rsplit(" [", 1)[0] for line in result.warnings()]


# One problem of each kind check and the extension both find, each in a paragraph of its own
# (Sphinx reports a paragraph's references at the paragraph's first line), in MyST and RST.
PARITY = {
    "conf.py": CONF,
    "roles.yaml": ROLES.replace("terms:", """\
  community-representative:
    name: Community Representative
    summary: Speaks for the community.
terms:"""),
    "index.md": """
        # Handbook

        ```{toctree}
        cards
        old
        page
        other
        terms
        ```
        """,
    "cards.md": GOOD["cards.md"] + """
        ```{role-card} hub-engneer
        ```

        ```{role-card} Hub-Engineer
        ```
        """,
    "old.md": "# Old\n\n(roles:hub-administrator)=\n## Hub Administrator\n",
    "page.md": """
        # Page

        Ask [a Hub Engineer](roles:hub-enginer).

        Or the {ref}`admin <roles:hub-administrater>`.

        Or <roles:hub-enginr>.

        A [representative](roles:community-representative).

        A {term}`Hub Enginer`.

        A {term}`Hub's
        Engineer`.

        The {term}`the hub <Hub Comunity>`.
        """,
    "other.rst": """
        Other
        =====

        A broken one: :ref:`roles:hub_engineer`.

        A `broken link <roles:hub-enginer>`__.

        A :term:`Thingamajig`, and :term:`Hub
        Enginer`.

        A :ref:`representative <roles:community-representative>`.
        """,
    "terms.md": "# Terms\n\n```{roles-glossary}\n```\n\n```{glossary}\nWidget\n  A thing.\n```\n",
}


def test_every_kind_of_reference_problem_reads_the_same_in_check_and_sphinx_build(tmp_path):
    """Unknown roles in cards, links, {ref}, autolinks and RST hyperlinks; a second card; a
    label written by hand; a role without a card; unknown terms (Sphinx's own warning, with
    the closest terms as check gives them): the same words at the same lines."""
    write_tree(tmp_path, PARITY)
    from_check = [_without_column(line) for line in hubroles(tmp_path, "check").lines]
    from_sphinx = _sphinx_lines(sphinx_build(tmp_path, "-q"))
    assert sorted(from_check) == sorted(from_sphinx)
    assert len(from_check) == 15
    assert "page.md:13: term not in glossary: 'Hub's Engineer'; did you mean 'Hub Engineer' " \
           "or 'Hub Engineers'?" in from_sphinx


def test_the_good_tree_builds_without_a_warning_too(tmp_path):
    write_tree(tmp_path, GOOD)
    built = sphinx_build(tmp_path, "-q", "-nW", "--keep-going")
    assert (built.returncode, built.warnings()) == (0, [])


def test_references_in_code_and_comments_are_not_references(tmp_path):
    write_tree(tmp_path, {
        "roles.yaml": ROLES,
        **CARDS,
        "page.md": """
            # Code

            Inline `[x](roles:nope-1)` and ``{ref}`roles:nope-2` `` are code.

            ```python
            [x](roles:nope-3) {term}`Nope`
            ```

            ~~~
            {ref}`roles:nope-4`
            ~~~

                [indented](roles:nope-5)

            ```{code-block} markdown
            [x](roles:nope-6)
            ```

            % a comment [x](roles:nope-7)

            <!-- [x](roles:nope-8) -->

            The one real problem: [x](roles:nope-10).
            """,
        "page.rst": """
            Code
            ====

            Inline ``:ref:`roles:nope-11``` is code. A literal block::

                :ref:`roles:nope-12`

            .. code-block:: rst

               :ref:`roles:nope-13`

            .. A comment: :ref:`roles:nope-14`
               :term:`Nope` still in the comment

            ..
               :ref:`roles:nope-15`

            The one real problem: :ref:`roles:nope-16`.
            """,
    })
    run = hubroles(tmp_path, "check")
    assert run.lines == [
        "page.md:23:27: unknown role 'nope-10' in reference 'roles:nope-10'",
        "page.rst:18:29: unknown role 'nope-16' in reference 'roles:nope-16'",
    ]


def test_references_inside_directives_and_eval_rst_are_checked(tmp_path):
    write_tree(tmp_path, {
        "roles.yaml": ROLES,
        **CARDS,
        "page.md": """
            # Directives

            :::{note}
            A note with [a link](roles:in-note).
            :::

            :::{admonition} Title with {ref}`roles:in-title`
            :class: tip

            Body with {term}`Nothing`.
            :::

            - A list item
              ```{eval-rst}
              RST inside: :ref:`roles:in-eval-rst`
              ```
            """,
    })
    assert hubroles(tmp_path, "check").lines == [
        "page.md:4:22: unknown role 'in-note' in reference 'roles:in-note'",
        "page.md:7:34: unknown role 'in-title' in reference 'roles:in-title'",
        "page.md:10:18: term not in glossary: 'Nothing'",
        "page.md:15:21: unknown role 'in-eval-rst' in reference 'roles:in-eval-rst'",
    ]


def test_autolinks_and_rst_hyperlinks_to_roles_are_references(tmp_path):
    """The extension makes `<roles:x>` and RST's `text <roles:x>`_ links to the card."""
    write_tree(tmp_path, {
        "roles.yaml": ROLES,
        **CARDS,
        "page.md": "<roles:hub-engineer> and <roles:Hub-Enginer>\n",
        "page.rst": "`fine <roles:hub-engineer>`_, `broken <roles:hub-enginer>`__,\n"
                    "and roles:not-a-link-in-rst.\n",
    })
    assert hubroles(tmp_path, "check").lines == [
        "page.md:1:27: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; did you "
        "mean 'hub-engineer'?",
        "page.rst:1:40: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; did you "
        "mean 'hub-engineer'?",
    ]


def test_a_label_written_by_hand_beside_the_card_that_makes_it(tmp_path):
    write_tree(tmp_path, {
        "roles.yaml": ROLES,
        **CARDS,
        "old.md": "# Old\n\n(roles:hub-engineer)=\n## Hub Engineer\n",
    })
    assert hubroles(tmp_path, "check").lines == [
        "old.md:3:2: label 'roles:hub-engineer' is written by hand here, and the role-card at "
        "cards.md:3 makes it too; remove the hand-written label"]


def test_labels_written_by_hand_are_respected(tmp_path):
    write_tree(tmp_path, {
        "roles.yaml": ROLES,
        **CARDS,
        "old.md": """
            (roles:community-representative)=
            ## Community Representative

            ```{figure} team.png
            :name: roles:team-picture
            ```
            """,
        "old.rst": """
            .. _roles:retired-role:

            Retired
            =======

            .. _`roles:quoted`:

            Quoted label.
            """,
        "links.md": """
            [](roles:community-representative), [x](roles:team-picture),
            {ref}`roles:retired-role`, {ref}`roles:Quoted` and [x](roles:missing).
            """,
    })
    assert hubroles(tmp_path, "check").lines == [
        "links.md:2:56: unknown role 'missing' in reference 'roles:missing'"]


def test_the_seed_page_with_its_hand_written_labels(tmp_path):
    """The seed handbook page keeps its labels: its links resolve; its {term}s need terms."""
    (tmp_path / "roles-for-the-service.md").write_text(
        (FIXTURES / "roles-for-the-service.md").read_text(encoding="utf-8"), encoding="utf-8")
    write_tree(tmp_path, {"roles.yaml": ROLES.split("terms:")[0]})
    run = hubroles(tmp_path, "check")
    assert run.returncode == 1
    assert run.lines == [
        "roles-for-the-service.md:9:85: term not in glossary: 'Hub Community'",
        "roles-for-the-service.md:15:69: term not in glossary: 'Hub Community'",
        "roles-for-the-service.md:64:66: term not in glossary: 'Incident'",
    ]
    write_tree(tmp_path, {"roles.yaml": ROLES + "  Incident: Something that went wrong.\n",
                          "glossary.md": "# Glossary\n\n```{roles-glossary}\n```\n"})
    assert hubroles(tmp_path, "check").returncode == 0


def test_terms_from_roles_yaml_role_names_and_glossaries_written_by_hand(tmp_path):
    write_tree(tmp_path, {
        "roles.yaml": ROLES,
        **CARDS,
        "terms.md": """
            {term}`Hub Community`, {term}`HUB ENGINEER`, {term}`hub engineers`,
            {term}`the admins <Hub Administrator>`, {term}`Widget`, {term}`Gizmo`,
            {term}`Sprocket`, {term}`Doohickey`
            and one unknown: {term}`Hub Administrators`.

            ```{glossary}
            :sorted:

            Widget
            Sprocket
              Things in a glossary written by hand.
            ```
            """,
        "terms.rst": """
            .. glossary::

               Gizmo
                  A thing.

               Doohickey : classifier
                  Another.

            :term:`Thingamajig`
            """,
    })
    assert hubroles(tmp_path, "check").lines == [
        "terms.md:4:25: term not in glossary: 'Hub Administrators'; did you mean "
        "'Hub Administrator'?",
        "terms.rst:9:8: term not in glossary: 'Thingamajig'",
    ]


def test_a_term_role_spanning_two_lines(tmp_path):
    write_tree(tmp_path, {"roles.yaml": ROLES, **CARDS,
                          "a.md": "See {term}`Hub\nEnginer` here.\n",
                          "b.rst": "See :term:`Hub\n   Enginer` here.\n"})
    assert hubroles(tmp_path, "check").lines == [
        "a.md:1:5: term not in glossary: 'Hub Enginer'; did you mean 'Hub Engineer' or "
        "'Hub Engineers'?",
        "b.rst:1:12: term not in glossary: 'Hub Enginer'; did you mean 'Hub Engineer' or "
        "'Hub Engineers'?",
    ]


def test_references_in_roles_yaml_are_placed_in_roles_yaml(tmp_path):
    write_tree(tmp_path, {
        **CARDS,
        "roles.yaml": """
            roles:
              hub-engineer:
                name: Hub Engineer
                summary: A plain line with [a link](roles:nope-1).
                description: |
                  A block.
                  Second line with {ref}`roles:nope-2`.
                responsibilities:
                  - "[quoted](roles:nope-3)"
                  - folded over
                    two lines, [x](roles:nope-4)
              hub-administrator:
                name: Hub Administrator
                summary: Fine, [x](roles:hub-engineer).
            """,
    })
    assert hubroles(tmp_path, "check").lines == [
        "roles.yaml:4:41: unknown role 'nope-1' in reference 'roles:nope-1'",
        "roles.yaml:7:30: unknown role 'nope-2' in reference 'roles:nope-2'",
        "roles.yaml:9:19: unknown role 'nope-3' in reference 'roles:nope-3'",
        "roles.yaml:11:24: unknown role 'nope-4' in reference 'roles:nope-4'",
    ]


def test_problems_in_roles_yaml_read_like_the_loaders(tmp_path):
    write_tree(tmp_path, {"page.md": "[x](roles:nope)\n", "roles.yaml": """
        roles:
          hub-engineer:
            name: no
            sumary: Operates.
        """})
    run = hubroles(tmp_path, "check")
    assert run.returncode == 1
    assert run.lines == [
        "roles.yaml:2: role 'hub-engineer' has no 'summary', which is required",
        "roles.yaml:3: 'name' of role 'hub-engineer' must be text, but YAML reads `no` as a "
        "boolean; put it in quotes: \"no\"",
        "roles.yaml:4: unknown key 'sumary' in role 'hub-engineer'; did you mean 'summary'?",
    ]
    write_tree(tmp_path, {"roles.yaml": "roles:\n  a: [b\n  c: d\n"})
    assert hubroles(tmp_path, "check").lines == [
        "roles.yaml:3:4: YAML syntax error at column 4: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence at line 2)"]
    write_tree(tmp_path, {"roles.yaml": ""})
    assert hubroles(tmp_path, "check").lines == [
        "roles.yaml: is empty; it needs at least a 'roles' mapping"]


def test_roles_yaml_elsewhere_and_paths_and_excludes(tmp_path):
    write_tree(tmp_path, {
        "roles.yaml": ROLES,
        "docs/cards.md": GOOD["cards.md"],
        "docs/terms.md": ROLES_GLOSSARY,
        "docs/page.md": "[x](roles:nope-1)\n",
        "docs/examples/broken.md": "[x](roles:nope-2)\n",
        "docs/_build/html/_sources/copy.md": "[x](roles:nope-3)\n",
        "docs/.hidden/page.md": "[x](roles:nope-4)\n",
        "docs/venv/pyvenv.cfg": "home = /usr\n",
        "docs/venv/lib/page.rst": ":ref:`roles:nope-5`\n",
        "README.md": "[x](roles:nope-6)\n",
    })
    docs = tmp_path / "docs"
    assert hubroles(tmp_path, "check", "docs").lines == [
        "docs/examples/broken.md:1:5: unknown role 'nope-2' in reference 'roles:nope-2'",
        "docs/page.md:1:5: unknown role 'nope-1' in reference 'roles:nope-1'",
    ]
    assert hubroles(tmp_path, "check", "docs", "--exclude", "examples").lines == [
        "docs/page.md:1:5: unknown role 'nope-1' in reference 'roles:nope-1'"]
    # From inside docs/, with roles.yaml one folder up; a named file is always checked.
    assert hubroles(docs, "check", "--roles", "../roles.yaml", "cards.md", "terms.md",
                    "examples/broken.md").lines == [
        "examples/broken.md:1:5: unknown role 'nope-2' in reference 'roles:nope-2'"]
    # Without paths: the folder of roles.yaml.
    assert [line.split(":")[0] for line in hubroles(tmp_path, "check").lines] == [
        "README.md", "docs/examples/broken.md", "docs/page.md"]


def test_a_page_that_is_not_utf8(tmp_path):
    write_tree(tmp_path, {"roles.yaml": ROLES, **CARDS,
                          "latin.md": "# Caf\xe9\n".encode("latin-1")})
    run = hubroles(tmp_path, "check")
    assert (run.returncode, run.lines) == (1, [
        "latin.md:1:6: is not valid UTF-8 (byte 0xe9); save it as UTF-8"])


@pytest.mark.parametrize("args, message", [
    ([], "the following arguments are required: COMMAND"),
    (["chek"], "argument COMMAND: invalid choice: 'chek'"),
    (["check", "--role", "x"], "unrecognized arguments: --role"),
    (["check", "--roles", "missing.yaml"],
     "missing.yaml: not found; give the path of roles.yaml with --roles PATH"),
    (["check", "--roles", "."], ".: is a folder; give the path of roles.yaml with --roles PATH"),
    (["check", "nowhere"], "nowhere: no such file or folder"),
    (["check", "roles.yaml"], "roles.yaml: not a MyST (.md) or reStructuredText (.rst) file"),
    (["export", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
])
def test_usage_errors_exit_2(tmp_path, args, message):
    write_tree(tmp_path, {"roles.yaml": ROLES})
    run = hubroles(tmp_path, *args)
    assert run.returncode == 2
    assert run.stdout == ""
    assert message in run.stderr
    assert run.stderr.startswith("usage: sphinx-hubroles")


def test_no_roles_yaml_in_the_current_folder_is_a_usage_error(tmp_path):
    run = hubroles(tmp_path, "check")
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == (
        "sphinx-hubroles check: error: roles.yaml: not found; give the path of roles.yaml "
        "with --roles PATH")


@pytest.mark.parametrize("command", [[], ["check"], ["schema"], ["export"]])
def test_help_of_every_command_has_examples_and_is_the_same_both_ways(tmp_path, command):
    by_module = hubroles(tmp_path, *command, "--help")
    by_script = hubroles(tmp_path, *command, "--help", entry="script")
    assert by_module.returncode == 0
    assert by_module.stdout == by_script.stdout
    assert by_module.stdout.startswith("usage: sphinx-hubroles")
    assert "\nexamples:\n  sphinx-hubroles " in by_module.stdout
    if command:
        assert "--roles PATH" in by_module.stdout
