"""Whose is a statement (hooks/edition/attribution.py): the checks with their exact messages, and
the corrections as a reader and a machine get them from the built site."""

import csv
import io
import json

import pytest
import yaml
from conftest import ROOT, checked
from edition import article, attribution, editorial


def words(element) -> str:
    """An element's text as a reader reads it (the edition's no-break spaces as spaces)."""
    return " ".join(element.text_content().split())


DOCS = ROOT / "docs"
EVENTS = yaml.safe_load((DOCS / "data/events.yml").read_text(encoding="utf-8"))["events"]
VOCAB = yaml.safe_load((DOCS / "data/vocabularies.yml").read_text(encoding="utf-8"))
DATA = yaml.safe_load((DOCS / "data/editorial.yml").read_text(encoding="utf-8"))
META = checked(article.article_problems(DOCS / "data/article.yml"), "docs/data/article.yml")
BY_ID = {e["id"]: e for e in EVENTS}

SOURCES = {
    "sources": [
        {
            "id": "decree-2020",
            "type": "document",
            "title": "Указ «О Концепции … на 2020–2030 годы»",
            "date": "2020-03-06",
        }
    ]
}


def definition(markdown: str) -> list[str]:
    glossary = "## G {#g}\n\nТермин {#term}\n:   *Term*\n\n    " + markdown + "\n"
    found = attribution.definition_problems(editorial.glossary_definitions(glossary), SOURCES, "glossary.md")
    return [str(p) for p in found]


# --- glossary definitions -------------------------------------------------------------------------


def test_a_year_from_the_abstract_in_the_editions_voice_fails():
    assert definition("Концепция 2020–2030 принята в 2019 г. ([Abstract](abstract.md#abstract)).") == [
        "glossary.md:6: entry 'Термин' [definition]: states '2020' in the edition's own voice, on the word of "
        "the abstract (abstract.md#abstract); say whose it is («по данным аннотации»), or cite an editorial "
        "source that covers it ([…](#ed-<id>))",
        "glossary.md:6: entry 'Термин' [definition]: states '2030' in the edition's own voice, on the word of "
        "the abstract (abstract.md#abstract); say whose it is («по данным аннотации»), or cite an editorial "
        "source that covers it ([…](#ed-<id>))",
        "glossary.md:6: entry 'Термин' [definition]: states '2019' in the edition's own voice, on the word of "
        "the abstract (abstract.md#abstract); say whose it is («по данным аннотации»), or cite an editorial "
        "source that covers it ([…](#ed-<id>))",
    ]


def test_a_year_from_the_text_in_the_editions_voice_fails():
    assert definition("Договор, подписанный в 1992 г. ([абз. 5](article.md#p5)).") == [
        "glossary.md:6: entry 'Термин' [definition]: states '1992' in the edition's own voice, on the word of "
        "the article (article.md#p5); say whose it is («по словам авторов», «в статье»), or cite an editorial "
        "source that covers it ([…](#ed-<id>))"
    ]


@pytest.mark.parametrize(
    "markdown",
    [
        "По данным аннотации, Концепция принята в 2019 г. ([Abstract](abstract.md#abstract)).",
        "По словам авторов, подписан в 1992 г. ([абз. 5](article.md#p5)).",
        "В статье: «В 1992 г. Казахстан … подписал» ([абз. 6](article.md#p6)).",
        "Утверждена в 2020 г. ([Abstract](abstract.md#abstract); [Указ](#ed-decree-2020)).",
        "Государство ([абз. 3](article.md#p3)).",
    ],
)
def test_a_year_marked_as_the_sources_quoted_or_covered_passes(markdown):
    assert definition(markdown) == []


def test_the_marker_counts_only_before_its_own_link():
    assert definition(
        "По данным аннотации, X ([Abstract](abstract.md#abstract)); "
        "принята в 2019 г. ([Abstract](abstract.md#abstract))."
    )[0].startswith("glossary.md:6: entry 'Термин' [definition]: states '2019' in the edition's own voice")


def test_the_previous_glossary_wording_is_caught():
    """As the glossary stood before the corrections (Токаев К.-Ж.К.)."""
    assert definition(
        "Президент Республики Казахстан; Концепция внешней политики на 2020–2030 гг., принятая в\n    2019 г., "
        "была частью его предвыборной программы ([Abstract](abstract.md#abstract))."
    )[0].startswith("glossary.md:6: entry 'Термин' [definition]: states '2020' in the edition's own voice")


# --- events ---------------------------------------------------------------------------------------


def event(**changes) -> dict:
    raw = {
        "id": "x",
        "date": "2019",
        "kind": "concept",
        "title": {"ru": "По данным аннотации, принята Концепция", "en": "According to the abstract, adopted"},
        "sources": [
            {"page": "abstract.md", "paragraph": "abstract", "quote": "the Foreign Policy Concept was adopted"}
        ],
    }
    raw.update(changes)
    return raw


