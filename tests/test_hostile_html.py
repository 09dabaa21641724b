"""Hostile text in every roles.yaml field never becomes markup or script in the built HTML, and
the page still shows it; javascript:, data: and vbscript: URLs never become live links, however
they are disguised.

One site is built with the real sphinx-build: every field of role 'a', its group, relation and
glossary term holds the same hostile string; role 'b' has 10,000-character hostile texts and is
the title of its own page; role 'c' holds every disguise of a script URL we could think of.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import sphinx_build, write_project

# Quotes, a backslash, script and SVG tags, DOT syntax, HTML entities, a right-to-left
# override, a zero-width space and an emoji made of three code points.
HOSTILE = ("Quote' \"dq\" back\\slash <script>alert('x')</script> </svg><svg onload=alert(1)> "
           "a]b{c->d} [label=\"x\"] -> &amp; &lt;b&gt; <b>bold</b> \u202eRTL\u202c "
           "zero\u200bwidth 👩\u200d💻")
# MyST fields decode HTML entities, as any MyST text does; raw HTML shows as written.
HOSTILE_MYST = HOSTILE.replace("&amp;", "&").replace("&lt;b&gt;", "<b>")
LONG_NAME = "<b>" * 3333 + "x"  # 10,000 characters
LONG_SUMMARY = "<script>x</script>" * 556  # 10,008 characters
MULTILINE = "First line\n<script>\nalert('block')\n</script>\n\nLast </svg> line"

# Disguised script links in inline MyST (see-also), each with its own label.
MYST_LINKS = {
    "M01": "[M01](javascript:alert(1))",
    "M02": "[M02](JaVaScRiPt:alert(1))",
    "M03": "[M03](  javascript:alert(1))",
    "M04": "[M04](<java\tscript:alert(1)>)",
    "M05": "[M05](&#106;avascript:alert(1))",
    "M06": "[M06](&#x6A;&#x61;&#x76;&#x61;script:alert(1))",
    "M07": "[M07](java&#x09;script:alert(1))",
    "M08": "[M08](javascript&colon;alert(1))",
    "M09": "[M09](<javascript:alert(1)>)",
    "M10": "M10 <javascript:alert(1)>",
    "M11": "[M11](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "M12": "[M12](DATA:text/html,<script>alert(1)</script>)",
    "M13": "[M13](vbscript:msgbox(1))",
    "M14": "![M14](javascript:alert(1))",
    "M15": "![M15](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "M16": "M16 <a href=\"javascript:alert(1)\">x</a>",
    "M17": "{download}`M17 <javascript://%0aalert(1)>`",
    "M18": "[M18](javascript://%0aalert(1))",
    "M19": "[M19](\u2028javascript:alert(1))",
    "M20": "[M20](%6Aavascript:alert(1))",
}
# Disguised script links in RST, through {eval-rst} in a block field (description).
RST_LINKS = """\
```{eval-rst}
`R01 <javascript:alert(1)>`_ `R02 <JAVASCRIPT:alert(1)>`__ `R03 <java script:alert(1)>`__
`R04 <data:text/html,x>`__ `R05 <vbscript:msgbox(1)>`__ `R06 <&#106;avascript:x>`__
R07 javascript:alert(1) R08_ :download:`R09 <javascript://%0aalert(1)>`
`R10 <http://[x>`__

.. _R08: javascript:alert(8)

.. image:: https://example.org/r11.png
   :alt: R11
   :target: javascript:alert(11)

.. image:: javascript:alert(12)
   :alt: R12

.. raw:: html

   <a href="javascript:alert(13)">R13</a>

.. meta::
   :http-equiv=refresh: 0; url=javascript:alert(14)
