"""What real role pages say (issue 14), built for real in every builder: requirements and nested
items, sections, defined-by, status and replaced-by, external roles, relation notes, headings
in text fields, roles-table in all its options and layouts, and roles-diagram's :status:.

One site, built once per builder (two at a time), serves most assertions; MyST and RST pages
both use every directive."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest
from bs4 import BeautifulSoup
from conftest import sphinx_build, write_project

ROLES = """\
relations:
  sponsors: {label: sponsors, inverse: sponsored by}
  grows-into: {label: can become}
  oversees: {label: oversees, inverse: overseen by}
groups:
  ladder: {name: Ladder}
roles:
  member:
    name: Member
    aliases: [Members]
    group: ladder
    summary: Contributes to the project.
    count: any number
    filled-by: regular contributors
    defined-by: the *members* team of the GitHub organisation
    description: |
      Members take part every week.

      # Heading in the description

      More about members.
    requirements:
      - Active for 3 months
      - text: Sponsored by two reviewers
        items:
          - text: from two companies
            items:
              - text: listed on the members page
                items: [deepest level]
    responsibilities:
      - Answer issues assigned to them
      - text: Own their code
        items: [Keep it tested]
    sections:
      - title: Inactivity
        text: |
          Members who stay away for a year are removed.

          ## Heading in a section
      - title: Privileges
        items:
          - Run the tests
          - text: Label issues
            items: [with the bot]
    admonitions:
      - kind: note
        text: Members grow into reviewers.
    see-also:
      - "[Membership](https://example.org/membership)"
    relations:
      grows-into:
        - role: reviewer
          note: after *3 months*
    holders: [ada]
  reviewer:
    name: Reviewer
    aliases: [Reviewers]
    group: ladder
    status: draft
    summary: Reviews code.
    relations:
      sponsors:
        - role: member
          note: two reviewers from different companies
        - old-reviewer
  old-reviewer:
    name: Old Reviewer
    summary: Reviewed code before reviewers did.
    status: retired
    replaced-by: reviewer
  admin-team:
    name: Admin team
    summary: Manages the GitHub organisation.
    url: https://example.org/admins
    relations:
      oversees: [member]
people:
  ada: {name: Ada Quill}
terms:
  OWNERS file: Lists who reviews what.
"""

CONF = """\
project = "Content"
version = release = "1"
copyright = "the tests"
extensions = ["myst_parser", "sphinx_design", "sphinx_hubroles"]
myst_enable_extensions = ["colon_fence"]
numfig = True
"""

ALL_COLUMNS = ("name, summary, group, count, filled-by, defined-by, requirements, "
               "responsibilities, status, relations, holders")
INDEX = f"""\
# Contributors

```{{toctree}}
cards
overview
```

The [admins](roles:admin-team), the [](roles:admin-team) and the {{term}}`Admin team` are
documented elsewhere.

```{{roles-table}}
:columns: {ALL_COLUMNS}
:caption: Every *column*.
:name: all-columns
```

See {{numref}}`all-columns`.

```{{roles-table}}
:roles: old-reviewer, member
```

```{{roles-table}}
:groups: ladder
:status: retired, draft
:columns: name, status
```

```{{roles-table}}
:layout: cards
:columns: name, summary, requirements, status
:caption: As cards.
:name: as-cards
```

```{{roles-diagram}}
```

```{{roles-diagram}}
:status: active, draft, retired
```

```{{roles-diagram}}
:focus: old-reviewer
```
"""

CARDS = """\
# Cards

```{role-card} member
```

```{role-card} reviewer
```

```{role-card} old-reviewer
```

## Glossary

```{roles-glossary}
```

## Team

```{roles-people}
```
"""

OVERVIEW = """\
Overview in RST
===============

The :ref:`admins <roles:admin-team>` and :term:`Admin team`.

.. roles-table::
   :columns: name, requirements
   :roles: member
   :caption: In reStructuredText.
   :name: rst-table

.. roles-table::
   :layout: cards
   :groups: ladder
