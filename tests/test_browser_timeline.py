"""The timeline in Chromium (Debian's, driven by Playwright): markers, focus and detail, keyboard,
filters and their URL."""

import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.browser

EVENTS = yaml.safe_load((ROOT / "docs/data/events.yml").read_text(encoding="utf-8"))["events"]


def visible_events(page):
    return page.eval_on_selector_all(".tl-event", "els => els.filter(e => !e.hidden).map(e => e.id)")


@pytest.mark.parametrize("width", [390, 1366])
def test_every_marker_can_be_hit_at_its_centre(browser, server, width):
    """Scrolled into view, each marker is the element at its own centre: not clipped by its box,
    not covered by another marker or by the sticky row labels; and the page never scrolls sideways."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "timeline/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        missed = page.evaluate("""() => Array.from(document.querySelectorAll('.tl-dot')).filter(dot => {
            dot.scrollIntoView({block: 'center', inline: 'center'});
            const r = dot.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return hit !== dot || r.width < 24 || r.height < 24;
        }).map(dot => dot.dataset.event)""")
        assert missed == []
        assert page.locator(".tl-dot").count() == len(EVENTS)
    finally:
        context.close()


def test_selecting_a_marker_shows_its_card_and_records_it_in_the_url(page, server):
    page.goto(server + "timeline/")
    before = page.evaluate("window.scrollY")
    page.locator('.tl-dot[data-event="kz-cn-summit-1995"]').click()
    card = page.locator("[data-tl-detail] .tl-event")
    card.wait_for(state="visible")
    text = card.inner_text()
    assert "Второй казахстанско-китайский саммит" in text and "Second Kazakhstan–China summit" in text
    assert "В ходе второго казахстанско-китайского саммита в Пекине в 1995 г." in text
    assert card.locator('a[href="../article/?event=kz-cn-summit-1995#p5"]').count() == 1
    assert page.url.endswith("/timeline/#ev-kz-cn-summit-1995")
    assert abs(page.evaluate("window.scrollY") - before) < 5, "the reader keeps their place"
    # the shared URL opens the same view
    page.goto(server + "timeline/#ev-kz-cn-declaration-1995")
    page.locator("[data-tl-detail] .tl-event").filter(has_text="Совместная декларация о дальнейшем").wait_for()
    assert page.locator('.tl-dot[data-event="kz-cn-declaration-1995"]').get_attribute("aria-current") == "true"


def test_arrow_keys_move_between_events_in_time_order(page, server):
    order = sorted(EVENTS, key=lambda e: str(e["date"]).ljust(10, "~"))
    page.goto(server + "timeline/")
    page.locator(".tl-dot").first.focus()
    page.keyboard.press("Home")
    seen = []
    for _ in range(len(order)):
        seen.append(page.evaluate("document.activeElement.dataset.event"))
        page.keyboard.press("ArrowRight")
    assert seen == [e["id"] for e in order]
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.dataset.event") == order[-2]["id"]
    assert page.url.endswith(f"#ev-{order[-2]['id']}")


def test_kazakhstan_and_china_is_two_clicks_and_shows_exactly_their_events(page, server):
    page.goto(server + "timeline/")
    total = page.locator(".tl-event").count()
    assert len(visible_events(page)) == total
    page.locator('.tl-chip[name="party"][value="KZ"]').click()
    page.locator('.tl-chip[name="party"][value="CN"]').click()
    expected = [
        f"ev-{e['id']}"
        for e in sorted(EVENTS, key=lambda e: str(e["date"]).ljust(10, "~"))
        if {"KZ", "CN"} <= set(e["parties"])
    ]
    assert visible_events(page) == expected
    assert "party=KZ%2CCN" in page.url or "party=KZ,CN" in page.url
    assert page.locator(".tl-count").inner_text() == f"Показано событий: {len(expected)} из {total}"
    shown_dots = page.eval_on_selector_all(".tl-dot:not(.tl-dot--off)", "ds => ds.map(d => 'ev-' + d.dataset.event)")
    assert sorted(shown_dots) == sorted(expected)
    # the view can be shared: open its URL afresh
    page.goto(page.url)
    assert visible_events(page) == expected
    page.locator('.tl-filters button[type="reset"]').click()
    assert len(visible_events(page)) == total and "party=" not in page.url


def test_kinds_are_any_of_and_an_empty_result_says_so(page, server):
    page.goto(server + "timeline/?kind=visit,summit")
    kinds = page.eval_on_selector_all(".tl-event:not([hidden])", "els => els.map(e => e.dataset.kind)")
    assert set(kinds) == {"visit", "summit"}
    assert len(kinds) == sum(e["kind"] in ("visit", "summit") for e in EVENTS)
    assert page.locator('.tl-chip[value="visit"]').get_attribute("aria-pressed") == "true"
    page.goto(server + "timeline/?party=NATO,CN")
    assert visible_events(page) == []
    assert page.locator(".tl-empty").is_visible()
    assert page.locator(".tl-count").inner_text().startswith("Показано событий: 0 из")


def test_event_anchor_from_the_article(page, server):
    page.goto(server + "article/?apparatus=events#p5")
    page.locator(".ed-par:has(#p5) a.ed-event").first.click()
    assert "/timeline/#ev-" in page.url
    target = page.url.split("#")[1]
    assert page.locator(f"#{target}").is_visible()


def test_up_and_down_move_to_the_nearest_event_in_the_next_row(page, server):
    page.goto(server + "timeline/")
    first_row = page.locator(".tl-ov tbody tr").first
    start = first_row.locator(".tl-dot").first
    start.focus()
    page.keyboard.press("ArrowDown")
    now = page.evaluate("document.activeElement")
    assert page.evaluate("document.activeElement.closest('tr').rowIndex") == 2  # the second row of the body
    assert now is not None
    x_start = start.bounding_box()["x"]
    candidates = page.locator(".tl-ov tbody tr").nth(1).locator(".tl-dot")
    nearest = min(abs(box["x"] - x_start) for box in (c.bounding_box() for c in candidates.all()))
    x_now = page.evaluate("document.activeElement.getBoundingClientRect().x")
    assert abs(x_now - x_start) == pytest.approx(nearest, abs=1)
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.closest('tr').rowIndex") == 1


def test_a_filter_that_hides_the_selected_event_closes_its_card(page, server):
    page.goto(server + "timeline/#ev-nato-partnership-for-peace-1994")
    detail = page.locator("[data-tl-detail]")
    detail.wait_for(state="visible")
    page.locator('.tl-chip[name="kind"][value="visit"]').click()
    assert detail.is_hidden()
    assert page.locator(".tl-dot[aria-current]").count() == 0
    assert page.locator(".tl-count").inner_text().startswith("Показано событий:")


def test_a_filtered_out_event_in_the_link_is_not_shown(page, server):
    page.goto(server + "timeline/?kind=visit#ev-nato-partnership-for-peace-1994")
    assert page.locator("[data-tl-detail]").is_hidden()


def test_no_title_tooltips_on_the_markers(page, server):
    page.goto(server + "timeline/")
    assert page.locator(".tl-dot[title]").count() == 0
    assert page.locator(".tl-dot").first.get_attribute("aria-label")


def test_end_on_a_phone_keeps_the_overview_and_the_card_in_view(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(server + "timeline/")
        page.locator(".tl-dot").first.focus()
        for key in ("End", "Home", "End", "ArrowLeft", "ArrowUp", "ArrowDown"):
            page.keyboard.press(key)
            box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
            assert 0 <= box["y"] and box["y"] + box["height"] <= 844, key
    finally:
        context.close()


SETTLED = """() => new Promise(done => { let last = -1, still = 0;
    const step = () => { if (scrollY === last && ++still > 5) return done(); if (scrollY !== last) still = 0;
        last = scrollY; requestAnimationFrame(step); };
    requestAnimationFrame(step); })"""
AFTER_KEY = """() => { const r = document.activeElement.getBoundingClientRect();
    const centre = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
    return { focus: document.activeElement.className, top: r.top, bottom: r.bottom,
             height: document.scrollingElement.scrollHeight, centre: centre && centre.tagName }; }"""


@pytest.mark.parametrize("start", [".tl-ov-scroll", ".tl-dot"])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_key_in_the_overview_leaves_a_phone_on_a_blank_screen(browser, server, scheme, start):
    """On a phone, in the overview (the scrolling region itself or a marker), every key keeps the
    focused element in view, with drawn content at the centre of the screen, and the page's height
    steady: End on the region once sent the page to its foot, past years not yet laid out (each
    estimated at 30rem), whose height then grew by thousands of pixels under a blank screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(server + "timeline/")
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.locator(start).first.focus()
        heights = [page.evaluate("document.scrollingElement.scrollHeight")]
        keys = ("End", "Home", "PageDown", "PageUp", "ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp", "End")
        for key in keys:
            page.keyboard.press(key)
            page.evaluate(SETTLED)
            state = page.evaluate(AFTER_KEY)
            assert state["focus"].split()[0] == start[1:], (key, state)
            assert state["bottom"] > 0 and state["top"] < 844, (key, state)
            assert state["centre"] not in (None, "HTML", "BODY"), (key, state)
            heights.append(state["height"])
        assert max(heights) - min(heights) <= 600, heights
    finally:
        context.close()
