"""The article printed from Chromium (the release's PDF is made from the same stylesheet)."""

import re

import pytest

pytestmark = pytest.mark.browser

A4_POINTS = (595, 842)  # 210 × 297 mm


def test_the_article_prints_on_a4_with_page_numbers(page, server):
    page.goto(server + "article/")
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all((round(float(w)), round(float(h))) == A4_POINTS for w, h in boxes)
    rules = page.evaluate(
        """() => [...document.styleSheets].flatMap(s => { try { return [...s.cssRules]; } catch (e) { return []; } })
        .filter(r => r instanceof CSSPageRule).map(r => r.cssText).join(' ')"""
    )
    assert "@bottom-center" in rules and "counter(page)" in rules


def test_printed_the_page_names_its_permalink_version_and_date_and_no_controls(page, server):
    page.clock.set_fixed_time("2027-03-09T10:00:00")
    page.goto(server + "article/?apparatus=terms,events")
    page.locator("a.ed-event").first.wait_for()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    info = page.locator(".ed-print-info")
    assert [line for line in info.inner_text().split("\n") if line] == [
        "Постоянная ссылка: http://127.0.0.1:8000/article/",
        "Версия издания 0.1.0 от 29.11.2026; напечатано 09.03.2027",
    ]
    hidden = (
        ".ed-tools, .ed-events, .ed-enote, .ed-handle, .headerlink, .footnote-backref, .edition-downloads, .ed-card"
    )
    shown = page.evaluate(
        "s => [...document.querySelectorAll(s)].filter(e => e.getClientRects().length).map(e => e.className)", hidden
    )
    assert shown == []
    assert page.locator(".edition-note").get_attribute("open") is not None  # the caveat is printed
    numbers = page.locator(".pnum").evaluate_all("ns => ns.filter(n => n.getClientRects().length).length")
    assert numbers == 6  # the publisher's numbers stay
