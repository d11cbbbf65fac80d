"""The reading view in Chromium: what a reader sees, copies, toggles and previews."""

import re

import pytest
from conftest import NOTE_MARKER, source_paragraphs, without_notes

pytestmark = pytest.mark.browser

PARAGRAPHS = source_paragraphs()
WIDTHS = [390, 1366]

VISIBLE_CONTROLS = """box => Array.from(box.querySelectorAll('a[href], button, [tabindex]'))
  .filter(e => e.tabIndex >= 0 && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => e.className || e.tagName)"""


def paragraph_box(page, number):
    return page.locator(f".ed-par:has(> #p{number})")


@pytest.mark.parametrize("width", WIDTHS)
def test_default_view_of_paragraph_5_is_its_text_and_its_number(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(server + "article/")
        controls = paragraph_box(page, 5).evaluate(VISIBLE_CONTROLS)
        assert controls == ["pnum"]  # abbreviations are not controls; terms are plain text
        page.locator('[data-apparatus="terms"]').click()
        page.locator('[data-apparatus="events"]').click()
        shown = paragraph_box(page, 5).evaluate(VISIBLE_CONTROLS)
        assert shown.count("ed-term") >= 10 and shown.count("ed-event") >= 15
    finally:
        context.close()


def as_quoted(number: int) -> str:
    """A paragraph as a quote takes it: the words as printed, `[1]` kept, the authors' note
    markers (`легче1`) dropped, since a quotation has no place for them."""
    return " ".join(re.sub(NOTE_MARKER, "", without_notes(PARAGRAPHS[number])).split())


def select(page, first: str, last: str) -> None:
    page.evaluate(
        """([a, b]) => { const range = document.createRange();
        range.setStartBefore(document.getElementById(a)); range.setEndAfter(document.getElementById(b));
        getSelection().removeAllRanges(); getSelection().addRange(range); }""",
        [first, last],
    )


@pytest.mark.parametrize("number", range(2, 7))
def test_copying_a_paragraph_gives_the_source_words(page, server, number):
    """Select the paragraph, press Ctrl+C, read the clipboard: the words as printed, `[1]` kept,
    no note markers (and with the apparatus shown, still the same words)."""
    for query in ("", "?apparatus=terms,events"):
        page.goto(server + f"article/{query}")
        page.evaluate(
            """n => { const p = document.getElementById('p' + n); const range = document.createRange();
            range.selectNodeContents(p); getSelection().removeAllRanges(); getSelection().addRange(range); }""",
            number,
        )
        page.keyboard.press("Control+C")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == as_quoted(number), query


@pytest.mark.parametrize("query", ["", "?apparatus=terms,events"])
def test_copying_across_paragraphs_gives_words_and_paragraph_breaks_only(page, server, query):
    """¶2–¶6 selected whole, margin and all: no numbers, «ред.», event labels or back-links."""
    page.goto(server + f"article/{query}")
    if query:
        page.locator("a.ed-event").first.wait_for()
    select(page, "p2", "p6")
    page.keyboard.press("Control+C")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "\n\n".join(as_quoted(n) for n in range(2, 7))


def test_copy_with_citation_gives_the_words_then_the_gost_reference(page, server):
    page.clock.set_fixed_time("2027-03-09T10:00:00")
    page.goto(server + "article/")
    page.evaluate(
        """() => { const p = document.getElementById('p4'); const range = document.createRange();
        range.selectNodeContents(p); getSelection().removeAllRanges(); getSelection().addRange(range); }"""
    )
    button = page.locator(".ed-copycite")
    button.click()
    page.locator(".ed-copycite", has_text="Скопировано").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    words, reference = copied.split("\n\n")
    assert words == as_quoted(4)
    assert reference.endswith(
        ". Абз. 4. Электронное научное издание, версия 0.1.0 (29.11.2026). "
        "URL: http://127.0.0.1:8000/article/#p4 (дата обращения: 09.03.2027)."
    )


def test_toggles_persist_across_pages_and_reloads_and_go_in_the_link(page, server):
    page.goto(server + "article/")
    assert page.locator("#p5 a.ed-term[href]").count() == 0
    page.locator('[data-apparatus="terms"]').click()
    assert page.locator('[data-apparatus="terms"]').get_attribute("aria-pressed") == "true"
    assert "apparatus=terms" in page.url
    assert page.locator("#p5 a.ed-term[href]").count() >= 10
    page.goto(server + "abstract/")
    assert page.locator("#abstract a.ed-term[href]").count() >= 3
    page.reload()
    assert page.locator('[data-apparatus="terms"]').get_attribute("aria-pressed") == "true"
    page.locator('[data-apparatus="terms"]').click()
    assert page.locator("#abstract a.ed-term[href]").count() == 0
    # a link with the apparatus in it shows it, whatever the reader's own setting
    page.goto(server + "article/?apparatus=events")
    page.locator(".ed-par:has(> #p6) a.ed-event").first.wait_for(state="visible")


def test_without_javascript_the_page_is_the_clean_text(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + "article/?apparatus=terms,events")
        assert not page.locator("[data-ed-tools]").is_visible()
        assert paragraph_box(page, 5).locator("a[href]").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 1366, 1600, 1920])
