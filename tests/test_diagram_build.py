"""roles-diagram in real Sphinx builds (real MyST, real dot): what the pages show and link to."""

from __future__ import annotations

import re
from html import unescape

import pytest
from conftest import sphinx_build, write_project
from diagram_helpers import (
    EDGES,
    HOSTILE_GROUP,
    HOSTILE_LABEL,
    HOSTILE_NAME,
    ROLE_NAMES,
    ROLES_YAML,
    cluster_labels,
    edge_looks,
    edge_titles,
    html_legend,
    role_boxes,
    svg_after,
    svg_elements,
)

from sphinx_hubroles.core.diagram.looks import slot

SITE = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\nnumfig = True\n',
    "roles.yaml": ROLES_YAML,
    "index.md": """
        # Roles

        ```{toctree}
        other
        options
        rst-page
        nested/deep/page
        ```

        See {numref}`fig-all` and {ref}`the diagram <fig-all>`.

        ```{roles-diagram}
        :caption: All the *roles*
        :name: fig-all
        ```

        ```{role-card} community-representative
        ```

        ```{role-card} hub-administrator
        ```
        """,
    "other.md": """
        # Other

        ```{role-card} support-steward
        ```

        ```{role-card} hostile
        ```
        """,
    "nested/deep/page.md": """
        # Deep

        ```{roles-diagram}
        :focus: hub-engineer
        :name: focus-engineer
        ```

        ```{role-card} hub-engineer
        ```
        """,
    "options.md": """
        # Options

        ```{roles-diagram}
        :name: opt-roles
        :roles: hub-engineer, Support-Steward
        :direction: LR
        :edge-labels: off
        ```

        ```{roles-diagram}
        :name: opt-groups
        :groups: community
        :roles: project-manager
        :align: right
        :alt: Who looks after the hub
        ```

        ```{roles-diagram}
        :name: opt-relations
        :relations: adds, oversees
        :edge-labels: on
        ```

        ```{roles-diagram}
        :name: opt-depth
        :focus: support-steward
        :depth: 2
        :direction: bt
        ```

        ```{roles-diagram}
        :name: opt-warn
        :roles: hub-enginer, hub-administrator
        :groups: comunity
        :relations: overseas
        :focus: nobody
        ```

        ```{roles-diagram}
        :depth: 3
        :align: center
        ```
        """,
    "rst-page.rst": """
        RST page
        ========

        .. roles-diagram::
           :focus: hub-administrator
           :caption: Around the Hub Administrator
           :name: rst-diagram
           :edge-labels: on
        """,
}


def figure(html: str, name: str):
    return svg_after(html, f'id="{name}"')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("diagram-site") / "src", SITE)
    builds = {builder: sphinx_build(srcdir, "-v", builder=builder)
              for builder in ("html", "dirhtml", "singlehtml")}
    for result in builds.values():
        assert result.returncode == 0, result.stderr
    return builds


def test_default_diagram_shows_every_role_group_relation_and_the_legend(site):
    svg = figure(site["html"].html("index.html"), "fig-all")
    assert sorted(role_boxes(svg)) == sorted(ROLE_NAMES.values())
    assert cluster_labels(svg) == ["Hub Community", "Service Team", HOSTILE_GROUP]
    assert sorted(edge_titles(svg)) == sorted(" ".join(edge) for edge in EDGES)
    assert html_legend(site["html"].html("index.html"), 'id="fig-all"') == [
        ("oversees", slot(0).colour), ("adds", slot(1).colour), ("supports", slot(2).colour),
        ("escalates to", slot(3).colour), (HOSTILE_LABEL, slot(4).colour)]
    # Each relation type has its own colour, line style and arrowhead.
    looks = edge_looks(svg)
    by_type: dict[str, set] = {}
    for edge in EDGES:
        by_type.setdefault(edge[1], set()).add(looks[" ".join(edge)])
    assert all(len(drawn) == 1 for drawn in by_type.values())
    assert len(set.union(*by_type.values())) == 5
    # Tooltips: a role with a card shows its name, and its summary as its box's hover
    # preview; a role without one shows its summary. Summaries as plain text, MyST markup and
    # links gone; raw HTML shows as the text it is on the card.
    boxes = role_boxes(svg)
    assert boxes["Community Representative"]["title"] == "Community Representative"
    assert boxes[HOSTILE_NAME]["title"] == HOSTILE_NAME
    assert boxes["Project Manager"]["title"] == "Plans the work."
    previews = site["html"].previews()
    assert previews["roles-community-representative"] == (
        "Community Representative: Ensures that the interests of the Hub Community are "
        "represented; see the guide and code.")
    assert previews["roles-hostile"] == (
        HOSTILE_NAME + ': Tooltip with \\N, "quotes", <i>tags</i> and a trailing backslash \\')