def event_problems(raw: dict) -> list[str]:
    return [str(p) for p in attribution.event_problems([raw], VOCAB, "events.yml", lambda i, path: 7)]


def test_an_event_only_the_abstract_attests_says_so_in_both_titles():
    assert event_problems(event()) == []
    assert event_problems(event(title={"ru": "Принята Концепция", "en": "Concept adopted"})) == [
        "events.yml:7: event 'x' [title.ru]: only the abstract attests the event, but the title states it as "
        "fact; say whose it is («по данным аннотации»)",
        "events.yml:7: event 'x' [title.en]: only the abstract attests the event, but the title states it as "
        "fact; say whose it is («according to the abstract»)",
    ]


def test_an_event_the_text_attests_needs_no_marker():
    source = {"page": "article.md", "paragraph": "p5", "quote": "визиты президента в Россию"}
    assert event_problems(event(kind="visit", title={"ru": "Визит", "en": "Visit"}, sources=[source])) == []


def test_a_kind_says_no_more_than_the_quotes():
    quote = "In 1995, the Kazakh leadership took action to remove the Soviet nuclear weapons from its territory."
    raw = event(kind="treaty", sources=[{"page": "abstract.md", "paragraph": "abstract", "quote": quote}])
    assert event_problems(raw) == [
        "events.yml:7: event 'x' [kind]: kind 'treaty' («договор») says more than the event's quotes: none has any "
        "of its words (договор, treaty); choose a kind whose words the quotes use (docs/data/vocabularies.yml), "
        "or quote the words that say it"
    ]
    assert event_problems(dict(raw, kind="action")) == []
    old = dict(
        VOCAB, kinds=dict(VOCAB["kinds"], disarmament={"ru": "разоружение", "en": "disarmament", "words": ["разоруж"]})
    )
    assert [p.field for p in attribution.event_problems([dict(raw, kind="disarmament")], old)] == ["kind"]


def test_by_a_year_stays_by():
    source = {
        "page": "article.md",
        "paragraph": "p4",
        "quote": "смогли сформулировать основные направления дипломатии к 1995 г.",
    }
    raw = event(
        date="1995",
        title={"ru": "Основные направления сформулированы в 1995 г.", "en": "Directions formulated in 1995"},
        sources=[source],
    )
    assert event_problems(raw) == [
        "events.yml:7: event 'x' [kind]: kind 'concept' («концепция») says more than the event's quotes: none has "
        "any of its words (концепц, concept); choose a kind whose words the quotes use "
        "(docs/data/vocabularies.yml), or quote the words that say it",
        "events.yml:7: event 'x' [title.ru]: the quote says «к 1995 г.» (by 1995), the title gives 1995 as the "
        "date; keep the source's «к 1995»",
        "events.yml:7: event 'x' [title.en]: the quote says «к 1995 г.» (by 1995), the title gives 1995 as the "
        "date; keep the source's «by 1995»",
    ]
    kept = dict(raw, kind="concept", title={"ru": "Сформулированы к 1995 г.", "en": "Formulated by 1995"})
    assert [p.field for p in attribution.event_problems([kept], VOCAB)] == ["kind"]


# --- vocabularies ---------------------------------------------------------------------------------


def test_parties_are_what_the_overviews_rows_are():
    vocab = dict(
        VOCAB,
        parties=dict(VOCAB["parties"], CST={"ru": "ДКБ", "en": "CST", "type": "treaty"}, XX={"ru": "x", "en": "x"}),
    )
    assert [str(p) for p in attribution.vocabulary_problems(vocab, "v.yml", lambda path: 3)] == [
        "v.yml:3: party 'CST' [type]: 'treaty' is not a row of the overview; a party is one of: state, "
        "organisation; a treaty, a programme or a document is an event or a glossary term, not a party",
        "v.yml:3: party 'XX' [type]: no type: a row of the overview; a party is one of: state, organisation; "
        "a treaty, a programme or a document is an event or a glossary term, not a party",
    ]


def test_kinds_have_definitions_and_words_and_former_codes_keep_one_meaning():
    kinds = dict(VOCAB["kinds"], parade={"ru": "парад", "en": "parade", "formerly": ["membership", "visit"]})
    assert [str(p) for p in attribution.vocabulary_problems(dict(VOCAB, kinds=kinds), "v.yml", lambda path: 4)] == [
        "v.yml:4: kind 'programme' [formerly]: 'membership' is also a former code of 'parade'; an old ?kind= link "
        "must keep one meaning: choose a new code",
        "v.yml:4: kind 'parade' [definition]: no definition; say what the kind means for an event to be of this kind",
        "v.yml:4: kind 'parade' [words]: no words; list the words a quote must use for an event to be of this kind",
        "v.yml:4: kind 'parade' [formerly]: 'membership' is also a former code of 'programme'; an old ?kind= link "
        "must keep one meaning: choose a new code",
        "v.yml:4: kind 'parade' [formerly]: 'visit' is a current kind; an old ?kind= link must keep one meaning: "
        "choose a new code",
    ]


