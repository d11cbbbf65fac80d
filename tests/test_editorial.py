"""Editorial statements and their sources (docs/data/editorial.yml, hooks/editorial.py): the rule
checked on the glossary (exact messages), and what a reader gets on the built pages."""

import re

import pytest
import yaml
from conftest import ROOT, edit, source_text
from edition import datafile, editorial
from edition.corpus import Corpus, Paragraph

SOURCE = source_text()
DATA = yaml.safe_load((ROOT / "docs/data/editorial.yml").read_text(encoding="utf-8"))
ABSTRACT = SOURCE.split("Abstract\n\n", 1)[1].split("\n", 1)[0]
CAVEAT = "Размещенный ниже текст является ознакомительной версией и может не соответствовать печатной"


def corpus() -> Corpus:
    return Corpus(
        pages={
            "article.md": [
                Paragraph("article.md", "p1", "ВВЕДЕНИЕ", 1, is_heading=True),
                Paragraph("article.md", "p5", "Так, в 1992 и 1994 гг. состоялись визиты в Пекине.", 5),
            ],
            "abstract.md": [Paragraph("abstract.md", "abstract", "In 2019, the Concept was adopted.", 3)],
        }
    )


DATA_FIXTURE = {
    "sources": [
        {"id": "cst-1992", "type": "document", "title": "Договор", "place": "Ташкент", "date": "1992-05-15"},
        {"id": "enc", "type": "reference", "work": "Encyclopaedia", "title": "Article"},
    ],
    "notes": [{"id": "n1"}],
    "normalisations": [],
}


def problems(markdown: str) -> list[str]:
    glossary = "## G {#g}\n\nТермин {#term}\n:   *Term*\n\n    " + markdown + "\n"
    definitions = editorial.glossary_definitions(glossary)
    return [str(p) for p in editorial.definition_problems(definitions, corpus(), DATA_FIXTURE, "glossary.md")]


def test_a_year_without_a_link_or_source_fails_naming_file_line_and_entry():
    assert problems("Подписан 15 мая 1992 г. в Ташкенте.") == [
        "glossary.md:6: entry 'Термин' [definition]: states '1992' but neither a paragraph it links says so "
        "nor an editorial source it cites covers it; link the paragraph ([абз. 5](article.md#p5)), cite a "
        "source of docs/data/editorial.yml ([…](#ed-<id>)), or drop the date"
    ]


def test_a_month_without_a_year_counts_as_a_date():
    assert problems("Подписан в январе.")[0].startswith("glossary.md:6: entry 'Термин' [definition]: states 'январе'")


@pytest.mark.parametrize(
    "markdown",
    [
        "Визиты в 1994 г. ([абз. 5](article.md#p5)).",
        "Принята в 2019 г. ([Abstract](abstract.md#abstract)).",
        "Подписан 15 мая 1992 г. ([Договор, 1992](#ed-cst-1992)).",
        "Вступил в должность в 1993 г. ([Article](#ed-enc)).",
        "Определение без дат.",
    ],
)
def test_a_year_with_a_paragraph_that_says_it_or_a_source_that_covers_it_passes(markdown):
    assert problems(markdown) == []


def test_a_linked_paragraph_that_does_not_say_the_year_is_not_enough():
    assert problems("Визит 1996 г. ([абз. 5](article.md#p5)).")[0].startswith(
        "glossary.md:6: entry 'Термин' [definition]: states '1996' but neither"
    )


def test_a_document_covers_only_its_own_year():
    assert problems("Вступил в силу в 1994 г. ([Договор](#ed-cst-1992)).")[0].startswith(
        "glossary.md:6: entry 'Термин' [definition]: states '1994'"
    )


def test_a_quote_before_a_paragraph_link_must_be_in_that_paragraph():
    assert problems("В статье: «визиты в Пекине» ([абз. 5](article.md#p5)).") == []
    assert problems("В статье: «визиты в Москве» ([абз. 5](article.md#p5)).") == [
        "glossary.md:6: entry 'Термин' [definition]: quote «визиты в Москве» is not in article.md#p5; "
        "copy the words exactly, or drop the quotation marks"
    ]


def test_links_to_missing_paragraphs_headings_sources_and_notes_fail():
    assert problems(
        "А ([абз. 9](article.md#p9)), Б ([абз. 1](article.md#p1)), В ([x](#ed-nothing)), "
        "Г ([к абз. 3](article.md#ed-note-n2)), Д ([к абз. 3](article.md#ed-note-n1))."
    ) == [
        "glossary.md:6: entry 'Термин' [definition]: links article.md#p9, which is not a paragraph of the "
        "text; use an anchor such as article.md#p5",
        "glossary.md:6: entry 'Термин' [definition]: links article.md#p1, which is not a paragraph of the "
        "text; use an anchor such as article.md#p5",
        "glossary.md:6: entry 'Термин' [definition]: cites #ed-nothing, but docs/data/editorial.yml has no "
        "source with that id",
        "glossary.md:6: entry 'Термин' [definition]: links article.md#ed-note-n2, but docs/data/editorial.yml "
        "has no note with that id",
    ]


