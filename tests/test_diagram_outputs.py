"""roles-diagram and links to roles under every builder, and what a missing, failing or slow
dot gives."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import sphinx_build, write_project

SMALL_ROLES = """
relations:
  oversees:
    label: oversees
groups:
  community:
    name: Hub Community
roles:
  community-representative:
    name: Community Representative
    group: community
    summary: Speaks for the community.
    relations:
      oversees: [hub-administrator]
  hub-administrator:
    name: Hub Administrator
    group: community
    summary: Supports users.
  hub-engineer:
    name: Hub Engineer
    summary: Runs the hub.
    relations:
      oversees: [hub-administrator]
terms:
  Incident: Something that broke.
"""
SMALL = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
               'project = "Roles"\nauthor = "Team"\ncopyright = "2026, Team"\nversion = "1"\n'
               'man_pages = [("index", "roles", "Roles", ["Team"], 7)]\n',
    "roles.yaml": SMALL_ROLES,
    "index.md": """
        # Roles

        ```{toctree}
        more
        ```

        ```{roles-diagram}
        :caption: The team
        ```

        ```{role-card} community-representative
        ```
        """,
    "more.md": """
        # More

        ```{roles-diagram}
        :focus: hub-engineer
        :align: left
        ```

        ```{role-card} hub-engineer
        ```

        ```{toctree}
        links
        ```
        """,
    "links.md": """
        # Links

        Ask the [representatives](roles:community-representative), the [](roles:hub-engineer)
        or {ref}`roles:community-representative`; see {term}`Hub Engineer` and
        {term}`Incident`.

        ```{roles-glossary}
        ```
        """,
}
SENTENCES = ["Community Representative oversees Hub Administrator.",
             "Hub Engineer oversees Hub Administrator.",
             "Hub Engineer is in no group."]
BUILDERS = ["html", "dirhtml", "singlehtml", "text", "man", "latex", "texinfo", "epub", "xml",
            "pseudoxml", "gettext", "dummy", "changes"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("builders") / "src", SMALL)
    # Two at a time: the builds are independent (one output and doctree folder each).
    with ThreadPoolExecutor(2) as pool:
        # Doctrees beside, not inside, the output: the epub builder warns about what it finds.
        results = pool.map(lambda b: (b, sphinx_build(
            srcdir, "-W", "-d", str(srcdir / "_doctrees" / b), builder=b)), BUILDERS)
        return dict(results)


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_builder_crashes_or_warns(builds, builder):
    assert builds[builder].returncode == 0, builds[builder].stderr
    assert "Traceback" not in builds[builder].stderr


def test_text_and_man_print_the_text_version(builds):
    text = builds["text"].html("index.txt")
    man = builds["man"].html("roles.7")
    for sentence in SENTENCES:
        assert sentence in text
        assert sentence in man.replace("\\-", "-")


def test_latex_gets_a_pdf_image(builds):
    out = builds["latex"].outdir
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    images = re.findall(r"\\sphinxincludegraphics\[\]\{(hubroles-diagram-[0-9a-f]+\.pdf)\}", tex)
    assert len(images) == 2
    for image in images:
        assert (out / image).read_bytes().startswith(b"%PDF")
    assert "hubroles-href" not in (out / images[0]).read_bytes().decode("latin-1")
    assert r"\begin{figure}" in tex and "The team" in tex


def test_texinfo_gets_a_png_and_the_text(builds):
    out = builds["texinfo"].outdir
    texi = next(out.glob("*.texi")).read_text(encoding="utf-8")
    images = re.findall(r"@image\{(hubroles-diagram-[0-9a-f]+),,,", texi)
    assert len(images) == 2
    assert (out / f"{images[0]}.png").read_bytes().startswith(b"\x89PNG")
    assert SENTENCES[0] in texi


def test_epub_pages_hold_well_formed_inline_svg(builds):
    for page, expected in [
        ("index.xhtml", {"#roles-community-representative", "more.xhtml#roles-hub-engineer"}),
        ("more.xhtml", {"#roles-hub-engineer"}),
    ]:
        root = ET.parse(builds["epub"].outdir / page).getroot()
        svgs = root.findall(".//{http://www.w3.org/2000/svg}svg")
        assert len(svgs) == 1
        hrefs = {a.get("{http://www.w3.org/1999/xlink}href")
                 for a in svgs[0].iter("{http://www.w3.org/2000/svg}a")}
        assert hrefs == expected


# -- links to roles and terms, in each builder's own form ----------------------------------

REPRESENTATIVE = "roles-community-representative"
ENGINEER = "roles-hub-engineer"


def hrefs(html: str) -> list[tuple[str, str]]:
    """(text, href) of the links in the paragraph of links.md."""
    paragraph = re.search(r"<p>Ask the .*?</p>", html, re.S).group(0)
    return [(re.sub(r"<[^>]+>", "", text), href) for href, text in
            re.findall(r'<a class="[^"]*reference internal[^"]*" href="([^"]*)"[^>]*>(.*?)</a>',
                       paragraph, re.S)]


@pytest.mark.parametrize("builder, page, index, more", [
    ("html", "links.html", "index.html", "more.html"),
    ("dirhtml", "links/index.html", "../", "../more/"),
    ("singlehtml", "index.html", "", ""),
    ("epub", "links.xhtml", "index.xhtml", "more.xhtml"),
])
def test_html_family_links_point_at_cards_and_terms(builds, builder, page, index, more):
    assert hrefs(builds[builder].html(page)) == [
        ("representatives", f"{index}#{REPRESENTATIVE}"),
        ("Hub Engineer", f"{more}#{ENGINEER}"),
        ("Community Representative", f"{index}#{REPRESENTATIVE}"),
        ("Hub Engineer", f"{more}#{ENGINEER}"),
        ("Incident", "#term-Incident"),  # the glossary is on the same page
    ]


def test_html_family_diagrams_link_boxes_to_cards(builds):
    for builder, page, expected in [
        ("html", "index.html", {f"#{REPRESENTATIVE}", f"more.html#{ENGINEER}"}),
        ("dirhtml", "index.html", {f"#{REPRESENTATIVE}", f"more/#{ENGINEER}"}),
        ("dirhtml", "more/index.html", {f"#{ENGINEER}"}),
        ("singlehtml", "index.html", {f"#{REPRESENTATIVE}", f"#{ENGINEER}"}),
    ]:
        html = builds[builder].html(page)
        svg_hrefs = set(re.findall(r'<a xlink:href="([^"]*)"', html))
        assert svg_hrefs == expected, (builder, page)


def test_latex_links_are_hyperrefs_to_the_card_labels(builds):
    tex = next(builds["latex"].outdir.glob("*.tex")).read_text(encoding="utf-8")
    for anchor in (f"index:{REPRESENTATIVE}", f"more:{ENGINEER}", "links:term-Incident"):
        assert rf"\label{{\detokenize{{{anchor}}}}}" in tex
        assert rf"\hyperref[\detokenize{{{anchor}}}]" in tex
    # The diagram's text version links each role to its card too.
    assert re.search(r"\\hyperref\[\\detokenize\{more:roles-hub-engineer\}\]"
                     r"\{\\sphinxcrossref\{\\DUrole\{std\}\{\\DUrole\{std-ref\}"
                     r"\{Hub Engineer\}\}\}\}\}", tex)


def test_text_and_man_show_the_link_texts(builds):
    text = builds["text"].html("links.txt")
    assert "Ask the representatives, the Hub Engineer or Community Representative" in \
        " ".join(text.split())
    man = builds["man"].html("roles.7").replace("\\-", "-")
    assert "Ask the representatives, the Hub Engineer or Community Representative" in \
        " ".join(man.split())
    # No "<#roles-hub-engineer>" after the link texts (sphinx-doc/sphinx#14427), which
    # would break in two the sentences of the diagram's text version, where a role's name
    # links to its card on another page (index.md's diagram, printed after links.md).
    assert "<#" not in man
    assert "Hub Engineer is in no group." in man.partition(".SS Links")[2]


def test_only_the_html_builders_write_hubroles_json(builds):
    for builder, result in builds.items():
        written = (result.outdir / "hubroles.json").is_file()
        assert written == (builder in ("html", "dirhtml", "singlehtml")), builder
    # EPUB lists every file of its folder in its package (and warns about a .json file).
    with zipfile.ZipFile(next(builds["epub"].outdir.glob("*.epub"))) as epub:
        assert not [name for name in epub.namelist() if name.endswith(".json")]


# -- bad dot -----------------------------------------------------------------------------------

def build_with(project, conf_lines: str, *args: str):
    src = project({**SMALL, "conf.py": SMALL["conf.py"] + conf_lines})
    return sphinx_build(src, *args)


def test_missing_dot_is_one_clear_error_at_the_first_diagram(project):
    result = build_with(project, 'graphviz_dot = "no-such-dot-program"\n')
    errors = [line for line in result.warnings() if "ERROR" in line]
    assert errors == [
        "index.md:7: ERROR: cannot run the Graphviz program 'no-such-dot-program' to draw this "
        "diagram (No such file or directory); install Graphviz (Debian or Ubuntu: 'apt-get "
        "install graphviz'; Fedora: 'dnf install graphviz'; macOS: 'brew install graphviz'; "
        "Windows: 'winget install graphviz') or set graphviz_dot in conf.py to the path of "
        "the dot program [hubroles.diagram]"]
    assert "Traceback" not in result.stderr
    page = result.html("index.html")
    assert '<details class="hubroles-diagram-text" open>' in page  # the text stands in
    assert "<svg" not in page
    strict = build_with(project, 'graphviz_dot = "no-such-dot-program"\n', "-W")
    assert strict.returncode == 1


def test_failing_dot_reports_its_own_message_at_each_diagram(project):
    result = build_with(project, 'graphviz_dot_args = ["-Kbogus"]\n')
    errors = [line for line in result.warnings() if "ERROR" in line]
    assert len(errors) == 2
    assert errors[0].startswith("index.md:7: ERROR: dot failed to draw this diagram "
                                "(exit status 1): There is no layout engine support for "
                                '"bogus"')
    assert errors[1].startswith("more.md:3: ERROR: dot failed")


def test_dot_past_the_timeout_is_stopped_and_reported(project):
    result = build_with(project, "hubroles_dot_timeout = 1e-9\n", "-W", "--keep-going")
    errors = [line for line in result.warnings() if "ERROR" in line]
    assert errors[0] == (
        "index.md:7: ERROR: dot ran longer than hubroles_dot_timeout (1e-09 s) drawing this "
        "diagram and was stopped; show fewer roles (:focus:, :groups:, :roles:), turn off "
        ":edge-labels:, or raise hubroles_dot_timeout in conf.py [hubroles.diagram]")
    assert result.returncode == 1


def test_epub_does_not_pack_cached_renderings(project):
    # With doctrees inside the output folder (plain `sphinx-build -b epub src out`), the EPUB
    # builder packs every image file it finds there; the cache must not look like one.
    srcdir = project(SMALL)
    result = sphinx_build(srcdir, builder="epub")
    assert result.returncode == 0, result.stderr
    assert list((result.outdir / ".doctrees" / "hubroles-diagrams").iterdir())
    with zipfile.ZipFile(next(result.outdir.glob("*.epub"))) as epub:
        assert [name for name in epub.namelist() if "doctrees" in name] == []
