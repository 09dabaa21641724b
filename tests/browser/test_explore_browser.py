"""Exploring a diagram in place (static/hubroles-explore.js), in headless Chromium, on the
Kubernetes and Jupyter governance fixtures and on the full map of tests/fixtures/fullmap (17
roles, 16 relation types, 37 relations): the first view and zooming never draw text below
10 CSS px and never scroll the page sideways, and no edge label overlaps another or a box;
keys, buttons, the wheel, a drag and a pinch pan and zoom; Tab brings each box into view;
hovering over or focusing a box highlights exactly its relations; legend toggles hide exactly
their type's arrows; axe-core finds nothing in the diagram's markup, in light and dark mode
under every tested theme; and without JavaScript the page is what it was.

Set HUBROLES_SCREENSHOTS=<folder> to keep screenshots of the themes and the pages without
JavaScript.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from governance_helpers import governance_model, governance_sites
from theme_site import THEMES, built_themes

from browser.test_governance_browser import tab_through_boxes
from browser.test_themes_browser import COLOURS, contrast
from sphinx_hubroles.core.diagram.layout import MIN_TEXT_PX
from sphinx_hubroles.core.diagram.selection import DiagramSpec, select

pytestmark = pytest.mark.browser

FIXTURES = ("kubernetes", "jupyter", "fullmap")
WIDTHS = (1400, 800)

# What each diagram of a page shows now: its smallest text on screen, its view of the picture
# (x, y, width, height in the picture's units, and the scale in CSS px per unit), and whether
# anything scrolls sideways.
VIEWS = """() => [...document.querySelectorAll('.hubroles-diagram')].map(diagram => {
    const svg = diagram.querySelector('svg.hubroles-diagram-svg');
    const canvas = diagram.querySelector('.hubroles-diagram-canvas');
    const view = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / view.width;
    const sizes = [...svg.querySelectorAll('text')].map(text => {
        const m = text.getScreenCTM();
        return parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
    });
    return {explore: diagram.classList.contains('hubroles-explore'),
            smallest: Math.min(...sizes), scale,
            view: [view.x, view.y, view.width, view.height],
            frame: [canvas.clientWidth, canvas.clientHeight],
            svg: [svg.getBoundingClientRect().width, svg.getBoundingClientRect().height],
            scrolls: canvas.scrollWidth > canvas.clientWidth + 1};
})"""
# Edge labels that overlap a label of another edge, or a role's box, as the browser draws
# them (issue 24: "can becomecan move to").
LABEL_CLASHES = """() => [...document.querySelectorAll('svg.hubroles-diagram-svg')].map(svg => {
    const rect = (e) => {
        const r = e.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom];
    };
    const hit = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    const labels = [...svg.querySelectorAll('.hubroles-edge')].flatMap((edge, index) =>
        [...edge.querySelectorAll('text')].map(text => [index, text.textContent, rect(text)]));
    const boxes = [...svg.querySelectorAll('.hubroles-role')].map(role =>
        [role.textContent.trim(), rect(role.querySelector('path, polygon'))]);
    const clashes = [];
    labels.forEach(([edge, text, box], i) => {
        for (const [other, otherText, otherBox] of labels.slice(i + 1)) {
            if (other !== edge && hit(box, otherBox)) clashes.push([text, otherText]);
        }
        for (const [name, role] of boxes) if (hit(box, role)) clashes.push([text, name]);
    });
    return clashes;
})"""
PAGE_SCROLLS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
# Every diagram's picture as the page's HTML has it: its viewBox (before the script), and the
# smallest font size of its text, in the picture's units.
PICTURES = """() => fetch(location.href).then(r => r.text()).then(html => {
    const page = new DOMParser().parseFromString(html, 'text/html');
    return [...page.querySelectorAll('svg.hubroles-diagram-svg')].map(svg => ({
        box: svg.getAttribute('viewBox').split(/[ ,]+/).map(Number),
        own: svg.width.baseVal.value,
        font: Math.min(...[...svg.querySelectorAll('text')].map(
            t => parseFloat(t.getAttribute('font-size'))))}));
})"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    built = governance_sites(tmp_path_factory, [(name, None) for name in FIXTURES])
    for result in built.values():
        assert result.returncode == 0, result.stderr
    return built