def test_events_stand_beside_their_sentence_clear_of_the_table_of_contents(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    try:
        page.goto(server + "article/?apparatus=events")
        markers = page.locator(".ed-events--margin a.ed-event")
        markers.first.wait_for(state="visible")
        toc = page.locator(".md-sidebar--secondary").bounding_box()
        for box in [m.bounding_box() for m in markers.all()]:
            assert box["x"] + box["width"] <= toc["x"], (width, box, toc)
        # each marker is level with (or just below, when several share a line) its quoted words
        offsets = page.evaluate("""() => Array.from(document.querySelectorAll('.ed-events--margin a.ed-event'))
            .filter(a => a._edRange)
            .map(a => a.getBoundingClientRect().top - a._edRange.getBoundingClientRect().top)""")
        assert offsets and min(offsets) > -4
        assert sum(1 for o in offsets if abs(o) < 4) >= len(offsets) // 2
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_term_preview_on_hover_and_on_keyboard_focus(page, server):
    page.goto(server + "article/?apparatus=terms")
    term = page.locator('#p6 a.ed-term[data-term="dkb"]')
    term.hover()
    preview = page.locator("#ed-preview")
    preview.wait_for(state="visible")
    assert "Договор о коллективной безопасности" in preview.inner_text()
    assert preview.locator("a").get_attribute("href") == "../glossary/#dkb"
    page.mouse.move(0, 0)
    preview.wait_for(state="detached")
    term.focus()
    preview.wait_for(state="visible")
    assert term.get_attribute("aria-describedby") == "ed-preview"
    page.keyboard.press("Escape")
    preview.wait_for(state="detached")


def test_citation_and_note_previews(page, server):
    page.goto(server + "article/")
    page.locator('#p3 a.footnote-ref[href="#fn:ref-shakleina-2003"]').hover()
    page.locator("#ed-preview").filter(has_text="Шаклеина").wait_for(state="visible")
    page.locator('#p3 a.footnote-ref[href="#fn:note-1"]').focus()
    page.locator("#ed-preview").filter(has_text="экспертное сообщество").wait_for(state="visible")


def test_event_preview_on_tap_then_the_second_tap_follows(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(server + "article/?apparatus=events")
        marker = page.locator(".ed-par:has(> #p6) a.ed-event").first
        marker.scroll_into_view_if_needed()
        marker.tap()
        preview = page.locator("#ed-preview")
        preview.wait_for(state="visible")
        assert "/article/" in page.url
        marker.tap()
        page.wait_for_url("**/timeline/#ev-*")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["article/", "abstract/"])
def test_title_does_not_break_inside_a_word_on_a_phone(browser, server, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(server + path)
        split = page.evaluate("""() => {
            const h1 = document.querySelector('.md-content h1'), text = h1.firstChild;
            const broken = []; const re = /\\S+/g; let m;
            while ((m = re.exec(text.data))) {
                const r = document.createRange(); r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
                const tops = new Set(Array.from(r.getClientRects()).map(q => Math.round(q.top)));
                if (tops.size > 1) broken.push(m[0]);
            }
            return broken; }""")
        assert split == []
    finally:
        context.close()


def test_search_for_a_word_opens_its_paragraphs(page, server):
    page.goto(server + "?q=договор")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.pathname + a.hash)")
    assert "/article/#p5" in links and "/article/#p6" in links
    texts = page.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.textContent)")
    assert not any("событие хронологии" in t or "Цитировать" in t for t in texts)
    # the article's paragraphs come first, before the glossary, the timeline and the About page
    on_pages = [link.split("#")[0] for link in links]
    assert on_pages[: on_pages.count("/article/")] == ["/article/"] * on_pages.count("/article/"), links


@pytest.mark.parametrize("query, anchor", [("NATO", "p5"), ("CSTO", "p6"), ("EU", "p5")])
def test_searching_a_terms_other_form_finds_the_paragraph_with_the_russian_form(page, server, query, anchor):
    """¶5 says «НАТО», ¶6 «ОДКБ»: the glossary's English abbreviations find them too."""
    page.goto(server + f"?q={query}")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_timeout(300)
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.pathname + a.hash)")
    assert f"/article/#{anchor}" in links, links


