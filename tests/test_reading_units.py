"""Unit tests of the reading view's, the timeline overview's and the caches' pure functions."""

import json
import xml.etree.ElementTree as etree

import pytest
from edition import glossary, overview, reading, templates, typography
from edition.timeline import Event, Source

ENTRIES = glossary.parse_glossary(
    "## Орг {#org}\n\n"
    "ДКБ {#dkb}\n:   Договор о коллективной безопасности · *Collective Security Treaty (CST)*\n\n    Договор.\n\n"
    "РФ {#rf}\n:   Российская Федерация · *Russian Federation* · формы: Россия\n\n    Государство.\n"
)


def tree(html: str) -> etree.Element:
    return etree.fromstring(f"<div>{html}</div>")


def html(element: etree.Element) -> str:
    return etree.tostring(element, encoding="unicode")


def test_words_leave_out_note_markers_numbers_and_permalinks():
    p = tree(
        '<p id="p3"><a class="pnum" href="#p3">3</a>Намного легче<sup id="fnref:note-1">'
        '<a class="footnote-ref" href="#fn:note-1">1</a></sup> данный\u00a0процесс'
        '<a class="headerlink" href="#p3">¶</a></p>'
    )[0]
    assert reading.words(p) == "Намного легче данный процесс"


def test_wrap_puts_the_number_beside_the_paragraph_and_keeps_the_tail():
    root = tree('<p id="p2">Текст</p>после')
    p = root[0]
    number = etree.fromstring('<a class="pnum" href="#p2">2</a>')
    box = reading.wrap(root, p, number)
    assert html(root) == (
        '<div><div class="ed-par"><a class="pnum" href="#p2">2</a><p id="p2">Текст</p></div>после</div>'
    )
    assert box.tail == "после" and p.tail is None


def test_terms_are_marked_once_per_entry_across_text_and_abbreviations():
    root = tree(
        '<p>Россия и <abbr title="Российская Федерация">РФ</abbr> подписали Договор о коллективной '
        'безопасности (<abbr title="x">ДКБ</abbr>); России</p>'
    )
    p = root[0]
    made = reading.mark_terms(
        p,
        ENTRIES,
        reading.abbreviation_ids(ENTRIES),
        lambda entry: etree.Element("a", {"class": "ed-term", "data-term": entry}),
    )
    assert made == ["rf", "dkb"]
    assert html(p) == (
        '<p><a class="ed-term" data-term="rf">Россия</a> и <abbr title="Российская Федерация">РФ</abbr> подписали '
        '<a class="ed-term" data-term="dkb">Договор о коллективной безопасности</a> (<abbr title="x">ДКБ</abbr>); '
        "России</p>"
    )
    assert "".join(p.itertext()) == ("Россия и РФ подписали Договор о коллективной безопасности (ДКБ); России")


def test_an_abbreviation_that_is_a_term_is_wrapped_whole():
    root = tree('<p>граждан <abbr title="Российская Федерация">РФ</abbr>, а также</p>')
    reading.mark_terms(
        root[0], ENTRIES, reading.abbreviation_ids(ENTRIES), lambda entry: etree.Element("a", {"data-term": entry})
    )
    assert html(root[0]) == '<p>граждан <a data-term="rf"><abbr title="Российская Федерация">РФ</abbr></a>, а также</p>'


def test_citation_markers_on_the_baseline_and_references_apart_from_notes():
    root = tree(
        '<p>гегемонии” <sup id="fnref:ref-k"><a class="footnote-ref" href="#fn:ref-k">[1]</a></sup>.</p>'
        '<div class="footnote"><ol><li id="fn:note-1"><p>Примечание.</p></li>'
        '<li id="fn:ref-k"><p>[1] Автор. М., 2003. 60 с.</p></li></ol></div>'
    )
    reading.citation_markers_on_baseline(root)
    reading.split_footnotes(root, lambda: etree.fromstring('<p class="ed-cited__label">Ссылки</p>'))
    assert html(root[0]) == (
        '<p>гегемонии” <span id="fnref:ref-k" class="ed-citation"><a class="footnote-ref" '
        'href="#fn:ref-k">[1]</a></span>.</p>'
    )
    assert html(root[1]) == (
        '<div class="footnote"><ol><li id="fn:note-1"><p>Примечание.</p></li></ol>'
        '<p class="ed-cited__label">Ссылки</p><ul class="ed-cited"><li id="fn:ref-k">'
        "<p>[1] Автор. М., 2003. 60\u00a0с.</p></li></ul></div>"
    )