@pytest.fixture(scope="module")
def sites(builds, serve):
    return {name: serve(builds[name, None].outdir) for name in FIXTURES}


@pytest.fixture
def tab(browser):
    contexts = []

    def open_(url: str, width: int = 1400, mode: str = "light", script: bool = True):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=mode, java_script_enabled=script)
        context.add_init_script(f"localStorage.setItem('theme', '{mode}');"
                                f"localStorage.setItem('mode', '{mode}');")
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()


def diagram_pages(builds, name: str) -> list[str]:
    outdir = builds[name, None].outdir
    return sorted(str(page.relative_to(outdir)) for page in outdir.glob("*.html")
                  if "hubroles-diagram-svg" in page.read_text(encoding="utf-8"))


def views(page) -> list[dict]:
    return page.evaluate(VIEWS)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", FIXTURES)
def test_first_view_fits_the_width_and_zooming_keeps_text_at_10_px(tab, builds, sites, name,
                                                                  width):
    pages = diagram_pages(builds, name)
    assert len(pages) == {"kubernetes": 6, "jupyter": 13, "fullmap": 1}[name]
    page = tab(sites[name], width)
    for path in pages:
        page.goto(sites[name] + path)
        pictures = page.evaluate(PICTURES)
        for index, (seen, picture) in enumerate(zip(views(page), pictures, strict=True)):
            where = f"{path} #{index + 1} at {width} px"
            x, y, across, down = picture["box"]
            assert seen["explore"], where
            assert seen["smallest"] >= MIN_TEXT_PX - 0.01, where
            assert not seen["scrolls"] and seen["svg"][0] == seen["frame"][0], where
            # The first view: the whole width at up to dot's own size, unless its text would
            # be under 10 px; then exactly 10 px, and the frame pans.
            fits = seen["frame"][0] / across
            least = MIN_TEXT_PX / picture["font"]
            expected = max(min(fits, picture["own"] / across), least)
            assert seen["scale"] == pytest.approx(expected, rel=1e-3), where
            if fits >= least:
                assert seen["view"][0] <= x + 0.01 and seen["view"][2] >= across - 0.01, where
            else:
                assert seen["smallest"] == pytest.approx(MIN_TEXT_PX, abs=0.01), where
                assert seen["view"][2] < across, where
            assert seen["frame"][1] == pytest.approx(down * seen["scale"], abs=1), where
        assert not page.evaluate(PAGE_SCROLLS), path
        assert all(clashes == [] for clashes in page.evaluate(LABEL_CLASHES)), path
    # Zooming out never goes below 10 px nor below the first view; zooming in grows the text.
    page.goto(sites[name] + "index.html")
    first = views(page)[0]
    page.focus(".hubroles-diagram-canvas")
    for _ in range(6):
        page.keyboard.press("-")
    assert views(page)[0]["smallest"] >= MIN_TEXT_PX - 0.01
    assert views(page)[0]["scale"] == pytest.approx(first["scale"])
    page.keyboard.press("+")
    page.keyboard.press("+")
    zoomed = views(page)[0]
    assert zoomed["smallest"] == pytest.approx(first["smallest"] * 1.25 ** 2, rel=1e-3)
    assert not page.evaluate(PAGE_SCROLLS) and not zoomed["scrolls"]
    page.keyboard.press("0")
    assert views(page)[0]["view"] == pytest.approx(first["view"])
    assert page.errors == []


def scale_of(page) -> float:
    return views(page)[0]["scale"]


def view_of(page) -> list[float]:
    return views(page)[0]["view"]


