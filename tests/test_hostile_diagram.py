"""Hostile text in every roles.yaml field that reaches roles-diagram, through a real sphinx-build
and the real dot: dot never fails on it, the inline SVG holds no markup from it, and the picture
still shows it.

The roles.yaml is test_hostile_html's (role 'a' with the hostile string in every field, role 'b'
with 10,000-character texts) plus one role, group and relation type per string that DOT itself
finds hostile, with role ids that are DOT keywords or numbers. What the picture shows of a text
is the text on one line, each run of white space one space, cut to LABEL_LIMIT characters with an
ellipsis (escape.py says why); tooltips and the text version keep the whole text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import sphinx_build, write_project
from diagram_helpers import (
    SVG,
    XLINK,
    cluster_labels,
    edge_titles,
    groups_of,
    html_legend,
    role_boxes,
    svg_elements,
    texts_of,
    title_of,
)
from test_hostile_html import HOSTILE, LONG_NAME, ROLES_YAML, q

from sphinx_hubroles.core.diagram.escape import LABEL_LIMIT, TOOLTIP_LIMIT, wrapped
from sphinx_hubroles.core.diagram.layout import LABEL_LINE, NAME_LINE
from sphinx_hubroles.core.loader import parse_roles

# Text that DOT, dot's escapes, XML or the page would read as something other than text.
DOT_TEXTS = [
    "\\N \\G \\L \\E \\T \\H \\n \\l \\r",  # dot's escapes: node, graph name, line breaks
    "trailing backslash \\",
    "\\",
    '"',
    'say "hi" \\" done',
    "<<b>an HTML-like label</b>>",
    "<>",
    "</title></text></a></g></svg><script>alert(1)</script>",
    "]; evil -> node [label=x URL=\"javascript:alert(1)\"]; {",
    "} subgraph cluster_x { a -> b } // -- ;",
    "/* comment */ # hash %% $ @",
    "R&amp;D &lt;x&gt; &#60; &#x41; &nbsp; &bogus; & AT&T;",
    "<![CDATA[ x ]]> <!-- c --> <?xml version='1.0'?> <!DOCTYPE x>",
    # One line of text holds no tab, line break or separator (robustness.md), but spaces of
    # every width, which a label shows as one space each run.
    "two  spaces,\u00a0no-break,\u2003em and\u3000ideographic",
    "\u202eRTL override\u202c \u200f\u05e2\u05d1\u05e8\u05d9\u05ea zero\u200bwidth "
    "word\u2060joiner",
    "👩\u200d💻 🇳🇴 emoji ✓ ünïcødé",
    "node",
    "word " * 2000,  # 10,000 characters, with spaces
]
# Role ids may not hold DOT syntax, but they may be DOT's keywords or numbers.
DOT_IDS = ["node", "edge", "graph", "digraph", "subgraph", "strict", "0", "01", "1-2", "123",
           "cluster-0"]
LONG_GROUP = "Group " + "&lt;g&gt;" * 1111  # 10,005 characters
LONG_LABEL = "relates " + "\\N" * 4996  # 10,000 characters


def role_id(index: int) -> str:
    return DOT_IDS[index] if index < len(DOT_IDS) else f"r{index}"


def insert(yaml: str, section: str, entries: str) -> str:
    """`entries` at the top of a top-level `section:` of `yaml`."""
    return re.sub(rf"^{section}:\n", lambda m: m.group(0) + entries, yaml, count=1, flags=re.M)


def hostile_roles_yaml() -> str:
    relations = "".join(f"  d{i}:\n    label: {q('rel ' + text)}\n"
                        for i, text in enumerate(DOT_TEXTS))
    relations += f"  long:\n    label: {q(LONG_LABEL)}\n"
    groups = "".join(f"  dg{i}:\n    name: {q('Group ' + text)}\n"
                     for i, text in enumerate(DOT_TEXTS))
    groups += f"  long:\n    name: {q(LONG_GROUP)}\n"
    roles = ""
    for i, text in enumerate(DOT_TEXTS):
        target = role_id((i + 1) % len(DOT_TEXTS))
        roles += (f"  {role_id(i)}:\n    name: {q(text)}\n    group: dg{i}\n"
                  f"    summary: {q('Summary ' + text + chr(10) + 'on two lines')}\n"
                  f"    relations:\n      d{i}: [{q(target)}]\n")
    # A role alone in a 10,000-character group, with a 10,000-character label to role 'b'.
    roles += ("  lonely:\n    name: Lonely\n    summary: Alone.\n    group: long\n"
              "    relations:\n      long: [b]\n")
    text = insert(insert(insert(ROLES_YAML, "relations", relations), "groups", groups),
                  "roles", roles)
    return text


ROLES = hostile_roles_yaml()
MODEL = parse_roles(ROLES.encode(), Path("roles.yaml"))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def shown(text: str, limit: int = LABEL_LIMIT) -> str:
    """What the picture shows of a text (see the module's docstring)."""
    text = squeeze(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def tip(text: str) -> str:
    return shown(text, TOOLTIP_LIMIT)


CARDS = "".join(f"```{{role-card}} {role}\n```\n\n" for role in MODEL.roles)
PAGES = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\nsmartquotes = False\n'
               'project = "Hostile"\nauthor = "Team"\n',
    "index.md": """
        # Diagram

        ```{toctree}
        cards
        ```

        ```{roles-diagram}
        :edge-labels: on
        :name: everything
        ```

        ```{roles-diagram}
        :focus: a
        :direction: LR
        ```
        """,
    "cards.md": f"# Cards\n\n{CARDS}",
}


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("hostile-diagram"), PAGES)
    (srcdir / "roles.yaml").write_text(ROLES, encoding="utf-8")
    return srcdir


