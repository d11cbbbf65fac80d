"""The reading view in the built HTML: the text first, the apparatus on demand, search by paragraph."""

import json
import re

import pytest
from conftest import comparable, source_paragraphs, without_notes

PARAGRAPHS = source_paragraphs()


def paragraph_box(site, number):
    [box] = site.page("article").xpath(f'//div[@class="ed-par"][*[@id="p{number}"]]')
    return box


def test_paragraph_5_shows_at_most_three_links_or_buttons(site):
    """In the default view ¶5 holds its number and nothing else a reader can click (the
    abbreviations' tooltips are not links); terms are placeholders without href."""
    box = paragraph_box(site, 5)
    clickable = box.xpath(".//a[@href] | .//button | .//*[@tabindex and @tabindex != '-1']")
    assert [a.get("class") for a in clickable] == ["pnum"]
    assert box.xpath('.//span[contains(@class, "ed-term")]'), "terms are marked, for the toggle"


@pytest.mark.parametrize("number", range(2, 7))
def test_paragraph_holds_only_the_source_words(site, number):
    """What a copy of the paragraph gives: its words, note markers and `[1]` as printed."""
    [p] = site.page("article").xpath(f'//*[@id="p{number}"]')
    text = " ".join(p.text_content().split())
    assert text == " ".join(without_notes(PARAGRAPHS[number]).split())


def test_no_apparatus_inside_the_paragraphs(site):
    page = site.page("article")
    for number in range(1, 7):
        [p] = page.xpath(f'//*[@id="p{number}"]')
        classes = " ".join(e.get("class") or "" for e in p.iter())
        assert not re.search(r"pnum|edition-sr-only|tl-|ed-events|cite", classes), (number, classes)


def search_index(site) -> list[dict]:
    return json.loads(site.text("search/search_index.json"))["docs"]


@pytest.mark.parametrize("number", range(2, 7))
def test_each_paragraph_is_a_search_entry_of_its_own(site, number):
    entries = [d for d in search_index(site) if d["location"] == f"article/#p{number}"]
    assert len(entries) == 1
    [entry] = entries
    assert entry["title"] == f"абз. {number}"
    assert comparable(entry["text"]) == comparable(without_notes(PARAGRAPHS[number]))
    assert not re.search(r"событие хронологии|Цитировать|↗|◆", entry["text"])


def test_search_entries_for_notes_glossary_entries_and_headings(site):
    docs = {d["location"]: d for d in search_index(site)}
    assert docs["article/#fn:note-1"]["text"].startswith("В 1992 г. экспертное сообщество России")
    assert docs["article/#p1"]["title"] == "ВВЕДЕНИЕ"
    assert docs["glossary/#dkb"]["title"] == "ДКБ"
    assert "Collective Security Treaty" in docs["glossary/#dkb"]["text"]
    article = [d for d in docs if d.startswith("article/")]
    assert "article/" in article and docs["article/"]["text"] == ""


def test_bibliography_is_numbered_as_in_the_journal(site):
    items = site.page("bibliography").xpath('//ol[contains(@class, "edition-refs")]/li')
    assert [int(li.get("value")) for li in items] == list(range(1, 12))
    css = site.text("assets/edition.css")
    assert "list-style: none" not in css.split(".edition-refs", 1)[1].split("}", 1)[0]


def test_reader_data_is_json_that_cannot_end_its_script(site):
    html = site.text("article/index.html")
    [raw] = re.findall(r'<script type="application/json" id="edition-reader-data">(.*?)</script>', html, re.S)
    assert "<" not in raw and ">" not in raw
    data = json.loads(raw)
    assert set(data) >= {"cites", "terms", "events"}
    assert data["terms"]["dkb"]["term"] == "ДКБ"
    assert {e["paragraph"] for e in data["events"]} <= {f"p{n}" for n in range(2, 7)} | {"fn:note-1", "fn:note-2"}


def test_without_javascript_the_toggles_are_hidden_and_the_pattern_is_stated(site):
    page = site.page("article")
    [tools] = page.xpath("//*[@data-ed-tools]")
    assert tools.get("hidden") is not None
    [pattern] = page.xpath("//noscript")[-1:]
    assert "Абз. N" in pattern.text_content()


def test_an_editorial_note_is_pointed_to_from_beside_its_paragraph(site):
    page = site.page("article")
    box = paragraph_box(site, 3)
    [pointer] = box.xpath('./a[@class="ed-enote"]')
    target = pointer.get("href")[1:]
    assert page.xpath(f'//*[@id="{target}"]'), "the note is on the page"
    [p3] = page.xpath('//*[@id="p3"]')
    assert not p3.xpath('.//a[@class="ed-enote"]'), "the pointer is not part of the paragraph"
