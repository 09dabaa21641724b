"""One mistake of every kind the build reports, in MyST and in RST pages and in roles.yaml
(its warnings that leave it usable too):
`sphinx-hubroles check` and `sphinx-build` report the same (file, line, message) set, because
both ask the same rules (core/rules.py). No diagram here is drawn: dot plays no part."""

from __future__ import annotations

from cli_helpers import hubroles, write_tree
from conftest import TEAM, sphinx_build

from sphinx_hubroles.core import messages
from sphinx_hubroles.core.options import DIRECTIVES, read_options

PLANTED = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
               'myst_enable_extensions = ["colon_fence"]\n',
    "roles.yaml": TEAM.replace("summary: Operates the hub infrastructure.",
                               "summary: Works with the [](roles:hub-enginer) and "
                               "{term}`Incidnet`.").replace("terms:\n", """\
  former-lead:
    name: Former Lead
    summary: Worked before the [](roles:hub-engineer) did.
    status: retired
    replaced-by: hub-engineer
  help-desk:
    name: Help Desk
    summary: Gone, with no successor.
    status: retired
  admin-team:
    name: Admin Team
    summary: Elsewhere; it took over from the [](roles:former-lead).
    url: https://example.org/admins
    responsibilities:
      - Manage the organisation
        - and its teams
  council:
    name: Council
    summary: Decides.
    seats: {min: 2}
    holders:
      - {person: ada, since: 2024-01-01, until: 2024-06-30, moved-to: emeritus}
  emeritus:
    name: Emeritus
    summary: Was on the council.
    holders:
      - {person: ada, since: 2024-09-01}
  mentor:
    name: Mentor
    summary: |
      Shown as written, in a summary: ```{role-card} mentor ```
    description: |
      Guides newcomers.

      ```{role-card} mentor
      ```

      :::{note}
      ```{roles-glossary}
      ```
      :::
  apprentice:
    name: Apprentice
    summary: Learns.
    description: |
      No card shows this: ```{role-card} apprentice``` is not judged.

      ```{role-card} apprentice
      ```
terms:
""").replace("  Incident: Something that broke.", """\
  Incident: |
    Something that broke.

    ```{eval-rst}
    .. roles-glossary::
    ```""") + "people:\n  ada: {name: Ada}\n",
    "index.md": """
        # Handbook

        ```{toctree}
        cards
        hand
        page
        other
        glossary
        options-myst
        options-rst
        ```
        """,
    "cards.md": """
        # Cards

        ```{role-card} community-representative
        ```

        ```{role-card} hub-administrator
        ```

        ```{role-card} hub-engineer
        ```

        ```{role-card} hub-enginer
        ```

        ```{role-card} hub-engineer
        ```

        ```{role-card} former-lead
        ```

        ```{role-card} admin-team
        ```

        ```{role-card} mentor
        ```
        """,
    "hand.md": """
        # Written by hand

        (roles:hub-administrator)=
        ## Hub Administrator

        ```{glossary}
        Hub Engineer
          Written by hand.
        ```
        """,
    "page.md": """
        # MyST

        A [link](roles:hub-enginer).

        A {ref}`reference <roles:comunity-representative>`.

        An <roles:hub-admin> autolink.

        A [role without a card](roles:project-manager).

        A {term}`Hub Enginer`.

        ```{roles-diagram}
        :roles: hub-enginer
        ```

        ```{roles-diagram}
        :groups: comunity
        ```

        ```{roles-diagram}
        :relations: overseees
        :roles: nobody
        ```

        ```{roles-diagram}
        :focus: hub-enginer
        :roles: nobody
        ```

        ```{roles-diagram}
        :depth: 2
        :roles: nobody
        ```

        The [old one](roles:former-lead).

        {term}`Former Lead`

        The [](roles:help-desk), the [](roles:admin-team) and {term}`Admin Team`.

        ```{roles-diagram}
        :status: retierd
        ```

        ```{roles-table}
        :columns: name, sumary
        :roles: hub-enginer
        :groups: comunity
        :status: retierd
        ```

        ```{roles-diagram}
        :roles: hub-administrator, hub-engineer
        :relations: oversees
        ```

        Held by {role-holders}`council`.

        Held by {role-holders}`councl`.

        A {term}`Project Manager`.
        """,
    "other.rst": """
        RST
        ===

        A :ref:`reference <roles:hub-enginer>`.

        A `link <roles:hub-admin>`__.

        A :term:`Thingamajig`.

        .. role-card:: nobody

        .. _roles:community-representative:

        By hand
        -------

        .. glossary::

           Hub Administrators
              Written by hand.

        .. roles-diagram::
           :focus: nobody
           :roles: nobody

        The :ref:`former lead <roles:former-lead>`.

        The :term:`Former Lead`.

        .. roles-table::
           :columns: name, status, colour

        Held by :role-holders:`emeritus`, :role-holders:`nobody`.
        """,
    "glossary.md": "# Glossary\n\n```{roles-glossary}\n```\n",
}


