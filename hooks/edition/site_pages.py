"""What the edition adds to its pages' Markdown: the markers' content (one table), the citations as
labelled footnotes, the glossary's abbreviations and cross-references.

A marker is an HTML comment alone on its line naming what goes there (`<!-- timeline -->`);
`MARKERS` maps each name to the function that renders it, and any other name fails the build
(edition.markers). Each function takes the build and the page and returns HTML.
"""

from __future__ import annotations

import re

from mkdocs.utils import get_relative_url

from . import (
    article,
    attribution,
    cite,
    corpus,
    editorial,
    glossary,
    markers,
    overview,
    pages,
    reading,
    references,
    typography,
)
from . import timeline as tl
from . import translation as tr
from .build import Build
from .pdf import PDF
from .templates import sanitized

DOWNLOADS = {
    "article.bib": "BibTeX",
    "article.ris": "RIS",
    "article.json": "CSL-JSON",
    "references.bib": "BibTeX",
    "references.ris": "RIS",
    "references.json": "CSL-JSON",
}
TIMELINE_EXPORTS = {
    "json": "timeline/events.json",
    "csv": "timeline/events.csv",
    "timelinejs": "timeline/timelinejs.json",
    "schema": "timeline/events.schema.json",
}


# --- the article's metadata ---------------------------------------------------------------------


def article_meta(name: str):
    """The renderer of one of the article's metadata blocks (`article-byline`, `how-to-cite`…)."""

    def render(build: Build, page) -> str:
        meta = build.edition.meta
        cites = cite.article_citations(meta, build.formatted)
        return build.render(
            f"{name}.html",
            meta=meta,
            doi_url=article.doi_url(meta),
            coins=article.coins(meta, build.absolute(page.file.url)),
            article_url=build.url(page, pages.ARTICLE),
            abstract_url=build.url(page, pages.ABSTRACT),
            gost=cites["gost_plain_base"],
            apa=sanitized(cites["apa_html"]),
        )

    return render


def downloads(build: Build, page) -> str:
    links = [
        {"name": name, "format": fmt, "url": get_relative_url(f"downloads/{name}", page.file.url)}
        for name, fmt in DOWNLOADS.items()
    ]
    # the PDF is made after the site, by scripts/dev build (edition/pdf.py), not by mkdocs: linked
    # only in a build that will hold it; on the article, the list is folded to one line: the text
    # begins on a phone's first screen
    return build.render(
        "downloads.html",
        links=links,
        pdf_url=get_relative_url(PDF, page.file.url) if build.pdf else None,
        folded=page.file.src_uri == pages.ARTICLE,
    )


def translation_note(build: Build, page) -> str:
    """The translator's note (About page); nothing in a build that leaves the translation out."""
    if not build.edition.translation:
        return ""
    url = {
        name: get_relative_url(f"downloads/alignment.{ext}", page.file.url)
        for name, ext in (("json", "json"), ("schema", "schema.json"), ("tei", "tei.xml"))
    }
    return build.render("translation-note.html", count=len(build.edition.translation), **url)


# --- the references ----------------------------------------------------------------------------


def reference_markdown(build: Build, key: str) -> str:
    """The repaired GOST Markdown of one reference (pandoc's text, edition.formatting)."""
    return references.gost_reference(build.formatted.gost[key], build.edition.bibliography.entries[key])


def bibliography(build: Build, page) -> str:
    """The bibliography page: every reference in the article's order, both renderings."""
    edition = build.edition
    items = [
        {
            "number": number,
            "key": key,
            "gost": sanitized(references.markdown_inline(reference_markdown(build, key))),
            "english": edition.bibliography.entries[key].fields.get("usera", ""),
            "cited_at": [
                {
                    "url": build.url(page, paragraph.src_uri, paragraph.anchor),
                    "number": paragraph.number,
                    "anchor": paragraph.anchor,
                }
                for paragraph in edition.corpus.citing(key)
            ],
        }
        for key, number in edition.numbers.items()
    ]
    page_url = build.absolute(page.file.url)
    build.state(page.file.src_uri).cites.update(
        {
            item["key"]: {
                "label": f"источник {item['number']}",
                "label_en": f"reference {item['number']}",
                "kind": "reference",
                "url": f"{page_url}#{item['key']}",
                "text": reference_text(str(item["gost"]), edition.bibliography.entries[item["key"]].fields.get("doi")),
            }
            for item in items
        }
    )
    return build.render("bibliography.html", references=items)


