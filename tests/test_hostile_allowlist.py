"""roles.yaml text may only become the node types of the allowlist (sphinx_hubroles/ext/
allowlist.py), with vetted URIs: whatever another extension makes of it is dropped, with a
hubroles.yaml warning at the field's roles.yaml line.

Real builds: the hostile site of allowlist_helpers (issue 11, items 1 and 2; the browser checks
are in tests/browser/test_allowlist_browser.py), and a table of node types, allowed and not,
each in its own role so that each warning can be checked at its own line.
"""

from __future__ import annotations

import pytest
from allowlist_helpers import CARD_PAGES, ROLES_YAML, build_hostile_site, line_of
from bs4 import BeautifulSoup
from conftest import sphinx_build, write_project
from docutils import nodes
from sphinx import addnodes

from sphinx_hubroles.ext.allowlist import filter_field, uri_scheme

NOT_ALLOWED = "not on the allowlist of what roles.yaml text may contain [hubroles.yaml]"
SCHEMES = "(allowed: http, https, mailto, ftp, tel, and relative links) [hubroles.yaml]"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build_hostile_site(tmp_path_factory)


def soup_of(result, page: str) -> BeautifulSoup:
    return BeautifulSoup(result.html(page), "html.parser")


# -- issue 11, item 1: sphinx-design's icon roles --------------------------------------------

@pytest.mark.parametrize("page", CARD_PAGES)
def test_icon_role_in_roles_yaml_adds_no_event_attribute(hostile, page):
    soup = soup_of(hostile, page)
    for tag in soup.find_all(True):
        events = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not events, f"<{tag.name}> with {events} in {page}"
    assert soup.find("svg") is None


def test_icon_role_in_roles_yaml_is_dropped_with_a_warning(hostile):
    card = soup_of(hostile, "index.html").find("section", id="roles-icon")
    assert card.select_one(".hubroles-summary").get_text() == "icon  end"
    line = line_of(ROLES_YAML, "summary: 'icon")
    assert (f"roles.yaml:{line}: WARNING: 'sd_icon' node (sphinx_design.icons, made by an icon "
            f"role of sphinx-design, such as {{octicon}}) dropped from roles.yaml text: "
            f"{NOT_ALLOWED}") in hostile.warnings()


def test_the_control_page_shows_the_icon_payload_is_live(hostile):
    """A page is trusted and not filtered: there, the same role writes the event attribute."""
    svg = soup_of(hostile, "control.html").find("svg")
    assert svg is not None and svg["onload"] == "alert('control')"


# -- issue 11, item 2: Graphviz ----------------------------------------------------------------

@pytest.mark.parametrize("page", CARD_PAGES)
def test_graphviz_in_roles_yaml_writes_no_script_link(hostile, page):
    soup = soup_of(hostile, page)
    for tag in soup.find_all(True):
        for name in ("href", "src", "xlink:href", "data"):
            assert uri_scheme(tag.get(name) or "") != "javascript", f"<{tag.name}> in {page}"
    assert soup.find(["map", "area", "object"]) is None
    assert "javascript:" not in hostile.html(page)


def test_graphviz_in_roles_yaml_is_dropped_with_a_warning(hostile):
    """Both ways of writing it: a MyST fence and `.. graphviz::` in `{eval-rst}`, each a
    warning at the description's first line."""
    line = line_of(ROLES_YAML, "```{graphviz}")
    warning = (f"roles.yaml:{line}: WARNING: 'graphviz' node (sphinx.ext.graphviz, made by a "
               f"graphviz directive) dropped from roles.yaml text: {NOT_ALLOWED}")
    assert hostile.warnings().count(warning) == 2, hostile.warnings()
    assert len(hostile.warnings()) == 3  # and the icon's
    card = soup_of(hostile, "index.html").find("section", id="roles-graph")
    assert card.select_one(".hubroles-summary").get_text() == "A graph."


def test_the_control_page_shows_the_graphviz_payload_is_live(hostile):
    area = soup_of(hostile, "control.html").find("area")
    assert area is not None and area["href"] == "javascript:alert('control')"