# -- every invalid value of every option -------------------------------------------------------

# Texts that some option refuses: none at all, a wrong word, numbers out of range or not numbers,
# a date that does not exist. Each is tried on every option of every directive's table
# (core/options.py), and every one refused is planted, in a MyST page and in an RST page: an
# option added to a table is planted here without a change to this test.
TRIED_VALUES = ("", "yes", "no", "grid", "x", "-1", "0", "2026-13-01")
# What each directive needs besides the option planted: an argument, and for a diagram roles
# that do not exist, so that no diagram is drawn (each then says so, in both); a directory of a
# role that nobody holds, so that no two directories list one person.
ARGUMENT = {"roles-rotation": "hub-engineer"}
NEEDS = {"roles-diagram": {"roles": "nobody"}, "roles-people": {"roles": "hub-engineer"}}
NOISE = {"roles-diagram": ["unknown role 'nobody' in :roles: of roles-diagram",
                           messages.no_diagram_roles()],
         "roles-rotation": [messages.role_without_rotation("hub-engineer")]}


def planted_options() -> list[tuple[str, str, str]]:
    """(directive, option, value) for each value that the option refuses, and an unknown
    option for each directive."""
    planted = []
    for directive, options in DIRECTIVES.items():
        for option, convert in options.table.items():
            for value in TRIED_VALUES:
                try:
                    convert(value or None)
                except ValueError:
                    planted.append((directive, option, value))
        planted.append((directive, "colour", "red"))
    return planted


def planted_directive(directive: str, written: dict[str, str]) -> tuple[list[str], list[str],
                                                                         list[str]]:
    """The directive in MyST and in RST, and the problems both engines report at its line."""
    argument = ARGUMENT.get(directive, "")
    myst = [f"```{{{directive}}} {argument}".rstrip(),
            *(f":{key}: {text}".rstrip() for key, text in written.items()), "```", ""]
    rst = [f".. {directive}:: {argument}".rstrip(),
           *(f"   :{key}: {text}".rstrip() for key, text in written.items()), ""]
    return myst, rst, read_options(directive, written)[1] + NOISE.get(directive, [])


def option_pages() -> tuple[dict[str, str], set[str]]:
    """A MyST and an RST page of planted options, and the problems each engine must report
    (`page:line: message`)."""
    myst, rst, expected = ["# Options", ""], ["Options", "=======", ""], set()
    planted = [(directive, {**NEEDS.get(directive, {}), option: value})
               for directive, option, value in planted_options()]
    # Besides a bad value, check used to leave out what else the directive said.
    planted.append(("roles-diagram", {"roles": "nobody", "depth": "2", "edge-labels": "yes"}))
    for directive, written in planted:
        myst_lines, rst_lines, messages_ = planted_directive(directive, written)
        values = read_options(directive, written)[0]
        if directive == "roles-diagram" and "depth" in values and "focus" not in values:
            messages_.append(messages.depth_without_focus())
        expected |= {f"options-myst.md:{len(myst) + 1}: {m}" for m in messages_}
        expected |= {f"options-rst.rst:{len(rst) + 1}: {m}" for m in messages_}
        myst += myst_lines
        rst += rst_lines
    return {"options-myst.md": "\n".join(myst), "options-rst.rst": "\n".join(rst)}, expected


