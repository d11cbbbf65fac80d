"""Every page in Chromium: offline-clean, accessible (axe-core, WCAG 2.1 AA), usable on a phone."""

import json

import pytest

from conftest import MATERIAL_STARTED, ROOT, start_material

pytestmark = pytest.mark.browser

AXE = ROOT / "tests/node_modules/axe-core/axe.min.js"
PAGES = ["", "article/", "abstract/", "bibliography/", "timeline/", "glossary/", "about/"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page) -> list[str]:
    assert AXE.exists(), "axe-core is missing: scripts/dev test runs npm ci in tests/"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:4]} {v['nodes'][0].get('failureSummary', '')[:200]}"
            for v in result["violations"]]


def open_in_scheme(page, url: str, scheme: str) -> None:
    """Open ``url`` as a reader whose system asks for this palette: Material picks it on load,
    so no colour transition is running while axe measures contrast."""
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.goto(url)
    assert page.get_attribute("body", "data-md-color-scheme") == scheme


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("material", ["as-loaded", "started"])
def test_no_accessibility_violations(page, server, path, scheme, material):
    """Both states a reader meets: the page as first shown, and after the first gesture has
    started Material (tooltips, palette toggle, search mounted)."""
    open_in_scheme(page, server + path, scheme)
    if material == "started":
        start_material(page)
        assert page.get_attribute("body", "data-md-color-scheme") == scheme
    assert axe_violations(page) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_accessibility_violations_with_search_results(page, server, scheme):
    open_in_scheme(page, server + "article/", scheme)
    start_material(page)
    type_query(page, "договор")
    assert axe_violations(page) == []


def type_query(page, query: str) -> None:
    """Type into Material's search; retyped until the search worker has loaded its index.
    Material reacts to `keyup`, which Chromium does not send for text typed in a non-Latin
    layout through automation (insertText): one is dispatched after the text."""
    box = page.locator(".md-search__input")
    box.click()
    for _ in range(40):
        box.fill("")
        box.type(query)
        box.dispatch_event("keyup")
        page.wait_for_timeout(250)
        if page.locator(".md-search-result__item").count():
            return
    raise AssertionError(f"no search results for {query!r}")


def search(page, server, query: str) -> list[str]:
    page.goto(server)
    start_material(page)
    type_query(page, query)
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")


def test_russian_search_is_stemmed(page, server):
    links = search(page, server, "договор")
    assert any("/article/" in link for link in links)
    texts = page.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.textContent)")
    assert any("Договор о дружбе" in t for t in texts)


def test_english_search_finds_the_abstract(page, server):
    links = search(page, server, "nuclear")
    assert any("/abstract/" in link for link in links)


def test_citation_tooltip_on_hover_and_focus(page, server):
    page.goto(server + "article/")
    start_material(page)
    marker = page.locator('#p3 a.footnote-ref[href="#fn:ref-shakleina-2003"]')
    marker.hover()
    tooltip = page.locator(".md-tooltip2")
    tooltip.first.wait_for(state="visible")
    assert "Шаклеина" in tooltip.first.inner_text()
    page.mouse.move(0, 0)
    page.goto(server + "article/")
    start_material(page)
    page.locator('#p3 a.footnote-ref[href="#fn:ref-shakleina-2003"]').focus()
    page.locator(".md-tooltip2").first.wait_for(state="visible")
    assert "Шаклеина" in page.locator(".md-tooltip2").first.inner_text()


def test_abbreviation_tooltip_shows_expansion(page, server):
    page.goto(server + "article/")
    start_material(page)
    abbr = page.locator('#p6 abbr', has_text="ОДКБ").first
    abbr.hover()
    tooltip = page.locator(".md-tooltip2").filter(has_text="Организация Договора о коллективной безопасности")
    tooltip.first.wait_for(state="visible")


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_at_375px(browser, server, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path}: page is {width}px wide"
        if path == "timeline/":
            [font] = [page.evaluate("parseFloat(getComputedStyle(document.querySelector('.tl-overview text')).fontSize)")]
            assert font >= 11
            assert page.locator(".tl-overview__scroll").evaluate("e => e.scrollWidth > e.clientWidth")
    finally:
        context.close()


def test_pages_load_offline_clean(page, server):
    for path in PAGES:
        page.goto(server + path)
        start_material(page)
        page.wait_for_load_state("networkidle")
    # the `page` fixture asserts: no request to any other host, no console error


# --- Material's bundle waits for the reader's first gesture (hooks/loading.py) ---------------------

BUNDLE = "/assets/javascripts/bundle."


def requested(page) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")


@pytest.mark.parametrize("gesture", ["pointer", "keyboard", "wheel"])
def test_material_starts_on_first_gesture(page, server, gesture):
    page.goto(server + "article/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested(page) if BUNDLE in url or "search_index" in url]
    assert page.locator("#p5").is_visible()
    assert not page.evaluate(MATERIAL_STARTED)
    {"pointer": lambda: page.mouse.move(5, 5), "keyboard": lambda: page.keyboard.press("Tab"),
     "wheel": lambda: page.mouse.wheel(0, 200)}[gesture]()
    page.wait_for_function(MATERIAL_STARTED)
    assert [url for url in requested(page) if BUNDLE in url]
    toggles = page.locator('[data-md-component="palette"] label:visible')
    assert toggles.count() == 1


def test_search_link_starts_material_at_once(page, server):
    """A shared search URL (?q=) opens the search with its results, no gesture needed."""
    page.goto(server + "?q=nuclear")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert any("/abstract/" in link for link in links)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_palette_toggle_works_before_material_arrives(page, server, scheme):
    """On a slow link the toggle is clicked before the bundle has arrived: the choice is applied
    at once and Material, once it arrives, keeps it."""
    held = []
    page.route(f"**{BUNDLE}*", lambda route: held.append(route))
    open_in_scheme(page, server + "article/", scheme)
    other = "slate" if scheme == "default" else "default"
    page.locator('[data-md-component="palette"] label:visible').click()
    assert page.get_attribute("body", "data-md-color-scheme") == other
    page.wait_for_timeout(100)
    assert len(held) == 1 and not page.evaluate(MATERIAL_STARTED)
    held[0].continue_()
    page.wait_for_function(MATERIAL_STARTED)
    assert page.get_attribute("body", "data-md-color-scheme") == other
    page.reload()
    assert page.get_attribute("body", "data-md-color-scheme") == other
