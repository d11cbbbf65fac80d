"""The edition's own statements and their sources (docs/data/editorial.yml).

- on_files: load and check the editorial data, the glossary's definitions (a year or a date needs
  a paragraph link or an editorial source) and the events' places (named in their paragraphs);
  every problem is listed, then the build fails once;
- on_page_markdown: fill `<!-- editorial-sources -->` (the editorial bibliography: glossary and
  About pages), `<!-- editorial-notes -->` (the editorial notes; on the article page they are added
  after the text when the page has no marker) and `<!-- normalisations -->` (About page).
"""

from __future__ import annotations

from pathlib import Path

from edition import article, attribution, corpus, datafile, editorial, markers, pages, reading, templates
from edition import timeline as tl
from edition.problems import fail_if_any
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

_state: dict = {"data": {"sources": [], "notes": [], "normalisations": []}}


@event_priority(45)  # after the pages are scanned and the timeline hook has checked the events (50)
def on_files(files, config):
    scanned = corpus.current()
    data, problems = editorial.load(config.docs_dir, scanned)
    if not problems:
        definitions = editorial.glossary_definitions(scanned.sources.get(pages.GLOSSARY, ""))
        problems += editorial.definition_problems(definitions, scanned, data, f"docs/{pages.GLOSSARY}")
        problems += event_place_problems(Path(config.docs_dir), scanned)
        root, meta = Path(config.config_file_path).parent, article.load_article(config.docs_dir)
        problems += attribution.problems(root, config.docs_dir, meta, definitions, data)
    fail_if_any(problems, "the editorial statements (docs/data/editorial.yml, docs/glossary.md, places in events)")
    _state["data"] = data
    # the reading view points from a paragraph to the editorial notes about it
    reading.current["editorial_notes"] = [(n["page"], n["paragraph"], f"ed-note-{n['id']}") for n in data["notes"]]
    return files


def event_place_problems(docs: Path, scanned) -> list:
    """Places and titles of events; a file the timeline hook would reject is left to its messages."""
    file = f"docs/{tl.EVENTS_FILE}"
    doc = datafile.read(docs / tl.EVENTS_FILE, file, "events", tl.events_where)
    raws = doc.data.get("events") if isinstance(doc.data, dict) else None
    if doc.problems or not isinstance(raws, list):
        return []
    return editorial.place_problems(
        raws, scanned, file, lambda index: doc.line(("events", index, "place"))
    ) + editorial.title_problems(raws, file, lambda index, lang: doc.line(("events", index, "title", lang)))


def sources_html(config) -> str:
    sources = [{"id": s["id"], "citation": editorial.source_citation(s)} for s in _state["data"]["sources"]]
    return templates.render(config, "editorial-sources.html", sources=sources, prefix=editorial.SOURCE_PREFIX)


def page_url(files, page, src_uri: str) -> str:
    """The URL of page ``src_uri`` relative to ``page`` ('' for the page itself): raw HTML is not
    rewritten by MkDocs, so links in templates are made here."""
    if src_uri == page.file.src_uri:
        return ""
    return get_relative_url(files.get_file_from_path(src_uri).url, page.file.url)


def notes_html(config, page, files, anchors: bool) -> str:
    sources = {s["id"]: s for s in _state["data"]["sources"]}
    listed = page_url(files, page, pages.GLOSSARY)  # the editorial sources are listed on the glossary page
    notes = [
        {
            "id": n["id"],
            "url": f"{page_url(files, page, n['page'])}#{n['paragraph']}",
            "label": corpus.paragraph_label(n["page"], n["paragraph"]),
            "quote": n["quote"],
            "text": n["text"],
            "sources": [
                {"url": f"{listed}#{editorial.SOURCE_PREFIX}{s}", "citation": editorial.source_citation(sources[s])}
                for s in n["sources"]
            ],
        }
        for n in _state["data"]["notes"]
    ]
    return templates.render(config, "editorial-notes.html", notes=notes, anchors=anchors, prefix=editorial.NOTE_PREFIX)


@event_priority(50)
def on_page_markdown(markdown, page, config, files):
    src_uri = page.file.src_uri
    on_article = src_uri == pages.ARTICLE
    if on_article and not any(name == "editorial-notes" for name, _ in markers.find_markers(markdown)):
        markdown = markdown.rstrip("\n") + "\n\n<!-- editorial-notes -->\n"
    return markers.fill_markers(
        markdown,
        {
            "editorial-sources": lambda: "\n\n" + sources_html(config) + "\n\n",
            "editorial-notes": lambda: "\n\n" + notes_html(config, page, files, anchors=on_article) + "\n\n",
            "normalisations": lambda: (
                "\n\n"
                + templates.render(config, "editorial-normalisations.html", items=_state["data"]["normalisations"])
                + "\n\n"
            ),
        },
    )