# The two holdings of a move in the planted roles.yaml.
MOVED = "      - {person: ada, since: 2024-01-01, until: 2024-06-30, moved-to: emeritus}"
ARRIVED = "      - {person: ada, since: 2024-09-01}"


def roles_line(written: str) -> int:
    """The line of the planted roles.yaml that starts with `written` (which ends its line)."""
    text = PLANTED["roles.yaml"]
    return text[:text.index("\n" + written) + 1].count("\n") + 1


def check_lines(root) -> set[str]:
    """check's problems as `file:line: message` (the build prints no column; a problem of
    roles.yaml found by the rules, such as a rule on holders, has none either)."""
    lines = set()
    for line in hubroles(root, "check").lines:
        path, number, rest = line.split(":", 2)
        column, _colon, message = rest.partition(":")
        lines.add(f"{path}:{number}:{message if column.isdigit() else rest}")
    return lines


def build_lines(result) -> set[str]:
    """The extension's problems in the build (typed hubroles.*, and ref.term, whose type the
    rules keep so that suppress_warnings works as for Sphinx's own unknown terms), as
    `file:line: message`. Sphinx's own warnings, such as its "duplicate term description"
    when a page with a hand-written glossary is read after the card's, are not the rules'."""
    return {line.replace(" WARNING:", "").rsplit(" [", 1)[0] for line in result.warnings()
            if line.endswith(("[ref.term]", "]")) and " [hubroles." in line
            or line.endswith("[ref.term]")}


