"""An incremental build writes what a clean build of the same sources writes.

One handbook that uses every directive and every kind of reference goes through a list of
realistic edits, one after the other, to roles.yaml, conf.py and the pages. After each edit it
is built incrementally (continuing from the last build) and clean (a fresh output and doctree
folder), and the two must agree: every file written (every page,
`_static/hubroles-previews.js`, `hubroles.json`, ...), the entries of `objects.inv`, and the
warnings. Each incremental build must also read only the pages it needs to. The chain of
edits runs twice: with the html builder, serially, and with the dirhtml builder and `-j 2`
(a clean build then reads its pages in two processes, and every build writes them in two).

The builds run in this process (conftest.build_here), from one source folder that the edits
change in turn: a build takes a fraction of a second this way.

PLAIN_SPHINX lists the differences that plain Sphinx has too, without this extension, and
that the comparison therefore leaves out; test_plain_sphinx_has_the_differences_left_out
shows each on a project without sphinx-hubroles. Nothing else is normalised: two clean builds
are byte-identical, and a parallel clean build is byte-identical to a serial one.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BuildResult, build_here
from sphinx.util.inventory import InventoryFile

PLAIN_SPHINX = {
    "removed page": "the output files of a page whose source was removed (its HTML and its "
                    "_sources/ copy) stay in the output folder",
    "neighbours": "a page that is not written again keeps its previous and next links when "
                  "a page before or after it in the table of contents is added or removed",
    "search index": "searchindex.js loses the index entries of the pages the build does not "
                    "write again, and keeps words that no page has any more, with no pages",
}

ROLES = """\
relations:
  oversees: {label: oversees, inverse: overseen by}
  escalates: {label: escalates to}
groups:
  core: {name: Core Team}
  community: {name: Community}
people:
  ada: {name: Ada Quill, github: adaq}
  bo: {name: Bo Reyes}
  cy: {name: Cy Tan}
roles:
  lead:
    name: Team Lead
    aliases: [Leads]
    group: core
    summary: Runs the {{ org }} team with [](people:ada).
    team: "@acme/leads"
    holders:
      - {person: ada, since: 2025-01-01, affiliation: Acme Labs}
    relations:
      oversees: [engineer, support-lead]
  engineer:
    name: Engineer
    group: core
    summary: Builds things; escalates to the [](roles:lead).
    responsibilities:
      steps: [Build, Run]
    holders: [bo]
    relations:
      escalates: [lead]
  support-lead:
    name: Support Lead
    group: community
    summary: Answers [questions](roles:engineer) from users; see {ref}`roles:lead`.
    rotation:
      pool: [ada, bo]
      every: 7
      start: 2026-01-05
  advisor:
    name: Advisor
    group: community
    summary: Gives advice.
terms:
  Outage: When the {{ org }} service is down.
"""
MENTOR = """\
  mentor:
    name: Mentor
    group: community
    summary: Guides the [](roles:engineer).
    relations:
      escalates: [lead]
"""
CONF = """\
extensions = ["myst_parser", "sphinx_hubroles"]
myst_enable_extensions = ["substitution"]
myst_substitutions = {"org": "Acme"}
"""
PAGES = ["about", "cards", "diagram", "glossary", "links", "people", "reference", "table",
         "advisor", "plain"]


ROTATION = "```{roles-rotation} support-lead\n:from: 2026-03-02\n:shifts: 3\n```\n"


def card(role_id: str) -> str:
    return f"```{{role-card}} {role_id}\n```\n\n"


SITE = {
    "conf.py": CONF,
    "roles.yaml": ROLES,
    "index.md": "# Handbook\n\n```{toctree}\n" + "".join(f"{page}\n" for page in PAGES)
                + "```\n",
    "about.md": "# About\n\nThe {{ org }} team.\n",
    "cards.md": "# Cards\n\n" + card("lead") + card("engineer") + card("support-lead"),
    "diagram.md": "# Diagram\n\n```{roles-diagram}\n```\n\n"
                  "```{roles-diagram}\n:focus: engineer\n```\n",
    "glossary.md": "# Glossary\n\n```{roles-glossary}\n```\n\n"
                   "```{glossary}\nRunbook\n  What to do.\n```\n",
    "links.md": """\
# Links

