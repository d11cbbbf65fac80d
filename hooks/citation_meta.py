"""What reference managers and search engines read: <meta> tags, JSON-LD, COinS, exports.

- on_files: the downloads (downloads/article.bib|ris|json, downloads/references.bib|ris|json);
- on_page_context: hands overrides/partials/edition/head-meta.html what it needs: Highwire
  Press and Dublin Core tags and JSON-LD ScholarlyArticle on the article page only (one Scholar
  record), OpenGraph and hreflang on every page, the edition's own JSON-LD on the landing page;
- `<!-- downloads -->`: the list of exports, on the landing and article pages.
"""

from __future__ import annotations

from edition import article, bibfile, corpus, exports, markers, metadata, pages, templates, urls
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

DOWNLOADS = {
    "article.bib": "BibTeX",
    "article.ris": "RIS",
    "article.json": "CSL-JSON",
    "references.bib": "BibTeX",
    "references.ris": "RIS",
    "references.json": "CSL-JSON",
}

_state: dict = {}


def on_config(config):
    _state["meta"] = article.load_article(config.docs_dir)
    return config


@event_priority(40)
def on_files(files, config):
    meta = _state["meta"]
    bib_path = bibfile.project_file(config)
    references = exports.references_exports(bib_path.read_text(encoding="utf-8"), bibfile.load_bibliography(bib_path))
    contents = {
        "article.bib": exports.kept_article_bibtex(meta),
        "article.ris": exports.article_ris(meta),
        "article.json": exports.article_csl_json(meta),
        "references.bib": references["bib"],
        "references.ris": references["ris"],
        "references.json": references["json"],
    }
    for name, content in contents.items():
        files.append(File.generated(config, f"downloads/{name}", content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    return markers.fill_markers(
        markdown,
        {
            "downloads": lambda: (
                "\n\n"
                + templates.render(
                    config,
                    "downloads.html",
                    links=[
                        {"name": name, "format": fmt, "url": get_relative_url(f"downloads/{name}", page.file.url)}
                        for name, fmt in DOWNLOADS.items()
                    ],
                )
                + "\n\n"
            ),
        },
    )


def on_page_context(context, page, config, nav):
    meta = _state["meta"]
    src_uri = page.file.src_uri
    url = page.canonical_url or urls.absolute(config, page.file.url)
    in_nav = {f.src_uri: f for f in (p.file for p in nav.pages)}
    alternates = []
    if src_uri in pages.LANGUAGES:
        alternates = [
            {"lang": lang, "url": urls.absolute(config, in_nav[other].url)}
            for other, lang in pages.LANGUAGES.items()
            if other in in_nav
        ]
    head = {
        "url": url,
        "alternates": alternates,
        "og_type": "article" if src_uri in pages.LANGUAGES else "website",
        "og_locale": "en_US" if src_uri == pages.ABSTRACT else "ru_RU",
    }
    if src_uri == pages.ARTICLE:
        abstract_url = urls.absolute(config, in_nav[pages.ABSTRACT].url)
        abstract = corpus.current().paragraph(pages.ABSTRACT, "abstract").text
        head.update(
            scholar=True,
            meta=meta,
            abstract_url=abstract_url,
            pdf_doi=article.doi_url(meta),
            json_ld=templates.inline_json(metadata.article_json_ld(meta, url, abstract), indent=1),
        )
    if page.is_homepage:
        head["json_ld"] = templates.inline_json(metadata.edition_json_ld(meta, url), indent=1)
    context["edition_head"] = head
    return context