# --- rights and licence texts ---------------------------------------------------------------------


def test_rights_texts_name_only_what_exists_in_the_editions_forms():
    texts = {
        "LICENSE-apparatus": "covers: the editorial notes, the titles and descriptions of the timeline's\nevents.\n"
        "The article by R. S. Kurmanguzhin and A. Chebotarev",
        "about.md": "Статья Р. С. Курмангужина и А. Чеботарёва; описания событий хронологии; Р. Курмангужин",
    }
    assert [str(p) for p in attribution.rights_problems(texts, META, {"id", "title"})] == [
        "LICENSE-apparatus:1: rights: 'descriptions of the timeline': the timeline's events have titles, not "
        "descriptions (docs/data/events.yml); name only what the edition has",
        "LICENSE-apparatus:3: rights: 'R. S. Kurmanguzhin': the edition writes 'R. Kurmanguzhin' "
        "(docs/data/article.yml); use that form",
        "about.md:1: rights: 'описания событий': the timeline's events have titles, not descriptions "
        "(docs/data/events.yml); name only what the edition has",
        "about.md:1: rights: 'Р. Курмангужин': the edition writes 'Р. С. Курмангужин' (docs/data/article.yml); "
        "use that form",
    ]
    assert attribution.rights_problems(texts, META, {"id", "title", "description"})[0].message.startswith("'R. S.")


def test_the_projects_own_data_and_texts_pass():
    from edition import datafile, model

    definitions = editorial.glossary_definitions((DOCS / "glossary.md").read_text(encoding="utf-8"))
    vocab = datafile.read(DOCS / "data/vocabularies.yml", "docs/data/vocabularies.yml", "vocabularies")
    events = datafile.read(DOCS / "data/events.yml", "docs/data/events.yml", "events")
    about = (DOCS / "about.md").read_text(encoding="utf-8")
    assert model.attribution_problems(ROOT, {"about.md": about}, META, definitions, DATA, vocab, events) == []


# --- the corrections, as built ---------------------------------------------------------------------


def test_abstract_only_dates_are_the_abstracts_and_the_decree_is_noted(site):
    timeline = site.page("timeline")
    [title] = timeline.xpath('//*[@id="ev-kz-concept-2020-2030-adopted-2019"]//*[@class="tl-event__name"]')
    assert words(title).startswith("По данным аннотации, в 2019 г.")
    for year in ("2000", "2005", "2014"):
        [name] = timeline.xpath(f'//*[@id="ev-kz-concept-amended-{year}"]//*[@class="tl-event__name"]')
        assert words(name).startswith("По данным аннотации")
    [note] = site.page("article").xpath('//*[@id="ed-note-concept-2020-2030"]')
    assert "6 марта 2020 г. № 280" in words(note)
    [source] = note.xpath('.//a[contains(@href, "#ed-kz-concept-decree-2020")]')
    assert "№ 280" in words(source) and "2020" in words(source)
    [pointer] = site.page("abstract").xpath('//a[@class="ed-enote"][contains(@href, "ed-note-concept-2020-2030")]')
    assert pointer.get("href") == "../article/#ed-note-concept-2020-2030"
    glossary = site.page("glossary")
    [concept] = glossary.xpath('//*[@id="foreign-policy-concept"]/following-sibling::dd[1]')
    assert "По данным аннотации" in words(concept) and "принята в 2019 г." in words(concept)
    assert concept.xpath('.//a[contains(@href, "#ed-kz-concept-decree-2020")]')


def test_titles_visits_by_year_and_by_1995(site):
    names = {
        e.get("id"): words(e.xpath('.//*[@class="tl-event__name"]')[0])
        for e in site.page("timeline").xpath('//article[contains(@class, "tl-event")]')
    }
    assert names["ev-kz-ru-visit-1994"] == "Визит Н. А. Назарбаева в Россию 1994 г."
    assert names["ev-kz-us-visit-1994"] == "Визит главы Казахстана в США 1994 г."
    assert not [n for n in names.values() if n.startswith("Второй визит")]
    assert "к 1995 г." in names["ev-kz-first-concept-1995"]


