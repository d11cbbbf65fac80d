"""The bibliography page: 11 references in the article's order, GOST and the journal's English."""

import re

import pytest
from conftest import ROOT, source_references
from pybtex.database import parse_file

REFERENCES = source_references()
ENTRIES = list(parse_file(str(ROOT / "bibliography.bib")).entries.values())


def english_part(printed: str) -> str:
    """The journal's English rendering: the printed entry from its romanized author on."""
    match = re.search(r"(?<=\. )[A-Z][a-z]+ [A-Z]\.", printed)
    return printed[match.start() :]


def items(site):
    return site.page("bibliography").xpath('//ol[contains(@class, "edition-refs")]/li')


def test_eleven_references_in_the_article_order(site):
    found = items(site)
    assert len(REFERENCES) == 11
    assert [int(li.get("value")) for li in found] == list(range(1, 12))
    assert [li.get("id") for li in found] == [entry.key for entry in ENTRIES]


@pytest.mark.parametrize("number", range(1, 12))
def test_english_rendering_is_the_journals(site, number):
    li = items(site)[number - 1]
    [english] = li.xpath('.//*[contains(@class, "edition-ref__english")]')
    assert " ".join(english.text_content().split()) == english_part(REFERENCES[number])


@pytest.mark.parametrize("number", range(1, 12))
def test_gost_rendering_starts_with_author_and_title_of_the_journal_text(site, number):
    li = items(site)[number - 1]
    [gost] = li.xpath('.//*[contains(@class, "edition-ref__gost")]')
    text = " ".join(gost.text_content().split())
    entry = ENTRIES[number - 1]
    family = str(entry.persons["author"][0].last_names[0])
    assert text.startswith(family)
    assert entry.fields["title"].split(":")[0] in text
    assert "--" not in text
    assert "[б. и.]" not in text


def test_gost_terms_are_russian(site):
    texts = [" ".join(li.text_content().split()) for li in items(site)]
    assert "№ 56. С. 1–8." in texts[4]  # article: issue and pages
    assert "2022. 316 с." in texts[1]  # book: page total
    assert "дата обращения" in texts[7] and "Электронный ресурс" in texts[7]
    gost = [li.xpath('.//*[contains(@class, "edition-ref__gost")]')[0].text_content() for li in items(site)]
    for text in gost:
        assert not re.search(r"\b(pp?|Vol|No|ed|accessed|Retrieved)\b\.?", text), text


def test_dashes_render_as_the_source_has_them(site):
    li = items(site)[10]
    gost = li.xpath('.//*[contains(@class, "edition-ref__gost")]')[0].text_content()
    assert "Республика Казахстан – Европейский Союз" in gost
    assert "(2000–2010)" in gost


@pytest.mark.parametrize(
    "number, url",
    [
        (8, "http://www.alternativakz.com/index.php?nid=415/"),
        (10, "https://cabar.asia/ru/osobennosti-novoj-kontseptsii-vneshnej-politiki-kazahstana"),
    ],
)
def test_web_sources_keep_url_and_access_date(site, number, url):
    gost = items(site)[number - 1].xpath('.//*[contains(@class, "edition-ref__gost")]')[0]
    text = " ".join(gost.text_content().split())
    assert f"URL: {url} (дата обращения: 20.04.2023)." in text
    assert gost.xpath(f'.//a[@href="{url}"]')


def test_each_reference_links_back_to_where_it_is_cited(site):
    first = items(site)[0]
    assert first.xpath('.//a[@href="../article/#p3"]')
    assert first.xpath('.//a[@href="#shakleina-2003"]')
    # references the preview does not cite say so, and link nowhere into the text
    assert not items(site)[1].xpath('.//a[contains(@href, "article/")]')
