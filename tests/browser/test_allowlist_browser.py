"""No script from roles.yaml runs in a real browser: not on load (sphinx-design's icon roles,
issue 11 item 1), and not when any link or image-map area is activated (Graphviz node URLs,
item 2). The pages are opened from file://, as a downloaded site would be.

Each payload calls alert(); Chromium reports every dialog. The hand-written control page holds
the same markup, which does run there: proof that the checks can see a script that runs.
"""

from __future__ import annotations

import pytest
from allowlist_helpers import build_hostile_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_hostile_site(tmp_path_factory).outdir


LINKS = "a[href], area[href]"


def alerts(browser, url: str, click: int | None = None) -> list[str]:
    """The alert() messages seen while `url` loads in a fresh page or, with `click`, only
    those seen once its link number `click` (links and image-map areas, in page order) is
    activated."""
    page = browser.new_page()
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url, wait_until="load")
        if click is not None:
            page.wait_for_timeout(100)
            seen.clear()
            page.locator(LINKS).nth(click).evaluate("link => link.click()")
        page.wait_for_timeout(100)  # a script started by onload or the click has run by now
        return seen
    finally:
        page.close()


def alerts_from_every_link(browser, url: str) -> list[str]:
    page = browser.new_page()
    page.goto(url, wait_until="load")
    count = page.locator(LINKS).count()
    page.close()
    assert count > 0
    return [message for index in range(count) for message in alerts(browser, url, index)]


def test_no_script_runs_on_load(site, browser):
    assert alerts(browser, (site / "index.html").as_uri()) == []
    assert alerts(browser, (site / "control.html").as_uri()) == ["control"], \
        "the control page's icon should run its onload"


def test_no_script_runs_when_links_are_activated(site, browser):
    assert alerts_from_every_link(browser, (site / "index.html").as_uri()) == []
    assert "control" in alerts_from_every_link(browser, (site / "control.html").as_uri()), \
        "the control page's Graphviz link should run its script"