@pytest.mark.parametrize("path", ["article/?apparatus=events", "timeline/"])
def test_the_editions_own_controls_are_24px_targets(page, server, path):
    """WCAG 2.2 target size (Lighthouse checks it): numbers, pointers, toggles, markers, chips,
    note markers, `[1]`, back-links and cite handles."""
    page.goto(server + path)
    small = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.pnum, .ed-enote, .ed-toggle, a.ed-event, .tl-dot, .tl-chip, .footnote-ref, .footnote-backref, .ed-handle'))
        .filter(e => e.getClientRects().length)
        .map(e => [e.className, e.getBoundingClientRect()]).filter(([, r]) => r.width < 24 || r.height < 24)
        .map(([c, r]) => `${c} ${Math.round(r.width)}x${Math.round(r.height)}`)""")
    assert small == []


def test_a_legend_says_what_each_mark_means_while_its_layer_is_on(page, server):
    page.goto(server + "article/")
    legend = page.locator("[data-ed-legend]")
    assert legend.is_hidden()
    page.locator('[data-apparatus="events"]').click()
    assert [line for line in legend.inner_text().split("\n") if line] == [
        "оранжевая черта — слова о событии хронологии; подписи событий на полях или под строкой с этими словами",
        "точки и «ред.» — примечание редакции к этим словам",
    ]
    page.locator('[data-apparatus="terms"]').click()
    assert legend.inner_text().startswith("пунктир — термин глоссария\n")


def test_on_a_phone_event_labels_follow_the_text_and_name_the_event(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(server + "article/?apparatus=events")
        labels = page.locator(".ed-par:has(> #p5) a.ed-event")
        labels.first.wait_for()
        starts = labels.evaluate_all(
            """links => links.map(a => { const r = document.createRange(); r.setStart(document.getElementById('p5'), 0);
            r.setEnd(a._edRange.startContainer, a._edRange.startOffset); return r.toString().length; })"""
        )
        assert starts == sorted(starts)
        assert " ".join(labels.first.inner_text().split()) == "1992 · Визит Н. А. Назарбаева в Россию 1992 г."
        # a note's preview carries no apparatus
        page.locator("#p3 a.footnote-ref").first.tap()
        assert "·" not in page.locator("#ed-preview").inner_text()
    finally:
        context.close()


def test_copying_an_event_on_the_timeline_gives_its_words_without_handles(page, server):
    page.goto(server + "timeline/")
    select(page, "ev-nato-partnership-for-peace-1994", "ev-nato-partnership-for-peace-1994")
    page.keyboard.press("Control+C")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "¶" not in copied
    assert copied.startswith("1994 г. Присоединение к программе НАТО «Партнерство во имя мира»\n\n")
    assert "«Годом ранее Республика Казахстан (как и другие страны СНГ) присоединилась к программе НАТО" in copied


LABELS_AND_QUOTES = """links => links.map(a => {
    const l = a.getBoundingClientRect(), q = a._edRange.getBoundingClientRect();
    return { top: l.top, left: l.left, width: l.width, height: l.height, quoteTop: q.top, quoteBottom: q.bottom }; })"""


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 768)])
def test_each_event_label_stands_by_its_quoted_words(browser, server, width, height):
    """On a phone a label stands under the line where its quoted words end (not under the whole
    paragraph), in the order of the text; on a wide screen it stays in the margin, level with them."""
    phone = width < 800
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone)
    page = context.new_page()
    try:
        page.goto(server + "article/?apparatus=events")
        labels = page.locator(".ed-par:has(> #p5) a.ed-event")
        labels.first.wait_for()
        boxes = labels.evaluate_all(LABELS_AND_QUOTES)
        assert len(boxes) >= 15
        text = page.locator("#p5").bounding_box()
        if phone:
            for box in boxes:
                assert box["quoteTop"] <= box["top"] <= box["quoteBottom"] + 60, box
                assert box["width"] >= 24 and box["height"] >= 24, box
            tops = [box["top"] for box in boxes]
            assert tops == sorted(tops)
            # one under the other, never over each other or over the text
            for above, below in zip(boxes, boxes[1:], strict=False):
                assert below["top"] >= above["top"] + above["height"] - 1, (above, below)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            # so do the labels of the authors' notes, under their own words
            for box in page.locator(".footnote a.ed-event").evaluate_all(LABELS_AND_QUOTES):
                assert box["quoteTop"] <= box["top"] <= box["quoteBottom"] + 60, box
        else:
            assert page.locator(".ed-par:has(> #p5) .ed-events--margin").count() == 1
            assert page.locator("#p5 .ed-events-gap").count() == 0
            for box in boxes:
                assert box["left"] >= text["x"] + text["width"], box
                assert -4 < box["top"] - box["quoteTop"] < 120, box
        # the words read and copied are the paragraph's, whatever the layout
        assert " ".join(page.locator("#p5").inner_text().split()) == as_quoted(5)
    finally:
        context.close()
