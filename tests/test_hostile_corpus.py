"""The corpus of malformed and awkward roles.yaml files (tests/corpus, see its README).

Every malformed file gets exactly its own messages at its own lines from the loader and from
`sphinx-hubroles check`, and a sample of them the same messages from a real `sphinx-build`
(which exits 1 without a traceback) and the real command side by side.
Every awkward file loads, and a real build shows each of its texts as written.
"""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cli_helpers import hubroles
from conftest import sphinx_build, write_project

from sphinx_hubroles.cli import main
from sphinx_hubroles.core.loader import load_roles, parse_roles
from sphinx_hubroles.core.model import RolesFile
from sphinx_hubroles.core.problems import RolesFileError

CORPUS = Path(__file__).parent / "corpus"
BAD = sorted(p.stem for p in (CORPUS / "bad").glob("*.yaml"))
AWKWARD = sorted(p.stem for p in (CORPUS / "awkward").glob("*.yaml"))


def expected(name: str) -> list[str]:
    return (CORPUS / "bad" / f"{name}.expected").read_text(encoding="utf-8").splitlines()


def reported(error: RolesFileError) -> list[str]:
    return [f"{p.line or '-'}: {p.message}" for p in error.problems]


def test_the_corpus_is_complete():
    assert len(BAD) >= 40
    assert len(AWKWARD) >= 8
    sidecars = sorted(p.stem for p in (CORPUS / "bad").glob("*.expected"))
    assert sidecars == BAD, "each bad/NAME.yaml needs a bad/NAME.expected, and only those"


@pytest.mark.parametrize("name", BAD)
def test_each_malformed_file_gets_its_own_messages(name):
    path = CORPUS / "bad" / f"{name}.yaml"
    with pytest.raises(RolesFileError) as caught:
        load_roles(path)
    assert reported(caught.value) == expected(name)
    # The same from bytes, as the command line and the extension both read it.
    with pytest.raises(RolesFileError) as again:
        parse_roles(path.read_bytes(), path)
    assert reported(again.value) == expected(name)


def test_whole_file_problems_are_only_about_the_whole_file():
    """A problem without a line is about the file as a whole (or says how many more problems
    there are past the first 100); everything else has a line."""
    for name in BAD:
        for line in expected(name):
            if line.startswith("-: "):
                assert line[3:].startswith(("is empty", "is saved as UTF-16",
                                            "is saved as UTF-32", "and ")), \
                    (name, line)
    assert expected("too-many-problems")[-1] == (
        "-: and 20 more problems: fix the ones above and check again")


# -- the command line says the same ------------------------------------------------------------

CLI_LINE = re.compile(r"(?P<file>[^:]+)(?::(?P<line>\d+)(?::(?P<column>\d+))?)?: (?P<message>.*)")


def without_column(line: str) -> tuple[str, str]:
    """(file:line, message) of a `file:line:column: message` line of the command line."""
    match = CLI_LINE.fullmatch(line)
    assert match, line
    where = match["file"] + (f":{match['line']}" if match["line"] else "")
    return where, match["message"]


@pytest.mark.parametrize("name", BAD)
def test_check_prints_the_loaders_problems(name, monkeypatch, capsys):
    """`sphinx-hubroles check` on each malformed file: the loader's problems, each as
    file:line:column: message (the column when the loader knows it), and exit status 1."""
    monkeypatch.chdir(CORPUS / "bad")
    assert main(["check", "--roles", f"{name}.yaml"]) == 1
    printed = capsys.readouterr()
    with pytest.raises(RolesFileError) as caught:
        load_roles(CORPUS / "bad" / f"{name}.yaml")
    assert printed.out.splitlines() == [
        ":".join(str(part) for part in (f"{name}.yaml", p.line, p.column) if part is not None)
        + f": {p.message}" for p in caught.value.problems]
    assert [f"{where.partition(':')[2] or '-'}: {message}" for where, message in
            map(without_column, printed.out.splitlines())] == expected(name)
    assert printed.err == (f"sphinx-hubroles: fix {name}.yaml first; the pages are checked "
                           "once it loads\n")


# A sample through the real sphinx-build: one of each family of problems.
SPHINX_SAMPLE = [
    "syntax-unquoted-link", "tab-indentation", "control-character", "latin1-not-utf8",
    "utf16-with-bom", "dangling-references", "escaped-surrogate",
    "unknown-key-with-terminal-escape", "recursive-alias", "empty", "too-many-problems",
    "utf32-le-with-bom", "long-ids", "term-is-a-role-name", "line-breaks-in-one-line-text",
    "rotation-past-the-calendar",
]


def sphinx_lines(name: str, file: str = "roles.yaml") -> list[str]:
    """What sphinx-build must print for a corpus file saved as `file`."""
    lines = []
    for line in expected(name):
        where, message = line.split(": ", 1)
        lines.append(f"ERROR: {file}: {message} [hubroles.yaml]" if where == "-"
                     else f"{file}:{where}: ERROR: {message} [hubroles.yaml]")
    return lines + [f"ERROR: sphinx-hubroles stopped the build: fix {file} and build again "
                    f"(hubroles_file = '{file}')"]


