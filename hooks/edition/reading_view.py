"""The reading view's steps for one page (edition.reading does the work on the element tree).

- `annotate`, a Markdown treeprocessor's work: each addressable block wrapped with its margin
  number, glossary terms marked for the "термины" toggle, `[1]` on the baseline, the references
  apart from the authors' notes; each block's citation and words kept for the page's later steps;
- `reader_data`: what the reader's scripts get (the cite cards' data and patterns, the glossary
  and event previews);
- `search_entries`: one entry per paragraph, note, glossary entry and event, in place of
  Material's entries for the page.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from . import corpus, overview, pages, parallel, reading, translation, typography
from .build import Build, PageState

SEARCHED_BY_BLOCK = (*pages.TEXT, pages.GLOSSARY, pages.TIMELINE)


class ReadingTreeprocessor(Treeprocessor):
    def __init__(self, md, build: Build):
        super().__init__(md)
        self.build = build

    def run(self, root):
        annotate(self.build, self.build.page, root)


class ReadingExtension(Extension):
    """Registers `annotate` for the pages of one build."""

    def __init__(self, build: Build):
        super().__init__()
        self.build = build

    def extendMarkdown(self, md):
        # last: after `toc` (5), so that a heading's entry in the table of contents keeps its bare
        # title, and after MkDocs' `relpath` (0): the links made here are already relative
        md.treeprocessors.register(ReadingTreeprocessor(md, self.build), "edition-reading", -10)


def element(build: Build, template: str, **context) -> etree.Element:
    return etree.fromstring(build.render(template, **context))


def annotate(build: Build, page, root: etree.Element) -> None:
    edition = build.edition
    src_uri = page.file.src_uri
    state = build.state(src_uri)
    glossary_url = build.url(page, pages.GLOSSARY)
    entries = list(edition.entries)
    abbreviations = reading.abbreviation_ids(entries)
    english = {entry.id: entry.english for entry in entries}
    notes_about = {}
    for note in edition.editorial["notes"]:
        notes_about.setdefault((note["page"], note["paragraph"]), []).append((f"ed-note-{note['id']}", note["quote"]))

    def make_term(entry_id: str) -> etree.Element:
        return etree.Element(
            "span", {"class": "ed-term", "data-term": entry_id, "data-href": f"{glossary_url}#{entry_id}"}
        )

    for parent, block in reading.addressable(root):
        anchor = block.get("id")
        text = reading.words(block)
        cited = citation_for(src_uri, block.tag, anchor, text, english)
        if cited:
            state.cites[anchor] = {**cited, "url": f"{build.absolute(page.file.url)}#{anchor}"}
        number = corpus.PUBLISHER_PARAGRAPH.match(anchor)
        if src_uri in pages.TEXT and (block.tag == "p" or number):
            handle = None
            if number:
                handle = element(build, "paragraph-number.html", number=int(number.group(1)), cite=bool(cited))
            elif cited:
                handle = element(build, "cite-handle.html", anchor=anchor, label=cited["label"])
            box = reading.wrap(parent, block, handle)
            for note, quote in notes_about.get((src_uri, anchor), []):
                label = corpus.paragraph_label(src_uri, anchor)
                page_url = "" if src_uri == pages.ARTICLE else build.url(page, pages.ARTICLE)
                box.append(
                    element(build, "editorial-pointer.html", anchor=note, label=label, quote=quote, page_url=page_url)
                )
            if block.tag == "p":
                state.terms += reading.mark_terms(block, entries, abbreviations, make_term)
            state.blocks.append(reading.Block(anchor, block.tag, text))
        elif src_uri == pages.GLOSSARY and block.tag == "dt":
            block.append(element(build, "permalink.html", anchor=anchor, cite=bool(cited), label=f"статью «{text}»"))
    reading.label_citation_markers(root, state.labels)
    if src_uri not in pages.TEXT:  # the edition's own pages: no break inside "Б. Клинтон", "1993 г."
        typography.own_text(root)
    if src_uri in pages.TEXT:
        for note in reading.footnote_items(root):
            state.terms += reading.mark_terms(note, entries, abbreviations, make_term)
            cited = note_citation(note.get("id"))
            if cited:
                state.cites[note.get("id")] = {**cited, "url": f"{build.absolute(page.file.url)}#{note.get('id')}"}
                reading.add_note_handle(
                    note, element(build, "cite-handle.html", anchor=note.get("id"), label=cited["label"])
                )
            state.blocks.append(reading.Block(note.get("id"), "li", reading.words(note)))
        reading.citation_markers_on_baseline(root)
        reading.citation_markers_with_their_word(root)
        reading.split_footnotes(root, lambda: element(build, "references-label.html"))
    if src_uri == pages.ARTICLE and edition.translation:  # the parallel reading (edition.parallel)
        assets = {
            "about": build.url(page, pages.ABOUT, "translation"),
            "label": "Текст статьи: язык",
            "label_en": "The article’s text: language",
        }
        parallel.annotate(root, edition.translation, lambda name, **context: element(build, name, **context), assets)
    if src_uri == pages.GLOSSARY:  # the definitions' English, with the translation
        render = (lambda name, **context: element(build, name, **context)) if edition.translation else None
        assets = {
            "about": build.url(page, pages.ABOUT, "translation"),
            "label": "Глоссарий: язык",
            "label_en": "The glossary: language",
        }
        parallel.english_definitions(root, render, assets)


def citation_for(src_uri: str, tag: str, anchor: str, text: str, english: dict[str, str]) -> dict | None:
    """What the cite card of a block needs (its kind's pattern is filled with these values), or
    None for a block that is not cited on its own (``english``: glossary entry id -> its English
    equivalent, which APA names)."""
    number = corpus.PUBLISHER_PARAGRAPH.match(anchor)
    if src_uri == pages.ARTICLE and number:
        n = int(number.group(1))
        return {"label": f"абз. {n}", "label_en": f"para. {n}", "kind": "paragraph", "n": n}
    if src_uri == pages.ARTICLE and tag in ("h2", "h3") and anchor != "notes":
        return {"label": f"раздел «{text}»", "label_en": f"section “{text}”", "kind": "section", "title": text}
    if src_uri == pages.ABSTRACT and tag == "p" and anchor == "abstract":
        return {"label": "аннотацию", "label_en": "the abstract", "kind": "abstract"}
    if src_uri == pages.GLOSSARY and tag == "dt":
        return {
            "label": f"статью «{text}»",
            "label_en": f"the entry “{english.get(anchor) or text}”",
            "kind": "entry",
            "item": f"{text} [статья глоссария]",
            "item_en": f"{english.get(anchor) or text} [Glossary entry]",
        }
    return None


def note_citation(anchor: str) -> dict | None:
    """An authors' note (`fn:note-1`): its number is the authors' own."""
    number = anchor.removeprefix("fn:note-")
    if number == anchor or not number.isdigit():
        return None
    return {"label": f"примечание {number}", "label_en": f"note {number}", "kind": "note", "n": int(number)}


# --- the page's data for the reader's scripts and for search ----------------------------------


def reader_data(build: Build, page) -> dict:
    """The cite cards' data and patterns; on the text pages, the glossary and event previews;
    on the article, the paragraphs' pattern (`pattern`)."""
    edition = build.edition
    src_uri = page.file.src_uri
    state = build.state(src_uri)
    patterns = reading.cite_patterns(edition.meta, build.formatted)
    cites = state.cites
    if not edition.translation:  # the English labels serve only the English view
        cites = {anchor: {k: v for k, v in c.items() if k != "label_en"} for anchor, c in cites.items()}
    data = {
        "cites": cites,
        "patterns": {kind: patterns[kind] for kind in sorted({c["kind"] for c in cites.values()})},
    }
    if src_uri == pages.ARTICLE:
        page_url = build.absolute(page.file.url)
        data["pattern"] = {
            style: reading.fill(text, {"n": "N", "url": f"{page_url}#pN", "accessed": "ДД.ММ.ГГГГ"})
            for style, text in patterns["paragraph"].items()
        }
    if src_uri in pages.TEXT:
        data["terms"] = reading.term_previews(
            state.terms,
            list(edition.entries),
            dict(edition.definitions),
            build.url(page, pages.GLOSSARY),
            dict(edition.definitions_en),
        )
        data["events"] = reading.event_previews(
            edition.events, edition.vocab, src_uri, lambda anchor: build.url(page, pages.TIMELINE, anchor)
        )
    return data


def search_entries(build: Build, page) -> list[dict] | None:
    """The page's entry, then one entry per block, for the pages in SEARCHED_BY_BLOCK. Material's
    search shows an entry's title and text as HTML: the words are escaped, so that a `<` of the
    data stays a character."""
    blocks = search_blocks(build, page.file.src_uri, build.state(page.file.src_uri))
    if blocks is None:
        return None
    page_entry = {"location": page.url, "title": escape(page.meta.get("title", page.title)), "text": ""}
    text_page = page.file.src_uri in pages.TEXT
    forms = other_forms(build, page.file.src_uri) if text_page else {}
    entries = []
    for anchor, title, text in blocks:
        entry = {"location": f"{page.url}#{anchor}", "title": escape(title), "text": escape(text)}
        if text_page:
            entry["boost"] = TEXT_BOOST
        tags = [form for form in forms.get(anchor, []) if not re.search(rf"\b{re.escape(form)}\b", text)]
        if tags:
            entry["tags"] = tags
        entries.append(entry)
    if page.file.src_uri == pages.ARTICLE:
        entries += english_search_entries(page.url, build.edition.translation)
    return [page_entry, *entries]


def english_search_entries(url: str, pairs) -> list[dict]:
    """With the translation, one entry per English sentence: an English word finds its sentence,
    opened (`#p5-s3`) in the parallel view beside its Russian counterpart, both marked."""
    return [
        {
            "location": f"{url}#{pair.id}",
            "title": escape(f"{translation.block_label(pair.block)} in English (the edition’s translation)"),
            "text": escape(pair.en),
            "boost": TEXT_BOOST,
        }
        for pair in pairs
    ]


# A word of the article finds its paragraphs before the apparatus that quotes or defines it (lunr's
# document boost, which Material's search passes on).
TEXT_BOOST = 10_000  # above the weight of a title (1,000): a word in a paragraph outranks an entry's title


def other_forms(build: Build, src_uri: str) -> dict[str, list[str]]:
    """anchor -> the glossary's abbreviations of the terms a block uses in another form ("NATO"
    for «НАТО»), as search tags: a search for either form finds the block."""
    edition = build.edition
    found: dict[str, list[str]] = {}
    for entry in edition.entries:
        abbreviation = entry.english_abbreviation
        if not abbreviation:
            continue
        for place in edition.occurrences.get(entry.id, []):
            if place.src_uri == src_uri:
                found.setdefault(place.anchor, [])
                if abbreviation not in found[place.anchor]:
                    found[place.anchor].append(abbreviation)
    return found


def escape(text: str) -> str:
    return html.escape(str(text), quote=False)


def search_blocks(build: Build, src_uri: str, state: PageState) -> list[tuple[str, str, str]] | None:
    """(anchor, title, text) of each block a hit should open: paragraphs, notes, headings of the
    text pages; events; glossary entries."""
    edition = build.edition
    if src_uri in pages.TEXT:
        return [
            (b.anchor, b.text, "")
            if b.tag.startswith("h")
            else (b.anchor, corpus.paragraph_label(src_uri, b.anchor), b.text)
            for b in state.blocks
        ]
    if src_uri == pages.TIMELINE:
        return [
            (
                e.anchor,
                f"{overview.date_label(e.date)}: {e.title['ru']}",
                " ".join([e.title["en"], *(s.quote for s in e.sources)]),
            )
            for e in edition.events
        ]
    if src_uri == pages.GLOSSARY:
        return [
            (
                e.id,
                e.term,
                " ".join(
                    filter(
                        None,
                        [e.expansion, e.english, edition.definitions.get(e.id, ""), edition.definitions_en.get(e.id)],
                    )
                ),
            )
            for e in edition.entries
        ]
    return None
