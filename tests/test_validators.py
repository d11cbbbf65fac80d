"""Unit tests of the loaders and validators: exact wording of every message."""

from pathlib import Path

import pytest
from conftest import ROOT, checked
from edition import bibfile, markers
from edition.article import article_problems, romanize
from mkdocs.exceptions import PluginError

DATA = Path(__file__).parent / "data"


def test_malformed_entry_names_the_entry_and_its_line():
    with pytest.raises(PluginError) as error:
        checked(bibfile.bibliography_problems(DATA / "malformed.bib"), Path(DATA / "malformed.bib").name)
    assert str(error.value) == (
        "1 problem in malformed.bib:\n"
        "  - malformed.bib:11: entry 'broken-two': unbalanced braces: 1 '}' missing; "
        "close every field value and the entry itself"
    )


def test_schema_problems_are_all_reported_at_once():
    with pytest.raises(PluginError) as error:
        checked(bibfile.bibliography_problems(DATA / "incomplete.bib"), Path(DATA / "incomplete.bib").name)
    assert str(error.value) == (
        "4 problems in incomplete.bib:\n"
        "  - incomplete.bib:1: entry 'Bad.Key' [key]: use only lowercase letters, digits "
        "and '-' (mkdocs-bibtex misreads ':' and '.')\n"
        "  - incomplete.bib:1: entry 'Bad.Key' [address]: missing field 'address'; add `address = {...}` to the entry\n"
        "  - incomplete.bib:1: entry 'Bad.Key' [pagetotal]: missing field 'pagetotal'; add `pagetotal = {...}` to "
        "the entry\n"
        "  - incomplete.bib:13: entry 'web-page' [date]: '04.11.2019' is not an ISO date (YYYY-MM-DD)"
    )


def test_a_repeated_key_names_both_lines(tmp_path):
    path = tmp_path / "twice.bib"
    entry = "@book{same-key,\n  title = {A},\n}\n\n"
    path.write_text(entry + entry, encoding="utf-8")
    with pytest.raises(PluginError) as error:
        checked(bibfile.bibliography_problems(path), Path(path).name)
    assert str(error.value) == (
        "1 problem in twice.bib:\n"
        "  - twice.bib:5: entry 'same-key' [key]: the key is already used on line 1; every key must be unique"
    )


def test_syntax_error_is_mapped_to_its_entry(tmp_path):
    path = tmp_path / "syntax.bib"
    path.write_text("@book{first-one,\n  title = {A},\n  year = {2000}\n  author = {X}\n}\n", encoding="utf-8")
    with pytest.raises(PluginError) as error:
        checked(bibfile.bibliography_problems(path), Path(path).name)
    assert str(error.value) == (
        "1 problem in syntax.bib:\n"
        "  - syntax.bib:4: entry 'first-one': malformed entry: syntax error in line 4: '}' expected; "
        "check the punctuation between fields"
    )


def test_unknown_marker_message():
    problems = markers.unknown_marker_problems(
        "timeline.md", "text\n\n<!-- timelin -->\n<!-- timeline -->\n", ["timeline", "bibliography"]
    )
    assert [str(p) for p in problems] == [
        "docs/timeline.md:3: unknown marker <!-- timelin -->: nothing fills it (known markers: bibliography, "
        "timeline); fix the name or remove the comment"
    ]


def test_markers_are_single_names_on_their_own_line():
    assert markers.find_markers("<!-- a-b -->\n<!-- not a marker -->\n x <!-- c -->") == [("a-b", 1)]


def test_article_metadata_problems(tmp_path):
    text = (ROOT / "docs/data/article.yml").read_text(encoding="utf-8")
    for old, new in [
        ('"2023-02-09"', '"2023-02-30"'),
        ('source: "journal-site"', 'source: "nowhere"'),
        ('pages: {first: "74", last: "84"}', 'pages: {first: "94", last: "84"}'),
    ]:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "article.yml"
    path.write_text(text, encoding="utf-8")
    _meta, problems = article_problems(path, "article.yml")
    lines = text.split("\n")

    def line(needle: str) -> int:
        return next(n for n, text in enumerate(lines, start=1) if needle in text)

    assert [str(p) for p in problems] == [
        f"article.yml:{line('pages:')}: article [pages]: first page 94 is after last page 84; give first <= last",
        f"article.yml:{line('nowhere')}: article [dates.journal.source]: unknown source 'nowhere'; use one of: "
        "publisher, journal-site (the keys of `sources`)",
        f"article.yml:{line('2023-02-30')}: article [dates.journal.received]: '2023-02-30' is not a real date; "
        "write YYYY-MM-DD",
    ]


def test_romanize_matches_the_journals_own_romanization():
    assert romanize("Мировая экономика и международные отношения") == (
        "Mirovaia ekonomika i mezhdunarodnye otnosheniia"
    )


def test_an_alias_inside_its_own_value_is_named_not_a_traceback():
    from edition import datafile

    doc = datafile.parse("# events\nevents: &a\n  - *a\n", "docs/data/events.yml")
    assert doc.data is None
    assert [str(p) for p in doc.problems] == [
        "docs/data/events.yml:2: YAML alias [events[1]]: repeats the list or mapping of line 2 (an alias, *name); "
        "aliases are not allowed in the edition's data: write the value out"
    ]


