"""roles.yaml that loads into a broken site unless the loader refuses it: a term spelled like a
role's name. The real sphinx-build and the real command agree."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from cli_helpers import hubroles, write_tree
from conftest import sphinx_build

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
    assert [dt.get_text().rstrip("¶") for dt in soup.select("dl.hubroles-glossary dt")] == [
        "ADMIN", "Hub"]
    assert soup.select_one("a.reference[href='#term-ADMIN']") is not None
    run = hubroles(srcdir, "check", "--no-role-terms")
    assert (run.returncode, run.stdout) == (0, "")
    export = hubroles(srcdir, "export", "--no-role-terms")
    assert export.returncode == 0 and '"ADMIN": "Someone who runs the hub."' in export.stdout
    refused = hubroles(srcdir, "export")
    assert (refused.returncode, refused.stderr) == (1, f"roles.yaml:8: {TERM_PROBLEM}\n")
