"""What search engines and reference managers read about the article and the edition: JSON-LD.

Pure functions returning data; hooks/citation_meta.py writes them into <script> elements with
templates.inline_json (which escapes `<`, `>` and `&`).
"""

from __future__ import annotations

from . import article


def article_json_ld(meta: dict, url: str, abstract: str) -> dict:
    """schema.org ScholarlyArticle of the article page (for search engines and Zotero); ``abstract``
    is the English abstract's text (schema.org's `abstract` is Text, not a link to its page)."""
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
        "abstract": abstract,
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
    return data


def edition_json_ld(meta: dict, url: str) -> dict:
    """schema.org WebSite of the edition, on the landing page."""
    edition = meta["edition"]
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": edition["title"]["ru"] + ": " + meta["title"]["ru"],
        "url": url,
        "inLanguage": ["ru", "en"],
        "version": edition["version"],
        "creator": {"@type": "Organization", "name": edition["editors"]["ru"]},  # `editor` is a Person
        "isBasedOn": {"@type": "ScholarlyArticle", "name": meta["title"]["ru"], "sameAs": article.doi_url(meta)},
        "description": "Электронное научное издание статьи: текст (ознакомительная версия издателя), "
        "аннотация, список литературы, хронология, глоссарий.",
    }
    return data