"""

SITE = {"conf.py": CONF, "roles.yaml": ROLES, "index.md": INDEX, "cards.md": CARDS,
        "overview.rst": OVERVIEW}
BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "text", "man", "epub"]
ADMINS = "https://example.org/admins"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("content") / "src", SITE)
    with ThreadPoolExecutor(2) as pool:
        # Doctrees beside the output: the epub builder warns about files it finds in it.
        results = pool.map(lambda b: (b, sphinx_build(
            srcdir, "-nW", "--keep-going", "-d", str(srcdir / "_doctrees" / b), builder=b)),
            BUILDERS)
        return dict(results)


def soup(builds, builder: str, page: str) -> BeautifulSoup:
    return BeautifulSoup(builds[builder].html(page), "html.parser")


def squeeze(text: str) -> str:
    return " ".join(text.split())


def card(builds, role_id: str, builder: str = "html", page: str = "cards.html"):
    return soup(builds, builder, page).find("section", id=f"roles-{role_id}")


def part_names(body) -> list[str]:
    """The card body's parts in order: rubrics by their text, other elements by kind."""
    names = []
    for child in body.find_all(recursive=False):
        classes = child.get("class", [])
        if "rubric" in classes:
            names.append(f"rubric:{squeeze(child.get_text())}")
        elif child.name == "dl":
            names.append(next(c for c in classes if c.startswith("hubroles-")))
        elif child.name == "ul":
            names.append(next(c for c in classes if c.startswith("hubroles-")))
        elif child.name == "div":
            names.append(next(c for c in classes if c in ("note", "seealso")))
        else:
            names.append(child.get("class", ["p"])[0] if child.get("class") else "p")
    return names


def nested(ul) -> list:
    """A bullet list as [(text, [sub-items...])]."""
    result = []
    for li in ul.find_all("li", recursive=False):
        sub = li.find("ul")
        result.append((squeeze(li.find("p").get_text()), nested(sub) if sub else []))
    return result


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_the_site_without_a_warning(builds, builder):
    result = builds[builder]
    assert result.returncode == 0, result.stderr
    assert result.warnings() == []


# -- cards -------------------------------------------------------------------------------------

def test_a_card_shows_its_parts_in_the_documented_order(builds):
    body = card(builds, "member").select_one(".hubroles-card-body")
    assert part_names(body) == [
        "hubroles-summary",  # 1. the summary
        "hubroles-facts",  # 2. the facts
        "p", "rubric:Heading in the description", "p",  # 3. the description
        "rubric:Requirements", "hubroles-requirements",  # 4. requirements, responsibilities
        "rubric:Responsibilities", "hubroles-responsibilities",
        "rubric:Inactivity", "p", "rubric:Heading in a section",  # 5. sections, in order
        "rubric:Privileges", "hubroles-section-items",
        "note", "seealso", "rubric:Relations", "hubroles-relations",  # 6.
    ]
    facts = [(squeeze(dt.get_text()).rstrip(":"), squeeze(dd.get_text()))
             for dt, dd in zip(body.select(".hubroles-facts > dt"),
                               body.select(".hubroles-facts > dd"), strict=True)]
    # Who holds the role comes after who usually fills it (issue 15), before the facts of
    # issue 14 that follow.
    assert facts == [("Group", "Ladder"), ("How many", "any number"),
                     ("Usually filled by", "regular contributors"), ("Held by", "Ada Quill"),
                     ("Defined by", "the members team of the GitHub organisation")]
    assert body.select_one(".hubroles-facts em").get_text() == "members"  # inline MyST


def test_items_nest_to_the_deepest_level(builds):
    body = card(builds, "member").select_one(".hubroles-card-body")
    assert nested(body.select_one("ul.hubroles-requirements")) == [
        ("Active for 3 months", []),
        ("Sponsored by two reviewers", [
            ("from two companies", [("listed on the members page", [("deepest level", [])])])]),
    ]
    assert nested(body.select_one("ul.hubroles-responsibilities")) == [
        ("Answer issues assigned to them", []), ("Own their code", [("Keep it tested", [])])]
    assert nested(body.select_one("ul.hubroles-section-items")) == [
        ("Run the tests", []), ("Label issues", [("with the bot", [])])]


def test_headings_in_text_fields_and_section_titles_stay_out_of_the_outline(builds):
    page = soup(builds, "html", "cards.html")
    member = page.find("section", id="roles-member")
    # The card's title is its only heading; the rest are rubrics, never h3..h6.
    assert [h.name for h in member.find_all(re.compile(r"^h\d$"))] == ["h2"]
    for text in ("Heading in the description", "Heading in a section", "Inactivity"):
        rubric = member.find("p", class_="rubric", string=text)
        assert rubric is not None, text
    toc = [squeeze(a.get_text()) for a in page.select(".sphinxsidebar a")]
    assert "Member" in toc
    assert not {"Inactivity", "Heading in the description", "Requirements"} & set(toc)