def test_keys_buttons_wheel_drag_and_pinch_pan_and_zoom(tab, sites):
    page = tab(sites["fullmap"] + "index.html", 800)
    canvas = page.locator(".hubroles-diagram-canvas").first
    first = views(page)[0]
    assert first["view"][2] < page.evaluate(PICTURES)[0]["box"][2]  # it pans at 800 px

    # Keys, while the frame has focus: arrows pan, + - zoom, 0 fits again.
    canvas.focus()
    page.keyboard.press("ArrowRight")
    assert view_of(page)[0] > first["view"][0]
    page.keyboard.press("ArrowLeft")
    assert view_of(page)[0] == pytest.approx(first["view"][0])
    page.keyboard.press("=")
    assert scale_of(page) == pytest.approx(first["scale"] * 1.25)
    page.keyboard.press("ArrowDown")
    assert view_of(page)[1] > first["view"][1]
    page.keyboard.press("-")
    assert scale_of(page) == pytest.approx(first["scale"])
    page.keyboard.press("+")
    page.keyboard.press("0")
    assert view_of(page) == pytest.approx(first["view"])

    # The buttons.
    page.get_by_role("button", name="Zoom in").first.click()
    assert scale_of(page) == pytest.approx(first["scale"] * 1.25)
    page.get_by_role("button", name="Zoom out").first.click()
    assert scale_of(page) == pytest.approx(first["scale"])
    page.get_by_role("button", name="Zoom in").first.click()
    page.get_by_role("button", name="Fit").first.click()
    assert view_of(page) == pytest.approx(first["view"])

    # The wheel alone scrolls the page; with Ctrl it zooms where the pointer is, and the page
    # neither scrolls nor zooms.
    box = canvas.bounding_box()
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*middle)
    page.mouse.wheel(0, 120)
    page.wait_for_function("window.scrollY > 0")
    assert scale_of(page) == pytest.approx(first["scale"])
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("window.scrollY === 0")
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_function(f"""() => {{
        const svg = document.querySelector('svg.hubroles-diagram-svg');
        return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width > {first["scale"]};
    }}""")
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("window.visualViewport.scale") == 1
    # Sideways wheel pans.
    page.get_by_role("button", name="Fit").first.click()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(150, 0)
    page.wait_for_function(f"""() => document.querySelector('svg.hubroles-diagram-svg')
        .viewBox.baseVal.x > {first["view"][0]}""")

    # A drag pans, and a drag that starts on a box does not follow its link.
    page.get_by_role("button", name="Fit").first.click()
    board = page.locator("svg.hubroles-diagram-svg a", has_text="Board of Directors").first
    start = board.bounding_box()
    page.mouse.move(start["x"] + 10, start["y"] + 10)
    page.mouse.down()
    page.mouse.move(start["x"] - 60, start["y"] - 5, steps=5)
    page.mouse.up()
    assert view_of(page)[0] > first["view"][0]
    assert page.evaluate("location.hash") == ""

    # A pinch, as a touch screen sends it: two pointers moving apart zoom in between them.
    page.get_by_role("button", name="Fit").first.click()
    session = page.context.new_cdp_session(page)
    box = canvas.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def touch(kind: str, spread: float) -> None:
        points = [] if kind == "touchEnd" else [
            {"x": cx - spread, "y": cy, "id": 1}, {"x": cx + spread, "y": cy, "id": 2}]
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", 40)
    for spread in (50, 60, 70, 80):
        touch("touchMove", spread)
    touch("touchEnd", 0)
    page.wait_for_timeout(50)
    assert scale_of(page) == pytest.approx(first["scale"] * 2, rel=0.05)
    assert views(page)[0]["smallest"] >= MIN_TEXT_PX
    assert page.errors == []