def reference_text(gost_html: str, doi: str | None) -> str:
    """A reference as a reader copies it: its words, with the DOI and URL as text (pandoc links
    the title to the DOI, which a copy would lose)."""
    text = " ".join(cite.plain(gost_html).split())
    if doi and doi not in text:
        text = f"{text} DOI: {doi}."
    return text


def citations_as_footnotes(build: Build, page, markdown: str) -> str:
    """`[@key]` as labelled footnotes `[^ref-key]`, the located ones with footnotes of their own
    (their labels are set on the HTML by `relabel`)."""
    numbers = build.edition.numbers
    state = build.state(page.file.src_uri)

    def definition(key: str) -> str:
        label = references.citation_label(numbers[key])
        state.labels[f"ref-{key}"] = label
        return f"{references.escape_brackets(label)} {reference_markdown(build, key)}"

    markdown = references.citation_footnotes(markdown, definition)
    for citation in state.located:
        label = references.citation_label(numbers[citation.key], citation.locator)
        text = reference_markdown(build, citation.key)
        markdown += f"\n\n[^{citation.footnote_id}]: {references.escape_brackets(label)} {text}\n"
        state.labels[citation.footnote_id] = label
    return markdown


# --- the timeline ------------------------------------------------------------------------------


def timeline(build: Build, page) -> str:
    edition = build.edition
    events, vocab = edition.events, edition.vocab
    page_url = build.absolute(page.file.url)
    names = {entry.id: entry.term for entry in edition.entries}
    ref_names = reference_names(edition.bibliography)
    short_names = {e.expansion: e.term for e in edition.entries if e.is_abbreviation and e.expansion}
    build.state(page.file.src_uri).cites.update({event.anchor: event_citation(page_url, event) for event in events})
    return build.render(
        "timeline.html",
        years=tl.by_year(list(events)),
        vocab=vocab,
        overview=overview.layout(list(events), vocab, short_names),
        short_name=lambda code: overview.short_name(vocab["parties"][code]["ru"], short_names),
        count=len(events),
        date_label=overview.date_label,
        date_label_en=typography.date_label_en,
        prose=typography.prose,
        kinds=[k for k in vocab["kinds"] if any(e.kind == k for e in events)],
        parties=[p for p in vocab["parties"] if any(p in e.parties for e in events)],
        party_counts={p: sum(p in e.parties for e in events) for p in vocab["parties"]},
        kind_counts={k: sum(e.kind == k for e in events) for k in vocab["kinds"]},
        source_url=lambda s, event: arrival_url(build.url(page, s.page, s.paragraph), "event", event.id),
        page_label=lambda s: corpus.paragraph_label(s.page, s.paragraph),
        quote_en=lambda s: tr.quote_english(s.quote, s.paragraph, edition.translation),  # pairs: the article's
        about=build.url(page, pages.ABOUT, "translation") if edition.translation else "",
        ref_url=lambda key: build.url(page, pages.BIBLIOGRAPHY, key),
        term_url=lambda term: build.url(page, pages.GLOSSARY, term),
        term_name=lambda term: names.get(term, term),
        ref_name=lambda key: ref_names.get(key, key),
        exports={name: build.url(page, path) for name, path in TIMELINE_EXPORTS.items()},
        pattern={
            style: reading.fill(
                text,
                {
                    "date": "ДАТА",
                    "title": "НАЗВАНИЕ",
                    "title_en": "TITLE",
                    "url": f"{page_url}#ev-ID",
                    "accessed": "ДД.ММ.ГГГГ",
                },
            )
            for style, text in reading.cite_patterns(edition.meta, build.formatted)["event"].items()
        },
    )