# -- the allowlist, node type by node type ---------------------------------------------------

# (role id, description in MyST, CSS selector of what the card must show -> its text, or None
# when it must show nothing of it, warnings at the description's line, after "WARNING: ").
KEPT = [
    ("table", "| a | b |\n|---|---|\n| 1 | 2 |", {"table td": "1"}, []),
    ("note", "```{note}\nA note.\n```", {"div.admonition.note p:not(.admonition-title)":
                                          "A note."}, []),
    ("admonition", "```{admonition} Heads up\nBody.\n```",
     {"div.admonition p.admonition-title": "Heads up"}, []),
    ("seealso", "```{seealso}\nElsewhere.\n```", {"div.seealso p:not(.admonition-title)":
                                                   "Elsewhere."}, []),
    ("math", "Inline {math}`x^2`.\n\n```{math}\ny = 1\n```",
     {"span.math": r"\(x^2\)", "div.math": r"\[y = 1\]"}, []),
    ("dollarmath", "Inline $a+b$.", {"span.math": r"\(a+b\)"}, []),
    # The footnote shows; its reference does not resolve across the field's own document
    # (a docutils error that predates the allowlist).
    ("footnote", "Text.[^n]\n\n[^n]: The note.", {"aside.footnote p": "The note."}, []),
    ("deflist", "Term\n: Its definition.", {"dl dt": "Term", "dl dd": "Its definition."}, []),
    ("lists", "- one\n\n3. three", {"ul li": "one", "ol[start='3'] li": "three"}, []),
    ("quote", "> Quoted.", {"blockquote p": "Quoted."}, []),
    ("code", "```{code-block} python\n:caption: The code\nx = 1\n```",
     {"div.code-block-caption": "The code", "div.highlight-python pre": "x = 1"}, []),
    ("line-block", "```{eval-rst}\n| one\n| two\n```", {"div.line-block div.line": "one"}, []),
    # A heading in a field is a rubric: it never enters the page's outline.
    ("heading", "# A heading\n\nUnder it.", {"p.rubric": "A heading"}, []),
    ("hard-break", "one\\\ntwo", {"p br": ""}, []),
    ("link", '[site](https://example.org "Its title")',
     {"a[href='https://example.org'][title='Its title']": "site"}, []),
    ("mail", "<mailto:team@example.org>", {"a[href='mailto:team%40example.org']":
                                           "mailto:team@example.org"}, []),
    ("role-link", "[](roles:table)", {"a[href='#roles-table']": "table"}, []),
    ("download", "{download}`the file <https://example.org/f.zip>`",
     {"a.download[href='https://example.org/f.zip']": "the file"}, []),
    ("image", "![logo](https://example.org/logo.png)",
     {"img[src='https://example.org/logo.png'][alt='logo']": ""}, []),
    ("abbr", "{abbr}`CI (continuous integration)`",
     {"abbr[title='continuous integration']": "CI"}, []),
    ("sub-sup", "H{sub}`2`O and E=mc{sup}`2`", {"sub": "2", "sup": "2"}, []),
    # Raw HTML shows as written: nothing is lost, so nothing is reported.
    ("raw-html", "Say <b onclick=x()>hi</b>.", {"p": "Say <b onclick=x()>hi</b>.", "b": None},
     []),
]
DROPPED = [
    ("js-image", "```{eval-rst}\n.. image:: javascript:alert(1)\n   :alt: evil\n```",
     {"img": None, "span": "evil"},
     ["image 'javascript:alert(1)' dropped from roles.yaml text, its alt text kept: its URI "
      f"scheme 'javascript' is not allowed {SCHEMES}"]),
    ("data-link", "```{eval-rst}\n`smuggled <data:text/html,hi>`__\n```",
     {"a": None, "p": "smuggled"},
     ["link to 'data:text/html,hi' dropped from roles.yaml text, its text kept: its URI "
      f"scheme 'data' is not allowed {SCHEMES}"]),
    ("js-download", "{download}`get <javascript://%0aalert(1)>`", {"a": None, "p": "get"},
     ["download link to 'javascript://%0aalert(1)' dropped from roles.yaml text, its text "
      f"kept: its URI scheme 'javascript' is not allowed {SCHEMES}"]),
    ("js-target", "```{eval-rst}\n.. _evil: javascript:alert(1)\n```", {"a": None, "span": None},
     ["link target 'javascript:alert(1)' dropped from roles.yaml text: its URI scheme "
      f"'javascript' is not allowed {SCHEMES}"]),
    ("graphviz", "```{graphviz}\ndigraph { a }\n```", {"img": None, "object": None},
     ["'graphviz' node (sphinx.ext.graphviz, made by a graphviz directive) dropped from "
      f"roles.yaml text: {NOT_ALLOWED}"]),
    ("icon", "An {octicon}`rocket` icon.", {"svg": None, "p": "An  icon."},
     ["'sd_icon' node (sphinx_design.icons, made by an icon role of sphinx-design, such as "
      f"{{octicon}}) dropped from roles.yaml text: {NOT_ALLOWED}"]),
    ("toctree", "```{toctree}\n```", {"div.toctree-wrapper ul": None},
     [f"'toctree' node (sphinx.addnodes, made by a toctree directive) dropped from roles.yaml "
      f"text: {NOT_ALLOWED}"]),
    ("only", "```{only} html\nOnly here.\n```", {"p": None},
     [f"'only' node (sphinx.addnodes, made by an only directive) dropped from roles.yaml "
      f"text: {NOT_ALLOWED}"]),
    ("versionadded", "```{versionadded} 1.0\nNew.\n```", {"div.versionadded": None},
     ["'versionmodified' node (sphinx.addnodes, made by a versionadded, versionchanged or "
      f"deprecated directive) dropped from roles.yaml text: {NOT_ALLOWED}"]),
    ("manpage", "See {manpage}`ls(1)`.", {"em.manpage": None, "p": "See ls(1)."},
     [f"'manpage' node (sphinx.addnodes) dropped from roles.yaml text, its text kept: "
      f"{NOT_ALLOWED}"]),
    # `.. contents::` left a `pending` node in the page, which crashed the HTML writer.
    ("contents", "```{eval-rst}\n.. contents::\n```", {"nav": None, "div.topic": None},
     [f"'topic' node (docutils.nodes) dropped from roles.yaml text: {NOT_ALLOWED}"]),
    ("target-notes", "```{eval-rst}\n.. target-notes::\n```", {"p": None},
     ["'pending' node (docutils.nodes, made by a directive that docutils completes later, "
      f"such as contents or target-notes) dropped from roles.yaml text: {NOT_ALLOWED}"]),
    ("meta", "```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; url=https://example.org\n```",
     {"p": None},
     ["'meta' node (docutils.nodes, made by a meta directive) dropped from roles.yaml text: "
      f"{NOT_ALLOWED}"]),
]
CASES = KEPT + DROPPED


