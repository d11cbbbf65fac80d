"""Unit tests of the timeline's loader and validator: every problem, exact wording."""

from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from edition import datafile
from edition import timeline as tl
from edition.corpus import Corpus, scan_page

DATA = Path(__file__).parent / "data"
VOCAB = yaml.safe_load((ROOT / "docs/data/vocabularies.yml").read_text(encoding="utf-8"))


def article_corpus() -> Corpus:
    text = (ROOT / "docs/article.md").read_text(encoding="utf-8")
    return Corpus(pages={"article.md": scan_page("article.md", text)})


def test_every_problem_is_reported_with_file_line_event_and_field():
    doc = datafile.read(DATA / "events-bad.yml", "events.yml", "events", tl.events_where)
    raws = doc.data["events"]
    events, problems = tl.check_events(
        raws, "events.yml", VOCAB, article_corpus(), {"dkb"}, {"shakleina-2003"}, doc=doc
    )
    kinds = ", ".join(VOCAB["kinds"])
    parties = ", ".join(VOCAB["parties"])
    assert [str(p) for p in problems] == [
        "events.yml:10: event 'bad-kind' [date]: '1994-13' is an impossible date: month 13 does not exist; give the "
        "month as 01–12",
        f"events.yml:11: event 'bad-kind' [kind]: unknown kind 'parade'; use one of: {kinds} "
        "(or add it to docs/data/vocabularies.yml)",
        f"events.yml:12: event 'bad-kind' [parties]: unknown party 'XX'; use one of: {parties} "
        "(or add it to docs/data/vocabularies.yml)",
        "events.yml:15: event 'bad-kind' [sources[1].paragraph]: no paragraph 'p9' on article.md; "
        "use an anchor such as p5",
        "events.yml:16: event 'good-one' [id]: duplicate id (first on line 2); every event needs its own id",
        "events.yml:17: event 'good-one' [date]: '1991' is outside the timeline's years 1992–2022; an event of "
        "another year is not part of it",
        "events.yml:22: event 'good-one' [sources[1].quote]: quote not found in article.md#p5: "
        "'визиты президента Ельцина'; copy the words exactly from that paragraph",
        "events.yml:23: event 'good-one' [terms]: unknown glossary term 'no-such-term'; "
        "use the id of an entry on glossary.md",
        "events.yml:24: event 'good-one' [refs]: unknown citation key 'no-such-key'; use a key of bibliography.bib",
        "events.yml:29: event 'feb-thirty' [title.en]: missing field 'en'; add it",
    ]
    assert [e.id for e in events] == ["good-one"]


def test_an_event_with_a_schema_problem_is_not_checked_further():
    """feb-thirty's missing title.en is reported; its date and source are not judged on top."""
    doc = datafile.read(DATA / "events-bad.yml", "events.yml", "events", tl.events_where)
    _events, problems = tl.check_events(
        doc.data["events"], "events.yml", VOCAB, article_corpus(), set(), set(), doc=doc
    )
    assert [p.field for p in problems if p.where == "event 'feb-thirty'"] == ["title.en"]


@pytest.mark.parametrize(
    "value, message",
    [
        ("1994", None),
        ("1995-02", None),
        ("2022-01-31", None),
        ("2020-02-29", None),
        ("1994-13", "'1994-13' is an impossible date: month 13 does not exist; give the month as 01–12"),
        (
            "2021-02-29",
            "'2021-02-29' is an impossible date: 2021-02 has no day 29; give a day the month has, or only the "
            "month (2021-02)",
        ),
        ("94", "'94' is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD (quote it in YAML)"),
        ("2023", "'2023' is outside the timeline's years 1992–2022; an event of another year is not part of it"),
    ],
)
def test_dates(value, message):
    assert tl.check_date(value) == message


def test_quote_check_ignores_note_markers_and_whitespace_only():
    corpus = article_corpus()
    ok = {"page": "article.md", "paragraph": "p6", "quote": "одобрил положение о\n Секретариате СКБ."}
    assert tl.source_problems(ok, "sources[1]", "event 'x'", "f", corpus) == []
    changed = dict(ok, quote="одобрил Положение о Секретариате СКБ")
    assert tl.source_problems(changed, "sources[1]", "event 'x'", "f", corpus)


def test_source_problems_one_at_a_time():
    corpus = article_corpus()

    def problem(**source):
        found = tl.source_problems(source, "sources[1]", "event 'x'", "f", corpus)
        return [str(p) for p in found]

    assert problem(page="article.md", paragraph="p5") == ["f: event 'x' [sources[1]]: give page, paragraph and quote"]
    assert problem(page="nowhere.md", paragraph="p5", quote="a b c") == [
        "f: event 'x' [sources[1].page]: no page 'nowhere.md' in docs/; use a page of the site such as article.md"
    ]
    assert problem(page="article.md", paragraph="p1", quote="a b c") == [
        "f: event 'x' [sources[1].paragraph]: 'p1' on article.md is a heading; quote the paragraph of the text "
        "that attests the event"
    ]
    assert problem(page="article.md", paragraph="p5", quote="визиты президента") == [
        "f: event 'x' [sources[1].quote]: quote 'визиты президента' is too short: copy at least 3 words of the "
        "paragraph that attest the event"
    ]
    assert problem(page="article.md", paragraph="p5", quote="состоялись визиты президента") == []
    assert problem(page="article.md", paragraph="p6", quote="состоялись визиты президента") == [
        "f: event 'x' [sources[1].quote]: quote not found in article.md#p6: 'состоялись визиты президента'; copy "
        "the words exactly from that paragraph"
    ]
