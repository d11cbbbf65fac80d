"""The files the edition adds to the site: the citation exports in downloads/ and the timeline's
exports in timeline/ (path in the site -> content)."""

from __future__ import annotations

import json
from pathlib import Path

from . import alignment, exports, pages, parallel, store
from . import timeline as tl
from .article import meta_json
from .build import Build
from .site_pages import TIMELINE_EXPORTS

EXPORTS_CODE = store.file_content(exports.__file__)  # as this process runs it (see edition.formatting.CODE)
TIMELINE_TITLE = "Дипломатия Республики Казахстан: события 1992–2022"


def downloads(build: Build) -> dict[str, str]:
    """downloads/article.bib|ris|json, downloads/references.bib|ris|json and, with the translation,
    downloads/alignment.json, alignment.schema.json and alignment.tei.xml."""
    edition = build.edition
    meta = edition.meta
    references = exports.references_exports(edition.bib_text, edition.bibliography)
    article_bibtex = build.store.remembered(  # pybtex's writer and the LaTeX codec: ~10 ms otherwise
        "article-bibtex",
        [meta_json(meta), EXPORTS_CODE, store.versions("pybtex")],
        lambda: exports.article_bibtex(meta),
        lambda value: isinstance(value, str),
    )
    contents = {
        "article.bib": article_bibtex,
        "article.ris": exports.article_ris(meta),
        "article.json": exports.article_csl_json(meta),
        "references.bib": references["bib"],
        "references.ris": references["ris"],
        "references.json": references["json"],
    }
    if edition.translation:  # the edition's English translation, aligned (left out: no files)
        article_url = build.absolute(build.files.get_file_from_path(pages.ARTICLE).url)
        headings = {p.anchor for p in edition.corpus.pages.get(pages.ARTICLE, []) if p.is_heading}
        contents["alignment.json"] = alignment.export_json(edition.translation)
        contents["alignment.schema.json"] = alignment.export_schema()
        contents["alignment.tei.xml"] = alignment.export_tei(edition.translation, meta, headings, article_url)
    files = {f"downloads/{name}": content for name, content in contents.items()}
    if edition.translation:  # the views' script and style, only with the translation
        for asset in parallel.ASSETS:
            files[asset] = (Path(parallel.__file__).parent / asset).read_text(encoding="utf-8")
    return files


def event_records(build: Build) -> list[dict]:
    """The timeline's events in their export form, with absolute URLs (the exports, the JSON-LD)."""
    edition = build.edition
    timeline_url = build.absolute(build.files.get_file_from_path(pages.TIMELINE).url)

    def absolute_urls(event: tl.Event) -> dict[tuple[str, str], str]:
        found = {("timeline", event.anchor): f"{timeline_url}#{event.anchor}"}
        for source in event.sources:
            page_url = build.absolute(build.files.get_file_from_path(source.page).url)
            found[(source.page, source.paragraph)] = f"{page_url}#{source.paragraph}"
        return found

    return [tl.event_record(e, edition.vocab, absolute_urls(e)) for e in edition.events]


def timeline_exports(build: Build) -> dict[str, str]:
    """timeline/events.json, events.csv, timelinejs.json and events.schema.json."""
    records = event_records(build)
    contents = {
        "json": tl.export_json(records),
        "csv": tl.export_csv(records),
        "timelinejs": tl.export_timelinejs(records, TIMELINE_TITLE),
        "schema": json.dumps(tl.JSON_SCHEMA, ensure_ascii=False, indent=2) + "\n",
    }
    return {TIMELINE_EXPORTS[name]: content for name, content in contents.items()}