def failed_build(srcdir: Path):
    result = sphinx_build(srcdir)
    assert result.returncode == 1
    # Messages name roles.yaml by its absolute path, here in a folder named after the test.
    output = (result.stdout + result.stderr).replace(str(srcdir), "")
    assert "Traceback" not in output
    assert "report" not in output.lower()  # Sphinx's crash report
    assert "\x1b" not in result.stderr  # no terminal escape from roles.yaml reaches the log
    assert not (result.outdir / "index.html").exists()  # nothing half-written
    return result


def sphinx_problems(lines: list[str]) -> list[tuple[str, str]]:
    """(file:line, message) of sphinx-build's `file:line: ERROR: message [type]` lines."""
    result = []
    for line in lines:
        where, _, message = line.partition(": ERROR: ")
        if not message:  # `ERROR: file: message`, about the whole file
            where, _, message = line.removeprefix("ERROR: ").partition(": ")
        result.append((where, message.removesuffix(" [hubroles.yaml]")))
    return result


@pytest.mark.parametrize("name", SPHINX_SAMPLE)
def test_sphinx_build_reports_the_same_problems_and_stops(project, name):
    srcdir = project({"index.md": "# Roles\n\n```{role-card} hub-engineer\n```\n"})
    shutil.copyfile(CORPUS / "bad" / f"{name}.yaml", srcdir / "roles.yaml")
    warnings = failed_build(srcdir).warnings()
    assert warnings == sphinx_lines(name)
    # The real command, in the same folder, says the same at the same lines (and a column
    # where it has one, which Sphinx's messages do not show).
    check = hubroles(srcdir, "check")
    assert check.returncode == 1
    assert list(map(without_column, check.lines)) == sphinx_problems(warnings[:-1])


def test_sphinx_build_with_a_folder_as_roles_yaml(project):
    srcdir = project({"index.md": "# Roles\n", "conf.py": 'extensions = ["sphinx_hubroles"]\n'
                      'hubroles_file = "team"\n', "team/README.md": "not a YAML file\n"})
    assert failed_build(srcdir).warnings() == [
        "ERROR: team: is a folder, not a YAML file [hubroles.yaml]",
        "ERROR: sphinx-hubroles stopped the build: fix team and build again "
        "(hubroles_file = 'team')"]


def test_missing_and_folder_paths_in_the_loader(tmp_path):
    for path, message in ((tmp_path / "nope.yaml", "not found: there is no such file"),
                          (tmp_path, "is a folder, not a YAML file")):
        with pytest.raises(RolesFileError) as caught:
            load_roles(path)
        assert reported(caught.value) == [f"-: {message}"]


# -- valid but awkward files -------------------------------------------------------------------

CONF = 'extensions = ["myst_parser", "sphinx_hubroles"]\nsmartquotes = False\n'


def awkward_page(model: RolesFile) -> str:
    cards = "".join(f"```{{role-card}} {role_id}\n```\n\n" for role_id in model.roles)
    return f"# Awkward\n\n{cards}## Glossary\n\n```{{roles-glossary}}\n```\n"


@pytest.fixture(scope="module")
def awkward_sites(tmp_path_factory):
    """Each awkward file built into its own site (two builds at a time)."""

    def build(name: str):
        path = CORPUS / "awkward" / f"{name}.yaml"
        model = load_roles(path)
        srcdir = write_project(tmp_path_factory.mktemp(name),
                               {"conf.py": CONF, "index.md": awkward_page(model)})
        shutil.copyfile(path, srcdir / "roles.yaml")
        result = sphinx_build(srcdir, "-nW", "--keep-going")
        return model, result

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(AWKWARD, pool.map(build, AWKWARD), strict=True))


def text(node) -> str:
    return node.get_text().rstrip("¶")


def squeeze(value: str) -> str:
    return " ".join(value.split())


def fields(field_list) -> list[tuple[str, str]]:
    if field_list is None:
        return []
    return [(text(dt).rstrip(":"), squeeze(dd.get_text()))
            for dt, dd in zip(field_list.find_all("dt"), field_list.find_all("dd"), strict=True)]


def capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


MYST_SYNTAX = set("*_`[]{}<>\\&$~|#!")


def plain(source: str) -> bool:
    """Text that MyST shows as written (the awkward files use markup only in quoting-styles)."""
    return not MYST_SYNTAX & set(source)


