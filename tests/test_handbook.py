"""The handbook and the documentation in docs/.

- The real docs build with `-nW --keep-going`, with no warning, and the handbook keeps
  everything the hand-written seed page said: every role, every responsibility, every sentence
  (or its stated replacement), every external link, and no iframe.
- Every example project and output that the docs show (docs/examples/) is what the code really
  does. Run with HUBROLES_UPDATE_EXAMPLES=1 to rewrite the expected outputs after a deliberate
  change to a message, then review the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, BuildResult, sphinx_build

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
SEED = FIXTURES / "roles-for-the-service.md"
UPDATE = os.environ.get("HUBROLES_UPDATE_EXAMPLES") == "1"

# Seed sentences the handbook words differently, each with the text that carries it now.
REWORDED = {
    "This role is usually filled by someone that is a member of the hub's community of practice.":
        "Usually filled by: Someone that is a member of the hub's community of practice.",
    "People in these roles are generally affiliated with 2i2c.":
        "Usually filled by: People generally affiliated with 2i2c.",
    # The support process page is not part of this handbook: the cards link to it where it
    # was published at the seed's version.
    "See support:process for more information.":
        "See the support process for more information.",
}


# -- the seed page, read programmatically --------------------------------------------------

def seed_roles() -> list[tuple[str, str]]:
    """(id, name) of every `(roles:<id>)=` label and the heading under it."""
    return re.findall(r"^\(roles:([a-z0-9-]+)\)=\n## (.+)$", SEED.read_text(), re.M)


def seed_sections() -> dict[str, str]:
    """The source of each labelled role section, by role id."""
    parts = re.split(r"^\(roles:([a-z0-9-]+)\)=\n", SEED.read_text(), flags=re.M)
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    return {role_id: text.split("\n## ", 1)[0] for role_id, text in sections.items()}


def seed_responsibilities() -> dict[str, list[str]]:
    """The bullets under '### Responsibilities' of each role, as plain text."""
    result = {}
    for role_id, text in seed_sections().items():
        block = text.partition("### Responsibilities\n")[2]
        bullets = re.findall(r"^- (.+)$", block.split("\n#", 1)[0], re.M)
        result[role_id] = [plain(bullet) for bullet in bullets]
    return result


def seed_sentences() -> list[str]:
    """Every sentence of the seed's prose, admonitions and lists, as plain text."""
    text = SEED.read_text()
    text = re.sub(r"<iframe.*?</iframe>", "", text, flags=re.S)
    text = re.sub(r"^(#.*|\(roles:.*\)=|:::.*)$", "", text, flags=re.M)
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        for line in paragraph.splitlines():
            line = line.strip().removeprefix("- ")
            sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\[])", plain(line)) if s]
    return sentences


def seed_links() -> list[str]:
    """The seed's external links, without the iframe's slides."""
    return re.findall(r"\]\((https?://[^)\s]+)\)", SEED.read_text())