def test_draft_and_retired_roles_say_so_on_their_cards(builds):
    reviewer = card(builds, "reviewer")
    assert "hubroles-draft" in reviewer["class"]
    assert squeeze(reviewer.select_one(".hubroles-status-draft").get_text()) == "Draft"
    old = card(builds, "old-reviewer")
    assert "hubroles-retired" in old["class"]
    facts = old.select_one(".hubroles-facts")
    assert squeeze(facts.get_text(" ")) == "Status : Retired Replaced by : Reviewer"
    assert facts.find("a")["href"] == "#roles-reviewer"


def test_relation_notes_show_on_both_cards_and_retired_roles_are_marked(builds):
    def relations(role_id):
        dl = card(builds, role_id).select_one("dl.hubroles-relations")
        return [(squeeze(dt.get_text()).rstrip(":"),
                 [squeeze(p.get_text()) for p in dd.find_all("p")])
                for dt, dd in zip(dl.find_all("dt"), dl.find_all("dd"), strict=True)]

    assert relations("member") == [
        ("Can become", ["Reviewer: after 3 months"]),
        ("Sponsored by", ["Reviewer: two reviewers from different companies"]),
        ("Overseen by", ["Admin team"]),
    ]
    # A note-less target of a relation with notes gets its own line; a retired one is marked,
    # with no warning (the build has none).
    assert relations("reviewer") == [
        ("Sponsors", ["Member: two reviewers from different companies",
                      "Old Reviewer (Retired)"]),
        ("Can become (incoming)", ["Member: after 3 months"]),
    ]
    note = card(builds, "member").select_one(".hubroles-relation-note")
    assert note.find("em").get_text() == "3 months"  # inline MyST


def test_hover_previews_say_when_a_role_is_draft_or_retired(builds):
    previews = (builds["html"].outdir / "_static" / "hubroles-previews.js").read_text()
    data = json.loads(previews.split("=", 1)[1].strip().rstrip(";"))
    assert data == {"roles-member": "Member: Contributes to the project.",
                    "roles-old-reviewer": "Old Reviewer (retired): Reviewed code before "
                                          "reviewers did.",
                    "roles-reviewer": "Reviewer (draft): Reviews code."}


# -- external roles ----------------------------------------------------------------------------

def test_links_and_terms_of_an_external_role_lead_to_its_url(builds):
    page = soup(builds, "html", "index.html")
    links = [(squeeze(a.get_text()), a["href"], a.get("title"))
             for a in page.select("a.hubroles-external")]
    assert links[:3] == [("admins", ADMINS, "Admin team"), ("Admin team", ADMINS, "Admin team"),
                         ("Admin team", ADMINS, "Admin team")]
    rst = soup(builds, "html", "overview.html")
    assert [(squeeze(a.get_text()), a["href"]) for a in rst.select("p a.hubroles-external")] == [
        ("admins", ADMINS), ("Admin team", ADMINS)]
    # No card, no glossary entry: its name is no term of the project's glossary.
    assert "roles-admin-team" not in builds["html"].html("cards.html")
    # The card that relates to it links there too.
    assert card(builds, "member").select_one("dl.hubroles-relations a.hubroles-external")[
        "href"] == ADMINS


def test_an_external_role_in_the_diagram_is_dashed_links_to_its_url_and_is_in_the_legend(
        builds):
    diagram = soup(builds, "html", "index.html").select(".hubroles-diagram")[0]
    nodes = {squeeze(g.find("text").get_text()): g for g in diagram.select("g.node")}
    external = nodes["Admin team"]
    assert "hubroles-external" in external["class"]
    assert external.find("a")["xlink:href"] == ADMINS
    assert {p.get("stroke-dasharray") for p in external.find_all(["path", "polygon"])} == {"5,2"}
    assert "hubroles-external" not in nodes["Member"]["class"]
    legend = [squeeze(li.get_text()) for li in diagram.select(".hubroles-diagram-legend li")]
    assert legend == ["sponsors", "can become", "oversees", "documented elsewhere"]
    assert diagram.select_one(".hubroles-legend-external")["stroke-dasharray"] == "5,2"
    text = [squeeze(li.get_text()) for li in diagram.select(".hubroles-diagram-roles li")]
    assert "Admin team is in no group; it is documented elsewhere." in text


# -- notes in the diagram, and :status: --------------------------------------------------------

