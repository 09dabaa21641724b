"""The real handbook (docs/, built as `nox -s docs` builds it) in a real browser: follow a role
reference and a diagram box, read the hover preview of a link and of a box, and switch
pydata-sphinx-theme to dark."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def handbook(docs_build):
    assert docs_build.returncode == 0, docs_build.stderr
    return docs_build.outdir


@pytest.fixture(scope="module")
def base(serve, handbook) -> str:
    return serve(handbook)


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.add_init_script("localStorage.setItem('mode', 'light');"
                            "localStorage.setItem('theme', 'light');")
    page = context.new_page()
    yield page
    context.close()


def wait_for_card(tab, base: str, page: str, anchor: str, name: str) -> None:
    tab.wait_for_url(f"{base}{page}#{anchor}")
    heading = tab.locator(f"#{anchor} h1, #{anchor} h2").first
    assert heading.inner_text().startswith(name)
    tab.wait_for_function("""(anchor) => {
        const top = document.getElementById(anchor).getBoundingClientRect().top;
        return top >= -1 && top < window.innerHeight;
    }""", arg=anchor)


def test_following_a_role_reference_opens_its_card(tab, base):
    tab.goto(base + "handbook/index.html")
    tab.locator("article a.reference", has_text="Hub Engineers").first.click()
    wait_for_card(tab, base, "handbook/hub-engineer.html", "roles-hub-engineer", "Hub Engineer")


def test_following_a_diagram_box_opens_its_card(tab, base):
    tab.goto(base + "handbook/index.html")
    tab.locator("svg.hubroles-diagram-svg a", has_text="Support Steward").first.click()
    wait_for_card(tab, base, "handbook/support-steward.html", "roles-support-steward",
                  "Support Steward")


def test_hover_preview_shows_the_roles_name_and_summary(tab, base, handbook):
    # What the page says without JavaScript: the link's title, the role's name.
    soup = BeautifulSoup((handbook / "handbook/index.html").read_text(), "html.parser")
    link = soup.find("a", class_="hubroles-preview", string=re.compile("Support Stewards"))
    assert link["title"] == "Support Steward"
    summary = json.loads((handbook / "hubroles.json").read_text())["roles"][
        "support-steward"]["summary"]

    tab.goto(base + "handbook/index.html")
    tab.locator("article a.hubroles-preview", has_text="Support Stewards").first.hover()
    popover = tab.locator("#hubroles-preview-popover")
    popover.wait_for(state="visible")
    # The summary's words, from _static/hubroles-previews.js (the summary has no markup).
    assert popover.inner_text() == f"Support Steward: {summary}"


def test_a_diagram_box_shows_the_same_preview_by_mouse_and_keyboard(tab, base, handbook):
    # Without JavaScript the box's tooltip (its group's SVG <title>) is the role's name.
    soup = BeautifulSoup((handbook / "handbook/index.html").read_text(), "html.parser")
    box = next(g for g in soup.select("svg.hubroles-diagram-svg g.hubroles-role")
               if g.find("a") and "support-steward.html#" in g.find("a")["xlink:href"])
    assert box.find("title").get_text() == "Support Steward"
    summary = json.loads((handbook / "hubroles.json").read_text())["roles"][
        "support-steward"]["summary"]

    tab.goto(base + "handbook/index.html")
    link = tab.locator("svg.hubroles-diagram-svg a", has_text="Support Steward").first
    link.hover()
    popover = tab.locator("#hubroles-preview-popover")
    popover.wait_for(state="visible")
    assert popover.inner_text() == f"Support Steward: {summary}"
    # The browser's own tooltip does not show on top of the popover.
    assert link.evaluate("a => a.parentNode.querySelector(':scope > title')") is None
    assert link.get_attribute("aria-describedby") == "hubroles-preview-popover"
    tab.mouse.move(0, 0)
    popover.wait_for(state="detached")

    link.focus()
    popover.wait_for(state="visible")
    assert popover.inner_text() == f"Support Steward: {summary}"
    tab.keyboard.press("Escape")
    popover.wait_for(state="detached")


def relation_colour(tab) -> str:
    return tab.evaluate("""() => getComputedStyle(document.querySelector(
        'svg.hubroles-diagram-svg .hubroles-edge path')).stroke""")  # oversees


def test_dark_mode_switch_recolours_the_diagram_and_the_preview(tab, base):
    tab.goto(base + "handbook/index.html")
    assert tab.evaluate("document.documentElement.dataset.theme") == "light"
    assert relation_colour(tab) == "rgb(0, 114, 178)"
    switch = tab.locator("button.theme-switch-button").first
    for _ in range(3):  # a menu of modes (pydata-sphinx-theme 0.16+) or a button that cycles
        switch.click()
        choice = tab.locator("button.theme-change-button[data-mode=dark]")
        if choice.count() and choice.first.is_visible():
            choice.first.click()
        if tab.evaluate("document.documentElement.dataset.theme") == "dark":
            break
    assert tab.evaluate("document.documentElement.dataset.theme") == "dark"
    assert relation_colour(tab) == "rgb(86, 180, 233)"

    tab.locator("article a.hubroles-preview", has_text="Hub Engineers").first.focus()
    popover = tab.locator("#hubroles-preview-popover")
    popover.wait_for(state="visible")
    background = tab.evaluate("""() => getComputedStyle(
        document.getElementById('hubroles-preview-popover')).backgroundColor""")
    page = tab.evaluate("""() => getComputedStyle(document.body).backgroundColor""")
    assert background != "rgb(255, 255, 255)" and page != "rgb(255, 255, 255)"
