"""Problems in roles.yaml are reported at the line an editor and `grep -n` show, counting
lines at "\\n" only, although YAML 1.1 (PyYAML) also ends a line at NEL (U+0085), LINE
SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) inside a text: in the build, in
`sphinx-hubroles check` and in the MyST-MD plugin, after such a character, and inside the
text that holds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import hubroles
from conftest import DEFAULT_CONF, sphinx_build
from mystmd_helpers import myst_build, myst_config, write_myst_project

from sphinx_hubroles.core.lines import editor_lines

PAGE = "# Team\n\n```{role-card} lead\n```\n\n```{role-card} helper\n```\n"
STOPPED = ("ERROR: sphinx-hubroles stopped the build: fix roles.yaml and build again "
           "(hubroles_file = 'roles.yaml')")

# Texts that YAML reads over several lines where an editor shows one: a `|` description, and
# a quoted summary, each with a NEL, a LINE SEPARATOR and a PARAGRAPH SEPARATOR.
BROKEN_TEXTS = (
    "relations:\n"
    "  oversees: {label: oversees}\n"
    "roles:\n"
    "  lead:\n"
    "    name: Lead\n"
    '    summary: "Leads\x85 the\u2028 whole\u2029 team"\n'
    "    description: |\n"
    "      One\x85      two\u2028      three\u2029      four\n"
    "      five\n"
    "    bogus: 1\n"
    "    relations:\n"
    "      oversees:\n"
    "        - nobody\n"
    "  helper:\n"
    "    name: Helper\n"
    "    summary: Helps.\n"
)
# The same characters, and broken references and markup inside the text that holds them.
BROKEN_REFERENCES = (
    "roles:\n"
    "  lead:\n"
    "    name: Lead\n"
    "    summary: Leads.\n"
    "    description: |\n"
    "      One\x85      two\u2028      three\u2029      four\n"
    "      See [the helper](roles:helpr) and\x85      [nobody](roles:zeta).\n"
    "\n"
    "      ```{nodirective}\n"
    "      ```\n"
    "  helper:\n"
    "    name: Helper\n"
    "    summary: Helps [the lead](roles:lede).\n"
)


def grep_n(text: str, snippet: str) -> int:
    """The line `grep -n` shows for the first line holding `snippet`."""
    return next(number for number, line in enumerate(text.split("\n"), 1) if snippet in line)


def site(tmp_path: Path, roles: str) -> Path:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(DEFAULT_CONF, encoding="utf-8")
    (srcdir / "index.md").write_text(PAGE, encoding="utf-8")
    (srcdir / "roles.yaml").write_bytes(roles.encode("utf-8"))
    return srcdir


def loader_problems(roles: str) -> list[str]:
    return [
        f"roles.yaml:{grep_n(roles, 'bogus: 1')}: unknown key 'bogus' in role 'lead'; allowed "
        "keys: name, aliases, group, status, replaced-by, url, summary, count, filled-by, "
        "defined-by, description, requirements, responsibilities, sections, see-also, "
        "admonitions, relations, holders, rotation, kind-of, seats, team, owners-alias",
        f"roles.yaml:{grep_n(roles, '- nobody')}: 'oversees' of role 'lead' names 'nobody', "
        "which is not a role under 'roles'"]


def reference_problems(roles: str, columns: bool) -> list[str]:
    def at(snippet: str) -> str:
        line = grep_n(roles, snippet)
        column = roles.split("\n")[line - 1].index(snippet) + 1
        return f"roles.yaml:{line}:{column}" if columns else f"roles.yaml:{line}"

    return [f"{at('roles:helpr')}: unknown role 'helpr' in reference 'roles:helpr'; did you "
            "mean 'helper'?",
            f"{at('roles:zeta')}: unknown role 'zeta' in reference 'roles:zeta'",
            f"{at('roles:lede')}: unknown role 'lede' in reference 'roles:lede'; did you "
            "mean 'lead'?"]


def test_the_build_stops_at_the_lines_an_editor_shows(tmp_path):
    result = sphinx_build(site(tmp_path, BROKEN_TEXTS))
    assert result.returncode == 1
    assert result.warnings() == [
        line.replace(": ", ": ERROR: ", 1) + " [hubroles.yaml]"
        for line in loader_problems(BROKEN_TEXTS)] + [STOPPED]


@pytest.mark.parametrize("breaks", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_check_reports_the_lines_an_editor_shows(tmp_path, breaks):
    roles = BROKEN_TEXTS.replace("\n", breaks)
    run = hubroles(site(tmp_path, roles), "check")
    assert (run.returncode, run.lines) == (1, loader_problems(roles))


@pytest.mark.parametrize("breaks", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_form_feed_in_a_text_is_refused_at_its_line(tmp_path, breaks):
    """A form feed ends a line for str.splitlines(), not for YAML or an editor; YAML refuses it
    anywhere."""
    roles = BROKEN_TEXTS.replace("      five\n", "      fi\x0cve\n").replace("\n", breaks)
    run = hubroles(site(tmp_path, roles), "check")
    assert (run.returncode, run.lines) == (1, [
        f"roles.yaml:{grep_n(roles, 'fi')}:9: contains the character U+000C at column 9, "
        "which YAML does not allow; remove it"])


def test_references_inside_the_text_are_at_the_lines_an_editor_shows(tmp_path):
    srcdir = site(tmp_path, BROKEN_REFERENCES)
    result = sphinx_build(srcdir)
    assert result.returncode == 0
    directive = grep_n(BROKEN_REFERENCES, "{nodirective}")
    assert result.warnings() == [
        f"roles.yaml:{directive}: WARNING: Unknown directive type: 'nodirective' "
        "[myst.directive_unknown]"] + [
        problem.replace(": ", ": WARNING: ", 1) + " [hubroles.ref]"
        for problem in reference_problems(BROKEN_REFERENCES, columns=False)]
    run = hubroles(srcdir, "check")
    assert (run.returncode, run.lines) == (1, reference_problems(BROKEN_REFERENCES,
                                                                 columns=True))


def test_mystmd_reports_the_lines_an_editor_shows(tmp_path):
    root = write_myst_project(tmp_path / "myst", {"myst.yml": myst_config(["index.md"]),
                                                  "index.md": PAGE})
    (root / "roles.yaml").write_bytes(BROKEN_REFERENCES.encode("utf-8"))
    run = myst_build(root, "--site")
    directive = grep_n(BROKEN_REFERENCES, "{nodirective}")
    assert run.errors() == [
        f"index.md:1 unknown directive: nodirective (in the text of roles.yaml at line "
        f"{directive})"] + [problem.replace(": ", " ", 1) for problem in reference_problems(
            BROKEN_REFERENCES, columns=True)] + [
        "index.md:3 roles.yaml has 3 problems, reported above at roles.yaml:LINE"]


@pytest.mark.parametrize("text, lines", [
    ("", []), ("a", ["a"]), ("a\n", ["a"]), ("\n", [""]), ("a\r\nb\rc\n\n", ["a", "b", "c", ""]),
    ("a\x85b\u2028c\u2029d\x0ce\x0bf\x1cg\n", ["a\x85b\u2028c\u2029d\x0ce\x0bf\x1cg"]),
])
def test_editor_lines_end_at_lf_crlf_and_cr_only(text, lines):
    assert editor_lines(text) == lines