# The roles and relations lit now: each relation as (source, type, target).
LIT = """() => {
    const svg = document.querySelector('svg.hubroles-diagram-svg');
    const suffix = (element, prefix) =>
        [...element.classList].find(name => name.startsWith(prefix)).slice(prefix.length);
    const dimmed = [...svg.querySelectorAll('.hubroles-role, .hubroles-edge')]
        .filter(e => parseFloat(getComputedStyle(e).opacity) < 1).length;
    return {
        on: svg.classList.contains('hubroles-highlighting'),
        roles: [...svg.querySelectorAll('.hubroles-role.hubroles-lit')]
            .map(e => suffix(e, 'hubroles-id-')).sort(),
        edges: [...svg.querySelectorAll('.hubroles-edge.hubroles-lit')].map(e =>
            [suffix(e, 'hubroles-from-'), suffix(e, 'hubroles-relation-'),
             suffix(e, 'hubroles-to-')]),
        dimmed,
    };
}"""


def expected_lit(model, role_id: str, shown: set[str]):
    edges = sorted([e.source, e.relation, e.target] for e in model.edges()
                   if role_id in (e.source, e.target) and {e.source, e.target} <= shown)
    roles = sorted({role_id} | {end for edge in edges for end in (edge[0], edge[2])})
    return roles, edges


@pytest.mark.parametrize("name", ["fullmap", "jupyter"])
def test_hover_and_focus_highlight_exactly_a_roles_relations(tab, sites, name):
    model = governance_model(name)
    page = tab(sites[name] + "index.html", 1400)
    shown = set(page.evaluate("""() => [...document.querySelectorAll(
        'svg.hubroles-diagram-svg .hubroles-role')].map(e => [...e.classList]
        .find(n => n.startsWith('hubroles-id-')).slice(12))"""))
    total = page.evaluate("""() => document.querySelector('svg.hubroles-diagram-svg')
        .querySelectorAll('.hubroles-role, .hubroles-edge').length""")
    canvas = page.locator(".hubroles-diagram-canvas").first
    checked = 0
    for role_id in sorted(shown):
        box = page.locator(f"svg.hubroles-diagram-svg .hubroles-id-{role_id}").first
        if not box.locator("a").count():
            continue  # no card: not a link, not focusable (hover still lights it)
        roles, edges = expected_lit(model, role_id, shown)
        # Hover (the box brought into view first, by focus: the full map pans).
        box.locator("a").focus()
        canvas.focus()
        assert page.evaluate(LIT)["on"] is False
        box.hover()
        lit = page.evaluate(LIT)
        assert lit["on"] and lit["roles"] == roles, role_id
        assert sorted(lit["edges"]) == edges, role_id
        assert lit["dimmed"] == total - len(roles) - len(edges), role_id
        page.mouse.move(1, 1)  # moving away restores the view
        assert page.evaluate(LIT) == {"on": False, "roles": [], "edges": [], "dimmed": 0}
        # Focus, then Escape.
        canvas.focus()
        box.locator("a").focus()
        lit = page.evaluate(LIT)
        assert lit["roles"] == roles and sorted(lit["edges"]) == edges, role_id
        page.keyboard.press("Escape")
        assert page.evaluate(LIT)["on"] is False
        assert page.evaluate("document.activeElement.closest('.hubroles-role') !== null")
        checked += 1
    assert checked == page.locator("svg.hubroles-diagram-svg").first.locator("a").count() > 0
    assert page.errors == []


# Which edges of each type the page's first diagram draws now (the second, of two types, is
# left alone by the first's legend: `OTHER`).
DRAWN = """() => {
    const drawn = {};
    const svg = document.querySelector('svg.hubroles-diagram-svg');
    for (const edge of svg.querySelectorAll('.hubroles-edge')) {
        const type = [...edge.classList].find(n => n.startsWith('hubroles-relation-')).slice(18);
        const shown = getComputedStyle(edge).display !== 'none';
        drawn[type] = (drawn[type] || 0) + (shown ? 1 : 0);
    }
    return drawn;
}"""
OTHER = """() => [...document.querySelectorAll('svg.hubroles-diagram-svg')[1]
    .querySelectorAll('.hubroles-edge')].filter(e => getComputedStyle(e).display !== 'none')
    .length"""
SENTENCES = """() => document.querySelector('.hubroles-diagram-text')
    .querySelectorAll('.hubroles-diagram-relations li').length"""


