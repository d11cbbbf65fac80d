"""The timeline in Chromium (Debian's, driven by Playwright): filters, URL state, keyboard."""

import pytest

pytestmark = pytest.mark.browser

def visible_events(page):
    return page.eval_on_selector_all(".tl-event", "els => els.filter(e => !e.hidden).map(e => e.id)")


def test_filter_from_url_shows_only_matching_events(page, server):
    page.goto(server + "timeline/?party=US")
    shown = visible_events(page)
    expected = page.eval_on_selector_all(
        ".tl-event", "els => els.filter(e => e.dataset.parties.split(' ').includes('US')).map(e => e.id)")
    assert shown == expected and 0 < len(shown) < page.locator(".tl-event").count()
    assert page.locator('input[name="party"][value="US"]').is_checked()
    assert not page.locator('input[name="party"][value="RU"]').is_checked()
    total = page.locator(".tl-event").count()
    assert page.locator(".tl-count").inner_text() == f"Показано событий: {len(shown)} из {total}"


def test_keyboard_filter_updates_the_url(page, server):
    page.goto(server + "timeline/")
    total = page.locator(".tl-event").count()
    assert len(visible_events(page)) == total
    box = page.locator('input[name="kind"][value="visit"]')
    box.focus()
    page.keyboard.press("Space")
    assert not box.is_checked()
    shown = visible_events(page)
    assert all(page.locator(f"#{i}").get_attribute("data-kind") != "visit" for i in shown)
    assert len(shown) < total
    assert "kind=" in page.url and "visit" not in page.url.split("kind=")[1]
    # the filtered view can be shared: open its URL afresh
    page.goto(page.url)
    assert visible_events(page) == shown


def test_event_anchor_from_the_article(page, server):
    page.goto(server + "article/?apparatus=events#p5")
    page.locator(".ed-par:has(#p5) a.ed-event").first.click()
    assert "/timeline/#ev-" in page.url
    target = page.url.split("#")[1]
    assert page.locator(f"#{target}").is_visible()
