"""The timeline 1992–2022: events from docs/data/events.yml, each attested by a quotation.

- on_files: load and check the events (every problem, then one failure) and add the exports
  (timeline/events.json, events.csv, timelinejs.json, events.schema.json);
- on_page_markdown: fill `<!-- timeline -->` on the timeline page. The text's attested phrases
  and the events beside them are the reading view's "события" (hooks/reading.py finds the
  events in edition.reading.current; docs/assets/reader.js marks them on demand).
"""

from __future__ import annotations

import json
from pathlib import Path

from edition import article, bibfile, corpus, glossary, markers, overview, pages, reading, templates, urls
from edition import timeline as tl
from edition.problems import fail_if_any
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

EXPORTS = {
    "json": "timeline/events.json",
    "csv": "timeline/events.csv",
    "timelinejs": "timeline/timelinejs.json",
    "schema": "timeline/events.schema.json",
}

_state: dict = {"events": [], "vocab": {"kinds": {}, "parties": {}}}


def load_events(config) -> tuple[list[tl.Event], dict]:
    """Read and check the events against the pages, the glossary and the bibliography."""
    docs = Path(config.docs_dir)
    vocab = tl.read_yaml(docs / tl.VOCABULARIES_FILE)
    raws = tl.read_yaml(docs / tl.EVENTS_FILE).get("events") or []
    refs = set(bibfile.load_bibliography(bibfile.project_file(config)).entries)
    terms = glossary.term_ids(corpus.current().sources.get(pages.GLOSSARY))
    file = f"docs/{tl.EVENTS_FILE}"
    events, problems = tl.check_events(raws, file, vocab, corpus.current(), terms, refs)
    fail_if_any(problems, file)
    return events, vocab


@event_priority(50)  # after hooks/anchors.py has scanned the pages (100)
def on_files(files, config):
    events, vocab = load_events(config)
    _state.update(events=events, vocab=vocab)
    reading.current.update(events=events, vocab=vocab)
    records = [tl.event_record(e, vocab, absolute_urls(e, files, config)) for e in events]
    title = "Дипломатия Республики Казахстан: события 1992–2022"
    contents = {
        "json": tl.export_json(records),
        "csv": tl.export_csv(records),
        "timelinejs": tl.export_timelinejs(records, title),
        "schema": json.dumps(tl.JSON_SCHEMA, ensure_ascii=False, indent=2) + "\n",
    }
    for name, path in EXPORTS.items():
        files.append(File.generated(config, path, content=contents[name]))
    return files


def absolute_urls(event: tl.Event, files, config) -> dict[tuple[str, str], str]:
    timeline_url = urls.absolute(config, files.get_file_from_path(pages.TIMELINE).url)
    found = {("timeline", event.anchor): f"{timeline_url}#{event.anchor}"}
    for source in event.sources:
        page_url = urls.absolute(config, files.get_file_from_path(source.page).url)
        found[(source.page, source.paragraph)] = f"{page_url}#{source.paragraph}"
    return found


@event_priority(60)
def on_page_markdown(markdown, page, config, files):
    return markers.fill_markers(
        markdown,
        {
            "timeline": lambda: "\n\n" + render_timeline_page(config, page, files) + "\n\n",
        },
    )


# --- the timeline page ---------------------------------------------------------------------------


def render_timeline_page(config, page, files) -> str:
    events, vocab = _state["events"], _state["vocab"]
    meta = article.load_article(config.docs_dir)
    page_url = urls.absolute(config, page.file.url)
    names = {entry.id: entry.term for entry in reading.current["entries"]}
    references = reference_names(config)
    short_names = {e.expansion: e.term for e in reading.current["entries"] if e.is_abbreviation and e.expansion}
    reading.current["cites"][page.file.src_uri] = {event.anchor: event_citation(page_url, event) for event in events}
    return templates.render(
        config,
        "timeline.html",
        years=tl.by_year(events),
        vocab=vocab,
        overview=overview.layout(events, vocab, short_names),
        short_name=lambda code: overview.short_name(vocab["parties"][code]["ru"], short_names),
        count=len(events),
        date_label=overview.date_label,
        kinds=[k for k in vocab["kinds"] if any(e.kind == k for e in events)],
        parties=[p for p in vocab["parties"] if any(p in e.parties for e in events)],
        party_counts={p: sum(p in e.parties for e in events) for p in vocab["parties"]},
        kind_counts={k: sum(e.kind == k for e in events) for k in vocab["kinds"]},
        source_url=lambda s: urls.relative(page, files, s.page, s.paragraph),
        page_label=page_label,
        ref_url=lambda key: urls.relative(page, files, pages.BIBLIOGRAPHY, key),
        term_url=lambda term: urls.relative(page, files, pages.GLOSSARY, term),
        term_name=lambda term: names.get(term, term),
        ref_name=lambda key: references.get(key, key),
        exports={name: urls.relative(page, files, path) for name, path in EXPORTS.items()},
        pattern={
            style: reading.fill(text, {"item": "ДАТА: НАЗВАНИЕ [событие хронологии]", "url": f"{page_url}#ev-ID"})
            for style, text in reading.cite_patterns(meta)["event"].items()
        },
    )


def event_citation(page_url: str, event: tl.Event) -> dict:
    """The cite card's data for one event (its pattern: edition.reading.cite_patterns)."""
    return {
        "label": f"событие «{event.title['ru']}»",
        "kind": "event",
        "url": f"{page_url}#{event.anchor}",
        "item": f"{event.date}: {event.title['ru']} [событие хронологии]",
    }


def reference_names(config) -> dict[str, str]:
    """key -> how an event names a reference: "[1] Шаклеина Т. А., 2003"."""
    data = bibfile.load_bibliography(bibfile.project_file(config))
    names = {}
    for number, (key, entry) in enumerate(data.entries.items(), start=1):
        authors = entry.persons.get("author", [])
        who = ""
        if authors:
            person = authors[0]
            initials = " ".join(f"{name[0]}." for name in person.first_names + person.middle_names)
            who = f" {' '.join(person.last_names)} {initials}".rstrip() + ","
        year = (entry.fields.get("year") or entry.fields.get("date", ""))[:4]
        names[key] = f"[{number}]{who} {year}".strip()
    return names


def page_label(source: tl.Source) -> str:
    return corpus.paragraph_label(source.page, source.paragraph)