def test_legend_toggles_hide_exactly_their_types_arrows(tab, sites):
    page = tab(sites["fullmap"] + "index.html", 1400)
    legend = page.locator(".hubroles-diagram-legend").first
    all_drawn = page.evaluate(DRAWN)
    assert len(all_drawn) == 16 and sum(all_drawn.values()) == 37
    sentences = page.evaluate(SENTENCES)
    assert sentences == 37
    other = page.evaluate(OTHER)
    toggles = legend.locator("button.hubroles-legend-toggle")
    assert toggles.count() == 16
    for index in range(16):
        toggle = toggles.nth(index)
        entry = legend.locator("li[data-hubroles-relation]").nth(index)
        kind = entry.get_attribute("data-hubroles-relation")
        assert toggle.get_attribute("aria-pressed") == "true"
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "false"
        assert page.evaluate(DRAWN) == {**all_drawn, kind: 0}, kind
        assert page.evaluate(SENTENCES) == sentences  # the text version keeps them all
        assert page.evaluate(OTHER) == other
        toggle.press("Enter")  # a button, by keyboard too
        assert toggle.get_attribute("aria-pressed") == "true"
        assert page.evaluate(DRAWN) == all_drawn
    # "only", then "Show all", which hands focus back to the first toggle.
    entry = legend.locator("li[data-hubroles-relation='audits']")
    entry.hover()
    entry.get_by_role("button", name="Show only audits").click()
    assert page.evaluate(DRAWN) == {kind: (count if kind == "audits" else 0)
                                    for kind, count in all_drawn.items()}
    pressed = [toggles.nth(i).get_attribute("aria-pressed") for i in range(16)]
    assert pressed.count("true") == 1
    show_all = legend.get_by_role("button", name="Show all")
    show_all.click()
    assert page.evaluate(DRAWN) == all_drawn and show_all.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('hubroles-legend-toggle')")
    # A hidden type's relations are not lit: the highlight follows what is drawn.
    toggles.nth(0).click()  # oversees
    page.locator(".hubroles-id-executive-director a").first.focus()
    lit = page.evaluate(LIT)
    assert all(relation != "oversees" for _s, relation, _t in lit["edges"]) and lit["edges"]
    assert page.errors == []


def axe_violations(page, selector: str) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=selector)
    return [(rule["id"], [node["target"] for node in rule["nodes"]])
            for rule in results.response["violations"]]


@pytest.mark.parametrize("name", FIXTURES)
def test_axe_finds_nothing_in_the_diagrams(tab, sites, name):
    page = tab(sites[name] + "index.html", 1400)
    assert axe_violations(page, ".hubroles-diagram") == []
    if name == "fullmap":  # the check itself: a nameless button planted in the frame is found
        page.evaluate("""() => document.querySelector('.hubroles-diagram-tools')
            .append(Object.assign(document.createElement('button'), {id: 'planted'}))""")
        assert axe_violations(page, ".hubroles-diagram") == [("button-name", [["#planted"]])]
        page.evaluate("document.getElementById('planted').remove()")
    # With a type hidden, a role lit and "only" on show.
    page.locator("button.hubroles-legend-toggle").first.click()
    page.locator("svg.hubroles-diagram-svg a").first.focus()
    page.locator(".hubroles-legend-only").first.focus()
    assert axe_violations(page, ".hubroles-diagram") == []