def table_roles_yaml() -> str:
    lines = ["roles:"]
    for role_id, description, _, _ in CASES:
        lines += [f"  {role_id}:", f"    name: {role_id}", "    summary: A case.",
                  "    description: |", *(f"      {line}" for line in description.splitlines())]
    return "\n".join(lines) + "\n"


TABLE_SITE = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_design", "sphinx.ext.graphviz", '
               '"sphinx_hubroles"]\n'
               'myst_enable_extensions = ["deflist", "dollarmath"]\n',
    "roles.yaml": table_roles_yaml(),
    "index.md": "# Cases\n\n" + "".join(f"```{{role-card}} {case[0]}\n```\n\n" for case in CASES),
}


@pytest.fixture(scope="module")
def table_site(tmp_path_factory):
    result = sphinx_build(write_project(tmp_path_factory.mktemp("table") / "src", TABLE_SITE))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("role_id, description, shows, warnings", CASES,
                         ids=[case[0] for case in CASES])
def test_allowed_and_dropped_node_types(table_site, role_id, description, shows, warnings):
    card = soup_of(table_site, "index.html").find("section", id=f"roles-{role_id}")
    body = card.select_one(".hubroles-card-body")
    body.select_one(".hubroles-summary").decompose()
    for selector, text in shows.items():
        found = body.select_one(selector)
        if text is None:
            assert found is None, f"{selector} in {role_id}: {found}"
        else:
            assert found is not None, f"no {selector} in {role_id}: {body}"
            assert found.get_text().strip().rstrip("¶") == text
    line = line_of(TABLE_SITE["roles.yaml"], f"  {role_id}:\n") + 4
    at_line = [w for w in table_site.warnings()
               if w.startswith(f"roles.yaml:{line}: ") and w.endswith("[hubroles.yaml]")]
    assert at_line == [f"roles.yaml:{line}: WARNING: {w}" for w in warnings]