def test_definition_lines_and_text():
    markdown = "Т {#t}\n:   *T*\n\n    Первая строка\n    вторая.\n\nУ {#u}\n:   *U*\n\n    Третья.\n"
    assert [(d.id, d.line, d.markdown) for d in editorial.glossary_definitions(markdown)] == [
        ("t", 4, "Первая строка вторая."),
        ("u", 10, "Третья."),
    ]


def test_places_must_be_named_in_the_events_paragraphs():
    raws = [
        {"id": "ok", "place": {"ru": "Пекин"}, "sources": [{"page": "article.md", "paragraph": "p5"}]},
        {"id": "bad", "place": {"ru": "Москва"}, "sources": [{"page": "article.md", "paragraph": "p5"}]},
        {"id": "none", "sources": [{"page": "article.md", "paragraph": "p5"}]},
    ]
    assert [str(p) for p in editorial.place_problems(raws, corpus(), "events.yml", lambda i: i + 10)] == [
        "events.yml:11: event 'bad' [place.ru]: 'Москва' is named in none of the event's paragraphs; "
        "a place comes from the article, or is left out"
    ]


def test_years_in_event_titles_must_be_attested():
    raws = [
        {"id": "ok", "date": "2000", "title": {"ru": "Изменения (2000)", "en": "Amended (2000)"}, "sources": []},
        {
            "id": "quoted",
            "date": "2019",
            "title": {"en": "Concept 2020–2030"},
            "sources": [{"quote": "Concept 2020–2030"}],
        },
        {
            "id": "bad",
            "date": "1995",
            "title": {"ru": "Решение 1996 г.", "en": "Decision"},
            "sources": [{"quote": "x"}],
        },
    ]
    assert [str(p) for p in editorial.title_problems(raws, "events.yml", lambda i, lang: i)] == [
        "events.yml:2: event 'bad' [title.ru]: the title names 1996, which is neither the event's date nor in "
        "its quotes; a title says only what the quoted words say"
    ]


def test_source_citations_name_title_place_and_date_only():
    document, reference = DATA_FIXTURE["sources"]
    assert editorial.source_citation(document) == "Договор (Ташкент, 15 мая 1992 г.)."
    assert editorial.source_citation(reference) == "Article // Encyclopaedia."


def test_editorial_data_loads_without_problems():
    scanned = Corpus(
        pages={
            "article.md": [Paragraph("article.md", "p3", "В 1996 г. с приходом президента Б. Клинтона утвердился", 3)],
            "abstract.md": [Paragraph("abstract.md", "abstract", ABSTRACT, 3)],
        }
    )
    data, found = editorial.check(
        datafile.read(ROOT / "docs/data/editorial.yml", "docs/data/editorial.yml", "editorial", editorial.label),
        scanned,
    )
    assert found == [] and data["sources"] and data["normalisations"]


def test_the_data_names_no_url_or_page_number():
    text = (ROOT / "docs/data/editorial.yml").read_text(encoding="utf-8")
    body = text.split("\nsources:", 1)[1].split("\nnormalisations:", 1)[0]
    assert not re.search(r"https?://|www\.|\bс\. \d|\bp\. \d|\bpp\. \d|\bdoi\b", body, re.I)


def test_bad_editorial_data_fails_the_build_listing_every_problem(project, build_copy):
    path = project / "docs/data/editorial.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('    date: "1992-05-15"', '    date: "15.05.1992"', 1)
    text = text.replace("    sources: [britannica-clinton]", "    sources: [britannica]", 1)
    text = text.replace('quote: "В 1996 г. с приходом президента Б. Клинтона"', 'quote: "В 1997 г. с приходом"', 1)
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    date_line = lines.index('    date: "15.05.1992"') + 1
    output = build_copy(project).failure()
    assert (
        f"docs/data/editorial.yml:{date_line}: sources entry 'cst-1992' [date]: \"15.05.1992\" has the wrong form"
    ) in output
    assert "Traceback" not in output
    # the schema problem stops the checks that need sound data: they are reported on the next run
    text = text.replace('    date: "15.05.1992"', '    date: "1992-05-15"', 1)
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    output = build_copy(project).failure()
    source_line = lines.index("    sources: [britannica]") + 1
    quote_line = lines.index('    quote: "В 1997 г. с приходом"') + 1
    assert (
        f"docs/data/editorial.yml:{source_line}: notes entry 'clinton-1993' [sources[1]]: unknown source "
        "'britannica'; add it under `sources` or fix the id"
    ) in output
    assert (
        f"docs/data/editorial.yml:{quote_line}: notes entry 'clinton-1993' [quote]: quote not found in "
        "article.md#p3: 'В 1997 г. с приходом'; copy the words exactly from that paragraph"
    ) in output
    assert "Traceback" not in output


