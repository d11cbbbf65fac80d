"""The reading view (edition.reading does the work on the element tree).

- on_config: registers the Markdown treeprocessor that wraps each addressable block with its
  margin number, marks glossary terms (inert until the reader's "термины" toggle), puts `[1]` on
  the baseline and separates the references from the authors' notes;
- on_page_context: hands the templates the page's reader data (citations of each block for the
  cite card, glossary and event previews, the events the text attests) and replaces the page's
  entries in Material's search index with one entry per paragraph, note and glossary entry.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from edition import article, corpus, overview, pages, reading, search, templates, urls
from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import event_priority

_current: dict = {}
_notes: dict[str, dict] = {}


class ReadingTreeprocessor(Treeprocessor):
    def __init__(self, md, annotate):
        super().__init__(md)
        self.annotate = annotate

    def run(self, root):
        self.annotate(root)


class ReadingExtension(Extension):
    def __init__(self, annotate):
        super().__init__()
        self.annotate = annotate

    def extendMarkdown(self, md):
        # last: after `toc` (5), so that a heading's entry in the table of contents keeps its bare
        # title, and after MkDocs' `relpath` (0): the links made here are already relative
        md.treeprocessors.register(ReadingTreeprocessor(md, self.annotate), "edition-reading", -10)


def on_config(config):
    config.markdown_extensions.append(ReadingExtension(lambda root: annotate(root, config)))
    return config


@event_priority(90)
def on_page_markdown(markdown, page, config, files):
    _current.update(page=page, files=files)  # for the treeprocessor, which renders this page next
    if page.file.src_uri in SEARCHED_BY_BLOCK:  # Material need not parse what on_page_context replaces
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


SEARCHED_BY_BLOCK = (*pages.TEXT, pages.GLOSSARY, pages.TIMELINE)


# --- the tree ----------------------------------------------------------------------------------


def annotate(root: etree.Element, config) -> None:
    page, files = _current["page"], _current["files"]
    src_uri = page.file.src_uri
    notes = {"cites": {}, "blocks": [], "terms": []}
    _notes[src_uri] = notes
    glossary_url = urls.relative(page, files, pages.GLOSSARY)
    entries = reading.current["entries"]
    abbreviations = reading.abbreviation_ids(entries)

    def make_term(entry_id: str) -> etree.Element:
        return etree.Element(
            "span", {"class": "ed-term", "data-term": entry_id, "data-href": f"{glossary_url}#{entry_id}"}
        )

    for parent, element in reading.addressable(root):
        anchor = element.get("id")
        text = reading.words(element)
        cited = citation_for(page, element.tag, anchor, text)
        if cited:
            notes["cites"][anchor] = {**cited, "url": f"{urls.absolute(config, page.file.url)}#{anchor}"}
        number = corpus.PUBLISHER_PARAGRAPH.match(anchor)
        if src_uri in pages.TEXT and (element.tag == "p" or number):
            handle = None
            if number:
                handle = etree.fromstring(
                    templates.render(config, "paragraph-number.html", number=int(number.group(1)), cite=bool(cited))
                )
            box = reading.wrap(parent, element, handle)
            for note in notes_about(src_uri, anchor):
                box.append(
                    etree.fromstring(
                        templates.render(
                            config,
                            "editorial-pointer.html",
                            anchor=note,
                            label=corpus.paragraph_label(src_uri, anchor),
                            page_url="" if src_uri == pages.ARTICLE else urls.relative(page, files, pages.ARTICLE),
                        )
                    )
                )
            if element.tag == "p":
                notes["terms"] += reading.mark_terms(element, entries, abbreviations, make_term)
            notes["blocks"].append(reading.Block(anchor, element.tag, text))
        elif src_uri == pages.GLOSSARY and element.tag == "dt":
            element.append(
                etree.fromstring(
                    templates.render(
                        config, "permalink.html", anchor=anchor, cite=bool(cited), label=f"статью «{text}»"
                    )
                )
            )
    if src_uri in pages.TEXT:
        for note in reading.footnote_items(root):
            notes["terms"] += reading.mark_terms(note, entries, abbreviations, make_term)
            notes["blocks"].append(reading.Block(note.get("id"), "li", reading.words(note)))
        reading.citation_markers_on_baseline(root)
        reading.split_footnotes(root, lambda: etree.fromstring(templates.render(config, "references-label.html")))


def notes_about(src_uri: str, anchor: str) -> list[str]:
    """The anchors of the editorial notes about one paragraph."""
    return [
        note for page, paragraph, note in reading.current["editorial_notes"] if (page, paragraph) == (src_uri, anchor)
    ]


def citation_for(page, tag: str, anchor: str, text: str) -> dict | None:
    """What the cite card of a block needs (its kind's pattern is filled with these values), or
    None for a block that is not cited on its own."""
    src_uri = page.file.src_uri
    number = corpus.PUBLISHER_PARAGRAPH.match(anchor)
    if src_uri == pages.ARTICLE and number:
        return {"label": f"абз. {number.group(1)}", "kind": "paragraph", "n": int(number.group(1))}
    if src_uri == pages.ARTICLE and tag in ("h2", "h3") and anchor != "notes":
        return {"label": f"раздел «{text}»", "kind": "section", "title": text}
    if src_uri == pages.GLOSSARY and tag == "dt":
        return {"label": f"статью «{text}»", "kind": "entry", "item": f"{text} [статья глоссария]"}
    return None


# --- the page's data for the reader's scripts and for search ----------------------------------


@event_priority(-10)  # after Material's search plugin has indexed the page
def on_page_context(context, page, config, nav):
    src_uri = page.file.src_uri
    notes = _notes.get(src_uri, {"cites": {}, "blocks": [], "terms": []})
    files = _current.get("files")
    meta = article.load_article(config.docs_dir)
    cites = {**notes["cites"], **reading.current["cites"].get(src_uri, {})}
    patterns = reading.cite_patterns(meta)
    data = {"cites": cites, "patterns": {kind: patterns[kind] for kind in {c["kind"] for c in cites.values()}}}
    if src_uri == pages.ARTICLE:
        page_url = urls.absolute(config, page.file.url)
        data["pattern"] = {
            style: reading.fill(text, {"n": "N", "url": f"{page_url}#pN"})
            for style, text in patterns["paragraph"].items()
        }
    if src_uri in pages.TEXT and files is not None:
        data["terms"] = reading.term_previews(
            notes["terms"],
            reading.current["entries"],
            reading.current["definitions"],
            urls.relative(page, files, pages.GLOSSARY),
        )
        data["events"] = reading.event_previews(
            reading.current["events"],
            reading.current["vocab"],
            src_uri,
            lambda anchor: urls.relative(page, files, pages.TIMELINE, anchor),
        )
    context["edition_cite_pattern"] = data.pop("pattern", None)
    context["edition_reader"] = reading.script_json(data) if any(data.values()) else None
    context["edition_reading"] = src_uri in pages.TEXT
    entries = search_entries(page, notes)
    if entries is not None:
        search.replace_entries(config, page.url, entries)
    return context


def search_entries(page, notes) -> list[dict] | None:
    """The page's entry, then one entry per block, for the pages in SEARCHED_BY_BLOCK."""
    blocks = search_blocks(page.file.src_uri, notes)
    if blocks is None:
        return None
    page_entry = {"location": page.url, "title": page.meta.get("title", page.title), "text": ""}
    return [page_entry] + [
        {"location": f"{page.url}#{anchor}", "title": title, "text": text} for anchor, title, text in blocks
    ]


def search_blocks(src_uri: str, notes) -> list[tuple[str, str, str]] | None:
    """(anchor, title, text) of each block a hit should open: paragraphs, notes, headings of the
    text pages; events; glossary entries."""
    if src_uri in pages.TEXT:
        return [
            (b.anchor, b.text, "")
            if b.tag.startswith("h")
            else (b.anchor, corpus.paragraph_label(src_uri, b.anchor), b.text)
            for b in notes["blocks"]
        ]
    if src_uri == pages.TIMELINE:
        return [
            (
                e.anchor,
                f"{overview.date_label(e.date)}: {e.title['ru']}",
                " ".join([e.title["en"], *(s.quote for s in e.sources)]),
            )
            for e in reading.current["events"]
        ]
    if src_uri == pages.GLOSSARY:
        definitions = reading.current["definitions"]
        return [
            (e.id, e.term, " ".join(filter(None, [e.expansion, e.english, definitions.get(e.id, "")])))
            for e in reading.current["entries"]
        ]
    return None
