"""The About page's list of normalisations against what the build does.

The list (docs/data/editorial.yml `normalisations`, rendered with data-normalisation names) must
be complete and true: undoing exactly the listed differences on the built pages' text gives back
the publisher's page word for word, each listed difference is really made, and every difference
checked here is listed. Text is compared, not markup, so the reading view may change its HTML."""

import re

import pytest
from conftest import source_text
from lxml import html as lxml_html

SOURCE = source_text()
CAVEAT = "Размещенный ниже текст является ознакомительной версией и может не соответствовать печатной"
FURNITURE = (
    "Cite",
    "100 rub.",
    "When subscribing to an article",
    "Number of purchasers",
    "Readers community rating",
    "Система Orphus",
    "Loading...",
    "Up",
)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def text_of(element) -> str:
    return squeeze(element.text_content())


def without(element, xpath: str):
    """A copy of ``element`` without the parts ``xpath`` selects."""
    clone = lxml_html.fromstring(lxml_html.tostring(element, encoding="unicode"))
    for extra in clone.xpath(xpath):
        extra.drop_tree()
    return clone


def content(page):
    [main] = page.xpath('//article[contains(@class, "md-content__inner")]')
    return main


def source_lines() -> dict[int, str]:
    """The publisher's numbered paragraphs, whole (author notes still run in), ¶1 as '1 ВВЕДЕНИЕ'."""
    body = SOURCE.split(CAVEAT, 1)[1].split("Number of purchasers", 1)[0]
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    found = {}
    for index, line in enumerate(lines):
        number, _, rest = line.partition(" ")
        if number.isdigit() and 1 <= int(number) <= 6:
            found[int(number)] = squeeze(line if rest else f"{line} {lines[index + 1]}")
    return found


def source_references() -> dict[int, str]:
    refs = SOURCE.split("Readers community rating", 1)[1].split("Система Orphus", 1)[0]
    return {int(m.group(1)): squeeze(m.group(2)) for m in re.finditer(r"^(\d+)\. (.+)$", refs, re.M)}


def footnote_text(page, note: str) -> str:
    [item] = page.xpath(f'//*[@id="fn:{note}"]')
    return text_of(without(item, './/*[contains(@class, "footnote-backref") or contains(@class, "ed-handle")]'))


def notes_in(page, number: int) -> list[int]:
    [paragraph] = page.xpath(f'//*[@id="p{number}"]')
    return [
        int(e.get("id").removeprefix("fnref:note-")) for e in paragraph.xpath('.//*[starts-with(@id, "fnref:note-")]')
    ]


def undo(site, listed: set[str]) -> dict[int, str]:
    """The article's paragraphs as the publisher printed them, rebuilt from the built page by
    undoing only the differences the About page lists."""
    page = site.page("article")
    rebuilt = {}
    for number in range(1, 7):
        [element] = page.xpath(f'//*[@id="p{number}"]')
        text = text_of(without(element, './/*[contains(@class, "headerlink")]'))
        if "paragraph-numbers" in listed:
            text = f"{number} {text}"
        if "author-notes" in listed:
            for note in notes_in(page, number):
                text += f" {note}. {footnote_text(page, f'note-{note}')}"
        rebuilt[number] = text
    return rebuilt


@pytest.fixture(scope="module")
def listed(site) -> list[str]:
    return [li.get("data-normalisation") for li in site.page("about").xpath("//li[@data-normalisation]")]


def test_undoing_the_listed_differences_gives_back_the_publishers_text(site, listed):
    assert undo(site, set(listed)) == source_lines(), (
        "the article's words must match sources/article-preview.txt, apart from the normalisations the About page lists"
    )


def test_without_the_list_the_text_differs(site):
    """The comparison can fail: the built page does differ from the source before undoing."""
    assert undo(site, set()) != source_lines()


def test_the_abstract_title_and_keywords_are_as_printed(site):
    page = site.page("abstract")
    assert text_of(page.xpath('//*[@id="abstract"]')[0]) == squeeze(
        SOURCE.split("Abstract\n", 1)[1].split("\nKeywords", 1)[0]
    ), "the abstract's words must match sources/article-preview.txt"
    assert text_of(page.xpath("//h1")[0]).startswith(SOURCE.split("\n", 1)[0].strip())
    keywords = re.search(r"^Keywords(.+)$", SOURCE, re.M).group(1)
    assert squeeze(keywords) in text_of(content(page))


# --- each listed difference is made, as the list says --------------------------------------------

CHECKS = {}


def check(name):
    def register(function):
        CHECKS[name] = function
        return function

    return register


@check("caveat")
def caveat_in_the_editorial_box(site):
    page = site.page("article")
    assert f"«{CAVEAT}»" in text_of(content(page))
    for number in range(1, 7):
        assert CAVEAT not in text_of(page.xpath(f'//*[@id="p{number}"]')[0])


