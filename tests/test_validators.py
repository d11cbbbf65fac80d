"""Unit tests of the loaders and validators: exact wording of every message."""

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from edition import bibfile, markers
from edition.article import check_article, romanize

DATA = Path(__file__).parent / "data"


def test_malformed_entry_names_the_entry_and_its_line():
    with pytest.raises(PluginError) as error:
        bibfile.load_bibliography(DATA / "malformed.bib")
    assert str(error.value) == (
        "1 problem in malformed.bib:\n"
        "  - malformed.bib: entry 'broken-two' (line 11): unbalanced braces: 1 '}' missing; "
        "close every field value and the entry itself"
    )


def test_schema_problems_are_all_reported_at_once():
    with pytest.raises(PluginError) as error:
        bibfile.load_bibliography(DATA / "incomplete.bib")
    assert str(error.value) == (
        "4 problems in incomplete.bib:\n"
        "  - incomplete.bib: entry 'Bad.Key' (line 1) [key]: use only lowercase letters, digits "
        "and '-' (mkdocs-bibtex misreads ':' and '.')\n"
        "  - incomplete.bib: entry 'Bad.Key' (line 1) [address]: missing field 'address'\n"
        "  - incomplete.bib: entry 'Bad.Key' (line 1) [pagetotal]: missing field 'pagetotal'\n"
        "  - incomplete.bib: entry 'web-page' (line 9) [date]: '04.11.2019' is not an ISO date (YYYY-MM-DD)"
    )


def test_syntax_error_is_mapped_to_its_entry(tmp_path):
    path = tmp_path / "syntax.bib"
    path.write_text("@book{first-one,\n  title = {A},\n  year = {2000}\n  author = {X}\n}\n", encoding="utf-8")
    with pytest.raises(PluginError) as error:
        bibfile.load_bibliography(path)
    assert str(error.value) == (
        "1 problem in syntax.bib:\n"
        "  - syntax.bib: entry 'first-one' (line 1): malformed entry: syntax error in line 4: '}' expected; "
        "check the punctuation between fields"
    )


def test_unknown_marker_message():
    assert markers.unknown_marker_messages("text\n\n<!-- timelin -->\n", "timeline.md") == [
        "docs/timeline.md:3: unknown marker <!-- timelin -->: no hook fills it (known markers: "
        + ", ".join(sorted(markers.KNOWN_MARKERS)) + "); fix the name or remove the comment"
    ]


def test_markers_are_single_names_on_their_own_line():
    assert markers.find_markers("<!-- a-b -->\n<!-- not a marker -->\n x <!-- c -->") == [("a-b", 1)]


def test_article_metadata_problems():
    meta = {key: {} for key in ("title", "journal", "pages", "sources", "edition", "keywords")}
    meta.update(authors=[{"family": {"ru": "Х"}, "given": {"ru": "Ю.", "en": "Y."}}], year=2023,
                volume="1", issue="1", doi="11.1/x", language="ru", characters=1,
                dates={"journal": {"source": "nowhere", "received": "2023-02-30"}})
    meta["pages"] = {"first": "84", "last": "74"}
    assert [str(p) for p in check_article(meta, "article.yml")] == [
        "article.yml: article [doi]: '11.1/x' is not a DOI (10.NNNN/...)",
        "article.yml: author 1 [family.en]: missing",
        "article.yml: dates.journal [source]: unknown source 'nowhere'; use one of ",
        "article.yml: dates.journal [received]: '2023-02-30' is not a date (YYYY-MM-DD)",
        "article.yml: article [pages]: give first <= last, both numbers",
    ]


def test_romanize_matches_the_journals_own_romanization():
    assert romanize("Мировая экономика и международные отношения") == (
        "Mirovaia ekonomika i mezhdunarodnye otnosheniia")
