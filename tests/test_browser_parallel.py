"""The article's three views in Chromium: Russian (the default), parallel, English; the choice
remembered and in a link; sentence links; the counterpart marked; copying English gives English."""

import json

import pytest
from conftest import start_material

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


# --- the rest of the edition for the English reader ----------------------------------------------


def english_definition(site, entry_id: str) -> str:
    [dd] = site.page("glossary").xpath(f'//dt[@id="{entry_id}"]/following-sibling::dd[1]')
    [english] = dd.xpath('.//p[@lang="en"]')
    return " ".join(english.text_content().split())


@pytest.mark.parametrize(("device", "scheme"), [(DESKTOP, "light"), (PHONE, "dark")])
def test_the_glossary_gives_its_definitions_in_the_chosen_language(browser, server, site, device, scheme):
    context = browser.new_context(**device, color_scheme=scheme)
    page = context.new_page()
    try:
        english = english_definition(site, "dkb")
        assert english.startswith("A treaty signed in Tashkent on 15 May 1992")
        russian = page.locator("#dkb + dd .ed-def-ru")
        page.goto(server + "glossary/#dkb")
        assert russian.is_visible() and not page.get_by_text(english).is_visible()
        page.locator('.ed-views button[data-ed-view="en"]').click()
        assert page.get_by_text(english).is_visible() and not russian.is_visible()
        assert page.locator(".ed-views").get_attribute("aria-label") == "The glossary: language"
        page.locator('.ed-views button[data-ed-view="parallel"]').click()
        assert page.get_by_text(english).is_visible() and russian.is_visible()
        page.goto(server + "article/")  # the choice holds on the other pages
        assert page.locator('button[data-ed-view="parallel"]').get_attribute("aria-pressed") == "true"
    finally:
        context.close()


def test_the_timeline_in_english_titles_dates_facts_and_the_quotes_english(page, server, site):
    page.goto(server + "timeline/?view=en")
    event = page.locator("#ev-kz-us-visit-1992")
    heading = " ".join(event.locator("h3").inner_text().replace("¶", "").split())
    assert heading == "1992 Kazakhstan’s head of state visits the United States, 1992"
    facts = " ".join(event.locator(".tl-event__facts").inner_text().split())
    assert facts == "visit · Kazakhstan, United States"
    quote = event.locator("blockquote")
    assert "«Глава Казахстана в 1992 и 1994 гг. посетил и США»" in quote.inner_text()  # the source's words
    assert pairs(site)["p5-s3"]["en"] in quote.locator(".tl-quote-en").inner_text()
    assert page.locator(".tl-count").inner_text() == "All events shown: 31"
    page.goto(server + "timeline/?view=ru")
    assert not event.locator(".tl-quote-en").is_visible()
    assert page.locator(".tl-count").inner_text() == "Показаны все события: 31"


def test_the_cite_card_speaks_english_and_names_the_translation(page, server):
    page.goto(server + "article/?view=parallel")
    page.locator('[data-cite="p5"]').first.click()
    card = page.locator(".ed-cite")
    assert "the edition’s translation, not the authors’" in card.locator(".ed-card__translation").inner_text()
    assert card.locator('[data-copy="gost"]').inner_text() == "Копировать ГОСТ"  # Russian: the parallel view
    page.goto(server + "article/?view=en")
    page.goto(server + "bibliography/")  # the English interface on a page without the views' control
    page.locator("[data-cite]").first.click()
    card = page.locator(".ed-cite")
    assert card.locator('[data-copy="gost"]').inner_text() == "Copy GOST"
    assert card.locator(".ed-card__title").inner_text().startswith("Cite reference 1")
    card.locator('[data-copy="gost"]').click()
    assert card.locator(".ed-card__status").inner_text() == "Copied to the clipboard: GOST."
    assert page.evaluate("navigator.clipboard.readText()").startswith("Шаклеина")  # the reference as published


def test_a_paragraph_link_in_the_english_view_shows_its_english(page, server):
    page.goto(server + "article/?view=en#p5")
    english = page.locator('.ed-tr[data-ed-block="p5"]')
    page.wait_for_function(
        "Math.abs(document.querySelector('.ed-tr[data-ed-block=\"p5\"]').getBoundingClientRect().top) < 120"
    )
    assert english.is_visible()


def test_an_english_word_finds_its_paragraph_in_the_parallel_view(page, server, site):
    from test_browser_site import type_query

    page.goto(server + "article/")
    start_material(page)
    type_query(page, "Cosmodrome")
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert server + "article/?h=cosmodrome#p5-s2" in links[:2], links  # after the page's own entry
    page.locator('.md-search-result__link[href*="#p5-s2"]').click()
    page.wait_for_function("document.documentElement.dataset.edView === 'parallel'")
    assert page.locator("#p5-s2-en").is_visible()
    assert page.locator("#p5-s2").evaluate("e => e.classList.contains('ed-s--marked')")


def test_in_the_english_view_the_number_cites_the_russian_paragraph(page, server):
    page.goto(server + "article/?view=en")
    handle = page.locator('.ed-tr[data-ed-block="p5"] .ed-tr__cite')
    assert handle.inner_text() == "5" and handle.get_attribute("aria-label").startswith("Para. 5: ")
    english = page.locator('.ed-tr[data-ed-block="p5"] .ed-tr__text').bounding_box()
    assert handle.bounding_box()["x"] + handle.bounding_box()["width"] <= english["x"]  # in the gutter
    box = handle.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    handle.click()
    card = page.locator(".ed-cite")
    assert card.locator(".ed-card__title").inner_text() == "Cite para. 5"
    assert "Абз. 5." in card.locator('[data-slot="gost"]').inner_text().replace("\xa0", " ")  # the Russian text
    assert card.evaluate("e => document.activeElement === e || e.contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('ed-tr__cite')")


def test_copying_an_event_in_the_english_view_gives_what_the_reader_sees(page, server, site):
    page.goto(server + "timeline/?view=en")
    page.evaluate(
        """() => { const range = document.createRange(), event = document.getElementById('ev-kz-us-visit-1992');
        range.setStartBefore(event); range.setEndAfter(event);
        getSelection().removeAllRanges(); getSelection().addRange(range); }"""
    )
    page.keyboard.press("Control+C")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("1992 Kazakhstan’s head of state visits the United States, 1992\n\n"), copied
    assert "посетил и США" in copied and pairs(site)["p5-s3"]["en"] in copied  # the quote and its English
    assert "Глава Казахстана в 1992 и 1994 гг. посетил и США" in copied
    assert "1992 г." not in copied and "визит" not in copied  # the Russian the view hides


def test_the_english_view_gives_the_article_its_english_title_and_the_glossary_its_english_links(page, server, site):
    page.goto(server + "article/?view=en")
    byline = page.locator(".edition-byline__en")
    assert byline.inner_text().startswith(
        "R. Kurmanguzhin, A. Chebotarev. Diplomacy of the Republic of Kazakhstan: Evolution of Foreign Policy Concepts."
    )
    page.goto(server + "article/?view=ru")
    assert not page.locator(".edition-byline__en").is_visible()
    page.goto(server + "glossary/?view=en")
    refs = page.locator("#dkb + dd p:has(.gl-refs)")
    assert refs.inner_text().startswith("Occurs in: para. 6. Events: 1992: Collective Security Treaty;")