```
"""


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


ROLES_YAML = f"""\
relations:
  oversees:
    label: {q("oversees " + HOSTILE)}
    inverse: {q("overseen by " + HOSTILE)}
groups:
  g:
    name: {q("Group " + HOSTILE)}
    description: {q("Group description " + HOSTILE)}
roles:
  a:
    name: {q("Name " + HOSTILE)}
    aliases: [{q("Alias " + HOSTILE)}]
    group: g
    summary: {q("Summary " + HOSTILE)}
    count: {q("Count " + HOSTILE)}
    filled-by: {q("Filled " + HOSTILE)}
    description: {q("Description " + HOSTILE)}
    responsibilities: [{q("Resp " + HOSTILE)}, {q(MULTILINE)}]
    see-also: [{q("See " + HOSTILE)}]
    admonitions:
      - kind: warning
        text: {q("Warn " + HOSTILE)}
    relations:
      oversees: [a, b]
  b:
    name: {q(LONG_NAME)}
    aliases: [{q("<svg>" * 2000)}]
    summary: {q(LONG_SUMMARY)}
    description: {q(MULTILINE)}
  c:
    name: Links
    summary: Script links in disguise.
    see-also: [{", ".join(q(link) for link in MYST_LINKS.values())}]
    description: {q(RST_LINKS)}
terms:
  {q("Term " + HOSTILE)}: {q("Definition " + HOSTILE)}
"""

PAGES = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
               # Typographic quotes would change the texts we compare.
               "smartquotes = False\n",
    "index.md": """
        # Cards

        ```{toctree}
        alone
        links
        ```

        ```{role-card} a
        ```

        ## Glossary

        ```{roles-glossary}
        ```

        Links to the cards: [](roles:a) and [](roles:b).
        """,
    "alone.md": "```{role-card} b\n```\n",  # the card is the page's title
    "links.md": "# Links\n\n```{role-card} c\n```\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("hostile"), PAGES)
    (srcdir / "roles.yaml").write_text(ROLES_YAML, encoding="utf-8")
    result = sphinx_build(srcdir)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def soup_of(site, page: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(page), "html.parser")


def text(node) -> str:
    return node.get_text().rstrip("¶")


def test_plain_fields_show_exactly_as_written(site):
    soup = soup_of(site, "index.html")
    card = soup.find("section", id="roles-a")
    assert text(card.find("h2")) == "Name " + HOSTILE
    facts = card.select_one(".hubroles-facts")
    assert facts.find("dd").get_text().strip() == "Group " + HOSTILE
    relations = card.select_one(".hubroles-relations")
    assert [text(dt).rstrip(":") for dt in relations.find_all("dt")] == [
        "Oversees " + HOSTILE, "Overseen by " + HOSTILE]
    assert [a.get_text() for a in relations.find_all("a")] == [
        "Name " + HOSTILE, LONG_NAME, "Name " + HOSTILE]
    assert [text(dt) for dt in soup.select("dl.hubroles-glossary dt:not(.hubroles-glossary-role)")
            ] == ["Term " + HOSTILE]
    # [](roles:a) shows the role's name
    links = [a.get_text() for a in soup.select("section#glossary p a")]
    assert links == ["Name " + HOSTILE, LONG_NAME]
    # the card that is a page's title, in the sidebar's navigation
    assert LONG_NAME in [a.get_text() for a in soup.select(".sphinxsidebar a")]


def test_names_and_aliases_in_the_index_and_page_title(site):
    index = soup_of(site, "genindex.html")
    entries = [a.get_text() for a in index.select("table a")]
    assert "<svg>" * 2000 in entries
    # Sphinx reads ';' in an index entry as "entry; subentry", for role names as for the
    # terms of its own glossary, so "&amp;" splits the hostile names there (and only there).
    main, sub = HOSTILE.split(";", 1)
    assert "Name " + main in [li.contents[0].strip() for li in index.select("table li")
                              if li.contents and isinstance(li.contents[0], str)]
    assert entries.count(sub.strip()) == 3  # the name's, the alias's and the term's
    alone = soup_of(site, "alone.html")
    assert alone.title.get_text().startswith(LONG_NAME)
    assert text(alone.find("h1")) == LONG_NAME


def test_myst_fields_show_the_text_and_no_markup(site):
    card = soup_of(site, "index.html").find("section", id="roles-a")
    body = card.select_one(".hubroles-card-body")
    assert body.select_one(".hubroles-summary").get_text() == "Summary " + HOSTILE_MYST
    facts = [dd.get_text().strip() for dd in body.select(".hubroles-facts dd")]
    assert facts[1:] == ["Count " + HOSTILE_MYST, "Filled " + HOSTILE_MYST]
    paragraphs = [p.get_text() for p in body.find_all("p", recursive=False)]
    assert "Description " + HOSTILE_MYST in paragraphs
    items = [li.get_text() for li in body.select(".hubroles-responsibilities li")]
    assert items == ["Resp " + HOSTILE_MYST, MULTILINE]
    assert body.select_one("div.warning p:not(.admonition-title)").get_text() == \
        "Warn " + HOSTILE_MYST
    assert body.select_one("div.seealso p:not(.admonition-title)").get_text() == \
        "See " + HOSTILE_MYST
    definition = soup_of(site, "index.html").select_one(
        "dl.hubroles-glossary dt:not(.hubroles-glossary-role) + dd")
    assert definition.get_text().strip() == "Definition " + HOSTILE_MYST


def test_ten_thousand_character_texts(site):
    card = soup_of(site, "alone.html").find("section", id="roles-b")
    assert card.select_one(".hubroles-summary").get_text() == LONG_SUMMARY
    # A <script> block in block MyST shows as text, with the lines around it.
    shown = " ".join(card.select_one(".hubroles-card-body").get_text().split())
    assert " ".join(MULTILINE.split()) in shown


ALL_PAGES = ["index.html", "alone.html", "links.html", "genindex.html", "search.html"]
HOSTILE_TAGS = ("svg", "b", "iframe", "object", "embed")


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_markup_from_roles_yaml_in_any_page(site, page):
    html = site.html(page)
    soup = BeautifulSoup(html, "html.parser")
    for tag in HOSTILE_TAGS:
        assert soup.find(tag) is None, f"<{tag}> in {page}"
    for script in soup.find_all("script"):
        assert "alert" not in script.get_text()
        assert script.get("src") or "alert" not in str(script)
    for tag in soup.find_all(True):
        events = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not events, f"{tag.name} with {events} in {page}"
    # The raw text, too: nothing from roles.yaml is written unescaped.
    for markup in ("<script>alert", "<svg", "<b>", "</svg>"):
        assert markup not in html


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "background", "srcset", "content")


def browser_scheme(url: str) -> str:
    """The scheme a browser reads in an attribute value (WHATWG URL parsing): controls and
    spaces around it and tabs and newlines anywhere are dropped. BeautifulSoup has already
    decoded character references, as a browser does."""
    url = re.sub(r"[\t\n\r]", "", url.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r"
                                            "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
                                            "\x1a\x1b\x1c\x1d\x1e\x1f "))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else ""


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_live_script_links_in_any_page(site, page):
    soup = soup_of(site, page)
    for tag in soup.find_all(True):
        for name in URL_ATTRIBUTES:
            value = tag.get(name)
            for url in value if isinstance(value, list) else [value or ""]:
                if name == "content":
                    url = url.split("url=", 1)[1] if "url=" in url.lower() else ""
                assert browser_scheme(url) not in {"javascript", "data", "vbscript"}, \
                    f"<{tag.name} {name}={url!r}> in {page}"
    assert soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)}) is None


def test_disguised_script_links_still_show_their_text(site):
    card = soup_of(site, "links.html").find("section", id="roles-c")
    shown = card.get_text() + " ".join(img.get("alt", "") for img in card.find_all("img"))
    for label in [*MYST_LINKS, *(f"R{i:02}" for i in range(1, 14) if i != 8)]:
        assert label in shown, label
    # R10's URL is malformed, not a script: it stays a link (and does not crash the build).
    assert card.find("a", string="R10")["href"] == "http://[x"