def test_nodes_link_to_cards_from_the_same_page_a_sibling_and_a_nested_page(site):
    html = site["html"]
    index = role_boxes(figure(html.html("index.html"), "fig-all"))
    assert {name: box["href"] for name, box in index.items()} == {
        "Community Representative": "#roles-community-representative",
        "Hub Administrator": "#roles-hub-administrator",
        "Hub Engineer": "nested/deep/page.html#roles-hub-engineer",
        "Support Steward": "other.html#roles-support-steward",
        HOSTILE_NAME: "other.html#roles-hostile",
        "Project Manager": None,  # no card anywhere: a box, not a link
    }
    deep = role_boxes(figure(html.html("nested/deep/page.html"), "focus-engineer"))
    assert {name: box["href"] for name, box in deep.items()} == {
        "Community Representative": "../../index.html#roles-community-representative",
        "Hub Administrator": "../../index.html#roles-hub-administrator",
        "Hub Engineer": "#roles-hub-engineer",
        "Support Steward": "../../other.html#roles-support-steward",
    }
    assert "hubroles-focus" in deep["Hub Engineer"]["classes"]


def test_links_under_dirhtml(site):
    build = site["dirhtml"]
    index = role_boxes(figure(build.html("index.html"), "fig-all"))
    assert index["Community Representative"]["href"] == "#roles-community-representative"
    assert index["Hub Engineer"]["href"] == "nested/deep/page/#roles-hub-engineer"
    deep = role_boxes(figure(build.html("nested/deep/page/index.html"), "focus-engineer"))
    assert deep["Hub Engineer"]["href"] == "#roles-hub-engineer"
    assert deep["Support Steward"]["href"] == "../../../other/#roles-support-steward"
    assert deep["Hub Administrator"]["href"] == "../../../#roles-hub-administrator"


def test_links_under_singlehtml_point_into_the_one_page(site):
    html = site["singlehtml"].html("index.html")
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    for svg in svg_elements(html):
        for box in role_boxes(svg).values():
            if box["href"] is not None:
                assert box["href"].count("#") == 1 and box["href"].startswith("#"), box
                assert box["href"][1:] in ids
    deep = role_boxes(figure(html, "focus-engineer"))
    assert deep["Support Steward"]["href"] == "#roles-support-steward"


def every_href_resolves(build, page: str) -> None:
    """Each box's href names a page that exists and an id on it (the card)."""
    from pathlib import PurePosixPath
    from urllib.parse import urldefrag
    html = build.html(page)
    for svg in svg_elements(html):
        for box in role_boxes(svg).values():
            if box["href"] is None:
                continue
            path, anchor = urldefrag(box["href"])
            target = PurePosixPath(page).parent / path if path else PurePosixPath(page)
            target_file = build.outdir / target
            if target_file.is_dir():
                target_file = target_file / "index.html"
            assert anchor.startswith("roles-")
            assert f'id="{anchor}"' in target_file.resolve().read_text(encoding="utf-8")


@pytest.mark.parametrize("builder, pages", [
    ("html", ["index.html", "options.html", "rst-page.html", "nested/deep/page.html"]),
    ("dirhtml", ["index.html", "options/index.html", "nested/deep/page/index.html"]),
])
def test_every_href_lands_on_a_card(site, builder, pages):
    for page in pages:
        every_href_resolves(site[builder], page)


def test_options(site):
    html = site["html"].html("options.html")
    roles = figure(html, "opt-roles")
    assert sorted(role_boxes(roles)) == ["Hub Engineer", "Support Steward"]
    assert edge_titles(roles) == ["Support Steward oversees Hub Engineer"]
    assert cluster_labels(roles) == ["Service Team"]
    assert [label for label, _ in html_legend(html, 'id="opt-roles"')] == ["oversees"]
    width, height = (float(roles.get(k).removesuffix("pt")) for k in ("width", "height"))
    assert width > height  # LR: the legend and the edge lie across

    groups = figure(html, "opt-groups")
    assert sorted(role_boxes(groups)) == ["Community Representative", "Hub Administrator",
                                          "Project Manager"]
    assert 'aria-label="Who looks after the hub"' in html
    assert re.search(r'<figure class="[^"]*align-right[^"]*" id="opt-groups"', html)

    relations = figure(html, "opt-relations")
    assert sorted(edge_titles(relations)) == [
        "Community Representative adds Hub Administrator",
        "Community Representative oversees Hub Administrator",
        "Hub Administrator adds Hub Administrator",
        "Support Steward oversees Hub Engineer"]
    assert [label for label, _ in html_legend(html, 'id="opt-relations"')] == ["oversees", "adds"]

    depth = figure(html, "opt-depth")
    assert sorted(role_boxes(depth)) == ["Community Representative", "Hub Administrator",
                                         "Hub Engineer", "Support Steward"]
    # BT: the Support Steward oversees the Hub Engineer, who is drawn above; LR: beside.
    assert position(depth, "Hub Engineer")[1] < position(depth, "Support Steward")[1]
    assert position(roles, "Support Steward")[0] < position(roles, "Hub Engineer")[0]

    assert '<div class="hubroles-diagram align-center" id="hubroles-diagram-' in html