@pytest.fixture(scope="module")
def site(srcdir):
    result = sphinx_build(srcdir)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in result.warnings() if "hubroles.diagram" in line] == []
    return result


@pytest.fixture(scope="module")
def diagrams(site):
    return svg_elements(site.html("index.html"))


@pytest.fixture(scope="module")
def cards(site):
    return BeautifulSoup(site.html("cards.html"), "html.parser")


def test_the_roles_file_holds_every_hostile_text():
    names = [role.name for role in MODEL.roles.values()]
    assert "Name " + HOSTILE in names and LONG_NAME in names
    assert [squeeze(text) for text in DOT_TEXTS] == [squeeze(n) for n in names[:len(DOT_TEXTS)]]
    assert list(MODEL.roles)[:len(DOT_IDS)] == DOT_IDS
    assert len(LONG_GROUP) > 10_000 and len(LONG_LABEL) == 10_000


def test_both_diagrams_are_drawn(diagrams):
    assert len(diagrams) == 2


# SVG elements that dot writes for boxes, clusters, edges and labels; nothing else may appear.
DRAWING = {"svg", "g", "title", "a", "path", "polygon", "polyline", "ellipse", "text"}


def test_svg_holds_no_markup_from_roles_yaml(site, diagrams):
    for svg in diagrams:
        for element in svg.iter():
            name = element.tag.replace(SVG, "")
            assert name in DRAWING, f"<{name}> in the diagram"
            events = [attr for attr in element.attrib if attr.lower().startswith("on")]
            assert not events, f"<{name} {events}>"
            href = element.get(f"{XLINK}href")
            if href is not None:
                assert re.fullmatch(r"cards\.html#roles-[a-z0-9-]+", href), href
        # Only drawn text: each <text> is one label, with no child elements.
        for text in svg.iter(f"{SVG}text"):
            assert len(text) == 0
    soup = BeautifulSoup(site.html("index.html"), "html.parser")
    for script in soup.find_all("script"):
        assert script.get("src") or "alert" not in script.get_text()
    for tag in soup.find_all(True):
        assert not [attr for attr in tag.attrs if attr.lower().startswith("on")], tag.name
    # Two diagrams, and a small <svg> per relation type in each one's HTML legend.
    legend_svgs = len(soup.select("svg.hubroles-legend-svg"))
    assert len(soup.find_all("svg")) == 2 + legend_svgs


