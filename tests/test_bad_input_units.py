"""Unit tests of the bad-input machinery: loaders, schema messages, decoding, escaping.
Exact wording, as an editor reads it."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, checked
from edition import bibfile, datafile, registry
from edition import timeline as tl
from edition.problems import Problem, fail_if_any, forget_reported
from mkdocs.exceptions import PluginError
from mkdocs.utils import DuplicateFilter
from pybtex.database import Entry, Person

# --- problems -----------------------------------------------------------------------------------


def test_a_problem_names_file_line_entry_and_field():
    assert str(Problem("f.yml", "event 'x'", "date", "wrong", line=7)) == "f.yml:7: event 'x' [date]: wrong"
    assert str(Problem("f.yml", "file", "", "wrong")) == "f.yml: file: wrong"


def test_all_problems_then_one_failure():
    fail_if_any([], "f.yml")
    with pytest.raises(PluginError) as error:
        fail_if_any([Problem("f", "a", "", "x", line=1), Problem("f", "b", "", "y", line=2)], "f")
    assert str(error.value) == "2 problems in f:\n  - f:1: a: x\n  - f:2: b: y"
    with pytest.raises(PluginError) as error:
        fail_if_any([Problem("f", "a", "", "x")], "f")
    assert str(error.value) == "1 problem in f:\n  - f: a: x"


def test_forget_reported_empties_mkdocs_duplicate_filters():
    logger = logging.getLogger("test.bad-input.forget")
    duplicate = DuplicateFilter()
    logger.addFilter(duplicate)
    try:
        record = logging.LogRecord("x", logging.ERROR, "f", 1, "same message", None, None)
        assert duplicate(record) and not duplicate(record)
        assert forget_reported(logger) == 1
        assert duplicate(record)
    finally:
        logger.removeFilter(duplicate)
    assert forget_reported(logging.getLogger("test.bad-input.none")) == 0


# --- YAML with lines ----------------------------------------------------------------------------


def test_lines_of_values_keys_and_items():
    doc = datafile.parse("a:\n  b: 1\n  c:\n    - x\n    - {d: 2}\n", "f.yml")
    assert doc.problems == []
    assert doc.data == {"a": {"b": 1, "c": ["x", {"d": 2}]}}
    assert [doc.line(p) for p in [(), ("a",), ("a", "b"), ("a", "c", 0), ("a", "c", 1, "d"), ("a", "zz")]] == [
        1,
        1,
        2,
        4,
        5,
        1,
    ]


def test_dates_stay_text():
    doc = datafile.parse("date: 1995-02-30\nok: 2020-01-01\nyear: 1994\n", "f.yml")
    assert doc.data == {"date": "1995-02-30", "ok": "2020-01-01", "year": 1994}


def test_duplicate_key():
    doc = datafile.parse("a: 1\nb:\n  c: 1\n  c: 2\n", "f.yml")
    assert [str(p) for p in doc.problems] == [
        "f.yml:4: b [c]: duplicate key 'c' (first on line 3); YAML keeps only the last one: merge or remove one"
    ]
    assert [str(p) for p in datafile.parse("a: 1\na: 2\n", "f.yml").problems] == [
        "f.yml:2: file [a]: duplicate key 'a' (first on line 1); YAML keeps only the last one: merge or remove one"
    ]


def test_syntax_error_names_the_line_and_where_it_began():
    doc = datafile.parse("a:\n  - [x, y\n  - z\n", "f.yml")
    assert doc.data is None
    assert [str(p) for p in doc.problems] == [
        "f.yml:4: YAML syntax: while parsing a flow sequence expected ',' or ']', but got '<stream end>' (what it was "
        "reading began on line 2); check the indentation, the quotes, the brackets and the ':' there"
    ]


def test_field_names_count_from_one():
    assert datafile.field_name(("sources", 0, "quote")) == "sources[1].quote"
    assert datafile.field_name(("events", 2)) == "events[3]"
    assert datafile.field_name(()) == ""


def test_missing_and_undecodable_files(tmp_path):
    missing = datafile.read(tmp_path / "none.yml", "none.yml", "events")
    assert [str(p) for p in missing.problems] == ["none.yml:1: file: the file is missing; restore it"]
    (tmp_path / "latin.yml").write_bytes(b"a: \xe9\n")
    broken = datafile.read(tmp_path / "latin.yml", "latin.yml", "events")
    assert [str(p) for p in broken.problems] == [
        "latin.yml:1: file: not UTF-8 (invalid continuation byte); save it as UTF-8"
    ]


SCHEMA_CASES = [
    ("vocabularies", "kinds:\n  visit: {ru: x, en: y}\nparties:\n  KZ: {ru: x, en: y}\n", []),
    (
        "vocabularies",
        "kinds: {}\nparties:\n  KZ: {ru: x, en: y}\n",
        [
            "f.yml:1: vocabularies [kinds]: empty: give at least one entry; a mapping of codes: "
            '`code: {ru: "...", en: "..."}`'
        ],
    ),
    (
        "vocabularies",
        "kinds:\n  visit: {ru: x, en: y, de: z}\nparties:\n  KZ: {ru: x, en: y}\n",
        [
            "f.yml:2: vocabularies [kinds.visit.de]: unknown field 'de'; check its spelling or remove it "
            "(allowed: definition, en, formerly, ru, type, words)"
        ],
    ),
    (
        "vocabularies",
        "kinds:\n  visit: {ru: '', en: y}\nparties:\n  KZ: {ru: x, en: y}\nextra: 1\n",
        [
            'f.yml:2: vocabularies [kinds.visit.ru]: "" is empty or only spaces; write the words in quotes',
            "f.yml:5: vocabularies [extra]: unknown field 'extra'; check its spelling or remove it "
            "(allowed: kinds, parties, rows)",
        ],
    ),
    (
        "vocabularies",
        "parties:\n  KZ: {ru: x, en: y}\n",
        ["f.yml:1: vocabularies [kinds]: missing field 'kinds'; add it"],
    ),
    (
        "anchors",
        "anchors:\n  a.md: [p1, p1]\n",
        ["f.yml:2: anchors [anchors.a.md]: the list repeats an item; a list of anchors, one per line: '- p5'"],
    ),
    (
        "anchors",
        "anchors:\n  a.md: ['#p1']\n",
        ["f.yml:2: anchors [anchors.a.md[1]]: \"#p1\" has the wrong form; an anchor without '#' or spaces, e.g. p5"],
    ),
    (
        "anchors",
        "anchors:\n  a.md: [p1]\nmoved:\n  pages: {a.md: b}\n",
        [
            'f.yml:4: anchors [moved.pages.a.md]: "b" has the wrong form; the new page\'s source path inside docs/, '
            "e.g. new.md (no '..', no leading '/')"
        ],
    ),
    (
        "events",
        "events:\n  - id: x\n    date: '1994'\n    kind: visit\n    parties: [KZ, KZ]\n    title: {ru: a, en: b}"
        "\n    sources: [{page: article.md, paragraph: p5, quote: a b c, extra: 1}]\n",
        [
            "f.yml:5: event 'x' [parties]: the list repeats an item; a list of party codes in brackets, e.g. [KZ, RU]",
            "f.yml:7: event 'x' [sources[1].extra]: unknown field 'extra'; check its spelling or remove it "
            "(allowed: page, paragraph, quote)",
        ],
    ),
    ("article", "year: 1800\n", None),
]


@pytest.mark.parametrize("schema, text, expected", SCHEMA_CASES)
def test_schema_messages(schema, text, expected):
    doc = datafile.parse(text, "f.yml")
    where = tl.events_where if schema == "events" else datafile.by_file(schema)
    found = [str(p) for p in datafile.schema_problems(doc, schema, where)]
    if expected is None:
        assert (
            "f.yml:1: article [year]: 1800 is out of range (minimum 1900); the year of publication, a number "
            "such as 2023"
        ) in found
    else:
        assert found == expected


def test_every_schema_is_valid_json_schema():
    from jsonschema import Draft202012Validator

    for name in ("events", "vocabularies", "article", "anchors"):
        Draft202012Validator.check_schema(datafile.schema(name))


# --- registry -----------------------------------------------------------------------------------


def test_registry_read_normalizes_and_reports(tmp_path):
    path = tmp_path / "anchors.yml"
    path.write_text("anchors:\n  a.md: [p1]\n  b.md:\nmoved:\n", encoding="utf-8")
    data, problems = registry.read_registry(path)
    assert [str(p) for p in problems] == [
        "anchors.yml:3: anchors [anchors.b.md]: null is not a list; a list of anchors, one per line: '- p5'"
    ]
    path.write_text("anchors:\n  a.md: [p1]\nmoved:\n", encoding="utf-8")
    data, problems = registry.read_registry(path)
    assert problems == []
    assert data == {"anchors": {"a.md": ["p1"]}, "moved": {"pages": {}, "fragments": {}}}
    assert registry.read_registry(tmp_path / "none.yml") == (
        {"anchors": {}, "moved": {"pages": {}, "fragments": {}}},
        [],
    )
    path.write_text("anchors: [\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"anchors.yml:2: YAML syntax"):
        checked(registry.read_registry(path), "anchors.yml")


def test_dropped_anchors_of_a_moved_page_are_fine():
    before = {"anchors": {"a.md": ["p1"], "b.md": ["x"]}, "moved": {"pages": {}, "fragments": {}}}
    now = {"anchors": {}, "moved": {"pages": {"a.md": "c.md"}, "fragments": {}}}
    assert registry.dropped_anchors(before, now, "r.yml") == [
        "r.yml: anchor 'b.md#x' was deleted from r.yml (the last commit lists it); published anchors are never "
        "deleted: restore the line, or map it under moved.fragments ('b.md#x': new-id)"
    ]


def test_pages_are_written_under_cache_not_the_site(tmp_path):
    assert registry.write_pages(tmp_path, {"a.md": "a/index.html"})
    path = tmp_path / ".cache" / "edition-pages.yml"
    assert path.read_text(encoding="utf-8") == "a.md: a/index.html\n"


def test_a_cache_that_is_not_a_folder_is_not_a_traceback(tmp_path):
    (tmp_path / ".cache").write_text("a file where the folder should be")
    assert registry.write_pages(tmp_path, {"a.md": "a/index.html"}) is False


def test_page_anchors_come_from_the_content_only():
    html = (
        '<body id="top"><article class="md-content__inner md-typeset"><p id="p1">x</p>'
        '<article id="ev-a"><span id="p1"></span></article></article><footer id="f"></footer></body>'
    )
    assert registry.page_anchors(html) == ["p1", "ev-a"]
    assert registry.page_anchors("<p id='x'></p>") == []


# --- BibTeX -------------------------------------------------------------------------------------


def test_latex_becomes_text():
    assert bibfile.latex_to_text('Sch{\\"o}n \\& Co, 50\\% -- 60') == "Schön & Co, 50% – 60"
    assert bibfile.latex_to_text("{Под стягом} независимости --- очерки") == "Под стягом независимости — очерки"


def entry(**fields) -> Entry:
    return Entry("online", fields=fields, persons={"author": [Person("Чеботарёв, А.")]})


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"year": "2022a"}, "[year]: '2022a' is not a year; write four digits, e.g. 2022"),
        (
            {"url": "javascript:alert(1)"},
            "[url]: 'javascript:alert(1)' is not a web address; give the full http:// or https:// address of the page",
        ),
        ({"url": "https://"}, "[url]: 'https://' is not a web address"),
        ({"url": "https://a.org/x y"}, "[url]: 'https://a.org/x y' is not a web address"),
        ({"doi": "doi:10.1/x"}, "[doi]: 'doi:10.1/x' is not a DOI; write it as 10.NNNN/... (without https://doi.org/)"),
        (
            {"title": "\\textbf{x}"},
            "[title]: LaTeX command '\\textbf' is not supported; write the plain text "
            '(accents such as {\\"o} and \\&, \\%, -- are fine)',
        ),
    ],
)
def test_field_values(fields, message):
    found = [str(p) for p in bibfile.value_problems("b.bib", "entry 'k'", entry(**fields))]
    assert len(found) == 1 and found[0].startswith(f"b.bib: entry 'k' {message}"), found


def test_good_field_values_pass():
    good = entry(year="2022", url="https://a.org/x?y=1", doi="10.1000/x.1", title="Schön \\& Co")
    assert bibfile.value_problems("b.bib", "e", good) == []


@pytest.mark.parametrize(
    "value, message",
    [
        ("2023-04-20", None),
        ("2023-02", None),
        ("2024-02-29", None),
        ("2023-02-30", "'2023-02-30' is an impossible date; write a real date as YYYY-MM-DD"),
        ("2023-13", "'2023-13' is an impossible date; write a real date as YYYY-MM-DD"),
        ("20.04.2023", "'20.04.2023' is not an ISO date (YYYY-MM-DD)"),
    ],
)
def test_bib_dates(value, message):
    assert bibfile.date_problem(value) == message


def test_pandoc_gets_escaped_latex_and_prints_the_text():
    import pypandoc
    from pybtex.database import BibliographyData

    title = "Schön & Co, 50% {x} a_b ~ ^ $ # \\ 5"
    data = BibliographyData({"k": entry(title=title, url="http://a.org/x%20y", date="2020")})
    text = bibfile.as_latex(data)
    assert "title = {Schön \\& Co, 50\\% \\{x\\} a\\_b \\textasciitilde{} \\^{} \\$ \\# \\textbackslash{} 5}," in text
    assert "url = {http://a.org/x%20y}," in text
    assert "author = {Чеботарёв, А.}," in text
    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / "k.bib"
        bib.write_text(text, encoding="utf-8")
        out = pypandoc.convert_text(
            "[@k]", to="plain", format="markdown", extra_args=["--citeproc", "--bibliography", str(bib), "--wrap=none"]
        )
    assert title in out, out


# --- exports ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=1+1", "'=1+1"),
        ("+7", "'+7"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Визит", "Визит"),
        ("a=b", "a=b"),
        (True, "True"),
    ],
)
def test_csv_cells_per_owasp(value, cell):
    assert tl.csv_cell(value) == cell


def record(title: str, quote: str) -> dict:
    return {
        "id": "x",
        "date": "1994-02",
        "kind": "visit",
        "parties": ["KZ"],
        "context": False,
        "title": {"ru": title, "en": "e"},
        "place": None,
        "url": "http://h/timeline/#ev-x",
        "sources": [{"page": "article.md", "paragraph": "p5", "quote": quote, "url": "http://h/article/#p5"}],
    }


def test_csv_export_neutralises_every_cell():
    rows = list(csv.reader(io.StringIO(tl.export_csv([record("=cmd", "-1 a b")]))))
    assert rows[1][5] == "'=cmd" and rows[1][9] == "'-1 a b" and rows[1][0] == "x"


def test_timelinejs_fields_are_text():
    data = json.loads(tl.export_timelinejs([record("<b>A</b> & B", 'a "<i>" b')], "T <x>"))
    assert data["title"]["text"]["headline"] == "T &lt;x&gt;"
    [event] = data["events"]
    assert event["text"] == {
        "headline": "&lt;b&gt;A&lt;/b&gt; &amp; B",
        "text": '«a "&lt;i&gt;" b» (http://h/article/#p5)',
    }
    assert event["start_date"] == {"year": "1994", "month": "02"}
    assert event["unique_id"] == "x" and event["group"] == "visit"


# --- metadata -----------------------------------------------------------------------------------


def test_ris_values_stay_on_their_line():
    from edition import exports

    assert exports.ris_record([("TY", "JOUR"), ("TI", "a\nTY  - BOOK\n b"), ("AU", "")]) == (
        "TY  - JOUR\nTI  - a TY - BOOK b\nER  - \n"
    )


def test_json_ld_of_the_article():
    from edition import article, metadata

    meta = checked(article.article_problems(ROOT / "docs/data/article.yml"), "docs/data/article.yml")
    data = metadata.article_json_ld(meta, "http://h/article/", "During the thirty years…")
    assert (data["pageStart"], data["pageEnd"]) == ("74", "84")
    assert [a["name"] for a in data["author"]] == ["Р. С. Курмангужин", "А. Чеботарёв"]
    assert [a["alternateName"] for a in data["author"]] == ["R. Kurmanguzhin", "A. Chebotarev"]
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": meta["doi"]}
    assert data["sameAs"] == f"https://doi.org/{meta['doi']}"
    assert data["abstract"] == "During the thirty years…" and data["url"] == "http://h/article/"
    issue = data["isPartOf"]
    assert (issue["issueNumber"], issue["isPartOf"]["volumeNumber"]) == ("7", "67")
    assert issue["isPartOf"]["isPartOf"]["issn"] == "0131-2227"
    site = metadata.edition_json_ld(meta, "http://h/")
    assert site["isBasedOn"]["sameAs"] == data["sameAs"] and site["version"] == meta["edition"]["version"]


def test_required_fields_must_not_be_empty(tmp_path):
    path = tmp_path / "e.bib"
    path.write_text(
        "@book{a-1,\n  author = {X, Y.},\n  title = {},\n  address = {{}},\n  year = {2000},\n"
        "  pagetotal = {5},\n  langid = {russian},\n  usera = {X},\n}\n",
        encoding="utf-8",
    )
    with pytest.raises(PluginError) as error:
        checked(bibfile.bibliography_problems(path), Path(path).name)
    assert str(error.value) == (
        "2 problems in e.bib:\n"
        "  - e.bib:3: entry 'a-1' [title]: field 'title' is empty; fill it in or remove the entry\n"
        "  - e.bib:4: entry 'a-1' [address]: field 'address' is empty; fill it in or remove the entry"
    )


# --- exports and citations of the article ------------------------------------------------------


def sample_meta() -> dict:
    from edition import article

    return checked(article.article_problems(ROOT / "docs/data/article.yml"), "docs/data/article.yml")


def test_article_exports_carry_every_field():
    import bibtexparser
    import rispy
    from edition import exports

    meta = sample_meta()
    ris = rispy.loads(exports.article_ris(meta))[0]
    assert ris["type_of_reference"] == "JOUR"
    assert ris["authors"] == ["Курмангужин, Р. С.", "Чеботарёв, А."]
    assert (ris["start_page"], ris["end_page"]) == ("74", "84")
    assert (ris["volume"], ris["number"], ris["year"]) == ("67", "7", "2023")
    assert ris["doi"] == meta["doi"] and ris["issn"] == "0131-2227"
    assert ris["urls"] == [f"https://doi.org/{meta['doi']}"]
    assert ris["keywords"] == meta["keywords"]["en"]
    assert ris["title"] == meta["title"]["ru"] and ris["translated_title"] == meta["title"]["en"]
    [entry] = bibtexparser.parse_string(exports.article_bibtex(meta)).entries
    assert entry.key == "kurmanguzhin-2023" and entry.entry_type == "article"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["pages"] == "74--84" and fields["number"] == "7" and fields["volume"] == "67"
    assert fields["author"] == "Курмангужин, Р. С. and Чеботарёв, А."
    csl = json.loads(exports.article_csl_json(meta))[0]
    assert csl["title-short"] == "Дипломатия Республики Казахстан"
    assert csl["page"] == "74-84" and csl["issued"] == {"date-parts": [[2023]]}
    assert csl["URL"] == f"https://doi.org/{meta['doi']}"


def test_reference_exports_of_each_type():
    from edition import exports

    book = Entry(
        "book",
        fields={"title": "T", "address": "Алматы", "publisher": "P", "year": "2022", "pagetotal": "316", "usera": "E"},
        persons={"author": [Person("Чеботарёв, А.")]},
    )
    online = Entry(
        "online",
        fields={
            "title": "O",
            "organization": "Cabar",
            "date": "2020-04-23",
            "url": "https://c.asia/x",
            "urldate": "2023-04-20",
            "usera": "E2",
        },
        persons={"author": [Person("Чеботарёв, А. Б.")]},
    )
    paper = Entry(
        "article",
        fields={
            "title": "A",
            "journaltitle": "J",
            "year": "2019",
            "number": "7",
            "pages": "56--65",
            "doi": "10.1/x",
            "usera": "E3",
        },
        persons={"author": [Person("Тургамбаев, А.")]},
    )
    assert exports.reference_ris(book) == (
        "TY  - BOOK\nAU  - Чеботарёв, А.\nTI  - T\nPY  - 2022\nCY  - Алматы\nPB  - P\nLA  - ru\nN1  - E\n"
        "SP  - 316\nER  - \n"
    )
    assert exports.reference_ris(online) == (
        "TY  - ELEC\nAU  - Чеботарёв, А. Б.\nTI  - O\nT2  - Cabar\nPY  - 2020\nUR  - https://c.asia/x\n"
        "Y2  - 2023-04-20\nLA  - ru\nN1  - E2\nER  - \n"
    )
    assert exports.reference_ris(paper) == (
        "TY  - JOUR\nAU  - Тургамбаев, А.\nTI  - A\nT2  - J\nPY  - 2019\nIS  - 7\nDO  - 10.1/x\nLA  - ru\n"
        "N1  - E3\nSP  - 56\nEP  - 65\nER  - \n"
    )
    assert exports.reference_csl("o", online) == {
        "id": "o",
        "type": "webpage",
        "language": "ru",
        "author": [{"family": "Чеботарёв", "given": "А. Б."}],
        "title": "O",
        "issued": {"date-parts": [[2020, 4, 23]]},
        "note": "E2",
        "container-title": "Cabar",
        "URL": "https://c.asia/x",
        "accessed": {"date-parts": [[2023, 4, 20]]},
    }
    assert exports.reference_csl("p", paper)["page"] == "56-65"
    assert exports.reference_csl("b", book)["number-of-pages"] == "316"
    assert exports.reference_csl("b", book)["publisher-place"] == "Алматы"


def test_article_citations_in_both_languages():
    from urllib.parse import parse_qs

    from edition import article

    meta = sample_meta()
    gost = article.csl_item(meta, "gost")
    apa = article.csl_item(meta, "apa")
    assert gost["author"][0] == {"family": "Курмангужин", "given": "Р. С."}
    assert apa["author"][1] == {"family": "Chebotarev", "given": "A."}
    assert gost["title"] == meta["title"]["ru"] and gost["container-title"] == meta["journal"]["ru"]
    assert apa["title"] == (
        "Diplomatiia Respubliki Kazakhstan: evoliutsiia vneshnepoliticheskikh kontseptsii "
        "[Diplomacy of the Republic of Kazakhstan: Evolution of Foreign Policy Concepts]"
    )
    assert apa["container-title"] == "Mirovaia ekonomika i mezhdunarodnye otnosheniia"
    assert article.romanize("Щука Ёж Юг") == "Shchuka Ezh Iug"
    query = parse_qs(article.coins(meta, "http://h/article/"))
    assert query["rft.au"] == ["Курмангужин, Р. С.", "Чеботарёв, А."]
    assert (query["rft.spage"], query["rft.epage"]) == (["74"], ["84"])
    assert query["rft_id"] == [f"info:doi/{meta['doi']}", "http://h/article/"]


def test_unregistered_anchors_and_saving_the_registry(tmp_path):
    data = {"anchors": {"a.md": ["p1"]}, "moved": {"pages": {}, "fragments": {"a.md#x": "y"}}}
    assert registry.unregistered(data, {"a.md": ["p1", "p2"], "b.md": ["z"], "c.md": []}) == {
        "a.md": ["p2"],
        "b.md": ["z"],
    }
    path = tmp_path / "anchors.yml"
    registry.save(path, data)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(registry.HEADER)
    assert checked(registry.read_registry(path), "anchors.yml") == data
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a/index.html").write_text(
        '<article class="md-content__inner md-typeset"><h1 id="t">T</h1><p id="p1">x</p></article>', encoding="utf-8"
    )
    assert registry.built_anchors(site, {"a.md": "a/index.html", "gone.md": "gone/index.html"}) == {"a.md": ["t", "p1"]}


# --- survivors of the mutation run: what an editor reads ----------------------------------------


def test_article_release_date_and_whole_numbers(tmp_path):
    from edition import article

    text = (ROOT / "docs/data/article.yml").read_text(encoding="utf-8")
    released = next(line for line in text.split("\n") if line.strip().startswith("released:"))
    text = text.replace(released, '  released: "2026-02-30"').replace("characters: 37712", "characters: 37712.0")
    text = text.replace("  year: 2026", "  year: 2026.0")
    path = tmp_path / "article.yml"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")

    def line(needle):
        return next(n for n, t in enumerate(lines, start=1) if needle in t)

    assert [str(p) for p in article.article_problems(path, "a.yml")[1]] == [
        f"a.yml:{line('characters:')}: article [characters]: 37712.0 has decimals; write a whole number such as 37712",
        f"a.yml:{line('released:')}: article [edition.released]: '2026-02-30' is not a real date; write YYYY-MM-DD",
        f"a.yml:{line('  year: 2026.0')}: article [edition.year]: 2026.0 has decimals; write a whole number such as "
        "2026",
    ]


def test_a_long_block_is_named_by_its_first_40_characters():
    from edition import structure

    text = "# T {#t}\n\n" + "а" * 45 + "\n\nВторой.\n{#p1}\n\nТретий.\n{#p1}\n\nЧетвёртый.\n"
    assert [str(p) for p in structure.paragraph_problems(text, "a.md")] == [
        f"a.md:3: block '{'а' * 40}…': no paragraph number; end the block with a line {{#p2}} (the next free "
        "number; headings of the text are numbered like its paragraphs)",
        "a.md:8: block 'Третий. {#p1}': {#p1} is already used on line 5; give this block the next free number {#p3} "
        "(never reuse or renumber an anchor)",
        "a.md:11: block 'Четвёртый.': no paragraph number; end the block with a line {#p4} (the next free number; "
        "headings of the text are numbered like its paragraphs)",
    ]
    assert structure.paragraph_problems("# T\n\n" + "б" * 40 + "\n{#p1}\n", "a.md") == []


def test_schema_hints_for_missing_fields_and_numbers():
    doc = datafile.parse("events:\n  - id: x\n    date: 1994\n", "f.yml")
    found = [str(p) for p in datafile.schema_problems(doc, "events", tl.events_where)]
    assert found == [
        "f.yml:2: event 'x' [kind]: missing field 'kind'; add it: a code from the kinds of docs/data/vocabularies.yml",
        "f.yml:2: event 'x' [parties]: missing field 'parties'; add it: a list of party codes in brackets, "
        "e.g. [KZ, RU]",
        "f.yml:2: event 'x' [title]: missing field 'title'; add it",
        "f.yml:2: event 'x' [sources]: missing field 'sources'; add it: a list of {page, paragraph, quote}: an "
        "event needs at least one source",
        "f.yml:3: event 'x' [date]: 1994 is not text (quote it: \"...\"); write YYYY, YYYY-MM or YYYY-MM-DD in "
        'quotes, e.g. "1995-02"',
    ]


def test_json_ld_records_in_full():
    from edition import metadata

    meta = sample_meta()
    doi = meta["doi"]
    publisher = meta["journal"]["publisher"]["en"]
    affiliation = "Centre for Contemporary Research Study “Alternativa”"
    address = "Republic of Kazakhstan, Almaty"
    assert metadata.article_json_ld(meta, "http://h/article/", "During the thirty years…") == {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": meta["title"]["ru"],
        "name": meta["title"]["ru"],
        "alternativeHeadline": meta["title"]["en"],
        "inLanguage": "ru",
        "author": [
            {
                "@type": "Person",
                "name": "Р. С. Курмангужин",
                "alternateName": "R. Kurmanguzhin",
                "affiliation": {"@type": "Organization", "name": affiliation, "address": address},
            },
            {
                "@type": "Person",
                "name": "А. Чеботарёв",
                "alternateName": "A. Chebotarev",
                "affiliation": {"@type": "Organization", "name": affiliation, "address": address},
            },
        ],
        "datePublished": "2023",
        "pageStart": "74",
        "pageEnd": "84",
        "keywords": meta["keywords"]["en"],
        "sameAs": f"https://doi.org/{doi}",
        "url": "http://h/article/",
        "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": doi},
        "abstract": "During the thirty years…",
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": "7",
            "isPartOf": {
                "@type": "PublicationVolume",
                "volumeNumber": "67",
                "isPartOf": {
                    "@type": "Periodical",
                    "name": "Мировая экономика и международные отношения",
                    "alternateName": "Mirovaia ekonomika i mezhdunarodnye otnosheniia",
                    "issn": "0131-2227",
                    "publisher": {"@type": "Organization", "name": publisher},
                },
            },
        },
    }
    site = metadata.edition_json_ld(meta, "http://h/")
    assert site == {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": meta["edition"]["title"]["ru"] + ": " + meta["title"]["ru"],
        "url": "http://h/",
        "inLanguage": ["ru", "en"],
        "version": meta["edition"]["version"],
        "creator": {"@type": "Organization", "name": meta["edition"]["editors"]["ru"]},
        "isBasedOn": {"@type": "ScholarlyArticle", "name": meta["title"]["ru"], "sameAs": f"https://doi.org/{doi}"},
        "description": site["description"],
    }
    assert site["description"].startswith("Электронное научное издание статьи")


def test_more_editor_messages():
    from edition import structure

    doc = datafile.parse(
        "events:\n  - id: x\n    date: '1994'\n    kind: visit\n    parties: [KZ]\n    title: {ru: a, en: b}\n"
        "    sources: []\n",
        "f.yml",
    )
    assert [str(p) for p in datafile.schema_problems(doc, "events", tl.events_where)] == [
        "f.yml:7: event 'x' [sources]: the list is empty; a list of {page, paragraph, quote}: an event needs at "
        "least one source"
    ]
    assert bibfile.value_problems("b.bib", "e", entry(url="http://a.org/x")) == []
    text = "# T {#t}\n\nАбзац {#p1} хвост.\n"
    assert [str(p) for p in structure.paragraph_problems(text, "a.md")] == [
        "a.md:3: block 'Абзац {#p1} хвост.': {#p1} must stand alone on the block's last line (a heading: "
        "`## TITLE {#p1}`)"
    ]


def test_coins_csl_and_bibtex_of_the_article_in_full():
    from urllib.parse import parse_qsl

    from edition import article, exports
    from pybtex.database import parse_string

    meta = sample_meta()
    doi = meta["doi"]
    assert parse_qsl(article.coins(meta, "http://h/a/")) == [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
        ("rft.genre", "article"),
        ("rft.atitle", meta["title"]["ru"]),
        ("rft.jtitle", "Мировая экономика и международные отношения"),
        ("rft.date", "2023"),
        ("rft.volume", "67"),
        ("rft.issue", "7"),
        ("rft.spage", "74"),
        ("rft.epage", "84"),
        ("rft.issn", "0131-2227"),
        ("rft_id", f"info:doi/{doi}"),
        ("rft_id", "http://h/a/"),
        ("rft.language", "rus"),
        ("rft.au", "Курмангужин, Р. С."),
        ("rft.au", "Чеботарёв, А."),
    ]
    gost = article.csl_item(meta, "gost")
    assert {k: v for k, v in gost.items() if k not in ("author", "title", "container-title")} == {
        "id": "article",
        "type": "article-journal",
        "ISSN": "0131-2227",
        "volume": "67",
        "issue": "7",
        "page": "74-84",
        "issued": {"date-parts": [[2023]]},
        "DOI": doi,
        "language": "ru",
    }
    entry = parse_string(exports.article_bibtex(meta), "bibtex").entries["kurmanguzhin-2023"]
    assert dict(entry.fields) == {
        "title": meta["title"]["ru"],
        "journal": "Мировая экономика и международные отношения",
        "year": "2023",
        "volume": "67",
        "number": "7",
        "pages": "74--84",
        "doi": doi,
        "issn": "0131-2227",
        "url": f"https://doi.org/{doi}",
        "langid": "russian",
        "keywords": ", ".join(meta["keywords"]["en"]),
    }
    assert [str(p) for p in entry.persons["author"]] == ["Курмангужин, Р. С.", "Чеботарёв, А."]


def test_a_disk_without_room_for_the_site_is_named(tmp_path):
    from edition import hosting

    assert hosting.disk_problems(tmp_path / "site", 1) == []
    [problem] = hosting.disk_problems(tmp_path / "site" / "deeper", 10**18)  # a folder not made yet: its disk
    assert re.fullmatch(
        rf"{re.escape(str(tmp_path / 'site' / 'deeper'))}: disk: only \d+ MB free where the site is written; "
        r"free at least 1000000000000 MB",
        str(problem),
    )
