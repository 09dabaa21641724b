"""Clicking a diagram's boxes in a real browser lands on the role's card, in place; the
diagram follows pydata-sphinx-theme's light and dark modes.

Set HUBROLES_SCREENSHOTS=<folder> to keep the light and dark screenshots for a look.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import sphinx_build, write_project
from diagram_helpers import ROLES_YAML

pytestmark = pytest.mark.browser

SITE = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_hubroles"]\n'
               'html_theme = "pydata_sphinx_theme"\n',
    "roles.yaml": ROLES_YAML,
    "index.md": """
        # Roles

        ```{toctree}
        nested/deep/page
        ```

        ```{roles-diagram}
        :relations: oversees, adds, supports, escalates-to
        :roles: community-representative, hub-administrator, hub-engineer, support-steward
        ```

        ```{role-card} community-representative
        ```

        ```{role-card} hub-administrator
        ```
        """,
    "nested/deep/page.md": """
        # Deep

        ```{roles-diagram}
        :focus: hub-engineer
        ```

        ```{role-card} hub-engineer
        ```

        ```{role-card} support-steward
        ```
        """,
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    srcdir = write_project(tmp_path_factory.mktemp("browser") / "src", SITE)
    built = {}
    for builder in ("html", "dirhtml"):
        result = sphinx_build(srcdir, builder=builder)
        assert result.returncode == 0, result.stderr
        built[builder] = result.outdir
    return built


def box(page, name: str):
    """The link around a role's box in the page's diagram."""
    return page.locator("svg.hubroles-diagram-svg a", has_text=name)


def card_in_view(page, anchor: str) -> bool:
    return page.evaluate("""(anchor) => {
        const card = document.getElementById(anchor);
        const top = card.getBoundingClientRect().top;
        return top >= -1 && top < window.innerHeight;
    }""", anchor)


@pytest.mark.parametrize("builder, start, name, anchor, landing", [
    ("html", "nested/deep/page.html", "Community Representative",
     "roles-community-representative", "index.html"),
    ("html", "index.html", "Hub Engineer", "roles-hub-engineer", "nested/deep/page.html"),
    ("html", "index.html", "Hub Administrator", "roles-hub-administrator", "index.html"),
    ("dirhtml", "nested/deep/page/", "Hub Administrator", "roles-hub-administrator", ""),
    ("dirhtml", "nested/deep/page/", "Support Steward", "roles-support-steward",
     "nested/deep/page/"),
])
def test_clicking_a_box_in_place_opens_the_card(browser, serve, sites, builder, start, name,
                                                anchor, landing):
    base = serve(sites[builder])
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.goto(base + start)
    page.evaluate("window.scrollTo(0, 0)")
    box(page, name).click()
    page.wait_for_url(f"{base}{landing}#{anchor}")
    page.wait_for_function("(a) => location.hash === '#' + a", arg=anchor)
    assert page.locator(f"#{anchor} h1, #{anchor} h2").first.inner_text().startswith(name)
    page.wait_for_function("""(anchor) => {
        const top = document.getElementById(anchor).getBoundingClientRect().top;
        return top >= -1 && top < window.innerHeight;
    }""", arg=anchor)
    assert card_in_view(page, anchor)
    page.close()


def colours(page) -> dict[str, str]:
    return page.evaluate("""() => {
        const svg = document.querySelector('svg.hubroles-diagram-svg');
        const style = (selector, property) =>
            getComputedStyle(svg.querySelector(selector))[property];
        return {
            text: style('.hubroles-role text', 'fill'),
            page_text: getComputedStyle(document.querySelector('article, main, body')).color,
            oversees: style('.hubroles-edge path', 'stroke'),  // the first edge: oversees
            svg_background: getComputedStyle(svg).backgroundColor,
            background_shapes: svg.querySelectorAll('g.graph > polygon').length,
        };
    }""")


@pytest.mark.parametrize("mode, oversees", [("light", "rgb(0, 114, 178)"),
                                            ("dark", "rgb(86, 180, 233)")])
def test_diagram_follows_the_theme_mode(browser, serve, sites, mode, oversees):
    base = serve(sites["html"])
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.add_init_script(f"localStorage.setItem('theme', '{mode}');"
                         f"localStorage.setItem('mode', '{mode}');")
    page.goto(base + "index.html")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    seen = colours(page)
    assert seen["text"] == seen["page_text"]  # role names in the page's own text colour
    assert seen["oversees"] == oversees
    assert seen["svg_background"] == "rgba(0, 0, 0, 0)" and seen["background_shapes"] == 0
    keep = os.environ.get("HUBROLES_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        page.locator(".hubroles-diagram").first.screenshot(
            path=str(Path(keep) / f"diagram-pydata-{mode}.png"))
        page.goto(base + "nested/deep/page.html")
        page.locator(".hubroles-diagram").first.screenshot(
            path=str(Path(keep) / f"diagram-pydata-focus-{mode}.png"))
    page.close()