def test_an_alias_bomb_is_refused_at_once():
    """Nine levels of nine aliases: 9^9 values if expanded; refused without expanding any."""
    from edition import datafile

    lines = ['a: &a ["lol", "lol"]'] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(9)
    ]
    doc = datafile.parse("\n".join(lines) + "\n", "docs/data/events.yml")
    assert doc.data is None
    assert str(doc.problems[0]) == (
        "docs/data/events.yml:2: YAML alias [b[1]]: repeats the list or mapping of line 1 (an alias, *name); "
        "aliases are not allowed in the edition's data: write the value out"
    )


def test_an_alias_of_a_mapping_value_names_the_line_of_its_key():
    from edition import datafile

    doc = datafile.parse("a: &x [1, 2]\nb: *x\n", "f.yml")
    assert [str(p) for p in doc.problems] == [
        "f.yml:2: YAML alias [b]: repeats the list or mapping of line 1 (an alias, *name); "
        "aliases are not allowed in the edition's data: write the value out"
    ]


def test_data_nested_too_deeply_is_named_not_a_traceback():
    from edition import datafile

    doc = datafile.parse("a: " + "[" * 5000 + "]" * 5000 + "\n", "f.yml")
    assert doc.data is None and [str(p) for p in doc.problems] == [
        "f.yml:1: YAML: nested more than 16 levels deep; write the lists and mappings flat"
    ]
    assert datafile.parse("a: " + "[" * 16 + "]" * 16 + "\n", "f.yml").problems == []


def test_a_data_file_too_large_is_named_before_it_is_read(tmp_path):
    from edition import datafile

    path = tmp_path / "events.yml"
    path.write_text("events:\n" + "  - x\n" * 400_000, encoding="utf-8")  # 2,400,008 bytes
    [problem] = datafile.read(path, "docs/data/events.yml", "events").problems
    assert str(problem) == (
        "docs/data/events.yml:1: file: is 2.4 MB; a data file stays under 2 MB: split it or remove what is not "
        "the edition's data"
    )


def bib_problems(old: str, new: str) -> list[str]:
    text = (ROOT / "bibliography.bib").read_text(encoding="utf-8")
    assert old in text
    return [str(p) for p in bibfile.checked("bibliography.bib", text.replace(old, new, 1))[1]]


def test_fields_kept_as_written_hold_no_latex_or_markup():
    assert bib_problems("pagetotal = {60}", "pagetotal = {60 \\href{javascript:alert(1)}{x}}") == [
        "bibliography.bib:22: entry 'shakleina-2003' [pagetotal]: '60 \\href{javascript:alert(1)}{x}' is not the "
        "number of pages, e.g. 316; write it without markup or LaTeX"
    ]
    assert bib_problems("pages        = {1--8}", "pages        = {1--8 \\includegraphics{https://x.org/a.png}}") == [
        "bibliography.bib:66: entry 'gubaidullina-2011' [pages]: '1--8 \\includegraphics{https://x.org/a.png}' is "
        "not a page or a range, e.g. 56--65; write it without markup or LaTeX"
    ]


def test_a_bare_percent_in_a_text_field_is_named_not_silently_cut():
    assert bib_problems("Концепции внешней политики США", "Концепции на 50% США") == [
        "bibliography.bib:18: entry 'shakleina-2003' [title]: a bare % starts a comment in LaTeX and cuts the rest "
        "of the line; write \\% for a percent sign"
    ]
    assert bib_problems("Концепции внешней политики США", "Концепции на 50\\% США") == []


def test_a_doi_holds_no_latex():
    [problem] = bib_problems("doi          = {", "doi          = {\\url")
    assert "[doi]:" in problem and "is not a DOI" in problem


@pytest.mark.parametrize(
    "text, message",
    [
        (
            'a: "x\\u202ey"\n',
            "f.yml:1: text [a]: holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE); remove it",
        ),
        (
            'a:\n  - "\\ud800"\n',
            "f.yml:2: text [a[1]]: holds the invisible character U+D800 (a lone surrogate); remove it",
        ),
        ('a: "\\x00"\n', "f.yml:1: text [a]: holds the invisible character U+0000 (a control); remove it"),
        (
            "a: !!int zz\n",
            "f.yml:1: YAML: a value cannot be read (invalid literal for int() with base 10: 'zz'); write it as plain "
            "text in quotes",
        ),
    ],
)
def test_invisible_characters_and_unreadable_values_are_named(text, message):
    from edition import datafile

    assert [str(p) for p in datafile.parse(text, "f.yml").problems] == [message]


def test_an_explicit_timestamp_stays_text_for_the_date_checks():
    from edition import datafile

    doc = datafile.parse("date: !!timestamp 1995-02-30\n", "f.yml")
    assert doc.problems == [] and doc.data == {"date": "1995-02-30"}


def test_latex_syntax_in_the_articles_metadata_is_named(tmp_path):
    text = (ROOT / "docs/data/article.yml").read_text(encoding="utf-8")
    old = 'ru: "Дипломатия Республики Казахстан: эволюция внешнеполитических концепций"'
    assert old in text
    path = tmp_path / "article.yml"
    path.write_text(text.replace(old, 'ru: "Дипломатия { Казахстан"', 1), encoding="utf-8")
    line = text.split("\n").index(next(line for line in text.split("\n") if old in line)) + 1
    assert [str(p) for p in article_problems(path)[1]] == [
        f"docs/data/article.yml:{line}: article [title.ru]: '{{' is LaTeX syntax in every citation made from this "
        "file (BibTeX, pandoc); write the text without { } or \\"
    ]
