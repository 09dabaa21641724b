"""Cards, glossary, diagram and hover previews under each theme, in light and dark mode, as a
reader sees them: readable text, visible frames, the page's own colours.

Alabaster has no dark mode: asked for one (by the system), it stays light, and so must we.
Set HUBROLES_SCREENSHOTS=<folder> to keep a screenshot of each page for a look.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from theme_site import THEMES, built_themes

pytestmark = pytest.mark.browser

DARK_THEMES = {"furo", "pydata_sphinx_theme", "sphinx_book_theme"}

# Colours as the browser paints them: any CSS colour, blended over what is behind it.
COLOURS = """
(() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (colour) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const [r, g, b, a] = rgba(getComputedStyle(e).backgroundColor);
      if (a > 0.5) return [r, g, b];
    }
    return [255, 255, 255];
  };
  window.hubrolesColours = {rgba, background};
})()
"""


def luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(rgb) -> bool:
    return luminance(rgb) < 0.2


@pytest.fixture(scope="module")
def themes(tmp_path_factory):
    built = built_themes(tmp_path_factory)
    for result in built.values():
        assert result.returncode == 0, result.stderr
    return built


@pytest.fixture(scope="module")
def sites(serve, themes) -> dict[str, str]:
    """The base URL of each theme's site, served once."""
    return {theme: serve(result.outdir) for theme, result in themes.items()}


@pytest.fixture
def open_page(browser, sites):
    contexts = []

    def open_(theme: str, mode: str, page: str):
        context = browser.new_context(viewport={"width": 1200, "height": 900},
                                      color_scheme=mode)
        # What each theme's switcher stores: pydata and sphinx-book-theme read `mode` or
        # `theme`, furo reads `theme`.
        context.add_init_script(f"localStorage.setItem('theme', '{mode}');"
                                f"localStorage.setItem('mode', '{mode}');")
        contexts.append(context)
        tab = context.new_page()
        tab.goto(sites[theme] + page)
        tab.evaluate(COLOURS)
        return tab

    yield open_
    for context in contexts:
        context.close()


def screenshot(tab, name: str) -> None:
    keep = os.environ.get("HUBROLES_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(keep) / f"{name}.png"), full_page=True)


MODES = [(theme, mode) for theme in THEMES for mode in ("light", "dark")]


@pytest.mark.parametrize("theme, mode", MODES)
def test_diagram_is_readable_in_the_pages_colours(open_page, theme, mode):
    tab = open_page(theme, mode, "index.html")
    seen = tab.evaluate("""() => {
        const {rgba, background} = window.hubrolesColours;
        const svg = document.querySelector('svg.hubroles-diagram-svg');
        const role = svg.querySelector('.hubroles-role');
        return {
            page: background(svg),
            page_text: rgba(getComputedStyle(svg.closest('section')).color),
            text: rgba(getComputedStyle(role.querySelector('text')).fill),
            fill: rgba(getComputedStyle(role.querySelector('path, polygon')).fill),
            group: rgba(getComputedStyle(
                svg.querySelector('.hubroles-group path, .hubroles-group polygon')).stroke),
            legend: rgba(getComputedStyle(document.querySelector(
                '.hubroles-diagram-legend')).color),
        };
    }""")
    screenshot(tab, f"{theme}-{mode}-index")
    assert is_dark(seen["page"]) == (mode == "dark" and theme in DARK_THEMES)
    assert seen["text"] == seen["page_text"]  # role names in the page's own text colour
    assert is_dark(seen["fill"]) == is_dark(seen["page"])  # no light boxes on a dark page
    assert contrast(seen["text"], seen["fill"]) >= 4.5
    assert contrast(seen["legend"], seen["page"]) >= 4.5
    # A group's outline is the theme's own border colour (pydata's is 1.47:1 on white).
    assert contrast(seen["group"], seen["page"]) >= 1.4


@pytest.mark.parametrize("theme, mode", MODES)
def test_cards_have_a_visible_frame_and_two_column_facts(open_page, theme, mode):
    tab = open_page(theme, mode, "roles.html")
    seen = tab.evaluate("""() => {
        const {rgba, background} = window.hubrolesColours;
        const body = document.querySelector('.hubroles-card-body');
        const facts = body.querySelector('dl.hubroles-facts');
        const [name, value] = [facts.querySelector('dt'), facts.querySelector('dd')];
        return {
            page: background(body),
            border: rgba(getComputedStyle(body).borderTopColor),
            border_width: parseFloat(getComputedStyle(body).borderTopWidth),
            text: rgba(getComputedStyle(value).color),
            name_top: name.getBoundingClientRect().top,
            value_top: value.getBoundingClientRect().top,
            name_right: name.getBoundingClientRect().right,
            value_left: value.getBoundingClientRect().left,
        };
    }""")
    screenshot(tab, f"{theme}-{mode}-roles")
    assert seen["border_width"] >= 1
    # The theme's own border colour: furo's light one is 1.18:1 on white, like its tables.
    assert contrast(seen["border"], seen["page"]) >= 1.15
    assert contrast(seen["text"], seen["page"]) >= 4.5
    # "Group:" and its value side by side on one line, in every theme (furo stacks them).
    assert abs(seen["name_top"] - seen["value_top"]) < 8
    assert seen["name_right"] <= seen["value_left"]


@pytest.mark.parametrize("theme, mode", MODES)
def test_hover_preview_by_mouse_and_keyboard(open_page, theme, mode):
    tab = open_page(theme, mode, "links.html")
    link = tab.locator("a.hubroles-preview", has_text="Hub Engineer").first
    expected = "Hub Engineer: Operates the hub infrastructure."
    assert link.get_attribute("data-hubroles-preview") == expected
    assert link.get_attribute("title") is None  # no browser tooltip on top of the popover

    link.hover()
    popover = tab.locator("#hubroles-preview-popover")
    popover.wait_for(state="visible")
    assert popover.inner_text() == expected
    assert popover.get_attribute("role") == "tooltip"
    seen = tab.evaluate("""() => {
        const {rgba, background} = window.hubrolesColours;
        const popover = document.getElementById('hubroles-preview-popover');
        return {page: background(document.querySelector('a.hubroles-preview')),
                background: background(popover), text: rgba(getComputedStyle(popover).color)};
    }""")
    assert contrast(seen["text"], seen["background"]) >= 4.5
    assert is_dark(seen["background"]) == is_dark(seen["page"])
    tab.mouse.move(0, 0)
    popover.wait_for(state="detached")

    link.focus()
    popover.wait_for(state="visible")
    assert link.get_attribute("aria-describedby") == "hubroles-preview-popover"
    tab.keyboard.press("Escape")
    popover.wait_for(state="detached")
    assert link.get_attribute("aria-describedby") is None
