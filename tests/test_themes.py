"""alabaster, furo, pydata-sphinx-theme and sphinx-book-theme each build the site with cards,
glossary and diagrams with no warning under -nW, and with everything in place. How they look,
in light and dark mode, is tested in tests/browser/test_themes_browser.py."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from theme_site import THEMES, built_themes


@pytest.fixture(scope="module")
def themes(tmp_path_factory):
    return built_themes(tmp_path_factory)


def soup(themes, theme: str, page: str) -> BeautifulSoup:
    return BeautifulSoup(themes[theme].html(page), "html.parser")


@pytest.mark.parametrize("theme", THEMES)
def test_builds_without_warnings(themes, theme):
    assert themes[theme].returncode == 0, themes[theme].stderr
    assert themes[theme].warnings() == []


@pytest.mark.parametrize("theme", THEMES)
def test_cards_glossary_and_diagram_are_on_the_page(themes, theme):
    roles = soup(themes, theme, "roles.html")
    cards = roles.select("section.hubroles-card")
    assert [card["id"] for card in cards] == [
        "roles-community-representative", "roles-hub-administrator", "roles-hub-engineer"]
    assert all(card.select_one(".hubroles-card-body dl.hubroles-facts") for card in cards)
    assert [dt["id"] for dt in roles.select("dl.hubroles-glossary > dt[id]")] == \
        ["term-Hub-Community", "term-Incident"]
    index = soup(themes, theme, "index.html")
    assert index.select_one("figure svg.hubroles-diagram-svg") is not None
    assert index.select_one("ul.hubroles-diagram-legend") is not None


@pytest.mark.parametrize("theme", THEMES)
def test_our_styles_script_and_json_come_with_every_theme(themes, theme):
    page = soup(themes, theme, "links.html")
    stylesheets = {link["href"].split("?")[0] for link in page.select("link[rel=stylesheet]")}
    assert {"_static/hubroles.css", "_static/hubroles-diagram.css"} <= stylesheets
    assert "_static/hubroles-preview.js" in {s["src"].split("?")[0]
                                             for s in page.select("script[src]")}
    assert (themes[theme].outdir / "hubroles.json").is_file()
    titles = [a.get("title") for a in page.select("a.hubroles-preview")]
    assert titles[:2] == ["Hub Administrator", "Hub Engineer"]
    previews = (themes[theme].outdir / "_static" / "hubroles-previews.js").read_text()
    assert '"roles-hub-engineer": "Hub Engineer: Operates the hub infrastructure."' in previews