def arrival_url(url: str, kind: str, value: str) -> str:
    """A link into the text that names what it points at (``?event=ID``, ``?term=ID``): the text's
    page marks those words on arrival and offers the way back (docs/assets/reader.js)."""
    path, _, anchor = url.partition("#")
    return f"{path}?{kind}={value}#{anchor}"


def event_citation(page_url: str, event: tl.Event) -> dict:
    """The cite card's data for one event (its pattern: edition.reading.cite_patterns)."""
    return {
        "kind": "event",
        "url": f"{page_url}#{event.anchor}",
        "date": event.date,
        "title": event.title["ru"],
        "title_en": event.title["en"],
    }


def reference_names(bibliography) -> dict[str, str]:
    """key -> how an event names a reference: "[1] Шаклеина Т. А., 2003"."""
    names = {}
    for number, (key, entry) in enumerate(bibliography.entries.items(), start=1):
        authors = entry.persons.get("author", [])
        who = ""
        if authors:
            person = authors[0]
            initials = " ".join(f"{name[0]}." for name in person.first_names + person.middle_names)
            who = f" {' '.join(person.last_names)} {initials}".rstrip() + ","
        year = (entry.fields.get("year") or entry.fields.get("date", ""))[:4]
        names[key] = f"[{number}]{who} {year}".strip()
    return names


# --- the editorial apparatus -------------------------------------------------------------------


def editorial_sources(build: Build, page) -> str:
    sources = [{"id": s["id"], "citation": editorial.source_citation(s)} for s in build.edition.editorial["sources"]]
    return build.render("editorial-sources.html", sources=sources, prefix=editorial.SOURCE_PREFIX)


def editorial_notes(build: Build, page) -> str:
    data = build.edition.editorial
    sources = {s["id"]: s for s in data["sources"]}
    listed = build.page_url(page, pages.GLOSSARY)  # the editorial sources are listed on the glossary page
    notes = [
        {
            "id": n["id"],
            "url": f"{build.page_url(page, n['page'])}#{n['paragraph']}",
            "label": corpus.paragraph_label(n["page"], n["paragraph"]),
            "quote": n["quote"],
            "text": typography.prose(n["text"]),  # no break inside "Б. Клинтон", "1993 г."
            "sources": [
                {"url": f"{listed}#{editorial.SOURCE_PREFIX}{s}", "citation": editorial.source_citation(sources[s])}
                for s in n["sources"]
            ],
        }
        for n in data["notes"]
    ]
    anchors = page.file.src_uri == pages.ARTICLE
    if anchors:
        page_url = build.absolute(page.file.url)
        build.state(page.file.src_uri).cites.update(
            {f"{editorial.NOTE_PREFIX}{n['id']}": editorial_note_citation(page_url, n) for n in notes}
        )
    return build.render(
        "editorial-notes.html",
        notes=notes,
        anchors=anchors,
        prefix=editorial.NOTE_PREFIX,
    )


def editorial_note_citation(page_url: str, note: dict) -> dict:
    """The cite card's data for an editorial note (its pattern: edition.reading.cite_patterns)."""
    number = note["label"].removeprefix("абз. ")
    return {
        "label": f"примечание редакции к {note['label']}",
        "label_en": f"the editorial note on para. {number}",
        "kind": "enote",
        "url": f"{page_url}#{editorial.NOTE_PREFIX}{note['id']}",
        "item": f"Примечание редакции к {note['label']} [примечание редакции]",
        "item_en": f"Editorial note on paragraph {number} [Editorial note]",
    }


def normalisations(build: Build, page) -> str:
    return build.render("editorial-normalisations.html", items=build.edition.editorial["normalisations"])


