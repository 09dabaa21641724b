"""One mistake of every kind the build reports, in MyST and in RST pages and in roles.yaml
(its warnings that leave it usable too):
`sphinx-hubroles check` and `sphinx-build` report the same (file, line, message) set, because
both ask the same rules (core/rules.py). No diagram here is drawn: dot plays no part."""

from __future__ import annotations

from cli_helpers import hubroles, write_tree
from conftest import TEAM, sphinx_build

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
terms:
""") + "people:\n  ada: {name: Ada}\n",
    "index.md": """
        # Handbook

        ```{toctree}
        cards
        hand
        page
        other
        glossary
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
    write_tree(tmp_path, PLANTED)
    result = sphinx_build(tmp_path, "-q")
    from_build, from_check = build_lines(result), check_lines(tmp_path)
    assert from_check == from_build
    assert not list(tmp_path.rglob("*.cache"))  # no diagram was drawn
    # Every kind is there, in both markups.
    assert sorted(from_build) == sorted({
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
        "other.rst:30: unknown column 'colour' in :columns: of roles-table",
        # role-holders, in both markups: an unknown role, and a role that nobody holds now.
        "page.md:53: role 'council' in role-holders has no current holder in roles.yaml (no "
        "'holders' without 'until', no kinds or members with holders, no 'rotation'); name "
        "one under 'holders'",
        "page.md:55: unknown role 'councl' in role-holders; did you mean 'council'?",
        "other.rst:33: unknown role 'nobody' in role-holders",
        # A role's name used as a term, while the role has no card.
        "page.md:57: term not in glossary: 'Project Manager' names role 'project-manager' of "
        "roles.yaml, which has no role-card on any page to define it; add one with the "
        "role-card directive",
        # The rules on holders: seats, and a move whose dates do not meet.
        "roles.yaml:73: role 'council' has 0 current holders, and its 'seats' ask for at "
        "least 2",
        "roles.yaml:75: the dates of the move of person 'ada' from role 'council' to role "
        "'emeritus' do not meet: one holding ends on 2024-06-30, the other (line 80) begins "
        "on 2024-09-01; it should begin on 2024-06-30 or 2024-07-01",
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