@pytest.mark.parametrize("name", AWKWARD)
def test_awkward_file_renders_every_text_as_written(awkward_sites, name):
    model, result = awkward_sites[name]
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup(result.html("index.html"), "html.parser")
    for role in model.roles.values():
        card = soup.find("section", id=f"roles-{role.id}")
        assert text(card.find("h2")) == role.name
        body = card.select_one(".hubroles-card-body")
        if plain(role.summary.source):
            assert text(body.select_one(".hubroles-summary")) == squeeze(role.summary.source)
        facts = dict(fields(body.select_one(".hubroles-facts")))
        if role.group:
            assert facts["Group"] == squeeze(model.groups[role.group].name)
        if role.count and plain(role.count.source):
            assert facts["How many"] == squeeze(role.count.source)
        items = [squeeze(li.get_text()) for li in body.select(".hubroles-responsibilities li")]
        assert len(items) == len(role.responsibilities)
        for item, source in zip(items, role.responsibilities, strict=True):
            if plain(source.text.source):
                assert item == squeeze(source.text.source)
        if role.description and plain(role.description.source):
            assert squeeze(role.description.source) in squeeze(body.get_text())
        shown = [(capitalised(rel.label), ", ".join(r.name for r in roles))
                 for rel, roles in model.outgoing(role.id)]
        shown += [(capitalised(rel.inverse or f"{rel.label} (incoming)"),
                   ", ".join(r.name for r in roles)) for rel, roles in model.incoming(role.id)]
        assert fields(body.select_one(".hubroles-relations")) == [
            (squeeze(label), squeeze(names)) for label, names in shown]
    glossary = soup.select_one("dl.hubroles-glossary")
    # The terms; the glossary's entries for roles (hubroles-glossary-role) point to the cards.
    terms = [(text(dt), squeeze(dd.get_text())) for dt, dd in
             zip(glossary.find_all("dt"), glossary.find_all("dd"), strict=True)
             if "hubroles-glossary-role" not in dt.get("class", ())] if glossary else []
    assert sorted(name for name, _ in terms) == sorted(model.terms)
    for term_name, definition in terms:
        assert definition == squeeze(model.terms[term_name].definition.source)


def html_of(awkward_sites, name: str) -> BeautifulSoup:
    return BeautifulSoup(awkward_sites[name][1].html("index.html"), "html.parser")


def test_bom_and_windows_line_endings(awkward_sites):
    assert list(awkward_sites["bom"][0].roles) == ["hub-engineer"]  # not '\ufeffroles'
    soup = html_of(awkward_sites, "crlf")
    engineer = soup.find("section", id="roles-hub-engineer")
    assert [p.get_text() for p in engineer.select(".hubroles-card-body > p:not(.rubric)")][1:] == [
        "First paragraph, kept\non two lines.", "Second paragraph."]
    assert "\r" not in awkward_sites["crlf"][1].html("index.html")


def test_anchors_aliases_and_merge_keys(awkward_sites):
    model = awkward_sites["anchors-and-aliases"][0]
    admin, deputy, engineer = model.roles.values()
    assert (deputy.summary, deputy.group, deputy.count.source) == (
        admin.summary, "community", "one")  # written keys win over merged ones
    assert engineer.responsibilities == admin.responsibilities
    assert model.relations["supervises"].label == "oversees"
    assert dict(deputy.relations) == {"oversees": ("hub-engineer", "deputy")}


def test_self_relations_and_cycles(awkward_sites):
    soup = html_of(awkward_sites, "self-relations-and-cycles")
    admin = soup.find("section", id="roles-hub-administrator")
    assert fields(admin.select_one(".hubroles-relations")) == [
        ("Adds", "Hub Administrator"), ("Reports to", "Hub Engineer"),
        ("Added by", "Hub Administrator, Project Manager"),
        ("Receives reports from", "Project Manager")]
    assert admin.select_one(".hubroles-relations a")["href"] == "#roles-hub-administrator"


def test_unicode_names_keep_every_character(awkward_sites):
    soup = html_of(awkward_sites, "unicode")
    titles = [text(h2) for h2 in soup.select("section.hubroles-card h2")]
    assert "Zero\u200bWidth\u2060Joiner\u200dName" in titles
    assert "می\u200cخواهم" in titles
    assert "👩\u200d💻 Hub Engineer 🇳🇴" in titles
    assert "Editor \u200fRTL mark\u200e" in titles
    hebrew = soup.find("section", id="roles-hebrew")
    assert fields(hebrew.select_one(".hubroles-relations")) == [
        ("מפקח על", "مسؤول المجتمع, 👩\u200d💻 Hub Engineer 🇳🇴")]


def test_ten_thousand_character_texts(awkward_sites):
    model, result = awkward_sites["long-texts"]
    role = model.roles["long"]
    assert len(role.name) == len(role.summary.source.strip()) + 1 == 10_000
    card = BeautifulSoup(result.html("index.html"), "html.parser").find(
        "section", id="roles-long")
    assert text(card.find("h2")) == "N" * 10_000
    assert card.select_one(".hubroles-responsibilities li").get_text().strip() == "r" * 10_000


def test_quoting_styles(awkward_sites):
    soup = html_of(awkward_sites, "quoting-styles")
    card = soup.find("section", id="roles-norway")
    assert text(card.find("h2")) == "no"
    assert [li.get_text() for li in card.select(".hubroles-responsibilities li")] == [
        "# not a comment", "@mention and %percent", "It's quoted", 'tab\tand "escapes"',
        "Folded text"]
    filled_by = dict(fields(card.select_one(".hubroles-facts")))["Usually filled by"]
    assert filled_by == "bold and code and a link and Hub"
    assert card.select_one(".hubroles-facts em").get_text() == "bold"
    assert card.select_one(".hubroles-facts a[href='#term-Hub']") is not None
    assert text(soup.find("section", id="roles-explicit-key").find("h2")) == "Explicit Key"
