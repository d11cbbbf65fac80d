"""What a page's templates receive besides its content: the <head>'s metadata (OpenGraph on every
page; Highwire Press, Dublin Core and JSON-LD on the article page; JSON-LD of the edition on the
landing page, of the glossary's terms on the glossary page, of the events and their exports on
the timeline page), for overrides/partials/edition/head-meta.html."""

from __future__ import annotations

from . import article, metadata, pages, site_files
from .build import Build
from .templates import inline_json


def head(build: Build, page, nav) -> dict:
    meta = build.edition.meta
    src_uri = page.file.src_uri
    url = page.canonical_url or build.absolute(page.file.url)
    in_nav = {f.src_uri: f for f in (p.file for p in nav.pages)}
    alternates = []
    if src_uri in pages.LANGUAGES:
        alternates = [
            {"lang": lang, "url": build.absolute(in_nav[other].url)}
            for other, lang in pages.LANGUAGES.items()
            if other in in_nav
        ]
    found = {
        "url": url,
        "alternates": alternates,
        "og_type": "article" if src_uri in pages.LANGUAGES else "website",
        "og_locale": "en_US" if src_uri == pages.ABSTRACT else "ru_RU",
    }
    if src_uri == pages.ARTICLE:
        abstract_url = build.absolute(in_nav[pages.ABSTRACT].url)
        abstract = build.edition.corpus.paragraph(pages.ABSTRACT, "abstract").text
        found.update(
            scholar=True,
            meta=meta,
            abstract_url=abstract_url,
            pdf_doi=article.doi_url(meta),
            json_ld=inline_json(metadata.article_json_ld(meta, url, abstract), indent=1),
        )
    if src_uri == pages.GLOSSARY:
        edition = build.edition
        data = metadata.glossary_json_ld(meta, url, edition.entries, edition.definitions)
        found["json_ld"] = inline_json(data, separators=(",", ":"))
    if src_uri == pages.TIMELINE:
        exports = {name: build.absolute(path) for name, path in site_files.TIMELINE_EXPORTS.items()}
        data = metadata.timeline_json_ld(meta, url, page.title, site_files.event_records(build), exports)
        found["json_ld"] = inline_json(data, separators=(",", ":"))  # compact: 31 events
    if page.is_homepage:
        found["json_ld"] = inline_json(metadata.edition_json_ld(meta, url), indent=1)
    return found