def test_diagram_edge_tooltips_and_text_version_carry_notes(builds):
    diagram = soup(builds, "html", "index.html").select(".hubroles-diagram")[0]
    assert [squeeze(g.find("title").get_text()) for g in diagram.select("g.edge")] == [
        "Member can become Reviewer: after 3 months",
        "Reviewer sponsors Member: two reviewers from different companies",
        "Admin team oversees Member",
    ]
    assert [squeeze(li.get_text()) for li in diagram.select(".hubroles-diagram-relations li")] \
        == ["Member can become Reviewer: after 3 months.",
            "Reviewer sponsors Member: two reviewers from different companies.",
            "Admin team oversees Member."]


def test_diagram_status_shows_active_and_draft_roles_unless_told_or_named(builds):
    diagrams = soup(builds, "html", "index.html").select(".hubroles-diagram")

    def shown(diagram):
        return [squeeze(g.find("text").get_text()) for g in diagram.select("g.node")]

    assert shown(diagrams[0]) == ["Member", "Reviewer", "Admin team"]
    assert shown(diagrams[1]) == ["Member", "Reviewer", "Old Reviewer (retired)", "Admin team"]
    # :focus: names the retired role: it is shown, with its active neighbours.
    assert shown(diagrams[2]) == ["Reviewer", "Old Reviewer (retired)"]


# -- roles-table -------------------------------------------------------------------------------

def table_rows(table) -> list[list[str]]:
    return [[squeeze(cell.get_text(" ")) for cell in row.find_all(["th", "td"])]
            for row in table.find_all("tr")]


def test_roles_table_with_every_column(builds):
    page = soup(builds, "html", "index.html")
    table = page.find("table", id="all-columns")  # :name:
    caption = table.select_one("caption .caption-text")
    assert (squeeze(caption.get_text()), caption.find("em").get_text()) == (
        "Every column.", "column")  # the caption is markup
    rows = table_rows(table)
    assert rows[0] == ["Role", "Summary", "Group", "How many", "Usually filled by",
                       "Defined by", "Requirements", "Responsibilities", "Status", "Relations",
                       "Held by"]
    assert [row[0] for row in rows[1:]] == ["Member", "Reviewer", "Admin team"]  # no retired
    member = rows[1]
    assert member[1:6] == ["Contributes to the project.", "Ladder", "any number",
                           "regular contributors", "the members team of the GitHub organisation"]
    assert member[8] == "Active"
    assert rows[2][8] == "Draft"
    # The current holders, linked to their entries in the team directory.
    assert (member[10], rows[2][10]) == ("Ada Quill", "")
    body = table.find("tbody").find_all("tr")
    assert nested(body[0].find("ul", class_="hubroles-requirements"))[1][1][0][0] == \
        "from two companies"
    relations = [squeeze(p.get_text()) for p in body[0].find_all("td")[9].find_all("p")]
    assert relations == ["Can become: Reviewer (after 3 months)",
                         "Sponsored by: Reviewer (two reviewers from different companies)",
                         "Overseen by: Admin team"]
    assert squeeze(body[1].find_all("td")[9].find("p").get_text()) == \
        "Sponsors: Member (two reviewers from different companies), Old Reviewer (Retired)"
    # Names link to cards, or to the URL of a role documented elsewhere.
    assert [row.find("td").find("a")["href"] for row in body] == [
        "cards.html#roles-member", "cards.html#roles-reviewer", ADMINS]
    assert body[0].find_all("td")[10].find("a")["href"] == "cards.html#people-ada"
    # {numref} to its :name:, numbered as Sphinx numbers tables
    number = squeeze(table.select_one("caption .caption-number").get_text())
    assert page.select_one('a.reference[href="#all-columns"]').get_text() == number


def test_roles_table_filters(builds):
    tables = soup(builds, "html", "index.html").select("table.hubroles-table")
    # :roles: shows the roles named, in file order, whatever their status.
    assert table_rows(tables[1]) == [
        ["Role", "Summary"], ["Member", "Contributes to the project."],
        ["Old Reviewer", "Reviewed code before reviewers did."]]
    # :groups: with :status:
    assert table_rows(tables[2]) == [["Role", "Status"], ["Reviewer", "Draft"]]


def test_roles_table_in_rst(builds):
    page = soup(builds, "html", "overview.html")
    table = page.find("table", id="rst-table")
    assert squeeze(table.select_one("caption .caption-text").get_text()) == \
        "In reStructuredText."
    assert table_rows(table)[0] == ["Role", "Requirements"]
    assert [card_title(c) for c in page.select(".sd-card")] == ["Member", "Reviewer"]


def card_title(card) -> str:
    return squeeze(card.select_one(".sd-card-title").get_text())