@pytest.fixture(scope="module")
def themes(tmp_path_factory, serve):
    built = built_themes(tmp_path_factory)
    for result in built.values():
        assert result.returncode == 0, result.stderr
    return {theme: serve(result.outdir) for theme, result in built.items()}


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_explore_under_every_theme_and_mode(tab, themes, theme, mode):
    page = tab(themes[theme] + "index.html", 1200, mode)
    page.evaluate(COLOURS)
    assert views(page)[0]["explore"]
    assert axe_violations(page, ".hubroles-diagram") == []
    seen = page.evaluate("""() => {
        const {rgba, background} = window.hubrolesColours;
        const diagram = document.querySelector('.hubroles-diagram');
        const colours = (element) => [rgba(getComputedStyle(element).color),
                                      background(element)];
        return {zoom: colours(diagram.querySelector('.hubroles-zoom-in')),
                toggle: colours(diagram.querySelector('.hubroles-legend-toggle')),
                border: rgba(getComputedStyle(
                    diagram.querySelector('.hubroles-zoom-in')).borderTopColor)};
    }""")
    for text, back in (seen["zoom"], seen["toggle"]):
        assert contrast(text, back) >= 4.5
    page.locator(".hubroles-id-hub-engineer a").first.focus()
    assert page.evaluate(LIT)["roles"]
    keep = os.environ.get("HUBROLES_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        page.locator(".hubroles-diagram").first.screenshot(
            path=str(Path(keep) / f"explore-{theme}-{mode}.png"))
    assert page.errors == []


@pytest.mark.parametrize("name", ["jupyter", "fullmap"])
def test_without_javascript_the_page_is_as_before(tab, sites, name):
    """Progressive: the picture shrinks to the column down to 10 px text and scrolls past
    that, the legend is a list, the text version is there; no buttons, nothing focusable
    added."""
    page = tab(sites[name] + "index.html", 800, script=False)
    seen = page.evaluate("""() => {
        const svg = document.querySelector('svg.hubroles-diagram-svg');
        const canvas = svg.closest('.hubroles-diagram-canvas');
        return {minWidth: svg.style.minWidth, width: svg.getBoundingClientRect().width,
                scrolls: canvas.scrollWidth > canvas.clientWidth,
                buttons: document.querySelectorAll('.hubroles-diagram button').length,
                tabindex: canvas.getAttribute('tabindex'),
                legend: document.querySelector('.hubroles-diagram-legend')
                    .querySelectorAll('li[data-hubroles-relation]').length,
                sentences: document.querySelector('.hubroles-diagram-text')
                    .querySelectorAll('.hubroles-diagram-relations li').length,
                explore: document.querySelectorAll('.hubroles-explore').length};
    }""")
    assert seen["minWidth"].endswith("px")
    assert seen["width"] == pytest.approx(float(seen["minWidth"][:-2]), abs=1)
    assert seen["scrolls"]
    assert (seen["buttons"], seen["tabindex"], seen["explore"]) == (0, None, 0)
    # Jupyter's committees are kinds of its Standing Committee: 'is a kind of' is drawn too.
    assert seen["legend"] == {"jupyter": 11, "fullmap": 16}[name]
    assert seen["sentences"] == len(select(governance_model(name), DiagramSpec()).edges)
    keep = os.environ.get("HUBROLES_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(keep) / f"no-script-{name}.png"), full_page=True)


def test_tab_reaches_every_box_of_the_full_map_in_view(tab, sites):
    """At 800 px the full map pans: each box Tab reaches is brought into the frame's view."""
    page = tab(sites["fullmap"] + "index.html", 800)
    boxes = page.locator("svg.hubroles-diagram-svg a")
    reached = tab_through_boxes(page, boxes.count())
    expected = page.evaluate("""() => [...document.querySelectorAll(
        'svg.hubroles-diagram-svg a')].map(a => a.textContent.trim())""")
    assert [name for name, _seen in reached] == expected
    assert all(seen for _name, seen in reached)
    assert not page.evaluate(PAGE_SCROLLS)


def test_explore_works_from_files_opened_directly(tab, builds):
    """The file:// build: the script loads beside the page, with no server."""
    page = tab((builds["fullmap", None].outdir / "index.html").as_uri(), 800)
    assert page.url.startswith("file://")
    assert all(seen["explore"] for seen in views(page))
    first = scale_of(page)
    page.focus(".hubroles-diagram-canvas")
    page.keyboard.press("+")
    assert scale_of(page) == pytest.approx(first * 1.25)
    assert page.errors == []
