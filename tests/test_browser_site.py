"""Every page in Chromium: offline-clean, accessible (axe-core, WCAG 2.1 AA), usable on a phone."""

import pytest
from conftest import ROOT, start_material

pytestmark = pytest.mark.browser

AXE = ROOT / "tests/node_modules/axe-core/axe.min.js"
PAGES = ["", "article/", "abstract/", "bibliography/", "timeline/", "glossary/", "about/"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_violations(page) -> list[str]:
    assert AXE.exists(), "axe-core is missing: scripts/dev test runs npm ci in tests/"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:4]} {v['nodes'][0].get('failureSummary', '')[:200]}"
        for v in result["violations"]
    ]


def open_in_scheme(page, url: str, scheme: str) -> None:
    """Open ``url`` as a reader whose system asks for this palette: Material picks it on load,
    so no colour transition is running while axe measures contrast."""
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.goto(url)
    assert page.get_attribute("body", "data-md-color-scheme") == scheme


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("view", ["text", "apparatus", "parallel", "en"])
def test_no_accessibility_violations(page, server, path, scheme, view):
    """The views a reader meets: the text as first shown (Material started), and with the
    apparatus on (terms and events shown, a cite card open), in Russian and in the translation's
    parallel and English views (the interface in English)."""
    open_in_scheme(page, server + path + (f"?view={view}" if view in ("parallel", "en") else ""), scheme)
    start_material(page)
    if view != "text":
        for toggle in page.locator("[data-apparatus]").all():
            toggle.click()
        handle = page.locator("[data-cite]:visible").first
        if handle.count():
            handle.click()
            page.locator(".ed-cite").wait_for(state="visible")
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


def test_abbreviation_tooltip_shows_expansion(page, server):
    page.goto(server + "article/")
    start_material(page)
    abbr = page.locator("#p6 abbr", has_text="ОДКБ").first
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
        if path == "timeline/":  # the overview scrolls in its own box, with its cue shown
            assert page.locator(".tl-ov-scroll").evaluate("e => e.scrollWidth > e.clientWidth")
            assert page.locator(".tl-ov-cue").is_visible()
    finally:
        context.close()


def test_pages_load_offline_clean(page, server):
    for path in PAGES:
        page.goto(server + path)
        start_material(page)
        page.wait_for_load_state("networkidle")
    # the `page` fixture asserts: no request to any other host, no console error


# --- Material's bundle loads with the page: the first key press and click work -------------------


def test_first_key_press_opens_search(page, server):
    """The reader's first "/" opens the search (no press is spent on starting Material)."""
    page.goto(server + "article/")
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")


def test_search_box_is_there_on_load(page, server):
    page.goto(server + "article/")
    assert page.locator(".md-search__input").is_visible()


def test_search_link_opens_its_results(page, server):
    """A shared search URL (?q=) opens the search with its results."""
    page.goto(server + "?q=nuclear")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert any("/abstract/" in link for link in links)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_first_click_on_the_palette_toggle_switches_and_is_kept(page, server, scheme):
    open_in_scheme(page, server + "article/", scheme)
    other = "slate" if scheme == "default" else "default"
    page.locator('[data-md-component="palette"] label:visible').click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme === {other!r}")
    page.reload()
    assert page.get_attribute("body", "data-md-color-scheme") == other