def test_an_unsourced_date_in_the_glossary_fails_the_build(project, build_copy):
    glossary = project / "docs/glossary.md"
    edit(glossary, "    Программа НАТО. В статье:", "    Программа НАТО, начатая в 1990 г. В статье:")
    lines = glossary.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("    Программа НАТО, начатая в 1990 г."))
    output = build_copy(project).failure()
    assert (
        f"docs/glossary.md:{line}: entry 'Партнерство во имя мира' [definition]: states '1990' but neither a "
        "paragraph it links says so nor an editorial source it cites covers it"
    ) in output
    assert "Traceback" not in output


# --- the built site ------------------------------------------------------------------------------


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def test_every_glossary_definition_with_a_year_links_a_paragraph_or_an_editorial_source(site):
    page = site.page("glossary")
    sources = {li.get("id") for li in page.xpath('//ol[@class="edition-editorial-sources"]/li')}
    assert sources == {f"ed-{s['id']}" for s in DATA["sources"]}
    checked = 0
    for dd in page.xpath("//dl/dd"):
        definition = dd.xpath("./p")[1]  # the English equivalent, then the definition
        if not re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", text_of(definition)):
            continue
        checked += 1
        targets = [a.get("href") for a in definition.xpath(".//a[@href]")]
        assert any(re.search(r"#(p\d+|fn:note-\d+|abstract)$", t) or t.lstrip("#") in sources for t in targets), (
            text_of(definition)
        )
    assert checked >= 10


def test_glossary_states_no_unsourced_facts_from_the_issue(site):
    """Facts the audit found without a source are gone or carry one."""
    text = text_of(site.page("glossary").xpath('//article[contains(@class, "md-content__inner")]')[0])
    for dropped in (
        "Борис Николаевич",
        "Нурсултан Абишевич",
        "Касым-Жомарт Кемелевич",
        "Назарбаева в Москву",
        "Назарбаева в Вашингтон",
        "1 ноября 1993",
        "1990–2019",
        "1993–2001",
        "1987–1998",
        "Высший орган государственной власти России",
    ):
        assert dropped not in text, dropped


def test_editorial_note_is_outside_the_paragraphs_and_names_its_source(site):
    page = site.page("article")
    for note in DATA["notes"]:
        [item] = page.xpath(f'//*[@id="ed-note-{note["id"]}"]')
        assert not item.xpath('ancestor::*[starts-with(@id, "p")]')
        assert note["quote"] in text_of(item)
        [link] = item.xpath('.//a[contains(@href, "#ed-")][not(@data-cite)]')
        target = link.get("href").rsplit("#", 1)[1]
        assert site.page("glossary").xpath(f'//*[@id="{target}"]')
        [paragraph] = site.page(note["page"].removesuffix(".md")).xpath(f'//*[@id="{note["paragraph"]}"]')
        assert note["text"].split(";")[0] not in text_of(paragraph)
        # beside its paragraph, a pointer to the note on the article page
        pointers = site.page(note["page"].removesuffix(".md")).xpath('//a[@class="ed-enote"]/@href')
        assert [h for h in pointers if h.endswith(f"#ed-note-{note['id']}")], note["id"]


def test_the_publishers_caveat_is_quoted_whole(site):
    assert CAVEAT in SOURCE
    assert f"«{CAVEAT}»" in text_of(site.page("article"))


def test_the_dates_are_printed_as_the_sources_print_them(site):
    text = text_of(site.page("abstract"))
    received, published = re.search(
        r"Received(\d\d\.\d\d\.\d{4})\nPublication date(\d\d\.\d\d\.\d{4})", SOURCE
    ).groups()
    assert f"Received {received}, publication date {published}" in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text)


def test_the_rights_statement_claims_no_holder(site):
    footer = text_of(site.page("article").xpath('//*[contains(@class, "md-copyright__highlight")]')[0])
    assert "©" not in footer
    assert "правообладател" in footer and "CC BY 4.0" in footer
    about = site.page("about")
    [rights] = about.xpath('//*[@id="rights"]/following-sibling::ul[1]')
    assert "не называют правообладателя" in text_of(rights)


def test_events_data_follows_the_source():
    events = yaml.safe_load((ROOT / "docs/data/events.yml").read_text(encoding="utf-8"))["events"]
    by_id = {e["id"]: e for e in events}
    assert "Removal" not in by_id["nuclear-weapons-removal-1995"]["title"]["en"]
    assert "took action to remove" in SOURCE
    for event_id in ("cst-declaration-1995", "cst-security-plan-1995", "csc-secretariat-1996"):
        assert "KZ" in by_id[event_id]["parties"]
    title = by_id["cst-security-plan-1995"]["title"]["ru"]
    assert title in SOURCE
    vocab = yaml.safe_load((ROOT / "docs/data/vocabularies.yml").read_text(encoding="utf-8"))
    assert "membership" not in vocab["kinds"] and by_id["nato-partnership-for-peace-1994"]["kind"] == "programme"
    assert "membership" not in vocab["kinds"]["programme"]["en"] and vocab["kinds"]["programme"]["formerly"] == [
        "membership"
    ]