def plain(myst: str) -> str:
    """Inline MyST as a reader sees it: link text, term names, no emphasis markers."""
    text = re.sub(r"\[\]\(([^)]*)\)", r"\1", myst)  # [](target): the target's title
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{term\}`([^`<]*)`", r"\1", text)
    return normal(text.replace("**", ""))


def normal(text: str) -> str:
    """One space between words, straight quotes (Sphinx curls them in the HTML)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


# -- the real docs ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def docs(docs_build) -> BuildResult:
    return docs_build


@pytest.fixture(scope="module")
def handbook(docs) -> dict[str, BeautifulSoup]:
    """The main content of each built handbook page, by page name."""
    pages = {}
    for path in sorted((docs.outdir / "handbook").glob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        pages[path.stem] = soup.find("article")
    return pages


def card(handbook, role_id: str):
    found = [page.find(id=f"roles-{role_id}") for page in handbook.values()]
    found = [section for section in found if section is not None]
    assert len(found) == 1, f"expected one card for {role_id}, found {len(found)}"
    return found[0]


def text_of(node) -> str:
    return normal(node.get_text())


def test_docs_build_without_warnings(docs):
    assert docs.returncode == 0, docs.stderr
    assert docs.warnings() == []


def test_seed_is_read_completely():
    # Guards the parsing below: the seed has six roles, eleven responsibilities, two links.
    assert [role_id for role_id, _ in seed_roles()] == [
        "community-representative", "hub-administrator", "hub-engineer", "support-steward",
        "incident-commander", "project-manager"]
    assert sum(map(len, seed_responsibilities().values())) == 11
    assert seed_links() == ["https://docs.2i2c.org",
                            "https://github.com/2i2c-org/team-compass/issues/398"]


@pytest.mark.parametrize(("role_id", "name"), seed_roles())
def test_every_role_has_a_card_with_its_name(handbook, role_id, name):
    section = card(handbook, role_id)
    title = normal(section.find("h1").get_text()).rstrip("#").strip()
    # The seed's headings mix singular and plural and one is lower-case ("Incident commander").
    assert name.lower() in (title.lower(), title.lower() + "s")
    all_text = " ".join(text_of(page) for page in handbook.values()).lower()
    assert name.lower() in all_text


@pytest.mark.parametrize("role_id", [role_id for role_id, _ in seed_roles()])
def test_every_responsibility_is_on_its_card(handbook, role_id):
    shown = text_of(card(handbook, role_id))
    for sentence in seed_responsibilities()[role_id]:
        assert sentence in shown


def test_every_seed_sentence_is_in_the_handbook(handbook):
    shown = " ".join(text_of(page) for page in handbook.values())
    missing = [sentence for sentence in seed_sentences()
               if sentence not in shown and REWORDED.get(sentence, sentence) not in shown]
    assert missing == []
    for sentence in REWORDED:  # the rewordings still match the seed
        assert sentence in seed_sentences()


def test_every_external_link_of_the_seed_is_kept(handbook):
    hrefs = {a["href"] for page in handbook.values() for a in page.find_all("a", href=True)}
    for url in seed_links():
        assert url in hrefs


SUPPORT_PROCESS = "https://team-compass.2i2c.org/projects/managed-hubs/support.html"


@pytest.mark.parametrize("role_id", ["support-steward", "incident-commander"])
def test_the_support_process_is_a_see_also_of_the_published_page(handbook, role_id):
    see_also = card(handbook, role_id).select_one("div.seealso")
    assert text_of(see_also) == "See also See the support process for more information."
    assert see_also.find("a")["href"] == SUPPORT_PROCESS


def test_no_reader_reads_about_the_original_handbook(docs):
    for path in (docs.outdir / "handbook").rglob("*.html"):
        assert "original handbook" not in path.read_text(encoding="utf-8"), path
    assert "original handbook" not in (ROOT / "roles.yaml").read_text(encoding="utf-8")


def test_no_iframe_anywhere(docs):
    for path in docs.outdir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<iframe" not in html, path
        assert "docs.google.com/presentation" not in html, path


def test_relations_link_both_ways(handbook):
    """From any role to the roles it relates to in one click, and back."""
    for role_id, _name in seed_roles():
        section = card(handbook, role_id)
        relations = section.find("dl", class_="hubroles-relations")
        # The links to roles, not those inside a relation's note (a glossary term).
        for link in relations.find_all("a", class_="hubroles-preview") if relations else []:
            other = link["href"].rpartition("#roles-")[2]
            back = card(handbook, other).find("dl", class_="hubroles-relations")
            assert back is not None and back.find("a", href=re.compile(f"#roles-{role_id}$"))


# -- the examples the docs show --------------------------------------------------------------

def copy_example(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name.replace("/", "-")
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns("*.txt", "_build"))
    return target


def check_output(expected_file: Path, actual: list[str]) -> None:
    if UPDATE:
        expected_file.write_text("\n".join(actual) + "\n", encoding="utf-8")
        return
    assert actual == expected_file.read_text(encoding="utf-8").splitlines()


def summary_line(result: BuildResult) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("build ")]


def test_tutorial_project_builds_clean(tmp_path):
    result = sphinx_build(copy_example("tutorial", tmp_path), "-nW", "--keep-going")
    assert result.returncode == 0, result.stderr
    assert result.warnings() == []
    team = result.html("team.html")
    assert 'id="roles-maintainer"' in team and 'id="roles-contributor"' in team
    assert 'href="team.html#roles-maintainer"' in result.html("index.html")
    assert "A published version of the project" in result.html("glossary.html")


def test_tutorial_typo_output(tmp_path):
    srcdir = copy_example("tutorial", tmp_path)
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("roles:maintainer", "roles:maintaner"))
    result = sphinx_build(srcdir, "-nW", "--keep-going")
    assert result.returncode == 1
    check_output(EXAMPLES / "tutorial" / "typo-output.txt",
                 result.warnings() + summary_line(result))


@pytest.mark.parametrize("case", sorted(p.name for p in (EXAMPLES / "warnings").iterdir()))
def test_warning_example_output(tmp_path, case):
    result = sphinx_build(copy_example(f"warnings/{case}", tmp_path))
    assert result.returncode == (1 if case == "yaml" else 0), result.stderr
    check_output(EXAMPLES / "warnings" / case / "output.txt", result.warnings())


def test_suppressed_reference_warnings(tmp_path):
    """The how-to's `suppress_warnings = ["hubroles.ref"]` silences exactly those warnings."""
    result = sphinx_build(copy_example("warnings/ref", tmp_path), "-W", "--keep-going",
                          "-D", "suppress_warnings=hubroles.ref")
    assert result.returncode == 0, result.stderr
    assert result.warnings() == []


def test_handbook_roles_yaml_names_the_shipped_schema_and_passes_it():
    """The first line points editors at the schema in the package, and the file validates."""
    import jsonschema

    first_line, _, _ = (ROOT / "roles.yaml").read_text(encoding="utf-8").partition("\n")
    assert first_line == "# yaml-language-server: $schema=sphinx_hubroles/roles.schema.json"
    schema = json.loads((ROOT / "sphinx_hubroles" / "roles.schema.json").read_text())
    data = yaml.safe_load((ROOT / "roles.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