MARKERS = {
    **{
        name: article_meta(name)
        for name in ("article-byline", "preview-note", "preview-end", "article-card", "how-to-cite", "abstract-meta")
    },
    "bibliography": bibliography,
    "timeline": timeline,
    "downloads": downloads,
    "editorial-sources": editorial_sources,
    "editorial-notes": editorial_notes,
    "normalisations": normalisations,
    "translation-note": translation_note,
}


def fill_markers(build: Build, page, markdown: str) -> str:
    """Every marker replaced by what its function renders (edition.model has failed the build on
    any other name)."""
    return markers.fill_markers(
        markdown, {name: lambda render=render: f"\n\n{render(build, page)}\n\n" for name, render in MARKERS.items()}
    )


# --- the glossary ------------------------------------------------------------------------------

FORMS = re.compile(r" · формы: [^\n]*")


def abbreviations(build: Build) -> str:
    """`*[ДКБ]: Договор о коллективной безопасности` lines, from the glossary only."""
    pairs = glossary.abbreviation_definitions(list(build.edition.entries))
    return "\n".join(f"*[{abbr}]: {expansion}" for abbr, expansion in pairs)


def glossary_cross_references(build: Build, page, markdown: str) -> str:
    """After each entry's definition: where the term occurs and which events name it."""
    edition = build.edition
    entries = {e.id: e for e in edition.entries}

    def link(src_uri: str, anchor: str, query: str = "") -> str:
        return f"{get_relative_url(src_uri, page.file.src_uri)}{query}#{anchor}"

    markdown = FORMS.sub("", markdown)  # match forms are for the build, not for readers
    starts = [(m.start(), m.group("id")) for m in glossary.ENTRY.finditer(markdown)]
    ends = [m.start() for m in re.finditer(r"^## ", markdown, re.M)] + [len(markdown)]
    for start, entry_id in reversed(starts):
        end = min(e for e in ends + [s for s, _ in starts] if e > start)
        refs = build.render(
            "glossary-refs.md",
            entry=entries[entry_id],
            places=[
                {
                    "label": corpus.paragraph_label(p.src_uri, p.anchor),
                    "label_en": corpus.paragraph_label_en(p.src_uri, p.anchor),
                    "url": link(p.src_uri, p.anchor, f"?term={entry_id}"),
                }
                for p in edition.occurrences.get(entry_id, [])
            ],
            events=[
                {
                    "date": typography.date_label(str(e["date"])),
                    "date_en": typography.date_label_en(str(e["date"])),
                    "title": e["title"]["ru"],
                    "title_en": e["title"]["en"],
                    "url": link(pages.TIMELINE, f"ev-{e['id']}"),
                }
                for e in edition.term_events.get(entry_id, [])
            ],
        )
        indented = "\n".join("    " + line for line in refs.splitlines())
        markdown = markdown[:end].rstrip("\n") + "\n\n" + indented + "\n\n" + markdown[end:]
    return markdown


# --- one page's Markdown, step by step ---------------------------------------------------------


def page_markdown(build: Build, page, markdown: str) -> str:
    """The edition's steps on a page's Markdown, in order."""
    src_uri = page.file.src_uri
    state = build.state(src_uri)
    if src_uri in pages.LANGUAGES:  # the article's own pages: its authors, not the edition's
        page.meta["author"] = attribution.author_meta(build.edition.meta, pages.LANGUAGES[src_uri])
    markdown, state.located = references.extract_located_citations(markdown)
    if src_uri == pages.ARTICLE and not any(name == "editorial-notes" for name, _ in markers.find_markers(markdown)):
        markdown = markdown.rstrip("\n") + "\n\n<!-- editorial-notes -->\n"  # the notes follow the text
    markdown = fill_markers(build, page, markdown)
    if src_uri in pages.TEXT:
        markdown += "\n\n" + abbreviations(build) + "\n"
    elif src_uri == pages.GLOSSARY:
        markdown = glossary_cross_references(build, page, markdown)
    return citations_as_footnotes(build, page, markdown)