def test_check_and_the_build_report_the_same_planted_mistakes(tmp_path):
    pages, from_options = option_pages()
    write_tree(tmp_path, {**PLANTED, **pages})
    result = sphinx_build(tmp_path, "-q")
    from_build, from_check = build_lines(result), check_lines(tmp_path)
    assert from_check == from_build
    assert not list(tmp_path.rglob("*.cache"))  # no diagram was drawn
    # Every invalid value of every option, and an unknown option of each directive, in both
    # markups, at the directive's line: the four that check once let pass among them.
    assert {line for line in from_build if line.startswith("options-")} == from_options
    assert {line.split(": ", 1)[1] for line in from_options} >= {
        "invalid value 'yes' in :edge-labels: of roles-diagram; use one of auto, on, off",
        "invalid value 'no' in :former: of roles-people; use one of on, off",
        "invalid value 'grid' in :layout: of roles-table; use one of table, cards",
        ":depth: has no effect without :focus: in roles-diagram",
        "no value in :depth: of roles-diagram; use a whole number, 0 or more",
        "invalid value '0' in :shifts: of roles-rotation; use a whole number, 1 or more",
        "invalid value '2026-13-01' in :from: of roles-rotation; use a date such as 2026-12-02",
        "unknown option :colour: of roles-table; did you mean 'columns'?",
        "unknown option :colour: of roles-rotation; its options are :from:, :shifts:",
    }
    # Every kind is there, in both markups.
    assert sorted(line for line in from_build if not line.startswith("options-")) == sorted({
        "cards.md:12: unknown role 'hub-enginer' in role-card; did you mean 'hub-engineer'?",
        "cards.md:15: role 'hub-engineer' already has a role-card at cards.md:9; each role "
        "gets one card",
        "hand.md:3: label 'roles:hub-administrator' is written by hand here, and the "
        "role-card at cards.md:6 makes it too; remove the hand-written label",
        "hand.md:7: glossary term 'Hub Engineer' is written by hand here, and the role-card "
        "at cards.md:9 makes it too; remove the entry, or set hubroles_role_terms = False",
        "other.rst:4: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; did you "
        "mean 'hub-engineer'?",
        "other.rst:6: unknown role 'hub-admin' in reference 'roles:hub-admin'; did you mean "
        "'hub-administrator'?",
        "other.rst:8: term not in glossary: 'Thingamajig'",
        "other.rst:10: unknown role 'nobody' in role-card",
        "other.rst:12: label 'roles:community-representative' is written by hand here, and "
        "the role-card at cards.md:3 makes it too; remove the hand-written label",
        "other.rst:19: glossary term 'Hub Administrators' is written by hand here, and the "
        "role-card at cards.md:6 makes it too; remove the entry, or set "
        "hubroles_role_terms = False",
        "other.rst:22: unknown role 'nobody' in :roles: of roles-diagram",
        "other.rst:22: unknown role 'nobody' in :focus: of roles-diagram",
        "other.rst:22: roles-diagram has no roles to show; check :roles:, :groups:, :status: "
        "and roles.yaml",
        "page.md:3: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; did you mean "
        "'hub-engineer'?",
        "page.md:5: unknown role 'comunity-representative' in reference "
        "'roles:comunity-representative'; did you mean 'community-representative'?",
        "page.md:7: unknown role 'hub-admin' in reference 'roles:hub-admin'; did you mean "
        "'hub-administrator'?",
        "page.md:9: role 'project-manager' in reference 'roles:project-manager' is in "
        "roles.yaml but has no role-card on any page; add one with the role-card directive",
        "page.md:11: term not in glossary: 'Hub Enginer'; did you mean 'Hub Engineer'?",
        "page.md:13: unknown role 'hub-enginer' in :roles: of roles-diagram; did you mean "
        "'hub-engineer'?",
        "page.md:13: roles-diagram has no roles to show; check :roles:, :groups:, :status: "
        "and roles.yaml",
        "page.md:17: unknown group 'comunity' in :groups: of roles-diagram; did you mean "
        "'community'?",
        "page.md:17: roles-diagram has no roles to show; check :roles:, :groups:, :status: "
        "and roles.yaml",
        "page.md:21: unknown role 'nobody' in :roles: of roles-diagram",
        "page.md:21: unknown relation type 'overseees' in :relations: of roles-diagram; did "
        "you mean 'oversees'?",
        "page.md:21: roles-diagram has no roles to show; check :roles:, :groups:, :status: "
        "and roles.yaml",
        "page.md:26: unknown role 'nobody' in :roles: of roles-diagram",
        "page.md:26: unknown role 'hub-enginer' in :focus: of roles-diagram; did you mean "
        "'hub-engineer'?",
        "page.md:26: roles-diagram has no roles to show; check :roles:, :groups:, :status: "
        "and roles.yaml",
        "page.md:31: unknown role 'nobody' in :roles: of roles-diagram",
        "page.md:31: :depth: has no effect without :focus: in roles-diagram",
        "page.md:31: roles-diagram has no roles to show; check :roles:, :groups:, :status: "
        "and roles.yaml",
        "roles.yaml:48: unknown role 'hub-enginer' in reference 'roles:hub-enginer'; did you "
        "mean 'hub-engineer'?",
        "roles.yaml:48: term not in glossary: 'Incidnet'; did you mean 'Incident'?",
        # Retired roles: every reference, in a page of either markup (link, {ref}, {term})
        # and in the roles.yaml text of a role a page shows (here an external one).
        "page.md:36: role 'former-lead' is retired; see 'hub-engineer'",
        "page.md:38: role 'former-lead' is retired; see 'hub-engineer'",
        "page.md:40: role 'help-desk' is retired, and roles.yaml names no role that replaces "
        "it; remove the reference",
        "other.rst:26: role 'former-lead' is retired; see 'hub-engineer'",
        "other.rst:28: role 'former-lead' is retired; see 'hub-engineer'",
        "roles.yaml:65: role 'former-lead' is retired; see 'hub-engineer'",
        # A card for a role documented elsewhere.
        "cards.md:21: role 'admin-team' is documented elsewhere (https://example.org/admins), "
        "so it has no role-card; remove this one, or remove 'url' from the role in roles.yaml",
        # :status: of roles-diagram and roles-table, and the table's other options.
        "page.md:42: unknown status 'retierd' in :status: of roles-diagram; did you mean "
        "'retired'?",
        "page.md:42: roles-diagram has no roles to show; check :roles:, :groups:, :status: "
        "and roles.yaml",
        "page.md:46: unknown column 'sumary' in :columns: of roles-table; did you mean "
        "'summary'?",
        "page.md:46: unknown role 'hub-enginer' in :roles: of roles-table; did you mean "
        "'hub-engineer'?",
        "page.md:46: unknown group 'comunity' in :groups: of roles-table; did you mean "
        "'community'?",
        "page.md:46: unknown status 'retierd' in :status: of roles-table; did you mean "
        "'retired'?",
        "page.md:46: roles-table has no roles to show; check :roles:, :groups:, :status: and "
        "roles.yaml",
        # :relations: that join none of the roles kept (issue 24: :isolated:).
        "page.md:53: roles-diagram draws no relation of its :relations: among the roles it "
        "keeps, and leaves out roles without one; add ':isolated: show' to draw them anyway",
        "other.rst:30: unknown column 'colour' in :columns: of roles-table",
        # role-holders, in both markups: an unknown role, and a role that nobody holds now.
        "page.md:58: role 'council' in role-holders has no current holder in roles.yaml (no "
        "'holders' without 'until', no kinds or members with holders, no 'rotation'); name "
        "one under 'holders'",
        "page.md:60: unknown role 'councl' in role-holders; did you mean 'council'?",
        "other.rst:33: unknown role 'nobody' in role-holders",
        # A role's name used as a term, while the role has no card.
        "page.md:62: term not in glossary: 'Project Manager' names role 'project-manager' of "
        "roles.yaml, which has no role-card on any page to define it; add one with the "
        "role-card directive",
        # The rules on holders: seats, and a move whose dates do not meet.
        f"roles.yaml:{roles_line('    seats: {min: 2}')}: role 'council' has 0 current "
        "holders, and its 'seats' ask for at least 2",
        f"roles.yaml:{roles_line(MOVED)}: the dates of the move of person 'ada' from role "
        f"'council' to role 'emeritus' do not meet: one holding ends on 2024-06-30, the other "
        f"(line {roles_line(ARRIVED)}) begins on 2024-09-01; it should begin on 2024-06-30 or "
        "2024-07-01",
        # Cards and glossaries inside roles.yaml text that a page shows (Mentor's, the
        # glossary's), not those in an inline summary or in the text of a role with no card.
        *(f"roles.yaml:{roles_line(written)}: {directive} cannot stand in roles.yaml text: "
          "cards and glossaries show that text themselves, and one inside another could show "
          "itself without end; it is left out: put it on a page"
          for directive, written in (("role-card", "      ```{role-card} mentor\n"),
                                     ("roles-glossary", "      ```{roles-glossary}\n"),
                                     ("roles-glossary", "    .. roles-glossary::\n"))),
        # A warning of the loader, which leaves roles.yaml usable.
        "roles.yaml:69: an item of 'responsibilities' of role 'admin-team' goes on over "
        "several lines, and this one starts with '- ': YAML folds it into the text (\"Manage "
        "the organisation - and its teams\"); to make sub-items, write the item as 'text:' "
        "with 'items:', or put the whole text in quotes to keep the dash",
    })
    # The types the build logs them with.
    typed = [line for line in result.warnings() if "roles-diagram" not in line and (
        "retired" in line or "roles-table" in line or "documented elsewhere" in line
        or "goes on over" in line or "'seats'" in line or "do not meet" in line
        or "has no current holder" in line)]
    assert {line.rsplit(" [", 1)[1] for line in typed} == {
        "hubroles.retired]", "hubroles.table]", "hubroles.card]", "hubroles.yaml]",
        "hubroles.holders]"}