def test_script_json_cannot_end_its_element():
    text = templates.inline_json({"t": "</script><b>&"}, separators=(",", ":"))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><b>&"}


def test_a_pattern_filled_is_the_citation():
    assert reading.fill("Абз. ⟦n⟧. URL: ⟦url⟧", {"n": 5, "url": "u#p5"}) == "Абз. 5. URL: u#p5"
    with pytest.raises(KeyError):
        reading.fill("⟦title⟧", {"n": 1})


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023. Т. 67, № 7. С. 74–84.", "2023. Т.\u00a067,\u00a0№\u00a07. С.\u00a074–84."),
        ("Москва, 2003. 60 с.", "Москва, 2003. 60\u00a0с."),
        ("в 1992 и 1994 гг. визит", "в 1992 и 1994\u00a0гг. визит"),
        ("Шаклеина Т. А. Концепции", "Шаклеина\u00a0Т.\u00a0А. Концепции"),
        ("Курмангужин Р. С., Чеботарёв А. Дипломатия", "Курмангужин\u00a0Р.\u00a0С., Чеботарёв\u00a0А. Дипломатия"),
        ("Абз. 5.", "Абз.\u00a05."),
    ],
)
def test_no_break_inside_volume_issue_pages_and_years(text, expected):
    assert typography.nobreak(text) == expected


def event(id_, date, parties, kind="visit"):
    return Event(
        id=id_,
        date=date,
        kind=kind,
        parties=parties,
        title={"ru": id_, "en": id_},
        sources=[Source("article.md", "p5", "q")],
    )


VOCAB = {
    "kinds": {"visit": {"ru": "визит"}},
    "parties": {
        "KZ": {"ru": "Казахстан"},
        "RU": {"ru": "Россия"},
        "CN": {"ru": "Китай"},
        "CST": {"ru": "Договор о коллективной безопасности (ДКБ)"},
    },
}


def test_overview_columns_are_years_with_events_and_one_gap_between():
    events = [
        event("a", "1992", ["KZ", "RU"]),
        event("b", "1992", ["KZ", "RU"]),
        event("c", "1995-02", ["KZ"]),
        event("d", "2000", ["KZ", "RU", "CST"]),
        event("e", "2001", ["CN", "KZ"]),
    ]
    layout = overview.layout(events, VOCAB)
    assert [c.label for c in layout["columns"]] == ["1992", "1993–1994", "1995", "1996–1999", "2000", "2001"]
    assert [(lane.code, lane.label) for lane in layout["lanes"]] == [
        ("CST", "ДКБ"),
        ("CN", "Китай"),
        ("RU", "Россия"),
        ("KZ", "Казахстан"),
    ]
    russia = layout["lanes"][2]
    assert [[e.id for e in cell] for cell in russia.cells] == [["a", "b"], [], [], [], [], []]
    assert sum(len(cell) for lane in layout["lanes"] for cell in lane.cells) == len(events)


def test_a_lane_label_can_come_from_the_glossary():
    layout = overview.layout([event("a", "1992", ["KZ", "RU"])], VOCAB, {"Россия": "РФ"})
    assert layout["lanes"][0].label == "РФ"


@pytest.mark.parametrize(
    "date, label", [("1992", "1992 г."), ("1995-02", "февраль 1995 г."), ("2022-01-07", "7 января 2022 г.")]
)
def test_dates_at_their_precision(date, label):
    assert overview.date_label(date) == label


@pytest.mark.parametrize(
    "text, expected",
    [
        ("в 1993 г. Б. Клинтон", "в 1993\u00a0г. Б.\u00a0Клинтон"),
        ("Н. А. Назарбаев в 1994 г.", "Н.\u00a0А.\u00a0Назарбаев в 1994\u00a0г."),
    ],
)
def test_the_editions_prose_keeps_initials_with_the_surname(text, expected):
    assert typography.prose(text) == expected