def position(svg, name: str) -> tuple[float, float]:
    from diagram_helpers import SVG
    for text in svg.iter(f"{SVG}text"):
        if text.text == name:
            return float(text.get("x")), float(text.get("y"))
    raise AssertionError(name)


def edge_label_texts(svg) -> list[str]:
    from diagram_helpers import groups_of, texts_of
    # A label longer than a line is drawn as several texts.
    return [" ".join(texts_of(g)) for g in groups_of(svg, "hubroles-edge") if texts_of(g)]


def test_edge_labels_on_off_and_auto(site):
    html = site["html"].html("options.html")
    assert edge_label_texts(figure(html, "opt-roles")) == []  # off
    assert sorted(edge_label_texts(figure(html, "opt-relations"))) == [
        "adds", "adds", "oversees", "oversees"]  # on
    assert len(edge_label_texts(figure(site["html"].html("index.html"), "fig-all"))) == 8


def test_caption_name_numref_and_rst(site):
    index = site["html"].html("index.html")
    assert re.search(r'<figure class="[^"]*" id="fig-all">', index)
    assert "<em>roles</em>" in index.split('id="fig-all"')[1].split("</figure>")[0]
    assert re.search(r'href="#fig-all"><span class="std std-numref">Fig\. \d+</span>', index)
    assert re.search(r'href="#fig-all"><span class="std std-ref">the diagram</span>', index)
    rst = site["html"].html("rst-page.html")
    assert sorted(role_boxes(figure(rst, "rst-diagram"))) == [
        "Community Representative", "Hub Administrator", "Hub Engineer"]
    assert "Around the Hub Administrator" in rst


def test_unknown_ids_warn_at_the_directive_line_with_suggestions(site):
    warnings = [w for w in site["html"].warnings() if "hubroles.diagram" in w]
    assert warnings == [
        "options.md:31: WARNING: unknown role 'hub-enginer' in :roles: of roles-diagram; "
        "did you mean 'hub-engineer'? [hubroles.diagram]",
        "options.md:31: WARNING: unknown group 'comunity' in :groups: of roles-diagram; "
        "did you mean 'community'? [hubroles.diagram]",
        "options.md:31: WARNING: unknown relation type 'overseas' in :relations: of "
        "roles-diagram; did you mean 'oversees'? [hubroles.diagram]",
        "options.md:31: WARNING: unknown role 'nobody' in :focus: of roles-diagram "
        "[hubroles.diagram]",
        "options.md:39: WARNING: :depth: has no effect without :focus: in roles-diagram "
        "[hubroles.diagram]",
    ]
    assert len(site["html"].warnings()) == len(warnings)
    # The diagram still shows what it could: the one role that exists.
    assert sorted(role_boxes(figure(site["html"].html("options.html"), "opt-warn"))) == [
        "Hub Administrator"]


def test_hostile_names_are_text_in_svg_and_html(site):
    html = site["html"].html("index.html")
    assert "<script>alert" not in html and "<b>Bold</b>" not in html
    svg = figure(html, "fig-all")  # parsed: the names came through as text, exactly
    assert HOSTILE_NAME in role_boxes(svg) and HOSTILE_GROUP in cluster_labels(svg)
    text = html.split('id="fig-all"')[1].split("</figure>")[0]
    plain = unescape(re.sub(r"<[^>]+>", "", text))
    assert f"{HOSTILE_NAME} {HOSTILE_LABEL} Project Manager." in plain
    assert f"{HOSTILE_NAME} is in {HOSTILE_GROUP}." in plain


def test_text_alternative_states_every_role_and_relation(site):
    html = site["html"].html("index.html")
    text = html.split('id="fig-all"')[1].split("</figure>")[0]
    assert "<summary>Text version of this diagram</summary>" in text
    plain = re.sub(r"<[^>]+>", "", text)
    assert "Community Representative oversees Hub Administrator." in plain
    assert "Project Manager is in no group." in plain
    assert "Hub Engineer is in Service Team." in plain
