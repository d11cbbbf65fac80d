"""Unit tests of the translation's alignment (docs/data/translation.yml): every problem, exact wording."""

from pathlib import Path

import pytest
from conftest import ROOT
from edition import datafile, glossary
from edition import translation as tr
from edition.corpus import Corpus, scan_page

ARTICLE = (ROOT / "docs/article.md").read_text(encoding="utf-8")
TRANSLATION = (ROOT / "docs/data/translation.yml").read_text(encoding="utf-8")
ENTRIES = glossary.parse_glossary((ROOT / "docs/glossary.md").read_text(encoding="utf-8"))


def corpus(article: str = ARTICLE) -> Corpus:
    return Corpus(pages={"article.md": scan_page("article.md", article)})


def checked(tmp_path: Path, translation: str = TRANSLATION, article: str = ARTICLE):
    path = tmp_path / "translation.yml"
    path.write_text(translation, encoding="utf-8")
    doc = datafile.read(path, "translation.yml", "translation", tr.label)
    assert doc.problems == []
    pairs, problems = tr.check(doc, corpus(article), ENTRIES)
    return pairs, [str(p) for p in problems]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def replaced(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_the_edition_s_translation_covers_every_sentence_of_the_text_and_the_notes(tmp_path):
    pairs, problems = checked(tmp_path)
    assert problems == []
    blocks = tr.aligned_blocks(corpus())
    assert [b.anchor for b in blocks] == ["p1", "p2", "p3", "p4", "p5", "p6", "fn:note-1", "fn:note-2"]
    for block in blocks:
        assert " ".join(p.ru for p in pairs if p.block == block.anchor) == block.text
    assert [p.id for p in pairs if p.block in ("p2", "p3", "p4", "p5", "p6")] == [
        *(f"p2-s{n}" for n in range(1, 4)),
        *(f"p3-s{n}" for n in range(1, 5)),
        "p4-s1",
        *(f"p5-s{n}" for n in range(1, 10)),
        *(f"p6-s{n}" for n in range(1, 6)),
    ]
    assert len(pairs) == 27
    # the boundaries a naive splitter gets wrong are stored, not computed
    assert next(p.ru for p in pairs if p.id == "p3-s2").count("Б.Н. Ельцина") == 1
    assert next(p.ru for p in pairs if p.id == "p6-s2").startswith("В 1992 г. Казахстан")


def test_a_pair_without_paragraph_a_duplicate_a_gap_in_numbering_and_a_paragraph_without_pairs(tmp_path):
    text = replaced(TRANSLATION, "  - id: p4-s1\n", "  - id: p4-s2\n")
    text = replaced(text, "  - id: p6-s5\n", "  - id: p6-s4\n")
    start, end = text.index("  - id: note-2-s1"), len(text)
    text = text[:start] + text[start:end].replace("note-2-s1", "note-3-s1")
    pairs, problems = checked(tmp_path, text)
    p4, p6, note = line_of(text, "id: p4-s2"), line_of(text, 'id: p6-s4\n    ru: "Усилия'), line_of(text, "note-3")
    lines = ARTICLE.split("\n")
    note_line = next(n for n, line in enumerate(lines) if line.startswith("[^note-2]:"))
    p6_line = next(n for n, line in enumerate(lines) if "Усилия Казахстана" in line)  # where ¶6 begins
    assert problems == [
        f"docs/article.md:{note_line + 1}: #fn:note-2: note 2 has no English counterpart; add its sentences to "
        "translation.yml as "
        "pairs note-2-s1, note-2-s2, …",
        f"translation.yml:{p4}: pair 'p4-s2' [id]: is sentence 1 of ¶4 in this file; number a paragraph's sentences "
        "s1, s2, … in text order ('p4-s1')",
        f"translation.yml:{p6 - 3}: pair 'p6-s4' [ru]: ¶6 (docs/article.md:{p6_line + 1}) goes on after this "
        "pair: «Усилия "
        "Казахстана, направленные на становление Организации договора о коллективной безопасности (ОДКБ), привели к "
        "тому, что в январе 2022 г. ее миротворческий потенциал был задействован для стабилизации и обеспечения "
        "целостности Республики Казахстан.» has no English counterpart; add a pair 'p6-s5' after this one",
        f"translation.yml:{p6}: pair 'p6-s4' [id]: duplicate id (first on line {p6 - 3}); "
        "give each sentence its own id",
        f"translation.yml:{note}: pair 'note-3-s1' [id]: orphaned: docs/article.md has no note 3 (#fn:note-3); "
        "correct the id or remove the pair",
    ]
    assert "p6-s5" not in [p.id for p in pairs]


def test_a_number_or_a_year_of_the_russian_missing_from_the_english_or_added_to_it(tmp_path):
    text = replaced(TRANSLATION, "following the second, 22 agreements", "following the second, twenty-two agreements")
    text = replaced(text, "A year earlier, the Republic", "A year earlier (1994), the Republic")
    _pairs, problems = checked(tmp_path, text)
    s2, s9 = line_of(text, "twenty-two"), line_of(text, "(1994)")
    assert problems == [
        f"translation.yml:{s2}: pair 'p5-s2' [en]: the Russian has 22, the English does not; write it in figures "
        "as the Russian does",
        f"translation.yml:{s9}: pair 'p5-s9' [en]: the English has 1994, the Russian does not; correct or remove it",
    ]


def test_a_glossary_term_of_the_russian_must_be_in_its_glossary_english_form(tmp_path):
    text = replaced(
        TRANSLATION, "signed the Collective Security Treaty (CST).", "signed the Treaty on Collective Security."
    )
    text = replaced(text, "One was written by the Supreme Soviet,", "One was written by the Supreme Council,")
    _pairs, problems = checked(tmp_path, text)
    cst, soviet = line_of(text, "Treaty on Collective"), line_of(text, "Supreme Council")
    dkb = next(e for e in ENTRIES if e.id == "dkb").line
    supreme = next(e for e in ENTRIES if e.id == "supreme-soviet").line
    assert problems == [
        f"translation.yml:{cst}: pair 'p6-s2' [en]: the Russian names «Договор о коллективной безопасности» (glossary "
        f"entry 'ДКБ', docs/glossary.md:{dkb}); give it in its English form: 'Collective Security Treaty' or 'CST'",
        f"translation.yml:{soviet}: pair 'note-1-s2' [en]: the Russian names «Верховный совет» (glossary entry "
        f"'Верховный совет', docs/glossary.md:{supreme}); give it in its English form: 'Supreme Soviet (of the "
        "Russian Federation)' or 'Supreme Soviet'",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # two sentences made one: the boundary between p2-s1 and p2-s2 is gone
            "Концепций. Работа специалистов",
            "Концепций; работа специалистов",
            [
                "{s1}: pair 'p2-s1' [ru]: no longer matches the text of ¶2 (docs/article.md:29), which now reads, "
                "before 'p2-s3', «С начала существования независимого государства Министерство иностранных дел "
                "Республики Казахстан (МИД РК) разработало ряд внешнеполитических Концепций; работа специалистов над "
                "первым документом была начата в 1993 г., однако сформулировать приемлемую концепцию им не удалось.»; "
                "divide it among the pairs 'p2-s1', 'p2-s2' (ru and en)",
                "{s2}: pair 'p2-s2' [ru]: no longer matches the text of ¶2 (docs/article.md:29), which now reads, "
                "before 'p2-s3', «С начала существования независимого государства Министерство иностранных дел "
                "Республики Казахстан (МИД РК) разработало ряд внешнеполитических Концепций; работа специалистов над "
                "первым документом была начата в 1993 г., однако сформулировать приемлемую концепцию им не удалось.»; "
                "divide it among the pairs 'p2-s1', 'p2-s2' (ru and en)",
            ],
        ),
        (  # a word corrected inside one sentence
            "приемлемую концепцию",
            "приемлемую Концепцию",
            [
                "{s2}: pair 'p2-s2' [ru]: no longer matches the text of ¶2 (docs/article.md:29), which now reads, "
                "before 'p2-s3', «Работа специалистов над первым документом была начата в 1993 г., однако "
                "сформулировать приемлемую Концепцию им не удалось.»; copy it into this pair's ru and revise its en",
            ],
        ),
        (  # a sentence added between two: the words belong to no pair
            "не удалось. Это объяснялось",
            "не удалось. Так сказано. Это объяснялось",
            [
                "{s3}: pair 'p2-s3' [ru]: the words «Так сказано.» after 'p2-s2' (docs/article.md:29) belong to no "
                "pair; add them to 'p2-s2' (ru and en)",
            ],
        ),
        (  # a sentence added at the end of the paragraph
            "с самого начала.\n{#p2}",
            "с самого начала. Так сказано.\n{#p2}",
            [
                "{s3}: pair 'p2-s3' [ru]: ¶2 (docs/article.md:29) goes on after this pair: «Так сказано.» has no "
                "English counterpart; add a pair 'p2-s4' after this one",
            ],
        ),
    ],
)
def test_an_edit_of_the_russian_that_moves_a_boundary_names_the_pair_to_update(tmp_path, old, new, expected):
    article = replaced(ARTICLE, old, new)
    _pairs, problems = checked(tmp_path, article=article)
    lines = {f"s{n}": f"translation.yml:{line_of(TRANSLATION, f'id: p2-s{n}')}" for n in (1, 2, 3)}
    assert problems == [message.format(**lines) for message in expected]


