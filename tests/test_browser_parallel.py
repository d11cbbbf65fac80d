"""The article's three views in Chromium: Russian (the default), parallel, English; the choice
remembered and in a link; sentence links; the counterpart marked; copying English gives English."""

import json

import pytest

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1366, "height": 768}}


def pairs(site):
    return {p["id"]: p for p in json.loads(site.text("downloads/alignment.json"))}


def box(page, selector):
    return page.locator(selector).bounding_box()


@pytest.mark.parametrize(("device", "scheme"), [(DESKTOP, "light"), (PHONE, "dark")])
def test_the_three_views_and_their_layout(browser, server, device, scheme):
    context = browser.new_context(**device, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(server + "article/")
        assert page.locator(".ed-views").is_visible()
        assert page.locator('button[data-ed-view="ru"]').get_attribute("aria-pressed") == "true"
        assert page.locator("#p5").is_visible() and not page.locator("#p5-s3-en").is_visible()
        page.locator('button[data-ed-view="parallel"]').click()
        assert "view=parallel" in page.url
        russian, english = box(page, "#p5"), box(page, '.ed-tr[data-ed-block="p5"]')
        if device is DESKTOP:  # facing columns, the paragraph's English beside it
            assert english["x"] >= russian["x"] + russian["width"]
            assert abs(english["y"] - russian["y"]) < 40
        else:  # the English under its paragraph
            assert english["y"] >= russian["y"] + russian["height"] - 1
            assert english["width"] > 300
        page.locator('button[data-ed-view="en"]').click()
        assert not page.locator("#p5").is_visible() and page.locator("#p5-s3-en").is_visible()
        page.reload()  # remembered
        assert page.locator('button[data-ed-view="en"]').get_attribute("aria-pressed") == "true"
        assert page.locator("#p5-s3-en").is_visible()
        page.goto(server + "article/?view=ru")  # a link says which
        assert not page.locator("#p5-s3-en").is_visible() and page.locator("#p5").is_visible()
    finally:
        context.close()


def test_a_sentence_link_opens_the_parallel_view_with_both_marked_and_hover_marks_the_counterpart(page, server):
    page.goto(server + "article/#p5-s3")
    page.wait_for_function("document.documentElement.dataset.edView === 'parallel'")
    assert page.locator("#p5-s3").evaluate("e => e.classList.contains('ed-s--marked')")
    assert page.locator("#p5-s3-en").evaluate("e => e.classList.contains('ed-s--marked')")
    assert page.locator("#p5-s3-en").is_visible()
    page.locator("#p6-s2").hover()
    assert page.locator("#p6-s2-en").evaluate("e => e.classList.contains('ed-s--pair')")
    page.locator("#p6-s4-en").focus()
    assert page.locator("#p6-s4").evaluate("e => e.classList.contains('ed-s--pair')")


def test_copying_a_selection_across_both_columns_gives_only_the_english(page, server, site):
    page.goto(server + "article/?view=parallel")
    page.evaluate(
        """() => { const range = document.createRange();
        range.setStart(document.getElementById('p5'), 0);
        range.setEnd(document.getElementById('p5-s2-en'), 1);
        getSelection().removeAllRanges(); getSelection().addRange(range); }"""
    )
    page.keyboard.press("Control+C")
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = pairs(site)
    assert copied == f"{expected['p5-s1']['en']} {expected['p5-s2']['en']}"


def test_without_javascript_the_page_is_the_russian_text_and_the_translation_is_a_click_away(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + "article/")
        assert not page.locator(".ed-views").is_visible()
        assert page.locator("#p5").is_visible() and not page.locator("#p5-s3-en").is_visible()
        page.locator('.ed-tr[data-ed-block="p5"] > summary').click()
        assert page.locator("#p5-s3-en").is_visible()
        assert page.locator('.ed-tr[data-ed-block="p5"] > summary').inner_text() == (
            "English: the edition’s translation"
        )
    finally:
        context.close()