- [](roles:engineer) and [the lead](roles:lead)
- {ref}`roles:support-lead` and {ref}`Leads <roles:lead>`
- {term}`Engineer`, {term}`Leads`, {term}`Outage` and {term}`Runbook`
- [](people:ada) and [Bo](people:bo)
- [](roles:advisor) and [the advisor](roles:advisor)
- <roles:lead>
- {role-holders}`engineer` and {role-holders}`support-lead`
""",
    "people.md": "# People\n\n```{roles-people}\n```\n\n" + ROTATION,
    "reference.rst": "Reference\n=========\n\n:ref:`roles:engineer`, :ref:`the lead <roles:lead>`"
                     ", :ref:`roles:advisor` and :term:`Support Lead`.\n",
    "table.md": "# Table\n\n```{roles-table}\n:columns: name, summary, relations, holders, team"
                "\n```\n",
    # A secondary directory, on a page before the main one: never the people's entry.
    "advisor.md": "# Advisors\n\n(roles:advisor)=\n## The advisor\n\nAdvises.\n\n"
                  "```{roles-people}\n:no-index:\n:roles: lead, engineer\n```\n",
    "plain.md": "# Plain\n\nNothing about roles.\n",
}

Files = dict[str, "str | None"]  # None: the file is removed


def replace(name: str, old: str, new: str) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        assert files[name].count(old) == 1, (name, old)
        files[name] = files[name].replace(old, new)
    return change


def write(name: str, text: str | None) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        files[name] = text
    return change


def in_toctree(old: str, new: str) -> Callable[[Files], None]:
    return replace("index.md", old, new)


@dataclass
class Edit:
    name: str
    changes: list[Callable[[Files], None]]
    reads: set[str]  # the pages the incremental build reads again


EDITS = [
    Edit("nothing changed", [], set()),
    # No page shows it; the environment is saved all the same (state.py), or every later
    # build would take roles.yaml for new.
    Edit("a comment added to roles.yaml", [replace("roles.yaml", "roles:\n",
                                                   "# Who does what.\nroles:\n")], set()),
    Edit("two summaries edited, of a role with a card and of one without",
         [replace("roles.yaml", "Builds things;", "Builds and runs things;"),
          replace("roles.yaml", "Gives advice.", "Gives *good* advice.")],
         {"cards", "table"}),
    Edit("a substitution changed in conf.py",
         [replace("conf.py", '"Acme"', '"Globex"')],
         {"index", *PAGES}),
    Edit("a role renamed",
         [replace("roles.yaml", "name: Engineer", "name: Platform Engineer")],
         {"advisor", "cards", "diagram", "glossary", "links", "people", "table"}),
    Edit("a card moved to a page that sorts earlier",
         [replace("cards.md", card("support-lead"), ""),
          replace("about.md", "team.\n", "team.\n\n" + card("support-lead"))],
         {"about", "cards"}),
    Edit("a second card for a role, on a later page",
         [replace("plain.md", "roles.\n", "roles.\n\n" + card("lead"))],
         {"plain"}),
    Edit("the first of the two cards removed",
         [replace("cards.md", card("lead"), "")],
         {"cards"}),
    Edit("the team directory moved to a page that sorts earlier",
         [replace("people.md", "```{roles-people}\n```\n\n", ""),
          replace("about.md", "# About\n\n", "# About\n\n```{roles-people}\n```\n\n")],
         {"about", "people"}),
    Edit("a card added for a role with a hand-written label",
         [replace("cards.md", "# Cards\n\n", "# Cards\n\n" + card("advisor"))],
         {"cards"}),
    Edit("that card removed again",
         [replace("cards.md", card("advisor"), "")],
         {"cards"}),
    Edit("the hand-written label moved to another page",
         [replace("advisor.md", "(roles:advisor)=\n", ""),
          replace("plain.md", "# Plain\n\n", "# Plain\n\n(roles:advisor)=\n## Advice\n\n")],
         {"advisor", "plain"}),
    Edit("the secondary directory made a second main one",
         [replace("advisor.md", ":no-index:\n", "")],
         {"advisor"}),
    Edit("and secondary again",
         [replace("advisor.md", "```{roles-people}\n", "```{roles-people}\n:no-index:\n")],
         {"advisor"}),
    Edit("the rotation's schedule, which role-holders links to, moved to an earlier page",
         [replace("people.md", ROTATION, ""),
          replace("about.md", "team.\n", "team.\n\n" + ROTATION)],
         {"about", "people"}),
    Edit("a glossary entry written by hand for a role's name",
         [replace("glossary.md", "Runbook\n", "Support Lead\n  Answers.\n\nRunbook\n")],
         {"glossary"}),
    Edit("that glossary entry removed",
         [replace("glossary.md", "Support Lead\n  Answers.\n\n", "")],
         {"glossary"}),
    Edit("a role added, with its card on a new page",
         [replace("roles.yaml", "  advisor:\n", MENTOR + "  advisor:\n"),
          write("mentor.md", "# Mentor\n\n" + card("mentor") + "Ask the [](roles:mentor).\n"),
          in_toctree("plain\n", "plain\nmentor\n")],
         {"diagram", "glossary", "index", "mentor", "plain", "table"}),
    Edit("a person renamed, and another added to a rotation and to a role's holders",
         [replace("roles.yaml", "name: Bo Reyes", "name: Bo Rivera"),
          replace("roles.yaml", "pool: [ada, bo]", "pool: [ada, bo, cy]"),
          replace("roles.yaml", "holders: [bo]", "holders: [bo, cy]")],
         {"about", "advisor", "cards", "links", "table"}),
    Edit("a relation removed and a term's definition edited",
         [replace("roles.yaml", "oversees: [engineer, support-lead]", "oversees: [engineer]"),
          replace("roles.yaml", "service is down.", "service is down or slow.")],
         {"about", "diagram", "glossary", "plain", "table"}),
    Edit("a role's id renamed on every page",
         [replace("roles.yaml", "  advisor:\n", "  adviser:\n"),
          replace("plain.md", "(roles:advisor)=", "(roles:adviser)="),
          replace("links.md", "[](roles:advisor) and [the advisor](roles:advisor)",
                  "[](roles:adviser) and [the adviser](roles:adviser)"),
          replace("reference.rst", ":ref:`roles:advisor`", ":ref:`roles:adviser`")],
         {"diagram", "glossary", "links", "plain", "reference", "table"}),
    Edit("a page removed",
         [write("table.md", None), in_toctree("table\n", "")],
         {"index"}),
    Edit("a page with links added",
         [write("zebra.md", "# Zebra\n\n[](roles:mentor), {term}`Leads` and [](people:cy)\n"),
          in_toctree("plain\n", "plain\nzebra\n")],
         {"index", "zebra"}),
    Edit("a role and its card removed",
         [replace("roles.yaml", MENTOR, ""),
          replace("mentor.md", card("mentor") + "Ask the [](roles:mentor).\n", "Gone.\n")],
         {"diagram", "glossary", "mentor", "plain"}),
    Edit("role terms turned off in conf.py",
         [replace("conf.py", "myst_subst", "hubroles_role_terms = False\nmyst_subst")],
         {"index", "mentor", "zebra", *PAGES} - {"table"}),
]


# -- building ---------------------------------------------------------------------------------


def write_files(srcdir: Path, files: Files) -> None:
    for name, text in files.items():
        path = srcdir / name
        if text is None:
            path.unlink(missing_ok=True)
        elif not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def toctree(files: Files) -> list[str]:
    index = files["index.md"]
    return re.search(r"```\{toctree\}\n(.*?)```", index, re.S).group(1).split()


def neighbours(order: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """Each page's previous and next page, as Sphinx links them: the index, then the pages
    of its table of contents in order."""
    pages = ["index", *order]
    return {page: (pages[i - 1] if i else None, pages[i + 1] if i + 1 < len(pages) else None)
            for i, page in enumerate(pages)}


# -- comparing --------------------------------------------------------------------------------


def inventory(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """objects.inv read back with Sphinx's own reader: (type, name) -> (URI, shown name)."""
    entries = InventoryFile.loads(path.read_bytes(), uri="").data
    return {(kind, name): (item.uri, item.display_name)
            for kind, items in entries.items() for name, item in items.items()}