def test_roles_table_as_sphinx_design_cards(builds):
    grid = soup(builds, "html", "index.html").find(id="as-cards")
    assert squeeze(grid.select_one(".caption").get_text()) == "As cards."
    cards = grid.select(".sd-card")
    assert [card_title(c) for c in cards] == ["Member", "Reviewer", "Admin team"]
    assert [c.select_one(".sd-card-title a")["href"] for c in cards] == [
        "cards.html#roles-member", "cards.html#roles-reviewer", ADMINS]
    member = cards[0].select_one(".sd-card-body")
    assert squeeze(member.find("p", recursive=False).get_text()) == "Contributes to the project."
    assert [squeeze(dt.get_text()).rstrip(":") for dt in member.select("dl > dt")] == [
        "Requirements", "Status"]
    assert nested(member.select_one("ul.hubroles-requirements"))[0] == ("Active for 3 months", [])


# -- the other builders ------------------------------------------------------------------------

@pytest.mark.parametrize(("builder", "page", "cards", "index"), [
    ("dirhtml", "index.html", "cards/", ""),
    ("singlehtml", "index.html", "", ""),
])
def test_html_builders_link_tables_cards_and_external_roles(builds, builder, page, cards, index):
    html = soup(builds, builder, page)
    table = html.find("table", id="all-columns")
    assert [row.find("td").find("a")["href"] for row in table.find("tbody").find_all("tr")] == [
        f"{cards}#roles-member", f"{cards}#roles-reviewer", ADMINS]
    assert [a["href"] for a in html.find(id="as-cards").select(".sd-card-title a")] == [
        f"{cards}#roles-member", f"{cards}#roles-reviewer", ADMINS]
    svg_links = [a["xlink:href"] for a in html.select(".hubroles-diagram")[0].select("svg a")]
    assert svg_links == [f"{cards}#roles-member", f"{cards}#roles-reviewer", ADMINS]


def test_epub_has_the_table_the_cards_and_the_external_links(builds):
    index = ET.parse(builds["epub"].outdir / "index.xhtml").getroot()
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    tables = index.findall(".//x:table", ns)
    assert len(tables) == 3
    hrefs = {a.get("href") for a in index.iterfind(".//x:a", ns)}
    assert {ADMINS, "cards.xhtml#roles-member"} <= hrefs
    cards = (builds["epub"].outdir / "cards.xhtml").read_text(encoding="utf-8")
    assert 'class="hubroles-section-title rubric"' in cards
    assert "Replaced by" in cards


def test_latex_gets_real_tables_nested_lists_and_external_links(builds):
    tex = next(builds["latex"].outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(r"\begin{longtable}") == 4
    assert r"\caption{Every \sphinxstyleemphasis{column}.\strut}" \
           r"\label{\detokenize{index:all-columns}}" in tex
    assert r"\begin{longtable}{\X{12}{207}\X{24}{207}\X{10}{207}" in tex  # its widths
    assert r"\sphinxhref{https://example.org/admins}" in tex
    # The deepest item of the card: four itemize lists deep, the most LaTeX typesets.
    member = tex[tex.index(r"\label{\detokenize{cards:roles-member}}"):
                 tex.index(r"\label{\detokenize{cards:roles-reviewer}}")]
    depth = deepest = 0
    for token in re.findall(r"\\(begin|end)\{itemize\}", member):
        depth += 1 if token == "begin" else -1
        deepest = max(deepest, depth)
    assert deepest == 4
    assert r"\subsubsection*{Inactivity}" in member
    assert "Defined by" in member


def test_text_and_man_pages_show_the_card_table_and_notes(builds):
    text = (builds["text"].outdir / "cards.txt").read_text(encoding="utf-8")
    assert "Status:\n   Retired\n\nReplaced by:\n   Reviewer" in text
    assert "Sponsors:\n   Member: two reviewers from different companies\n\n   Old Reviewer " \
           "(Retired)" in text
    index = (builds["text"].outdir / "index.txt").read_text(encoding="utf-8")
    assert "| Role         | Summary                  |" in index  # the widths, in characters
    assert "* Reviewer sponsors Member: two reviewers from different companies." in index
    man = next(builds["man"].outdir.glob("*.1")).read_text(encoding="utf-8")
    # man gives an external link's URL with its text: after it (docutils 0.22), or as a
    # terminal hyperlink around it (0.21). Its line, without roff's break and hyphen marks:
    line = next(line for line in man.splitlines() if "is in no group; it is documented" in line)
    line = line.replace(r"\:", "").replace(r"\%", "")
    assert "Admin team" in line and "https://example.org/admins" in line
    assert "Member can become Reviewer: after 3 months." in man