def test_every_role_group_and_label_is_drawn_once(diagrams):
    everything = diagrams[0]
    roles = groups_of(everything, "hubroles-role")
    clusters = groups_of(everything, "hubroles-group")
    edges = groups_of(everything, "hubroles-edge")
    assert len(roles) == len(MODEL.roles)
    assert len(clusters) == len(MODEL.groups)
    assert len(edges) == len(MODEL.edges())
    # One <text> per line of a box, cluster and edge label (long names and labels wrap):
    # nothing from the texts became more text.
    lines = sum(len(wrapped(shown(role.name), NAME_LINE)) for role in MODEL.roles.values())
    lines += sum(len(wrapped(shown(MODEL.relations[e.relation].label), LABEL_LINE))
                 for e in MODEL.edges())
    assert len(list(everything.iter(f"{SVG}text"))) == lines + len(clusters)


def test_the_picture_shows_every_text(diagrams):
    everything = diagrams[0]
    names = {role.id: role.name for role in MODEL.roles.values()}
    assert sorted(role_boxes(everything)) == sorted(shown(name) for name in names.values())
    assert cluster_labels(everything) == [shown(g.name) for g in MODEL.groups.values()]
    labels = {rel.id: rel.label for rel in MODEL.relations.values()}
    drawn = sorted(" ".join(texts_of(g)) for g in groups_of(everything, "hubroles-edge"))
    assert drawn == sorted(shown(labels[e.relation]) for e in MODEL.edges())
    # Only the 10,000-character texts are cut.
    cut = [text for text in role_boxes(everything) if text.endswith("…")]
    assert len(cut) == 2 and all(len(text) == LABEL_LIMIT for text in cut)
    assert shown(LONG_NAME) in cut and shown(LONG_GROUP) in cluster_labels(everything)


def test_tooltips_keep_the_whole_text(site, diagrams, cards):
    everything = diagrams[0]
    names = {role.id: role.name for role in MODEL.roles.values()}
    labels = {rel.id: rel.label for rel in MODEL.relations.values()}
    # Every role has a card: its box's tooltip is its whole name, and its hover preview
    # "name: summary", the summary as the card shows it.
    boxes = role_boxes(everything)
    assert {name: box["title"] for name, box in boxes.items()} == {
        shown(role.name): tip(role.name) for role in MODEL.roles.values()}
    assert boxes[shown(LONG_NAME)]["title"] == LONG_NAME[:TOOLTIP_LIMIT - 1] + "…"
    previews = site.previews()
    for role in MODEL.roles.values():
        card = cards.find("section", id=f"roles-{role.id}")
        summary = squeeze(card.select_one(".hubroles-summary").get_text())
        assert previews[f"roles-{role.id}"] == tip(f"{squeeze(role.name)}: {summary}")
    assert previews["roles-a"].endswith(squeeze(
        "Summary " + HOSTILE.replace("&amp;", "&").replace("&lt;b&gt;", "<b>")))
    assert [title_of(g) for g in groups_of(everything, "hubroles-group")] == [
        tip(g.name) for g in MODEL.groups.values()]
    assert sorted(edge_titles(everything)) == sorted(
        tip(f"{names[e.source]} {labels[e.relation]} {names[e.target]}")
        for e in MODEL.edges())
    # Only tooltips of more than TOOLTIP_LIMIT characters are cut.
    cut = [title for title in edge_titles(everything) if title.endswith("…")]
    # To and from the 10,000-character names: 'a' and 'lonely' to 'b', 'r17' to 'r18',
    # 'r18' to 'node'.
    assert len(cut) == 4


def test_role_boxes_link_to_their_cards_whatever_their_ids(diagrams):
    hrefs = {box["href"] for box in role_boxes(diagrams[0]).values()}
    assert hrefs == {f"cards.html#roles-{role}" for role in MODEL.roles}