def without_neighbour_links(html: str) -> str:
    """A page without its previous and next links (PLAIN_SPHINX['neighbours']), and with the
    white space where they stood made one space."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.select('link[rel="prev"], link[rel="next"]'):
        link.decompose()
    for link in soup.select("div.related li.right a"):
        if link.get_text() in ("previous", "next"):
            link.parent.decompose()
    for heading in soup.find_all("h4", string=["Previous topic", "Next topic"]):
        heading.parent.decompose()
    return re.sub(r"\s+", " ", str(soup))


def page_files(page: str, builder: str) -> set[str]:
    html = f"{page}.html" if builder == "html" else f"{page}/index.html"
    return {html, *(f"_sources/{page}{suffix}.txt" for suffix in (".md", ".rst"))}


def differences(incremental: BuildResult, clean: BuildResult, builder: str,
                removed: set[str], moved: set[str]) -> list[str]:
    """What the incremental build wrote otherwise than the clean one, leaving out what plain
    Sphinx writes otherwise too: the files of `removed` pages, and the previous and next links
    of the pages whose neighbours `moved`."""
    found = []
    if incremental.stderr != clean.stderr:
        found.append(f"warnings:\n{incremental.stderr}\n  clean:\n{clean.stderr}")
    left = {name for page in removed for name in page_files(page, builder)}
    relinked = {name for page in moved for name in page_files(page, builder)}
    ours, theirs = output_files(incremental.outdir), output_files(clean.outdir)
    for name in sorted(ours.keys() | theirs.keys()):
        mine, other = ours.get(name), theirs.get(name)
        if other is None and name in left:
            continue
        if name == "objects.inv":
            mine, other = inventory(incremental.outdir / name), inventory(clean.outdir / name)
            if mine != other:
                found.append(f"objects.inv: {sorted(mine.items() - other.items())} instead of "
                             f"{sorted(other.items() - mine.items())}")
            continue
        if name == "searchindex.js":
            mine, other = search_index_compared(mine, other)
        elif name in relinked and mine is not None and other is not None:
            mine, other = (without_neighbour_links(text.decode()) for text in (mine, other))
        if mine != other:
            found.append(name)
    return found


def search_index_compared(mine: bytes | None, other: bytes | None) -> tuple[dict, dict]:
    """The search indexes without what PLAIN_SPHINX['search index'] says: words with no pages;
    the incremental build's index entries must be among the clean build's."""
    indexes = []
    for data in (mine, other):
        index = json.loads(data.decode().removeprefix("Search.setIndex(").removesuffix(")"))
        for words in (index["terms"], index["titleterms"]):
            for word in [word for word, pages in words.items() if pages == []]:
                del words[word]
        indexes.append(index)
    entries = [index.pop("indexentries") for index in indexes]
    missing = {(word, *entry) for word, listed in entries[0].items() for entry in listed
               if entry not in entries[1].get(word, [])}
    if missing:
        indexes[0]["indexentries not in the clean build's"] = sorted(missing)
    return indexes[0], indexes[1]


def output_files(outdir: Path) -> dict[str, bytes]:
    return {str(path.relative_to(outdir)): path.read_bytes()
            for path in sorted(outdir.rglob("*")) if path.is_file()}


# -- the tests --------------------------------------------------------------------------------


def test_two_clean_builds_are_identical_and_parallel_equals_serial(tmp_path):
    srcdir = tmp_path / "src"
    write_files(srcdir, SITE)
    first, second, parallel = (build_here(srcdir, parallel=jobs, builddir=tmp_path / name)
                               for name, jobs in (("first", 0), ("second", 0), ("parallel", 2)))
    assert first.stderr == second.stderr == parallel.stderr == ""
    assert output_files(first.outdir) == output_files(second.outdir)
    assert output_files(first.outdir) == output_files(parallel.outdir)
    # A link without text of its own shows in a preview what it shows on the page: the role's
    # or the person's name.
    previews = (first.outdir / "_static" / "hubroles-previews.js").read_text(encoding="utf-8")
    assert json.loads(previews.split(" = ", 1)[1].rstrip(";\n")) == {
        "roles-engineer": "Engineer: Builds things; escalates to the Team Lead.",
        "roles-lead": "Team Lead: Runs the Acme team with Ada Quill.",
        "roles-support-lead": "Support Lead: Answers questions from users; see Team Lead.",
    }


@pytest.mark.parametrize(("builder", "parallel"), [("html", 0), ("dirhtml", 2)],
                         ids=["html", "dirhtml -j 2"])
def test_every_edit_builds_what_a_clean_build_builds(tmp_path, builder, parallel):
    srcdir, files = tmp_path / "src", dict(SITE)
    write_files(srcdir, files)
    build_here(srcdir, builder, parallel=parallel, builddir=tmp_path / "incremental")
    found = {}
    # Once plain Sphinx leaves a page's files or links stale, they stay so until it writes
    # the page again, which may be several edits later.
    removed: set[str] = set()
    moved: set[str] = set()
    for number, edit in enumerate(EDITS):
        before = dict(files)
        for change in edit.changes:
            change(files)
        write_files(srcdir, files)
        removed |= {name.rsplit(".", 1)[0] for name, text in files.items() if text is None}
        files = {name: text for name, text in files.items() if text is not None}
        old, new = neighbours(toctree(before)), neighbours(toctree(files))
        moved |= {page for page in new if page in old and old[page] != new[page]}

        incremental = build_here(srcdir, builder, parallel=parallel,
                                 builddir=tmp_path / "incremental")
        clean = build_here(srcdir, builder, parallel=parallel,
                           builddir=tmp_path / f"clean-{number}")
        problems = differences(incremental, clean, builder, removed, moved)
        if incremental.read != edit.reads:
            problems.append(f"read {sorted(incremental.read)}, not {sorted(edit.reads)}")
        if not edit.changes and incremental.written:
            problems.append(f"wrote {sorted(incremental.written)} with nothing changed")
        if problems:
            found[edit.name] = problems
        shutil.rmtree(tmp_path / f"clean-{number}")
    assert not found, "\n".join(f"after {name!r}:\n  " + "\n  ".join(problems)
                                 for name, problems in found.items())


# -- what plain Sphinx does -------------------------------------------------------------------

PLAIN = {
    "conf.py": "extensions = ['myst_parser']\n",
    "index.md": "# Plain\n\n```{toctree}\na\nb\nc\nd\n```\n",
    "a.md": "# A\n\nApples.\n\n```{glossary}\nThing\n  A thing.\n```\n",
    "b.md": "# B\n\nSee {ref}`elsewhere` and {ref}`nowhere`.\n",
    "c.md": "# C\n\n(elsewhere)=\n## Cherries\n\nRed.\n",
    "d.md": "# D\n\nDates.\n",
}


def test_plain_sphinx_has_the_differences_left_out(tmp_path):
    """Each difference in PLAIN_SPHINX, built by Sphinx and MyST-Parser without sphinx-hubroles;
    and two that the handbook of the test above does not meet: Sphinx's own warnings come only
    from the pages it reads or writes again, and a page that links to a label is not written
    again when the label moves (sphinx-hubroles makes up for both with its own warnings and
    `roles:` labels)."""
    srcdir, files = tmp_path / "src", dict(PLAIN)
    write_files(srcdir, files)
    build_here(srcdir, builddir=tmp_path / "incremental")

    def edit(*changes: Callable[[Files], None]) -> tuple[BuildResult, BuildResult]:
        for change in changes:
            change(files)
        write_files(srcdir, files)
        clean = tmp_path / f"clean-{len(list(tmp_path.glob('clean-*')))}"
        return (build_here(srcdir, builddir=tmp_path / "incremental"),
                build_here(srcdir, builddir=clean))

    # "search index": d's words change; a, with a glossary's index entry, is not written.
    # Nor is b, whose broken reference Sphinx reports when it writes it.
    built = edit(replace("d.md", "Dates.", "Figs."))
    assert "undefined label: 'nowhere'" in built[1].stderr
    assert built[0].stderr == ""
    incremental, clean = (result.outdir for result in built)
    mine, theirs = (json.loads((outdir / "searchindex.js").read_text().removeprefix(
        "Search.setIndex(").removesuffix(")")) for outdir in (incremental, clean))
    assert "thing" not in mine["indexentries"] and "thing" in theirs["indexentries"]
    assert mine["terms"]["date"] == [] and "date" not in theirs["terms"]

    # A label moves from c to d: b, which links to it, keeps the old link.
    incremental, clean = (result.outdir for result in edit(
        replace("c.md", "(elsewhere)=\n", ""),
        replace("d.md", "# D\n\n", "# D\n\n(elsewhere)=\n## Figs\n\n")))
    assert 'href="c.html#elsewhere"' in (incremental / "b.html").read_text()
    assert 'href="d.html#elsewhere"' in (clean / "b.html").read_text()

    # "removed page", "neighbours": d goes; its files stay, and c (unchanged) still links to it
    # as the next page.
    incremental, clean = (result.outdir for result in edit(write("d.md", None),
                                                           in_toctree("d\n", "")))
    for name in ("d.html", "_sources/d.md.txt"):
        assert (incremental / name).is_file() and not (clean / name).exists()
    mine, theirs = ((outdir / "c.html").read_text() for outdir in (incremental, clean))
    assert 'rel="next" title="D"' in mine and 'rel="next"' not in theirs
    assert without_neighbour_links(mine) == without_neighbour_links(theirs)
