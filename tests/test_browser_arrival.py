"""Arriving by a link into the text, and citing from where the reader is, in Chromium at a
phone's size (touch) and a laptop's, in both palettes."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
SIZES = {"phone": PHONE, "laptop": LAPTOP}
MARKED = "CSS.highlights.has('ed-arrival') ? [...CSS.highlights.get('ed-arrival')].map(String) : []"
NATO_QUOTE = (
    "Годом ранее Республика Казахстан (как и другие страны СНГ) присоединилась к программе НАТО "
    "“Партнерство во имя мира”"
)


@pytest.fixture(params=[(size, scheme) for size in SIZES for scheme in ("light", "dark")], ids=str)
def reader(request, browser, server):
    size, scheme = request.param
    context = browser.new_context(color_scheme=scheme, **SIZES[size])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.act = page.tap if size == "phone" else page.click
    yield page
    context.close()
    assert errors == []


def follow(page, selector):
    link = page.locator(selector).first
    link.scroll_into_view_if_needed()
    if page.act == page.tap:
        link.tap()
    else:
        link.click()


def test_from_an_event_the_quote_is_marked_and_the_way_back_named(reader, server):
    """With «события» off, the event's words are highlighted, ¶5's number is marked, and the
    back control names the event and returns to it."""
    reader.goto(server + "timeline/#ev-nato-partnership-for-peace-1994")
    follow(reader, "#ev-nato-partnership-for-peace-1994 blockquote a")
    reader.wait_for_url("**/article/#p5")
    back = reader.locator(".ed-back a")
    back.wait_for()
    assert reader.evaluate(MARKED) == [NATO_QUOTE]
    assert back.inner_text() == "← к событию „Присоединение к программе НАТО «Партнерство во имя мира»“"
    number = reader.locator(".ed-par:has(> #p5) > .pnum")
    assert number.evaluate("n => getComputedStyle(n).backgroundColor") != "rgba(0, 0, 0, 0)"
    reader.wait_for_function(
        "() => { const r = [...CSS.highlights.get('ed-arrival')][0].getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    back.click()
    reader.wait_for_url("**/timeline/#ev-nato-partnership-for-peace-1994")


def test_from_a_glossary_entry_the_term_is_marked(reader, server):
    reader.goto(server + "glossary/#nato")
    follow(reader, 'dt#nato ~ dd a[href$="#p5"]')
    reader.wait_for_url("**/article/#p5")
    reader.locator(".ed-back a").wait_for()
    assert reader.evaluate(MARKED) == ["НАТО"]
    assert reader.locator(".ed-back a").inner_text() == "← к статье глоссария „НАТО“"
    reader.locator(".ed-back__close").click()
    assert reader.locator(".ed-back").count() == 0


def test_a_shared_permalink_marks_its_paragraph_without_a_way_back(reader, server):
    reader.goto(server + "article/#p5")
    number = reader.locator(".ed-par:has(> #p5) > .pnum")
    assert number.evaluate("n => getComputedStyle(n).backgroundColor") != "rgba(0, 0, 0, 0)"
    other = reader.locator(".ed-par:has(> #p4) > .pnum")
    assert other.evaluate("n => getComputedStyle(n).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert reader.locator(".ed-back").count() == 0


def test_a_note_marker_leads_to_the_note_and_back_to_the_paragraph(reader, server):
    reader.goto(server + "article/")
    follow(reader, "#p3 a.footnote-ref")
    if reader.act == reader.tap:  # the first tap shows the note's preview, the second follows
        reader.locator("#ed-preview").wait_for()
        follow(reader, "#p3 a.footnote-ref")
    reader.wait_for_url("**/article/#fn:note-1")
    back = reader.locator(".ed-back a")
    assert back.inner_text() == "← к абз. 3"
    back.click()
    reader.wait_for_url("**/article/#p3")


def test_the_cite_card_opens_in_view_with_focus_in_it(reader, server):
    """¶5 near the top of the screen: the card is on screen at once, focused; Escape closes it and
    gives focus back to the number."""
    reader.goto(server + "article/")
    number = reader.locator('a.pnum[data-cite="p5"]')
    number.evaluate("n => n.scrollIntoView({block: 'start'})")
    reader.evaluate("window.scrollBy(0, -80)")
    follow(reader, 'a.pnum[data-cite="p5"]')
    card = reader.locator("#ed-cite-p5")
    card.wait_for()
    box = card.bounding_box()
    height = reader.viewport_size["height"]
    assert 0 <= box["y"] < height and box["y"] + min(box["height"], 200) <= height
    assert reader.evaluate("document.activeElement.id") == "ed-cite-p5"
    reader.keyboard.press("Escape")
    card.wait_for(state="detached")
    assert reader.evaluate("document.activeElement.dataset.cite") == "p5"


@pytest.mark.parametrize(
    "path, anchor",
    [
        ("glossary/", "nato"),
        ("timeline/", "ev-csto-peacekeeping-2022"),
        ("bibliography/", "avatkov-2019"),
        ("article/", "fn:note-1"),
        ("abstract/", "abstract"),
        ("article/", "ed-note-clinton-1993"),
    ],
)
def test_every_citable_block_has_a_visible_handle(reader, server, path, anchor):
    reader.goto(server + path)
    selector = f'[data-cite="{anchor}"]:not(.ed-tr__cite)'  # the English view's own handle apart
    handle = reader.locator(selector)
    handle.scroll_into_view_if_needed()
    assert handle.evaluate("h => getComputedStyle(h).opacity") == "1"
    box = handle.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    follow(reader, selector)
    card = reader.locator(".ed-cite")
    card.wait_for()
    assert card.bounding_box()["y"] < reader.viewport_size["height"]


def test_on_a_phone_the_text_begins_on_the_first_screen(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(server + "article/")
        top = page.evaluate("document.getElementById('p2').getBoundingClientRect().top")
        assert top < 844 - 3 * 28  # the first three lines of ¶2 are on the first screen
        page.locator(".edition-note > summary").tap()
        assert page.locator(".edition-note").get_attribute("open") is not None
    finally:
        context.close()


def test_the_editorial_note_is_tied_to_its_words_and_previewed_like_a_note(reader, server):
    """«ред.» beside ¶3 stands level with the words it is about, which are marked; a tap or a
    hover shows the note itself (no tooltip)."""
    reader.goto(server + "article/")
    pointer = reader.locator(".ed-par:has(> #p3) > a.ed-enote")
    assert pointer.get_attribute("title") is None
    assert reader.evaluate("[...CSS.highlights.get('ed-enote')].map(String)") == [
        "В 1996 г. с приходом президента Б. Клинтона"
    ]
    level = reader.evaluate(
        """() => { const a = document.querySelector('.ed-par > a.ed-enote');
        const r = [...CSS.highlights.get('ed-enote')][0].getClientRects()[0];
        return Math.abs(a.getBoundingClientRect().top - r.top); }"""
    )
    assert level < 8
    pointer.scroll_into_view_if_needed()
    if reader.act == reader.tap:
        pointer.tap()
    else:
        pointer.hover()
    preview = reader.locator("#ed-preview")
    preview.wait_for()
    text = preview.inner_text().replace("\xa0", " ")
    assert "Б. Клинтон вступил в должность президента США в январе 1993 г." in text


def test_from_an_events_preview_the_timeline_offers_the_way_back_to_the_paragraph(page, server):
    page.goto(server + "article/?apparatus=events")
    page.locator('.ed-par:has(> #p2) a.ed-event[data-event="kz-first-concept-work-1993"]').hover()
    page.locator("#ed-preview a").click()
    page.wait_for_url("**/timeline/#ev-kz-first-concept-work-1993")
    back = page.locator(".ed-back a")
    assert back.inner_text() == "← к абз. 2"
    back.click()
    page.wait_for_url("**/article/?apparatus=events#p2")
