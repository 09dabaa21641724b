"""The governance example in a real browser: a rotation by slot marks the reader's current
slot by the reader's clock, on the card and in the schedule alike, the last slot running on
until another is added; and a `role-holders` schedule link opens the schedule."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import sphinx_build

from browser.test_people_browser import current_shifts

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).parent.parent.parent / "docs" / "examples" / "governance"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("slots-browser")
    shutil.copytree(EXAMPLE, root, dirs_exist_ok=True)
    result = sphinx_build(root, "-nW")
    assert result.returncode == 0, result.stderr
    return result.outdir


@pytest.mark.parametrize("today, slots", [
    (datetime(2026, 1, 15, 12), []),  # before the first slot
    (datetime(2026, 2, 3, 9), ["1"]),
    (datetime(2026, 3, 2, 20), ["1"]),  # its last day
    (datetime(2026, 3, 3, 9), ["2"]),
    (datetime(2031, 1, 1, 9), ["3"]),  # the last slot runs on
])
@pytest.mark.parametrize("page", ["stewards.html", "roles.html"])
def test_the_readers_current_slot_is_marked(browser, site, page, today, slots):
    assert current_shifts(browser, (site / page).as_uri(), today) == slots


def test_a_role_holders_schedule_link_opens_the_schedule(browser, site, serve):
    base = serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "index.html")
    page.locator(".hubroles-holders a", has_text="schedule").click()
    page.wait_for_url(base + "stewards.html#rotation-security-steward")
    assert page.locator("#rotation-security-steward").is_visible()
    context.close()


def test_the_glossary_shows_each_roles_summary_from_the_previews(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "glossary.html").as_uri())
    page.wait_for_load_state("load")
    entries = page.eval_on_selector_all(
        "dl.glossary dd", "dds => dds.map(dd => dd.textContent.trim())")
    context.close()
    assert entries == [
        "Any member of the committee, voting or not.",
        "A former voting member, honoured for their work.",
        "The issue in which a candidate is proposed.",
        "Takes part in the committee's work without a vote.",
        "Runs one security release.",
        "Decides what the project does next.",
        "Votes on the committee's decisions."]