@check("paragraph-numbers")
def numbers_beside_not_inside(site):
    page = site.page("article")
    for number in range(1, 7):
        [paragraph] = page.xpath(f'//*[@id="p{number}"]')
        assert not text_of(paragraph).startswith(f"{number} ")
        links = page.xpath(f'//a[@href="#p{number}"][normalize-space(.)="{number}"]')
        assert links and not links[0].xpath(f'ancestor::*[@id="p{number}"]')


@check("heading")
def introduction_is_a_heading(site):
    [element] = site.page("article").xpath('//*[@id="p1"]')
    assert element.tag in {"h1", "h2", "h3"} and text_of(element).startswith("ВВЕДЕНИЕ")


@check("author-notes")
def notes_are_footnotes(site):
    page = site.page("article")
    assert notes_in(page, 3) == [1] and notes_in(page, 6) == [2]
    for number, note in ((3, 1), (6, 2)):
        assert footnote_text(page, f"note-{note}") not in text_of(page.xpath(f'//*[@id="p{number}"]')[0])


@check("note-markers")
def markers_are_superscript_links(site):
    page = site.page("article")
    for note in (1, 2):
        [marker] = page.xpath(f'//*[@id="fnref:note-{note}"]')
        assert marker.tag == "sup" or marker.xpath("ancestor::sup")
        assert text_of(marker) == str(note)
        assert marker.xpath(f'.//a[@href="#fn:note-{note}"]')
    assert "легче1" in text_of(page.xpath('//*[@id="p3"]')[0])


@check("citation")
def citation_on_the_baseline(site):
    page = site.page("article")
    [marker] = page.xpath('//*[@id="p3"]//*[starts-with(@id, "fnref:ref-")]')
    assert text_of(marker) == "[1]"
    assert marker.tag != "sup" and not marker.xpath("ancestor::sup") and not marker.xpath(".//sup")
    assert marker.xpath('.//a[starts-with(@href, "#fn:ref-")]')


@check("apparatus")
def apparatus_marks_words_without_changing_them(site):
    """Term marks are in the text (for the toggle) but inert by default; the words are the
    source's (the reconstruction test)."""
    page = site.page("article")
    paragraphs = [page.xpath(f'//*[@id="p{n}"]')[0] for n in range(2, 7)]
    assert any(p.xpath('.//*[contains(@class, "ed-term")]') for p in paragraphs)
    for paragraph in paragraphs:
        assert not paragraph.xpath('.//*[contains(@class, "ed-term")][@href]')


@check("furniture")
def furniture_left_out(site):
    for path in ("article", "abstract"):
        text = text_of(content(site.page(path)))
        for item in FURNITURE:
            assert not re.search(rf"(?<!\w){re.escape(item)}(?!\w)", text), (path, item)
        assert all(item in squeeze(SOURCE) for item in FURNITURE)


@check("metadata")
def publication_data_in_bibliographic_form(site):
    volume, issue = re.search(r"EditionVolume (\d+) Issue (\d+)", SOURCE).groups()
    first, last = re.search(r"^Pages(\d+)-(\d+)$", SOURCE, re.M).groups()
    abstract = text_of(content(site.page("abstract")))
    assert f"Vol. {volume}, no. {issue}," in abstract and f"pp. {first}–{last}" in abstract
    assert f"т. {volume}, № {issue}, с. {first}–{last}" in text_of(content(site.page("article")))
    piis = re.search(r"^PIIS(\S+)$", SOURCE, re.M).group(1)
    for path in ("article", "abstract", ""):
        text = text_of(content(site.page(path)))
        assert piis not in text and "Publication type" not in text and "Status Published" not in text


@check("characters")
def characters_with_a_thousands_space(site):
    printed = re.search(r"Number of characters(\d+)", SOURCE).group(1)
    text = site.page("article").text_content()
    assert printed not in text
    assert f"{printed[:-3]}\u00a0{printed[-3:]}" in text


@check("references")
def references_split_english_verbatim(site):
    page = site.page("bibliography")
    sources = source_references()
    assert len(sources) == 11
    for number, printed in sources.items():
        [item] = page.xpath(f'//ol[contains(@class, "edition-refs")]/li[@value="{number}"]')
        [english] = item.xpath('./*[@lang="en"]')
        [russian] = item.xpath('./*[@lang="ru"]')
        assert printed.endswith(text_of(english)) and len(text_of(english)) > 20
        assert text_of(russian) not in printed  # the Russian description is the GOST rendering


def test_every_listed_difference_is_checked_and_every_checked_difference_is_listed(listed):
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(CHECKS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_the_listed_difference_is_made(site, name):
    CHECKS[name](site)
