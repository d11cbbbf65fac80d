"""The timeline 1992–2022: events from docs/data/events.yml, each attested by a quotation.

- on_files: load and check the events (every problem, then one failure) and add the exports
  (timeline/events.json, events.csv, timelinejs.json, events.schema.json);
- on_page_markdown: fill `<!-- timeline -->` on the timeline page; in the attested paragraphs
  of the other pages, mark each quoted phrase as a link to its event and list the paragraph's
  events in the margin.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from edition import article, bibfile, cite, corpus, glossary, markers, pages, templates, urls
from edition import timeline as tl
from edition.problems import fail_if_any

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
    bib = Path(config.config_file_path).parent / "bibliography.bib"
    refs = set(bibfile.load_bibliography(bib).entries)
    terms = glossary.term_ids(corpus.current().sources.get(pages.GLOSSARY))
    file = f"docs/{tl.EVENTS_FILE}"
    events, problems = tl.check_events(raws, file, vocab, corpus.current(), terms, refs)
    fail_if_any(problems, file)
    return events, vocab


@event_priority(50)  # after hooks/anchors.py has scanned the pages (100)
def on_files(files, config):
    events, vocab = load_events(config)
    _state.update(events=events, vocab=vocab)
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


@event_priority(60)  # after hooks/citations.py has set located citations aside (100)
def on_page_markdown(markdown, page, config, files):
    markdown = markers.fill_markers(markdown, {
        "timeline": lambda: "\n\n" + render_timeline_page(config, page, files) + "\n\n",
    })
    attested = events_by_paragraph(_state["events"], page.file.src_uri)
    if attested:
        markdown = mark_attestations(markdown, attested, config, page, files)
    return markdown


# --- the timeline page ---------------------------------------------------------------------------

def render_timeline_page(config, page, files) -> str:
    events, vocab = _state["events"], _state["vocab"]
    return templates.render(
        config, "timeline.html",
        years=tl.by_year(events), vocab=vocab, overview=tl.overview_layout(events, vocab),
        count=len(events),
        kinds=[k for k in vocab["kinds"] if any(e.kind == k for e in events)],
        parties=[p for p in vocab["parties"] if any(p in e.parties for e in events)],
        source_url=lambda s: urls.relative(page, files, s.page, s.paragraph),
        page_label=page_label, ref_url=lambda key: urls.relative(page, files, pages.BIBLIOGRAPHY, key),
        term_url=lambda term: urls.relative(page, files, pages.GLOSSARY, term),
        exports={name: urls.relative(page, files, path) for name, path in EXPORTS.items()},
        cite_event=lambda event: event_citation(config, page, event),
    )


def event_citation(config, page, event: tl.Event) -> dict:
    """What cite-this.html needs for one event."""
    meta = article.load_article(config.docs_dir)
    url = f"{urls.absolute(config, page.file.url)}#{event.anchor}"
    item = f"{event.date}: {event.title['ru']} [событие хронологии]"
    return {"anchor": event.anchor, "url": url, "label": "событие",
            "cites": cite.apparatus_citation(meta, item, "Хронология 1992–2022", "timeline 1992–2022", url)}


def page_label(source: tl.Source) -> str:
    return corpus.paragraph_label(source.page, source.paragraph)


# --- attestations in the text ------------------------------------------------------------------

def events_by_paragraph(events: list[tl.Event], src_uri: str) -> dict[str, list[tuple[tl.Event, str]]]:
    """paragraph anchor -> [(event, quote)] for one page, in timeline order."""
    found: dict[str, list[tuple[tl.Event, str]]] = {}
    for event in events:
        for source in event.sources:
            if source.page == src_uri:
                found.setdefault(source.paragraph, []).append((event, source.quote))
    return found


def quote_spans(text: str, quotes: list[tuple[tl.Event, str]]) -> list[tuple[int, int, tl.Event]]:
    """Where each quote stands in a paragraph's Markdown: the first event for a repeated quote,
    and no span that overlaps an earlier one (those events stay reachable from the margin)."""
    spans: list[tuple[int, int, tl.Event]] = []
    for event, quote in quotes:
        pattern = r"\s+".join(re.escape(word) for word in quote.split())
        match = re.search(pattern, text)
        if not match:
            continue
        start, end = match.span()
        if any(start < s_end and s_start < end for s_start, s_end, _ in spans):
            continue
        spans.append((start, end, event))
    return sorted(spans, key=lambda span: span[0])


def mark_quotes(text: str, spans: list[tuple[int, int, tl.Event]], render_phrase) -> str:
    """Mark each quoted phrase (overrides/partials/edition/attested-phrase.html) and link it
    to its event; the phrase stays Markdown, so other hooks can still link words inside it."""
    for start, end, event in reversed(spans):
        text = text[:start] + render_phrase(text[start:end], event) + text[end:]
    return text


def mark_attestations(markdown: str, attested: dict, config, page, files) -> str:
    def render_phrase(phrase: str, event: tl.Event) -> str:
        return templates.render(config, "attested-phrase.html", phrase=templates.safe(phrase),
                                event=event, url=urls.relative(page, files, pages.TIMELINE, event.anchor))

    blocks = markdown.split("\n\n")
    for index, block in enumerate(blocks):
        anchor = block_anchor(block)
        if anchor not in attested:
            continue
        quotes = attested[anchor]
        body, tail = split_attribute_line(block)
        body = mark_quotes(body, quote_spans(body, quotes), render_phrase)
        if tail:
            events = unique_events(event for event, _ in quotes)
            margin = templates.render(config, "paragraph-events.html", events=events,
                                      url=lambda e: urls.relative(page, files, pages.TIMELINE, e.anchor))
            body = f"{body} {margin}"
        blocks[index] = body + tail
    return "\n\n".join(blocks)


def block_anchor(block: str) -> str | None:
    lines = block.strip("\n").split("\n")
    match = corpus.BLOCK_ID.match(lines[-1].strip())
    if match and len(lines) > 1:
        return match.group(1)
    footnote = corpus.FOOTNOTE_DEFINITION.match(block.strip("\n"))
    return f"fn:{footnote.group(1)}" if footnote else None


def split_attribute_line(block: str) -> tuple[str, str]:
    """(text, "\\n{#pN}") for a paragraph with an attribute line; (block, "") otherwise."""
    lines = block.rstrip("\n").split("\n")
    if len(lines) > 1 and corpus.BLOCK_ID.match(lines[-1].strip()):
        return "\n".join(lines[:-1]), "\n" + lines[-1]
    return block, ""


def unique_events(events) -> list[tl.Event]:
    """Events in order, each once (events are not hashable: compare ids)."""
    ids: set[str] = set()
    unique: list[tl.Event] = []
    for event in events:
        if event.id not in ids:
            ids.add(event.id)
            unique.append(event)
    return unique
