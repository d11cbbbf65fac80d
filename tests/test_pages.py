"""The landing, abstract and about pages; site-wide settings."""

import json
import re

from conftest import reader_text, source_text


def test_abstract_page_is_english_and_carries_the_abstract(site):
    page = site.page("abstract")
    [abstract] = page.xpath('//p[@id="abstract"]')
    printed = source_text().split("Abstract\n\n", 1)[1].split("\n\nKeywords", 1)[0]
    assert " ".join(reader_text(abstract).split()) == " ".join(printed.split()), (
        "the abstract's words must match sources/article-preview.txt"
    )
    assert abstract.xpath('ancestor::*[@lang="en"]')


def test_abstract_page_metadata(site):
    text = " ".join(site.page("abstract").xpath("//article")[0].text_content().split())
    keywords = source_text().split("Keywords", 1)[1].split("\n", 1)[0]
    assert keywords in text
    for fact in (
        "Vol. 67, no. 7, 2023, pp. 74–84",
        "R. Kurmanguzhin",
        "A. Chebotarev",
        "Received 09.02.2023",
        "accepted 03.05.2023",
        "Received 20.10.2023",
        "publication date 31.07.2023",
        "imemo.ru",
        "publisher's page",
    ):
        assert fact in text, fact
    assert site.page("abstract").xpath('//a[@href="https://doi.org/10.20542/0131-2227-2023-67-7-74-84"]')


def test_landing_page_titles_and_how_to_cite(site):
    page = site.page("")
    text = " ".join(page.xpath("//article")[0].text_content().split())
    assert "Дипломатия Республики Казахстан: эволюция внешнеполитических концепций" in text
    assert "Diplomacy of the Republic of Kazakhstan: Evolution of Foreign Policy Concepts" in text
    assert (
        "Курмангужин Р. С., Чеботарёв А. Дипломатия Республики Казахстан: эволюция "
        "внешнеполитических концепций // Мировая экономика и международные отношения. "
        "2023. Т. 67, № 7. С. 74–84. DOI: 10.20542/0131-2227-2023-67-7-74-84."
    ) in text
    assert ("Kurmanguzhin, R., & Chebotarev, A. (2023). Diplomatiia Respubliki Kazakhstan") in text
    assert "67(7), 74–84. https://doi.org/10.20542/0131-2227-2023-67-7-74-84" in text


def test_landing_page_links_every_page(site):
    hrefs = set(site.page("").xpath("//article//a/@href"))
    for path in ("article/", "abstract/", "bibliography/", "about/"):
        assert path in hrefs


def test_search_stems_russian_and_english(site):
    index = json.loads(site.text("search/search_index.json"))
    assert index["config"]["lang"] == ["ru", "en"]


def test_no_third_party_assets(site):
    """No page loads anything from another host (fonts, scripts, styles, images)."""
    for page in site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for attribute in re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="([^"]+)"', html):
            assert not re.match(r"(https?:)?//", attribute) or attribute.startswith("http://127.0.0.1:8000/"), (
                page,
                attribute,
            )
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_material_loads_as_material_loads_it_and_edition_scripts_are_deferred(site):
    """Material's bundle is its own script tag at the end of the page (it starts on the page's one
    DOMContentLoaded; nothing re-dispatches that event); the edition's scripts are deferred."""
    pages = sorted(site.site.rglob("index.html"))
    assert len(pages) >= 7
    for page in pages:
        tree = site.page(page.parent.relative_to(site.site).as_posix())
        scripts = tree.xpath("//script[@src]")
        bundles = [s.get("src") for s in scripts if "javascripts/bundle." in s.get("src")]
        assert len(bundles) == 1 and (page.parent / bundles[0]).resolve().is_file(), page
        edition = [s for s in scripts if "assets/javascripts/" not in s.get("src")]
        assert edition and all(s.get("defer") is not None for s in edition), page
        assert "DOMContentLoaded" not in page.read_text(encoding="utf-8"), page
