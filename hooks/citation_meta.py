"""What reference managers and search engines read: <meta> tags, JSON-LD, COinS, exports.

- on_files: the downloads (downloads/article.bib|ris|json, downloads/references.bib|ris|json);
- on_page_context: hands overrides/partials/edition/head-meta.html what it needs: Highwire
  Press and Dublin Core tags and JSON-LD ScholarlyArticle on the article page only (one Scholar
  record), OpenGraph and hreflang on every page, the edition's own JSON-LD on the landing page;
- `<!-- downloads -->`: the list of exports, on the landing and article pages.
"""

from __future__ import annotations

from pathlib import Path

from edition import article, bibfile, exports, markers, pages, templates, urls
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
    bib_path = Path(config.config_file_path).parent / "bibliography.bib"
    references = exports.references_exports(bib_path.read_text(encoding="utf-8"), bibfile.load_bibliography(bib_path))
    contents = {
        "article.bib": exports.article_bibtex(meta),
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


def article_json_ld(meta: dict, url: str, abstract_url: str) -> templates.Markup:
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": meta["title"]["ru"],
        "name": meta["title"]["ru"],
        "alternativeHeadline": meta["title"]["en"],
        "inLanguage": "ru",
        "author": [
            {
                "@type": "Person",
                "name": f"{a['given']['ru']} {a['family']['ru']}",
                "alternateName": f"{a['given']['en']} {a['family']['en']}",
                "affiliation": {"@type": "Organization", "name": a["affiliation"]["en"], "address": a["address"]["en"]},
            }
            for a in meta["authors"]
        ],
        "datePublished": str(meta["year"]),
        "pageStart": str(meta["pages"]["first"]),
        "pageEnd": str(meta["pages"]["last"]),
        "keywords": meta["keywords"]["en"],
        "sameAs": article.doi_url(meta),
        "url": url,
        "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": meta["doi"]},
        "abstract": {"@type": "CreativeWork", "url": abstract_url, "inLanguage": "en"},
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": str(meta["issue"]),
            "isPartOf": {
                "@type": "PublicationVolume",
                "volumeNumber": str(meta["volume"]),
                "isPartOf": {
                    "@type": "Periodical",
                    "name": meta["journal"]["ru"],
                    "alternateName": meta["journal"]["en"],
                    "issn": meta["journal"]["issn"],
                    "publisher": {"@type": "Organization", "name": meta["journal"]["publisher"]["en"]},
                },
            },
        },
    }
    return templates.inline_json(data, indent=1)


def edition_json_ld(meta: dict, url: str) -> templates.Markup:
    edition = meta["edition"]
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": edition["title"]["ru"] + ": " + meta["title"]["ru"],
        "url": url,
        "inLanguage": ["ru", "en"],
        "version": edition["version"],
        "editor": {"@type": "Organization", "name": edition["editors"]["ru"]},
        "isBasedOn": {"@type": "ScholarlyArticle", "name": meta["title"]["ru"], "sameAs": article.doi_url(meta)},
        "description": "Электронное научное издание статьи: текст (ознакомительная версия издателя), "
        "аннотация, список литературы, хронология, глоссарий.",
    }
    return templates.inline_json(data, indent=1)


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
        head.update(
            scholar=True,
            meta=meta,
            abstract_url=abstract_url,
            pdf_doi=article.doi_url(meta),
            json_ld=article_json_ld(meta, url, abstract_url),
        )
    if page.is_homepage:
        head["json_ld"] = edition_json_ld(meta, url)
    context["edition_head"] = head
    return context