def test_no_other_warnings_in_the_table_site(table_site):
    """Only the expected ones: allowed nodes are not reported, and nothing else warns."""
    expected = sum(len(case[3]) for case in CASES)
    hubroles = [w for w in table_site.warnings() if w.endswith("[hubroles.yaml]")]
    assert len(hubroles) == expected
    others = [w for w in table_site.warnings() if not w.endswith("[hubroles.yaml]")]
    footnote = line_of(TABLE_SITE["roles.yaml"], "  footnote:\n") + 4
    assert others == [f'roles.yaml:{footnote}: ERROR: Unknown target name: "n". [docutils]']


@pytest.mark.parametrize("url, scheme", [
    ("https://example.org", "https"), ("JaVaScRiPt:alert(1)", "javascript"),
    (" \x01java\tscr\nipt:alert(1)", "javascript"), ("#frag", None), ("page.html#x", None),
    ("a/b:c", None), ("//example.org", None), ("roles:hub", "roles"), ("%6Aavascript:x", None),
])
def test_uri_scheme_as_a_browser_reads_it(url, scheme):
    assert uri_scheme(url) == scheme


# -- the filter itself, on docutils nodes ------------------------------------------------------

class icon(nodes.inline):  # noqa: N801 - named like an extension's node
    """An extension's subclass of an allowed type, with its own writer."""


def test_types_match_exactly_and_attributes_are_pruned():
    link = nodes.reference("", "", icon("", "x"), refuri="https://example.org",
                           onclick="alert(1)", rel="noopener")
    image = nodes.image(uri="https://example.org/i.png", width="10px;background:url(x)",
                        height="2 em")
    xref = addnodes.pending_xref("", nodes.Text("f"), reftarget="f", reftype="func",
                                 refdomain="py", **{"py:module": "m", "custom": "x"})
    root = nodes.paragraph("", "", link, image, xref)
    reports: list[str] = []
    filter_field(root, reports.append)
    assert reports == ["'icon' node (test_hostile_allowlist) dropped from roles.yaml text, "
                       f"its text kept: {NOT_ALLOWED.removesuffix(' [hubroles.yaml]')}"]
    # Compared without docutils' empty basic attributes, whose set differs between versions.
    assert {key: value for key, value in link.attributes.items() if value != []} == {
        "refuri": "https://example.org", "rel": "noopener"}
    assert link.children == [nodes.Text("x")]
    assert "width" not in image and image["height"] == "2 em"
    assert xref["py:module"] == "m" and "custom" not in xref


def test_what_replaces_a_node_is_filtered_too():
    """A script link is replaced by its words, and what they hold is looked at in turn."""
    link = nodes.reference("", "", nodes.emphasis("", "", icon("", "x")), refuri="vbscript:x")
    root = nodes.paragraph("", "", link)
    reports: list[str] = []
    filter_field(root, reports.append)
    assert root.pformat() == "<paragraph>\n    <inline>\n        <emphasis>\n            x\n"
    assert [report.split(" dropped")[0] for report in reports] == [
        "link to 'vbscript:x'", "'icon' node (test_hostile_allowlist)"]
