"""The timeline's data: load docs/data/events.yml, check every event, lay out, export.

Pure functions; hooks/timeline.py hands them the build's pages and renders the results.
"""

from __future__ import annotations

import calendar
import csv
import html
import io
import json
import re
from dataclasses import dataclass, field

from . import datafile
from .corpus import Corpus, normalize
from .problems import Problem

EVENTS_FILE = "data/events.yml"
VOCABULARIES_FILE = "data/vocabularies.yml"
FIRST_YEAR, LAST_YEAR = 1992, 2022
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Source:
    page: str
    paragraph: str
    quote: str


@dataclass
class Event:
    id: str
    date: str
    kind: str
    parties: list[str]
    title: dict[str, str]
    sources: list[Source]
    place: dict[str, str] | None = None
    context: bool = False
    terms: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"ev-{self.id}"

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def sort_key(self) -> tuple:
        return (self.date.ljust(10, "~"),)


def check_date(value: object) -> str | None:
    """What is wrong with a date, or None: ISO form, a real calendar date, 1992–2022."""
    match = DATE.match(str(value))
    if not match:
        return f"'{value}' is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD (quote it in YAML)"
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is not None and not 1 <= month <= 12:
        return f"'{value}' is an impossible date: month {month:02d} does not exist; give the month as 01–12"
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return (
            f"'{value}' is an impossible date: {year}-{month:02d} has no day {day:02d}; give a day the month has, "
            f"or only the month ({year}-{month:02d})"
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return (
            f"'{value}' is outside the timeline's years {FIRST_YEAR}–{LAST_YEAR}; an event of another year is not "
            "part of it"
        )
    return None


def event_label(raws: object, index: int) -> str:
    raw = raws[index] if isinstance(raws, list) and index < len(raws) else None
    event_id = raw.get("id") if isinstance(raw, dict) else None
    return f"event '{event_id}'" if isinstance(event_id, str) and event_id else f"event #{index + 1}"


def events_where(data: object, path: tuple) -> tuple[str, tuple]:
    """Label problems of events.yml by event: ('events', 3, 'date') -> ("event 'x'", ('date',))."""
    if len(path) >= 2 and path[0] == "events" and isinstance(path[1], int):
        return event_label(data.get("events") if isinstance(data, dict) else None, path[1]), path[2:]
    return "file", path


def event_problems(
    raw: dict,
    index: int,
    file: str,
    vocab: dict,
    corpus: Corpus,
    terms: set[str],
    refs: set[str],
    line=lambda path: None,
) -> list[Problem]:
    """Every problem of one event entry that has the schema's shape (schemas/events.json):
    a real date, known codes, attested quotes, known terms and keys.

    ``line(path)`` gives the line of a field (path within the event)."""
    where = f"event '{raw['id']}'"

    def problem(path: tuple, message: str) -> Problem:
        return Problem(file, where, field_path(path), message, line=line(path))

    problems = []
    date_problem = check_date(raw["date"])
    if date_problem:
        problems.append(problem(("date",), date_problem))
    if raw["kind"] not in vocab["kinds"]:
        problems.append(
            problem(
                ("kind",),
                f"unknown kind '{raw['kind']}'; use one of: "
                + ", ".join(vocab["kinds"])
                + f" (or add it to docs/{VOCABULARIES_FILE})",
            )
        )
    for number, party in enumerate(raw["parties"]):
        if party not in vocab["parties"]:
            problems.append(
                problem(
                    ("parties", number),
                    f"unknown party '{party}'; use one of: "
                    + ", ".join(vocab["parties"])
                    + f" (or add it to docs/{VOCABULARIES_FILE})",
                )
            )
    for number, source in enumerate(raw["sources"]):
        for found in source_problems(source, f"sources[{number + 1}]", where, file, corpus):
            problems.append(
                Problem(found.file, found.where, found.field, found.message, line=line(("sources", number)))
            )
    for number, term in enumerate(raw.get("terms") or []):
        if term not in terms:
            problems.append(
                problem(("terms", number), f"unknown glossary term '{term}'; use the id of an entry on glossary.md")
            )
    for number, key in enumerate(raw.get("refs") or []):
        if key not in refs:
            problems.append(problem(("refs", number), f"unknown citation key '{key}'; use a key of bibliography.bib"))
    return problems


def field_path(path: tuple) -> str:
    """The field named as in the other messages: `parties`, `sources[1].quote` (list items unnamed)."""
    return ".".join(str(part) for part in path if not isinstance(part, int))


MIN_QUOTE_WORDS = 3
WORD = re.compile(r"\w+")


def source_problems(source: dict, field_name: str, where: str, file: str, corpus: Corpus) -> list[Problem]:
    """The attestation check: the paragraph exists, is not a heading, and contains the quoted
    words (at least a few of them: a quote of a letter or a space would attest nothing)."""
    page, anchor, quote = source.get("page"), source.get("paragraph"), source.get("quote")
    if not (page and anchor and quote):
        return [Problem(file, where, field_name, "give page, paragraph and quote")]
    if page not in corpus.pages:
        return [
            Problem(
                file,
                where,
                f"{field_name}.page",
                f"no page '{page}' in docs/; use a page of the site such as article.md",
            )
        ]
    paragraph = corpus.paragraph(page, str(anchor))
    if paragraph is None:
        return [
            Problem(
                file, where, f"{field_name}.paragraph", f"no paragraph '{anchor}' on {page}; use an anchor such as p5"
            )
        ]
    if paragraph.is_heading:
        return [
            Problem(
                file,
                where,
                f"{field_name}.paragraph",
                f"'{anchor}' on {page} is a heading; quote the paragraph of the text that attests the event",
            )
        ]
    words = WORD.findall(quote)
    if len(words) < MIN_QUOTE_WORDS:
        return [
            Problem(
                file,
                where,
                f"{field_name}.quote",
                f"quote '{normalize(quote)}' is too short: copy at least {MIN_QUOTE_WORDS} "
                "words of the paragraph that attest the event",
            )
        ]
    if normalize(quote) not in normalize(paragraph.text):
        return [
            Problem(
                file,
                where,
                f"{field_name}.quote",
                f"quote not found in {page}#{anchor}: '{quote}'; copy the words exactly from that paragraph",
            )
        ]
    return []


def build_event(raw: dict) -> Event:
    return Event(
        id=raw["id"],
        date=str(raw["date"]),
        kind=raw["kind"],
        parties=list(raw["parties"]),
        title=raw["title"],
        place=raw.get("place"),
        context=raw.get("context", False) is True,
        sources=[Source(s["page"], str(s["paragraph"]), normalize(s["quote"])) for s in raw["sources"]],
        terms=list(raw.get("terms") or []),
        refs=list(raw.get("refs") or []),
    )


def check_events(
    raws: list,
    file: str,
    vocab: dict,
    corpus: Corpus,
    terms: set[str],
    refs: set[str],
    doc: datafile.Document,
) -> tuple[list[Event], list[Problem]]:
    """All events and all problems (those ``doc``, the file as read, already has, duplicate ids,
    meaning), in the file's order. An event with a schema problem is not judged further."""
    problems = list(doc.problems)
    broken = {p.where for p in problems}
    seen: dict[str, int] = {}
    events = []
    for index, raw in enumerate(raws):
        label = event_label(raws, index)
        if label in broken or not isinstance(raw, dict):
            continue
        found = event_problems(
            raw, index, file, vocab, corpus, terms, refs, line=lambda path, i=index: doc.line(("events", i, *path))
        )
        if raw["id"] in seen:
            found.append(
                Problem(
                    file,
                    label,
                    "id",
                    f"duplicate id (first on line {seen[raw['id']]}); every event needs its own id",
                    line=doc.line(("events", index, "id")),
                )
            )
        seen.setdefault(raw["id"], doc.line(("events", index, "id")))
        problems += found
        if not found:
            events.append(build_event(raw))
    problems.sort(key=lambda p: p.line or 0)
    return sorted(events, key=lambda e: e.sort_key), problems


# --- layout ------------------------------------------------------------------------------------


def by_year(events: list[Event]) -> list[tuple[int, list[Event]]]:
    years: dict[int, list[Event]] = {}
    for event in events:
        years.setdefault(event.year, []).append(event)
    return sorted(years.items())


# --- exports -----------------------------------------------------------------------------------


def event_record(event: Event, vocab: dict, urls: dict[tuple[str, str], str]) -> dict:
    """One event in the documented JSON form (see timeline/events.schema.json)."""
    return {
        "id": event.id,
        "date": event.date,
        "kind": event.kind,
        "parties": event.parties,
        "context": event.context,
        "title": event.title,
        "place": event.place,
        "sources": [
            {"page": s.page, "paragraph": s.paragraph, "quote": s.quote, "url": urls[(s.page, s.paragraph)]}
            for s in event.sources
        ],
        "terms": event.terms,
        "refs": event.refs,
        "url": urls[("timeline", event.anchor)],
    }


def export_json(records: list[dict]) -> str:
    return json.dumps({"events": records}, ensure_ascii=False, indent=2) + "\n"


# OWASP "CSV injection": a cell a spreadsheet would read as a formula starts with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: object) -> str:
    """A cell that a spreadsheet shows as text: a leading formula character is prefixed with `'`."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export_csv(records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "date",
            "kind",
            "parties",
            "context",
            "title_ru",
            "title_en",
            "place_ru",
            "place_en",
            "quote",
            "source_url",
            "url",
        ]
    )
    for r in records:
        place = r["place"] or {}
        writer.writerow(
            [
                csv_cell(value)
                for value in (
                    r["id"],
                    r["date"],
                    r["kind"],
                    " ".join(r["parties"]),
                    r["context"],
                    r["title"]["ru"],
                    r["title"]["en"],
                    place.get("ru", ""),
                    place.get("en", ""),
                    " | ".join(s["quote"] for s in r["sources"]),
                    " ".join(s["url"] for s in r["sources"]),
                    r["url"],
                )
            ]
        )
    return out.getvalue()


def export_timelinejs(records: list[dict], title: str) -> str:
    """TimelineJS3 JSON: {title, events: [{start_date, text, group, unique_id}]}.

    TimelineJS renders `headline` and `text` as HTML: the data's text is escaped to stay text."""

    def date(value: str) -> dict:
        parts = value.split("-")
        return {k: v for k, v in zip(("year", "month", "day"), parts, strict=False)}

    events = [
        {
            "unique_id": r["id"],
            "start_date": date(r["date"]),
            "text": {
                "headline": html.escape(r["title"]["ru"], quote=False),
                "text": " ".join(
                    f"«{html.escape(s['quote'], quote=False)}» ({html.escape(s['url'], quote=False)})"
                    for s in r["sources"]
                ),
            },
            "group": html.escape(r["kind"], quote=False),
        }
        for r in records
    ]
    return (
        json.dumps(
            {"title": {"text": {"headline": html.escape(title, quote=False)}}, "events": events},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Events of the timeline of «Дипломатия Республики Казахстан»",
    "type": "object",
    "required": ["events"],
    "properties": {
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "date", "kind", "parties", "context", "title", "sources", "url"],
                "properties": {
                    "id": {
                        "type": "string",
                        "pattern": "^[a-z0-9][a-z0-9-]*$",
                        "description": "stable id; the event's anchor is #ev-<id>",
                    },
                    "date": {
                        "type": "string",
                        "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                        "description": "ISO date at the precision the source gives",
                    },
                    "kind": {"type": "string", "description": "code from the kinds vocabulary"},
                    "parties": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "codes from the parties vocabulary",
                    },
                    "context": {"type": "boolean", "description": "background event outside Kazakhstan"},
                    "title": {
                        "type": "object",
                        "required": ["ru", "en"],
                        "properties": {"ru": {"type": "string"}, "en": {"type": "string"}},
                    },
                    "place": {"type": ["object", "null"]},
                    "sources": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["page", "paragraph", "quote", "url"],
                            "properties": {
                                "page": {"type": "string"},
                                "paragraph": {"type": "string"},
                                "quote": {"type": "string", "description": "exact words of the paragraph"},
                                "url": {"type": "string", "format": "uri"},
                            },
                        },
                    },
                    "terms": {"type": "array", "items": {"type": "string"}},
                    "refs": {"type": "array", "items": {"type": "string"}},
                    "url": {"type": "string", "format": "uri", "description": "the event's permalink"},
                },
            },
        }
    },
}
