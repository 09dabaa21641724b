"""roles.yaml that loads into a broken site unless the loader refuses it: a term spelled like a
role's name, and ids too long for dot. The real sphinx-build and the real command agree.
(The corpus holds these files too, with UTF-32 ones: tests/test_hostile_corpus.py.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cli_helpers import hubroles, write_tree
from conftest import sphinx_build

CORPUS = Path(__file__).parent / "corpus"
CONF = 'extensions = ["myst_parser", "sphinx_hubroles"]\n'

ROLES = """\
roles:
  admin:
    name: Admin
    aliases: [Administrators]
    summary: Runs the hub.
terms:
  Hub: The service.
  ADMIN: Someone who runs the hub.
"""
PAGE = """\
# Team

```{role-card} admin
```

Ask an {term}`admin`.

## Glossary

```{roles-glossary}
```
"""
TERM_PROBLEM = ("term 'ADMIN' is the name of role 'admin' (line 2), which is already a "
                "glossary term; remove the term or rename it")


def site(tmp_path: Path, role_terms: bool = True) -> Path:
    conf = CONF + ("" if role_terms else "hubroles_role_terms = False\n")
    return write_tree(tmp_path / "src", {"conf.py": conf, "roles.yaml": ROLES,
                                         "index.md": PAGE})


def test_a_term_spelled_like_a_roles_name_stops_the_build_at_the_term(tmp_path):
    result = sphinx_build(site(tmp_path), "-nW")
    assert result.returncode == 1
    assert result.warnings() == [
        f"roles.yaml:8: ERROR: {TERM_PROBLEM} [hubroles.yaml]",
        "ERROR: sphinx-hubroles stopped the build: fix roles.yaml and build again "
        "(hubroles_file = 'roles.yaml')"]


def test_check_reports_it_in_the_same_words(tmp_path):
    run = hubroles(site(tmp_path), "check")
    assert (run.returncode, run.lines) == (1, [f"roles.yaml:8: {TERM_PROBLEM}"])


def test_an_alias_counts_too(tmp_path):
    srcdir = site(tmp_path)
    (srcdir / "roles.yaml").write_text(ROLES.replace("ADMIN:", "administrators:"),
                                       encoding="utf-8")
    assert hubroles(srcdir, "check").lines == [
        "roles.yaml:8: term 'administrators' is an alias of role 'admin' (line 2), which is "
        "already a glossary term; remove the term or rename it"]


def test_with_role_terms_off_the_term_is_the_glossarys_own(tmp_path):
    srcdir = site(tmp_path, role_terms=False)
    result = sphinx_build(srcdir, "-nW")
    assert (result.returncode, result.warnings()) == (0, [])
    soup = BeautifulSoup(result.html("index.html"), "html.parser")
    assert [dt.get_text().rstrip("¶") for dt in soup.select(
        "dl.hubroles-glossary dt:not(.hubroles-glossary-role)")] == [
        "ADMIN", "Hub"]
    assert soup.select_one("a.reference[href='#term-ADMIN']") is not None
    run = hubroles(srcdir, "check", "--no-role-terms")
    assert (run.returncode, run.stdout) == (0, "")
    export = hubroles(srcdir, "export", "--no-role-terms")
    assert export.returncode == 0 and '"ADMIN": "Someone who runs the hub."' in export.stdout
    refused = hubroles(srcdir, "export")
    assert (refused.returncode, refused.stderr) == (1, f"roles.yaml:8: {TERM_PROBLEM}\n")


# -- ids -----------------------------------------------------------------------------------------


def test_a_20000_character_id_stops_the_build_at_its_line(tmp_path):
    srcdir = write_tree(tmp_path / "src", {"conf.py": CONF, "index.md": "# Roles\n\n"
                                           "```{roles-diagram}\n```\n"})
    shutil.copyfile(CORPUS / "bad" / "long-ids.yaml", srcdir / "roles.yaml")
    result = sphinx_build(srcdir, "-nW")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "dot" not in result.stderr
    assert [re.sub(r"'[\w-]+…'", "'…'", line) for line in result.warnings()] == [
        f"roles.yaml:{line}: ERROR: '…' is {length} characters long, too long for an id in "
        f"'{where}': ids are limited to 100 characters [hubroles.yaml]"
        for line, length, where in ((3, 152, "relations"), (5, 101, "groups"),
                                    (7, "20,000", "roles"))
    ] + ["ERROR: sphinx-hubroles stopped the build: fix roles.yaml and build again "
         "(hubroles_file = 'roles.yaml')"]


@pytest.mark.parametrize("page", ["diagram", "cards"])
def test_ids_of_100_characters_build_into_cards_links_and_a_diagram(tmp_path, page):
    role = ("hub-engineer-" * 8)[:100]
    role = role.rstrip("-") + "0" * (100 - len(role.rstrip("-")))
    cards = f"```{{role-card}} {role}\n```\n\n```{{role-card}} short\n```\n"
    diagram = "```{roles-diagram}\n```\n"
    index = "# Roles\n\n```{toctree}\ncards\n```\n\n"
    index += (diagram if page == "diagram" else "") + f"See [](roles:{role}).\n"
    srcdir = write_tree(tmp_path / "src", {"conf.py": CONF, "index.md": index,
                                           "cards.md": f"# Cards\n\n{cards}"})
    shutil.copyfile(CORPUS / "awkward" / "long-ids.yaml", srcdir / "roles.yaml")
    result = sphinx_build(srcdir, "-nW")
    assert (result.returncode, result.warnings()) == (0, [])
    html = result.html("index.html")
    assert f'href="cards.html#roles-{role}"' in html
    if page == "diagram":
        svg = BeautifulSoup(html, "html.parser").select_one("svg")
        assert f"cards.html#roles-{role}" in [a.get("href") or a.get("xlink:href")
                                              for a in svg.find_all("a")]


# -- link targets MyST-Parser cannot take ----------------------------------------------------------

NUL_ROLES = """\
roles:
  admin:
    name: Admin
    summary: Runs the [hub](foo%00).
    description: |
      Fine: [a link](https://example.org/100%25), 100%00 as words, and `[code](x%00)`.

      :::{note}
      See ![the hub](hub%00.png).
      :::
    responsibilities:
      - "[Path](path:notes%00.txt)"
    sections:
      - title: More
        text: |
          Reference-style [links][ref] too.

          [ref]: roles:admin%00
"""


def test_a_link_target_holding_percent_00_is_refused_at_its_line_by_both(tmp_path):
    """MyST-Parser decodes `%00` into a NUL character and hands it to the file system, which
    stopped the build with a ValueError (ext/_compat.py): roles.yaml refuses the text at its
    line instead, in the build and in `check`, and leaves other `%00`s alone."""
    srcdir = write_tree(tmp_path / "src", {"conf.py": CONF, "roles.yaml": NUL_ROLES,
                                           "index.md": "# Team\n\n```{role-card} admin\n```\n"})
    problems = [f"roles.yaml:{line}: {what} links to a target holding '%00', which "
                "MyST-Parser turns into a NUL character that no file or page name can hold; "
                "remove it" for line, what in (
                    (4, "'summary' of role 'admin'"), (6, "'description' of role 'admin'"),
                    (12, "an item of 'responsibilities' of role 'admin'"),
                    (16, "'text' of section 'More' of 'sections' of role 'admin'"))]
    result = sphinx_build(srcdir, "-nW")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.warnings() == [
        problem.replace(": ", ": ERROR: ", 1) + " [hubroles.yaml]" for problem in problems
    ] + ["ERROR: sphinx-hubroles stopped the build: fix roles.yaml and build again "
         "(hubroles_file = 'roles.yaml')"]
    run = hubroles(srcdir, "check")
    assert (run.returncode, run.lines) == (1, problems)
    # Without them, the same texts build.
    (srcdir / "roles.yaml").write_text(
        NUL_ROLES.replace("foo%00", "foo").replace("hub%00", "hub").replace(
            "notes%00", "notes").replace("admin%00", "admin"), encoding="utf-8")
    result = sphinx_build(srcdir)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "100%00 as words" in result.html("index.html")