def test_the_builds_memo_of_roles_yaml_texts_finds_what_a_fresh_scan_finds(tmp_path,
                                                                          monkeypatch):
    """The build keeps the references of roles.yaml's texts between builds (core/scan's memo):
    after an edit, only the texts that are new, moved, or near enough to the edit for their
    placing to depend on it are parsed, and the result is a fresh scan's."""
    from sphinx_hubroles.core import scan
    from sphinx_hubroles.core.loader import load_roles

    # Forty roles on top, so that most texts stand far from an edit at the end of the roles.
    filler = "".join(f"  filler-{i}:\n    name: Filler {i}\n    summary: Fills, with the "
                     f"[](roles:hub-engineer).\n" for i in range(40))
    text = PLANTED["roles.yaml"].replace("roles:\n", "roles:\n" + filler, 1)
    roles = tmp_path / "roles.yaml"
    roles.write_text(text, encoding="utf-8")
    memo: dict = {}
    first = scan.scan_roles_file(load_roles(roles), memo)
    assert first == scan.scan_roles_file(load_roles(roles)) and first
    parsed = []
    real = scan.scan_myst
    monkeypatch.setattr(scan, "scan_myst", lambda text, *args: (parsed.append(text),
                                                                 real(text, *args)))
    # A role added at the end of the roles: its summary is parsed, the fillers are not.
    roles.write_text(text.replace("terms:\n", """\
  newcomer:
    name: Newcomer
    summary: Joins the [](roles:hub-enginer).
terms:
""", 1), encoding="utf-8")
    second = scan.scan_roles_file(load_roles(roles), memo)
    assert "Joins the [](roles:hub-enginer)." in parsed
    assert not [text for text in parsed if text.startswith("Fills")]
    assert len(parsed) < len(list(load_roles(roles).texts())) / 2
    monkeypatch.undo()
    assert second == scan.scan_roles_file(load_roles(roles))
    assert second[("role", "newcomer")][0].target == "roles:hub-enginer"
    # A line inserted at the top moves every text: all are parsed again, at their new lines.
    roles.write_text("# moved\n" + roles.read_text(encoding="utf-8"), encoding="utf-8")
    third = scan.scan_roles_file(load_roles(roles), memo)
    assert third == scan.scan_roles_file(load_roles(roles))
    assert [r.where.line for r in third[("role", "newcomer")]] == [
        r.where.line + 1 for r in second[("role", "newcomer")]]
    # The memo holds every text that could hold a reference, and no other.
    assert len(memo) == len([text for _owner, text in load_roles(roles).texts()
                             if scan.has_clue(text.source)]) > 40
    # A folded summary wrapped anew: the same words from the same line, but the link is now a
    # line further down.
    folded = roles.read_text(encoding="utf-8").replace("terms:\n", """\
  wrapped:
    name: Wrapped
    summary: >
      Works with the
      [](roles:hub-enginer) daily.
terms:
""", 1)
    roles.write_text(folded, encoding="utf-8")
    before = scan.scan_roles_file(load_roles(roles), memo)[("role", "wrapped")]
    roles.write_text(folded.replace("Works with the\n", "Works\n      with the\n"),
                     encoding="utf-8")
    model = load_roles(roles)
    assert model.roles["wrapped"].summary.source == "Works with the [](roles:hub-enginer) daily."
    after = scan.scan_roles_file(model, memo)[("role", "wrapped")]
    assert [r.where.line for r in after] == [r.where.line + 1 for r in before]
    assert after == scan.scan_roles_file(model)[("role", "wrapped")]
