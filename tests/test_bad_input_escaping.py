"""Text from the data reaches every output as text: never as markup, a formula or a broken tag.

One build of a project copy whose article metadata, an event and a reference carry markup,
quotes and spreadsheet formulas; every built file is then read as a reader's browser, a
spreadsheet or TimelineJS would read it.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import copy_project, edit, run_build
from edition import templates
from lxml import html as lxml_html

SCRIPT = "<script>alert(1)</script>"
TITLE = f'Дипломатия "Казахстана"><{SCRIPT[1:]} & <b>x</b>'
FAMILY = 'Курман"гужин<i>'
EVENT_TITLE = f'=HYPERLINK("http://x") {SCRIPT}'
BIB_TITLE = "История <b>независимого</b> & Казахстана"
MARKDOWN_TITLE = "Договор](javascript:alert(1)) [ *о дружбе*{: onmouseover=alert(1) }"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    edit(
        project / "docs/data/article.yml",
        'ru: "Дипломатия Республики Казахстан: эволюция внешнеполитических концепций"',
        json.dumps(TITLE, ensure_ascii=False).join(("ru: ", "")),
    )
    edit(project / "docs/data/article.yml", 'family: {ru: "Курмангужин"', f"family: {{ru: {json.dumps(FAMILY)}")
    edit(
        project / "docs/data/events.yml",
        'ru: "Два варианта Концепции внешней политики России"',
        f"ru: {json.dumps(EVENT_TITLE, ensure_ascii=False)}",
    )
    edit(
        project / "docs/data/events.yml",
        'ru: "Договор о дружбе, сотрудничестве и взаимной помощи"',
        f"ru: {json.dumps(MARKDOWN_TITLE, ensure_ascii=False)}",
    )
    edit(
        project / "bibliography.bib",
        "{История независимого Казахстана: политическая модернизация}",
        "{История <b>независимого</b> \\& Казахстана}",
    )
    build = run_build(project, tmp_path_factory.mktemp("cwd"))
    assert build.returncode == 0, build.output
    return build


def built_files(build, *suffixes):
    return [path for path in build.site.rglob("*") if path.suffix in suffixes]


def test_no_markup_from_the_data_in_any_page(hostile):
    """In HTML (and the JSON TimelineJS renders as HTML) the data's `<` is never a tag.
    Plain-text exports (RIS, CSL-JSON, CSV, BibTeX) carry the text as it is."""
    for path in [*built_files(hostile, ".html", ".xml"), hostile.site / "timeline/timelinejs.json"]:
        text = path.read_text(encoding="utf-8")
        assert SCRIPT not in text, path
        assert "<b>независимого" not in text, path
        assert FAMILY not in text, path  # its `"` and `<i>` are always escaped


def test_head_metadata_carries_the_text_exactly(hostile):
    page = hostile.page("article")
    head = {}
    for meta in page.xpath("//head/meta[@name or @property]"):
        head.setdefault(meta.get("name") or meta.get("property"), []).append(meta.get("content"))
    assert head["citation_title"] == [TITLE]
    assert head["DC.title"] == [TITLE]
    assert head["citation_author"] == [f"{FAMILY}, Р. С.", "Чеботарёв, А."]
    assert head["DC.creator"] == [f"{FAMILY}, Р. С.", "Чеботарёв, А."]
    [ld] = page.xpath('//script[@type="application/ld+json"]')
    data = json.loads(ld.text)
    assert data["headline"] == TITLE
    assert data["author"][0]["name"] == f"Р. С. {FAMILY}"


def test_the_event_title_is_text_on_every_page(hostile):
    for path in ("timeline", "article"):
        page = hostile.page(path)
        for script in page.xpath('//script[contains(., "alert(1)")]'):  # data for the page's scripts
            assert script.get("type") in ("application/json", "application/ld+json"), path
            assert "<" not in script.text, path
            json.loads(script.text)
        assert not page.xpath("//*[@onclick or @onerror]"), path
    texts = [" ".join(el.text_content().split()) for el in hostile.page("timeline").xpath("//*[@id]")]
    assert any(EVENT_TITLE in text for text in texts)


def test_the_reference_title_is_text(hostile):
    page = hostile.page("bibliography")
    assert not page.xpath('//*[@id="chebotarev-2022"]//b')
    assert "История <b>независимого</b> & Казахстана" in page.xpath('//*[@id="chebotarev-2022"]')[0].text_content()
    items = json.loads(hostile.text("downloads/references.json"))
    [item] = [i for i in items if i["id"] == "chebotarev-2022"]
    assert item["title"] == BIB_TITLE


def test_timelinejs_gets_escaped_text(hostile):
    data = json.loads(hostile.text("timeline/timelinejs.json"))
    [event] = [e for e in data["events"] if e["unique_id"] == "ru-concept-variants-1992"]
    assert event["text"]["headline"] == '=HYPERLINK("http://x") &lt;script&gt;alert(1)&lt;/script&gt;'
    assert lxml_html.fromstring(f"<div>{event['text']['headline']}</div>").text_content() == EVENT_TITLE


def test_csv_cells_are_not_formulas(hostile):
    rows = list(csv.DictReader(io.StringIO(hostile.text("timeline/events.csv"))))
    [row] = [r for r in rows if r["id"] == "ru-concept-variants-1992"]
    assert row["title_ru"] == "'" + EVENT_TITLE
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_inline_json_cannot_close_its_script_element():
    text = str(templates.inline_json({"a</script><!--": "&x>"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a</script><!--": "&x>"}


def test_the_real_site_has_no_fulltext_url_and_complete_scholar_tags(site):
    page = site.page("article")

    def content(name):
        return [m.get("content") for m in page.xpath(f'//head/meta[@name="{name}"]')]

    assert content("citation_fulltext_html_url") == []
    assert content("citation_abstract_html_url") == ["http://127.0.0.1:8000/abstract/"]
    assert content("DC.creator") == ["Курмангужин, Р. С.", "Чеботарёв, А."]
    assert content("citation_firstpage") == ["74"] and content("citation_lastpage") == ["84"]
    [ld] = page.xpath('//script[@type="application/ld+json"]')
    data = json.loads(ld.text)
    assert (data["pageStart"], data["pageEnd"]) == ("74", "84")
    assert [a["name"] for a in data["author"]] == ["Р. С. Курмангужин", "А. Чеботарёв"]
    og = {m.get("property"): m.get("content") for m in page.xpath("//head/meta[@property]")}
    assert og["og:title"] == "Текст статьи"
    assert og["og:type"] == "article" and og["og:locale"] == "ru_RU"
    assert og["og:url"] == "http://127.0.0.1:8000/article/"
    assert og["og:site_name"] == "Дипломатия Республики Казахстан — электронное издание"


def test_the_search_index_carries_the_data_as_text(hostile):
    """Material's search inserts an entry's title and text as HTML: the data's markup is escaped."""
    index = json.loads((hostile.site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = [part for entry in index["docs"] for part in (entry["title"], entry["text"])]
    assert not any(SCRIPT in text or "<b>" in text for text in texts)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in text for text in texts)  # the event's title, as text


def test_data_written_into_markdown_stays_text(hostile):
    """The glossary lists the events that name an entry as Markdown links: a title that looks like
    Markdown (a link's end, emphasis with an attribute list) is its words, not a link or a handler."""
    page = lxml_html.fromstring((hostile.site / "glossary/index.html").read_bytes())
    hrefs = [a.get("href") or "" for a in page.iter("a")]
    assert not any(href.lower().startswith("javascript:") for href in hrefs)
    assert not any(key.startswith("on") for element in page.iter() for key in element.attrib)
    texts = [" ".join(a.text_content().split()) for a in page.iter("a")]
    assert any("Договор](javascript:alert(1)) [ *о дружбе*{: onmouseover=alert(1) }" in text for text in texts)