def test_pfp_is_a_programme_in_every_export_and_old_links_keep_their_meaning(site):
    exported = json.loads(site.text("timeline/events.json"))["events"]
    kinds = {e["id"]: e["kind"] for e in exported}
    assert kinds["nato-partnership-for-peace-1994"] == "programme"
    assert set(kinds.values()) <= set(VOCAB["kinds"])
    assert not {"membership", "disarmament", "deployment"} & set(kinds.values())
    rows = list(csv.DictReader(io.StringIO(site.text("timeline/events.csv"))))
    assert {r["kind"] for r in rows if r["id"] == "nato-partnership-for-peace-1994"} == {"programme"}
    groups = {e["unique_id"]: e["group"] for e in json.loads(site.text("timeline/timelinejs.json"))["events"]}
    assert groups["nato-partnership-for-peace-1994"] == "programme"
    assert "membership" not in site.text("timeline/events.csv") + site.text("timeline/timelinejs.json")
    [chip] = site.page("timeline").xpath('//button[@name="kind"][@value="programme"]')
    assert chip.get("data-formerly") == "membership"


def test_the_overviews_rows_are_states_and_organisations(site):
    timeline = site.page("timeline")
    lanes = [tr.get("data-lane") for tr in timeline.xpath('//table[@class="tl-ov"]//tr[@data-lane]')]
    assert lanes and "CST" not in lanes
    assert {VOCAB["parties"][code]["type"] for code in lanes} <= set(VOCAB["rows"])
    [caption] = timeline.xpath('//figure[contains(@class, "tl-overview")]/figcaption')
    assert all(VOCAB["rows"][kind]["ru"] in words(caption) for kind in VOCAB["rows"])


def test_oic_and_the_constitution_say_what_their_sources_say(site):
    glossary = site.page("glossary")
    text = words(glossary)
    assert "исламского сотрудничества" not in text and "Islamic Cooperation" not in text
    [constitution] = glossary.xpath('//*[@id="ed-rsfsr-constitution-1978"]')
    cited = words(constitution)
    assert "Конституция (Основной Закон) Российской Федерации — России" in cited
    assert "1989–1990" in cited and "21 апреля 1992 г." in cited


def test_authors_access_and_scripts_are_stated_as_known(site):
    assert [m.get("content") for m in site.page("article").xpath('//meta[@name="author"]')] == [
        "Р. С. Курмангужин, А. Чеботарёв"
    ]
    assert [m.get("content") for m in site.page("abstract").xpath('//meta[@name="author"]')] == [
        "R. Kurmanguzhin, A. Chebotarev"
    ]
    assert site.page("").xpath('//meta[@name="author"]')[0].get("content") == META["edition"]["editors"]["ru"]
    article_text = words(site.page("article"))
    assert "Полный текст:" not in article_text and "оформив подписку на статью или выпуск" in article_text
    assert "показывает открыто" not in words(site.page(""))
    about = words(site.page("about"))
    assert "при первом действии" not in about and "defer" in about
    assert "указывает его только для А. Чеботарёва" in about and "(источники 8 и 11" in about
    for variant in ("prompted both by domestic developments and the situation", "C.- J. C. Tokayev"):
        assert variant in about and variant not in words(site.page("abstract"))


def test_json_ld_types_are_what_schema_org_expects(site):
    [script] = site.page("article").xpath('//script[@type="application/ld+json"]')
    data = json.loads(script.text)
    assert isinstance(data["abstract"], str) and data["abstract"].startswith("During the thirty years")
    [edition] = site.page("").xpath('//script[@type="application/ld+json"]')
    website = json.loads(edition.text)
    assert "editor" not in website and website["creator"]["@type"] == "Organization"


@pytest.mark.browser
def test_an_old_kind_link_selects_the_renamed_kind(page, server):
    page.goto(server + "timeline/?kind=membership")
    shown = page.eval_on_selector_all(".tl-event", "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert shown == ["ev-nato-partnership-for-peace-1994"]
    assert page.evaluate("location.search") == "?kind=programme"


def english(markdown: str) -> list[str]:
    """The same rule for a definition's English (marked `{: lang="en" }`), with English markers."""
    glossary = "## G {#g}\n\nТермин {#term}\n:   *Term*\n\n    Термин.\n\n    " + markdown + '\n    {: lang="en" }\n'
    definitions = [d.in_english() for d in editorial.glossary_definitions(glossary)]
    return [str(p) for p in attribution.definition_problems(definitions, SOURCES, "glossary.md", "English")]


def test_a_year_from_the_text_in_an_english_definition_says_whose_it_is():
    assert english("A treaty signed in 1992 ([para. 5](article.md#p5)).") == [
        "glossary.md:8: entry 'Термин' [English]: states '1992' in the edition's own voice, on the word of "
        "the article (article.md#p5); say whose it is (“according to the authors”), or cite an editorial "
        "source that covers it ([…](#ed-<id>))"
    ]
    assert english("According to the authors, a treaty signed in 1992 ([para. 5](article.md#p5)).") == []
    assert english("The article: “In 1992, Kazakhstan signed” ([para. 5](article.md#p5)).") == []
