"""Unit tests of the glossary parser, the stem matcher and the validators."""

from pathlib import Path

import pytest
from conftest import ROOT
from edition import glossary

DATA = Path(__file__).parent / "data"
ENTRIES = glossary.parse_glossary((ROOT / "docs/glossary.md").read_text(encoding="utf-8"))
BY_ID = {e.id: e for e in ENTRIES}


def linked(text):
    return [(m.entry_id, text[m.start : m.end]) for m in glossary.find_terms(text, ENTRIES)]


@pytest.mark.parametrize(
    "text",
    [
        "подписал Договор о коллективной безопасности",
        "участники Договора о коллективной безопасности",
        "верность Договору о коллективной безопасности",
        "в Договоре о коллективной безопасности",
    ],
)
def test_inflected_forms_are_found(text):
    assert linked(text)[-1][0] == "dkb"


def test_longest_name_wins_where_names_overlap():
    text = "становление Организации договора о коллективной безопасности (ОДКБ)"
    assert linked(text) == [("odkb", "Организации договора о коллективной безопасности"), ("odkb", "ОДКБ")]


def test_abbreviations_match_exactly_and_case_sensitively():
    assert linked("страны СНГ и снг") == [("cis", "СНГ")]
    assert linked("ОДКБ") == [("odkb", "ОДКБ")]


def test_english_forms_on_the_abstract():
    assert ("tokayev", "C.-J.C. Tokayev") in linked("the President C.-J.C. Tokayev")
    assert ("tokayev", "Tokayev") in linked("President Tokayev")
    assert ("eu", "EU") in linked("organizations (EU, NATO, OIC)")


def test_first_occurrence_per_entry():
    matches = glossary.first_per_entry(glossary.find_terms("ДКБ и снова ДКБ", ENTRIES))
    assert [(m.entry_id, m.start) for m in matches] == [("dkb", 0)]


def test_protected_ranges_are_skipped():
    text = "[ДКБ](x.md) ДКБ"
    assert [(m.start, m.end) for m in glossary.find_terms(text, ENTRIES, [(0, 11)])] == [(12, 15)]


def test_parse_entry():
    dkb = BY_ID["dkb"]
    assert (dkb.term, dkb.expansion, dkb.english, dkb.group) == (
        "ДКБ",
        "Договор о коллективной безопасности",
        "Collective Security Treaty (CST)",
        "organizations",
    )
    assert dkb.is_abbreviation and dkb.english_abbreviation == "CST"


def test_abbreviation_definitions_come_from_the_glossary():
    pairs = dict(glossary.abbreviation_definitions(ENTRIES))
    assert pairs["МИД РК"] == "Министерство иностранных дел Республики Казахстан"
    assert pairs["NATO"] == "North Atlantic Treaty Organization"


def test_uncovered_abbreviations():
    assert glossary.uncovered_abbreviations("МИД РК, ЦРУ и NATO; Б.Н. Ельцин; C.-J.C. Tokayev", ENTRIES) == ["ЦРУ"]


def test_glossary_problems_are_all_reported():
    entries = glossary.parse_glossary((DATA / "glossary-bad.md").read_text(encoding="utf-8"))
    assert [str(p) for p in glossary.glossary_problems(entries, "glossary.md")] == [
        "glossary.md:10: entry 'ААА' [id]: duplicate id 'dup'; give each entry its own id",
        "glossary.md:10: entry 'ААА' [english]: give the English equivalent in *italics*",
        "glossary.md:17: entry 'Термин' [id]: 'Bad_Id' must be lowercase ASCII letters, digits and '-'",
        "glossary.md:5: group 'group' [order]: entries are not alphabetical: ААА, ЯЯЯ",
    ]