def test_the_schema_names_a_malformed_id_and_a_missing_english(tmp_path):
    path = tmp_path / "translation.yml"
    path.write_text(
        'pairs:\n  - id: p5s3\n    ru: "Так."\n    en: "Thus."\n  - id: p5-s4\n    ru: "Так."\n', encoding="utf-8"
    )
    doc = datafile.read(path, "translation.yml", "translation", tr.label)
    assert [str(p) for p in doc.problems] == [
        "translation.yml:2: pair 'p5s3' [id]: \"p5s3\" has the wrong form; pN-sK (paragraph N) or note-N-sK "
        "(the authors' note N), K counting from 1",
        "translation.yml:5: pair 'p5-s4' [en]: missing field 'en'; add it",
    ]


# --- the glossary's English definitions -------------------------------------------------------------

ENTRY_HEAD = "## G {#g}\n\nДКБ {#dkb}\n:   *Collective Security Treaty (CST)*\n\n"
RUSSIAN = (
    "    Договор, подписанный 15 мая 1992 г. ([Договор, 1992](#ed-cst-1992)). В статье: «подписал Договор о\n"
    "    коллективной безопасности» ([абз. 6](article.md#p6)).\n"
)
ENGLISH = (
    "    A treaty signed on 15 May 1992 ([Treaty, 1992](#ed-cst-1992)). In the article: “signed the\n"
    "    Collective Security Treaty” ([para. 6](article.md#p6)).\n"
    '    {: lang="en" }\n'
)


