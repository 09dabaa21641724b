"""The people example in a real browser: the rotation's schedule marks the reader's current
shifts by the reader's clock (two, during a hand-over), a people link opens the directory
entry, and the page works from file:// as from a server."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import sphinx_build

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).parent.parent.parent / "docs" / "examples" / "people"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("people-browser")
    shutil.copytree(EXAMPLE, root, dirs_exist_ok=True)
    result = sphinx_build(root, "-nW")
    assert result.returncode == 0, result.stderr
    return result.outdir


def current_shifts(browser, url: str, today: datetime) -> list[str]:
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(today)
    page.goto(url)
    page.wait_for_load_state("load")
    marked = page.eval_on_selector_all(
        "tr.hubroles-current", "rows => rows.map(r => r.cells[0].textContent.trim())")
    context.close()
    return marked


@pytest.mark.parametrize("today, shifts", [
    (datetime(2026, 12, 2, 12), ["24"]),  # Cy Tan alone
    (datetime(2026, 12, 10, 12), ["24", "25"]),  # Cy hands over to Ada
    (datetime(2027, 1, 1, 9), ["26"]),
    (datetime(2030, 1, 1, 9), []),  # past the rows shown
])
def test_the_readers_current_shifts_are_marked(browser, site, today, shifts):
    assert current_shifts(browser, (site / "rotation.html").as_uri(), today) == shifts


def test_a_people_link_opens_the_directory_entry(browser, site, serve):
    base = serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "index.html")
    page.locator("a.reference", has_text="Ada Quill").first.click()
    page.wait_for_url(base + "team.html#people-ada")
    assert page.locator("#people-ada h2").inner_text().startswith("Ada Quill")
    context.close()


def test_hover_previews_load_from_files_opened_directly(browser, site):
    """The previews file is a script, not data fetched at run time: it loads from file://
    too, where a fetch() would be refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    link = page.locator("a.hubroles-preview", has_text="Hub Engineer").first
    link.hover()
    popover = page.locator("#hubroles-preview-popover")
    popover.wait_for(state="visible")
    assert popover.inner_text() == "Hub Engineer: Operates the hub infrastructure."
    context.close()
