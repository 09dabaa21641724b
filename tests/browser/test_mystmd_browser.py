"""The standalone diagram of a MyST-MD build, opened in Chromium where a static MyST-MD site
keeps it (`myst build --html` puts the site's files under build/, its pages at the root):
clicking each box goes to its card's page and anchor, as mystmd's own myst.xref.json names
them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mystmd_helpers import copy_myst_project, myst_build, nodes

EXAMPLE = Path(__file__).parent.parent.parent / "docs" / "examples" / "mystmd"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def static_site(tmp_path_factory):
    root = copy_myst_project(EXAMPLE, tmp_path_factory.mktemp("mystmd"))
    run = myst_build(root, "--site", "--strict")
    assert run.returncode == 0, run.output
    image = nodes(nodes(run.page("index"), "container", kind="figure")[0], "image")[0]
    site = tmp_path_factory.mktemp("html")
    (site / "build").mkdir()
    name = image["url"].lstrip("/")
    shutil.copy(root / "_build/site/public" / name, site / "build" / name)
    cards = {entry["identifier"].removeprefix("roles:"): (entry["url"], entry["html_id"])
             for entry in run.xref()["references"]
             if entry.get("identifier", "").startswith("roles:")}
    return site, f"build/{name}", cards


def test_every_box_of_the_standalone_diagram_goes_to_its_card(browser, serve, static_site):
    site, picture, cards = static_site
    base = serve(site)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(base + picture)
    names = page.evaluate("""() => [...document.querySelectorAll('a')].map(
        (a) => a.querySelector('text').textContent)""")
    assert sorted(names) == ["Contributor", "Maintainer", "Release Manager"]
    ids = {"Contributor": "contributor", "Maintainer": "maintainer",
           "Release Manager": "release-manager"}
    for name in names:
        url, anchor = cards[ids[name]]
        page.goto(base + picture)
        page.locator("a", has_text=name).click()
        page.wait_for_url(f"{base}{url.lstrip('/')}#{anchor}")
    page.close()