def english_problems(tmp_path, english: str = ENGLISH) -> list[str]:
    from edition import editorial

    pairs, problems = checked(tmp_path)
    assert problems == []
    definitions = editorial.glossary_definitions(ENTRY_HEAD + RUSSIAN + ("\n" + english if english else ""))
    return [str(p) for p in tr.definition_problems(definitions, pairs, corpus(), "glossary.md")]


def test_a_definition_s_english_agrees_with_its_russian(tmp_path):
    assert english_problems(tmp_path) == []


def test_a_definition_without_english_fails_while_the_translation_is_built(tmp_path):
    assert english_problems(tmp_path, "") == [
        "glossary.md:6: entry 'ДКБ' [English]: has no English; add it as the definition's last paragraph, "
        'ending with a line `{: lang="en" }` (the translation is built: mkdocs.yml extra.translation)'
    ]


def test_a_definition_s_english_with_other_links_other_numbers_or_a_quotation_not_in_the_translation(tmp_path):
    english = (
        "    A treaty signed on 16 May 1992 ([Treaty, 1992](#ed-other)). In the article: “signed the\n"
        "    Tashkent Treaty” ([para. 6](article.md#p6)).\n"
        '    {: lang="en" }\n'
    )
    assert english_problems(tmp_path, english) == [
        "glossary.md:9: entry 'ДКБ' [English]: links #ed-other, article.md#p6, the Russian links #ed-cst-1992, "
        "article.md#p6; give the English the Russian's links, in the same order",
        "glossary.md:9: entry 'ДКБ' [English]: the Russian has 15, the English does not; write it in figures "
        "as the Russian does",
        "glossary.md:9: entry 'ДКБ' [English]: the English has 16, the Russian does not; correct or remove it",
        "glossary.md:9: entry 'ДКБ' [English]: quotes “signed the Tashkent Treaty”, which is not in the "
        "edition's English of article.md#p6; quote its words exactly (docs/data/translation.yml)",
    ]


def test_a_quotation_may_hold_quotations_and_only_the_one_right_before_the_link_is_checked():
    assert tr.english_quotes("keyword (“listening state”); of “the “new” and “listening” Kazakhstan” (") == [
        "listening state",
        "the “new” and “listening” Kazakhstan",
    ]


def test_a_quotation_s_english_is_the_translation_of_the_sentences_it_touches(tmp_path):
    pairs, _ = checked(tmp_path)
    by_id = {p.id: p for p in pairs}
    assert tr.quote_english("посетил и США", "p5", pairs) == by_id["p5-s3"].en
    two = "посетил и США. Во время визита 1994 г."
    assert tr.quote_english(two, "p5", pairs) == f"{by_id['p5-s3'].en} {by_id['p5-s4'].en}"
    assert tr.quote_english("нет таких слов", "p5", pairs) == ""
    assert tr.quote_english("посетил и США", "abstract", pairs) == ""
