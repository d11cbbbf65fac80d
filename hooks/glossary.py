"""The glossary: checks docs/glossary.md, links terms in the text, computes cross-references.

- on_files: parse and check the entries; find every occurrence of every term in the article and
  the abstract (by stem: Russian is inflected); fail on an abbreviation in the text that no entry
  explains, on a duplicate id, on an entry nothing references;
- on_page_markdown: on the article and abstract pages, add the abbreviations (Python-Markdown
  `abbr`, shown as tooltips); on the glossary page, add to each entry where it occurs and which
  events name it. The terms in the text are marked by the reading view (hooks/reading.py), which
  finds the entries here (edition.reading.current).
"""

from __future__ import annotations

import re
from pathlib import Path

from edition import corpus, glossary, pages, reading, templates, typography
from edition import timeline as tl
from edition.problems import Problem, fail_if_any
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

FORMS = re.compile(r" · формы: [^\n]*")

_state: dict = {"entries": [], "occurrences": {}, "events": {}}


@event_priority(70)  # after hooks/anchors.py has scanned the pages
def on_files(files, config):
    sources = corpus.current().sources
    file = f"docs/{pages.GLOSSARY}"
    entries = glossary.parse_glossary(sources.get(pages.GLOSSARY, ""))
    occurrences = find_occurrences(entries, corpus.current())
    events = events_naming_terms(Path(config.docs_dir))
    problems = glossary.glossary_problems(entries, file)
    problems += abbreviation_problems(entries, corpus.current())
    problems += [
        Problem(
            file,
            f"entry '{e.term}'",
            "",
            "nothing references this entry: it occurs in no paragraph of "
            + " or ".join(pages.TEXT)
            + " and no event names it; remove it or add forms",
            line=e.line,
        )
        for e in entries
        if not occurrences.get(e.id) and not events.get(e.id)
    ]
    fail_if_any(problems, file)
    _state.update(entries=entries, occurrences=occurrences, events=events)
    reading.current.update(entries=entries, definitions=glossary.definitions(sources.get(pages.GLOSSARY, "")))
    return files


def text_paragraphs(scanned: corpus.Corpus):
    for src_uri in pages.TEXT:
        for paragraph in scanned.pages.get(src_uri, []):
            if not paragraph.is_heading:
                yield paragraph


def find_occurrences(entries, scanned: corpus.Corpus) -> dict[str, list[corpus.Paragraph]]:
    """entry id -> the paragraphs where the term occurs, in site order."""
    found: dict[str, list[corpus.Paragraph]] = {}
    for paragraph in text_paragraphs(scanned):
        for match in glossary.first_per_entry(glossary.find_terms(paragraph.text, entries)):
            found.setdefault(match.entry_id, []).append(paragraph)
    return found


def abbreviation_problems(entries, scanned: corpus.Corpus) -> list[Problem]:
    """Abbreviations in the text pages' paragraphs and headings that no entry explains (a heading
    set wholly in capitals, as the journal sets ВВЕДЕНИЕ, has no abbreviations to tell apart)."""
    return [
        Problem(
            f"docs/{paragraph.src_uri}:{paragraph.line}",
            f"#{paragraph.anchor}",
            "",
            f"abbreviation '{word}' has no glossary entry; add one to docs/{pages.GLOSSARY}",
        )
        for src_uri in pages.TEXT
        for paragraph in scanned.pages.get(src_uri, [])
        if not (paragraph.is_heading and paragraph.text == paragraph.text.upper())
        for word in glossary.uncovered_abbreviations(paragraph.text, entries)
    ]


def events_naming_terms(docs: Path) -> dict[str, list[dict]]:
    """term id -> events (raw data) that name it; the timeline hook checks the events."""
    raws = tl.read_yaml(docs / tl.EVENTS_FILE).get("events") or []
    named: dict[str, list[dict]] = {}
    for raw in sorted(raws, key=lambda r: str(r.get("date", "")).ljust(10, "~")):
        for term in raw.get("terms") or []:
            named.setdefault(term, []).append(raw)
    return named


@event_priority(55)  # after hooks/timeline.py has marked the attested phrases (60)
def on_page_markdown(markdown, page, config, files):
    src_uri = page.file.src_uri
    if src_uri in pages.TEXT:
        markdown += "\n\n" + abbreviations_markdown(_state["entries"]) + "\n"
    elif src_uri == pages.GLOSSARY:
        markdown = add_cross_references(markdown, config, page, files)
    return markdown


def abbreviations_markdown(entries) -> str:
    """`*[ДКБ]: Договор о коллективной безопасности` lines, from the glossary only."""
    return "\n".join(f"*[{abbr}]: {expansion}" for abbr, expansion in glossary.abbreviation_definitions(entries))


def add_cross_references(markdown: str, config, page, files) -> str:
    """After each entry's definition: where the term occurs and which events name it."""
    entries = {e.id: e for e in _state["entries"]}
    markdown = FORMS.sub("", markdown)  # match forms are for the build, not for readers
    starts = [(m.start(), m.group("id")) for m in glossary.ENTRY.finditer(markdown)]
    ends = [m.start() for m in re.finditer(r"^## ", markdown, re.M)] + [len(markdown)]
    for start, entry_id in reversed(starts):
        end = min(e for e in ends + [s for s, _ in starts] if e > start)
        refs = templates.render(
            config,
            "glossary-refs.md",
            entry=entries[entry_id],
            places=[
                {"label": corpus.paragraph_label(p.src_uri, p.anchor), "url": link(page, files, p.src_uri, p.anchor)}
                for p in _state["occurrences"].get(entry_id, [])
            ],
            events=[
                {
                    "date": typography.date_label(str(e["date"])),
                    "title": e["title"]["ru"],
                    "url": link(page, files, pages.TIMELINE, f"ev-{e['id']}"),
                }
                for e in _state["events"].get(entry_id, [])
            ],
        )
        indented = "\n".join("    " + line for line in refs.splitlines())
        markdown = markdown[:end].rstrip("\n") + "\n\n" + indented + "\n\n" + markdown[end:]
    return markdown


def link(page, files, src_uri: str, anchor: str) -> str:
    return f"{get_relative_url(src_uri, page.file.src_uri)}#{anchor}"