def test_the_legend_and_text_version_show_whole_texts(site):
    html = site.html("index.html")
    labels = [label for label, _ in html_legend(html, 'id="everything"')]
    assert labels == [rel.label for rel in MODEL.relations.values()]
    soup = BeautifulSoup(html, "html.parser")
    version = soup.select_one("details.hubroles-diagram-text")
    sentences = [squeeze(li.get_text()) for li in version.select(
        ".hubroles-diagram-relations li")]
    names = {role.id: role.name for role in MODEL.roles.values()}
    labels = {rel.id: rel.label for rel in MODEL.relations.values()}
    assert sentences == [
        squeeze(f"{names[e.source]} {labels[e.relation]} {names[e.target]}.")
        for e in MODEL.edges()]


def test_a_summary_line_ending_in_a_backslash_breaks_on_the_card(cards):
    """MyST's hard break is the one raw output that roles.yaml text keeps (a <br />); it
    was shown as the text '<br /> \\' before."""
    summary = cards.find("section", id="roles-graph").select_one(".hubroles-summary")
    assert [str(child) for child in summary.children] == [
        "Summary ", "<br/>", "\non two lines"]


def test_focus_diagram_marks_the_hostile_role(diagrams):
    focused = [name for name, box in role_boxes(diagrams[1]).items()
               if "hubroles-focus" in box["classes"]]
    assert focused == [shown("Name " + HOSTILE)]


# -- print and text ----------------------------------------------------------------------------

MAX_TEX_DIMENSION = 16_383  # points: the largest image TeX can include


def media_box(pdf: bytes) -> tuple[float, float]:
    box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    x0, y0, x1, y1 = map(float, box.groups())
    return x1 - x0, y1 - y0


def test_latex_gets_pdfs_that_tex_can_include(srcdir):
    result = sphinx_build(srcdir, builder="latex")
    assert result.returncode == 0, result.stderr
    assert "hubroles.diagram" not in result.stderr
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    images = re.findall(r"\\sphinxincludegraphics\[\]\{(hubroles-diagram-[0-9a-f]+\.pdf)\}", tex)
    assert len(images) == 2
    for image in images:
        pdf = (result.outdir / image).read_bytes()
        assert pdf.startswith(b"%PDF")
        width, height = media_box(pdf)
        assert width < MAX_TEX_DIMENSION and height < MAX_TEX_DIMENSION


def test_text_builder_states_every_relation_in_full(srcdir):
    result = sphinx_build(srcdir, builder="text")
    assert result.returncode == 0, result.stderr
    written = "".join(result.html("index.txt").split())
    names = {role.id: role.name for role in MODEL.roles.values()}
    labels = {rel.id: rel.label for rel in MODEL.relations.values()}
    for e in MODEL.edges():
        assert "".join(f"{names[e.source]} {labels[e.relation]} {names[e.target]}.".split()) \
            in written


# -- MyST substitutions ------------------------------------------------------------------------

def test_substitutions_in_roles_yaml_are_evaluated_as_on_any_page(tmp_path):
    """With MyST's `substitution` extension on, `{{ ... }}` in roles.yaml text is Jinja,
    evaluated by MyST as on any page (the docs' "Security and robustness" says so). The
    hover preview shows a myst_substitutions value, and any other expression as written: it
    evaluates nothing itself."""
    srcdir = write_project(tmp_path, {
        "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
                   'myst_enable_extensions = ["substitution"]\n'
                   'myst_substitutions = {"team": "the *Hub* Team"}\n'
                   'project = "Handbook"\n',
        "roles.yaml": 'roles:\n  a:\n    name: A\n    summary: "Six times seven is '
                      '{{ 6 * 7 }} in {{ env.config.project }}, for {{ team }}."\n',
        "index.md": "# Roles\n\n```{role-card} a\n```\n\n```{roles-diagram}\n```\n"})
    result = sphinx_build(srcdir, "-W")
    assert result.returncode == 0, result.stderr
    html = result.html("index.html")
    summary = BeautifulSoup(html, "html.parser").select_one(".hubroles-summary").get_text()
    assert summary == "Six times seven is 42 in Handbook, for the Hub Team."
    assert role_boxes(svg_elements(html)[0])["A"]["title"] == "A"
    assert result.previews()["roles-a"] == (
        "A: Six times seven is {{ 6 * 7 }} in {{ env.config.project }}, for the Hub Team.")
