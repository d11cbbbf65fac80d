"""The article page as a reader gets it: the publisher's words, anchors, notes, citations."""

import re

import pytest
from conftest import comparable, reader_text, source_notes, source_paragraphs, without_notes

PARAGRAPHS = source_paragraphs()


def test_source_has_six_paragraphs():
    assert sorted(PARAGRAPHS) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("number", sorted(PARAGRAPHS))
def test_paragraph_words_equal_the_source(site, number):
    page = site.page("article")
    [element] = page.xpath(f'//*[@id="p{number}"]')
    expected = comparable(without_notes(PARAGRAPHS[number]))
    assert comparable(reader_text(element)) == expected


@pytest.mark.parametrize("number", sorted(PARAGRAPHS))
def test_margin_number_links_to_its_paragraph_from_beside_it(site, number):
    [element] = site.page("article").xpath(f'//*[@id="p{number}"]')
    assert not element.xpath('.//a[contains(@class, "pnum")]'), "the number is not part of the paragraph"
    [link] = element.xpath('preceding-sibling::a[contains(@class, "pnum")]')
    assert link.get("href") == f"#p{number}"
    assert link.get("data-cite") == f"p{number}"
    assert link.text_content().strip() == str(number)
    assert element.getparent().get("class") == "ed-par"


def test_p1_is_the_introduction_heading(site):
    [heading] = site.page("article").xpath('//*[@id="p1"]')
    assert heading.tag == "h2"
    assert "ВВЕДЕНИЕ" in heading.text_content()


def test_every_heading_has_an_explicit_ascii_id(site):
    for path in ("", "article", "abstract", "bibliography", "about"):
        for heading in site.page(path).xpath("//article//*[self::h1 or self::h2 or self::h3]"):
            assert re.fullmatch(r"[a-z][a-z0-9-]*", heading.get("id") or ""), (path, heading.get("id"))


def test_article_is_marked_russian(site):
    assert site.page("article").xpath('//article//*[@lang="ru"]//*[@id="p2"]')


@pytest.mark.parametrize("number, word", [(1, "легче"), (2, "СКБ")])
def test_author_notes_are_footnotes_at_their_markers(site, number, word):
    page = site.page("article")
    [marker] = page.xpath(f'//sup[@id="fnref:note-{number}"]')
    assert marker.text_content() == str(number)
    assert marker.xpath("string(preceding::text()[1])").endswith(word)
    [note] = page.xpath(f'//li[@id="fn:note-{number}"]')
    assert comparable(source_notes()[number]) in comparable(reader_text(note))


def test_citation_is_labelled_with_the_article_reference_number(site):
    page = site.page("article")
    [marker] = page.xpath('//*[@id="p3"]//a[@href="#fn:ref-shakleina-2003"]')
    assert marker.text_content() == "[1]"
    assert marker.getparent().tag == "span", "on the baseline, as the journal prints it (not <sup>)"
    # the reference follows the authors' notes in a list of its own, under its own label
    [note] = page.xpath('//div[@class="footnote"]/ul[@class="ed-cited"]/li[@id="fn:ref-shakleina-2003"]')
    text = note.text_content().strip()
    assert text.replace("\u00a0", " ").startswith("[1] Шаклеина Т. А. Концепции внешней политики США")
    assert "Шаклеина\u00a0Т.\u00a0А." in text, "the surname and its initials stay on one line"
    assert note.xpath('preceding::p[@class="ed-cited__label"][1]')[0].text == "Ссылки на литературу"
    assert [li.get("id") for li in page.xpath('//div[@class="footnote"]/ol/li')] == ["fn:note-1", "fn:note-2"]


def test_editorial_note_links_the_doi(site):
    page = site.page("article")
    [note] = page.xpath('//*[contains(@class, "edition-note")]')
    text = " ".join(note.text_content().split())
    assert "ознакомительная версия" in text and "37 712 знаков" in text.replace("\xa0", " ")
    assert note.xpath('.//a[@href="https://doi.org/10.20542/0131-2227-2023-67-7-74-84"]')


def test_the_end_of_the_preview_is_marked_after_the_last_paragraph(site):
    """Right after ¶6: the preview stops here, the whole is 37 712 characters, the DOI leads to it."""
    page = site.page("article")
    [last] = page.xpath('//div[contains(@class, "ed-par")][p[@id="p6"]]')
    [end] = last.xpath('following-sibling::aside[contains(@class, "ed-preview-end")][1]')
    between = last.xpath("following-sibling::*")[: last.xpath("following-sibling::*").index(end)]
    assert not [e for e in between if "ed-par" in (e.get("class") or "")]  # no more text before it
    text = " ".join(end.text_content().replace("\xa0", " ").split())
    assert text.startswith("Здесь ознакомительная версия кончается")
    assert "первые 6 абзацев статьи; статья целиком — 37 712 знаков" in text
    assert end.xpath('.//a[@href="https://doi.org/10.20542/0131-2227-2023-67-7-74-84"]')


def test_the_front_matter_is_folded_so_the_text_comes_first(site):
    """The editorial note and the exports are one line each until opened (details/summary)."""
    page = site.page("article")
    [note] = page.xpath('//details[contains(@class, "edition-note")]')
    assert note.get("open") is None and note.xpath("./summary")
    [exports] = page.xpath('//details[contains(@class, "edition-downloads-box")]')
    assert exports.get("open") is None and exports.xpath('./ul[@class="edition-downloads"]')


def test_the_editions_own_text_keeps_initials_years_and_markers_together(site):
    page = site.page("article")
    [note] = page.xpath('//li[@id="ed-note-clinton-1993"]')
    text = note.text_content()
    assert "Б.\xa0Клинтон вступил" in text and "в январе 1993\xa0г.;" in text
    [marker] = page.xpath('//span[contains(@class, "ed-citation")]')
    assert marker.getprevious().tail.endswith("гегемонии”\xa0")  # `[1]` never starts a line alone


def test_the_footer_is_in_russian_with_yo(site):
    page = site.page("article")
    footer = " ".join(page.xpath('//footer[contains(@class, "md-footer")]')[0].text_content().split())
    assert "Made with" not in footer and "Сайт сделан на Material for MkDocs" in footer
    assert "Вперёд" in footer and "Вперед" not in footer
