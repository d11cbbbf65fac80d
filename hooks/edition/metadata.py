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


CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def glossary_json_ld(meta: dict, url: str, entries, definitions) -> dict:
    """schema.org DefinedTermSet of the glossary page: each entry a DefinedTerm with its permalink
    (``url#id``), the Russian term (and expansion) and the English equivalent as names, and the
    definition. ``entries`` are glossary.Entry, ``definitions`` entry id -> plain text."""
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": url,
        "url": url,
        "name": "Глоссарий",
        "alternateName": "Glossary",
        "inLanguage": ["ru", "en"],
        "version": meta["edition"]["version"],
        "license": CC_BY,
        "creator": {"@type": "Organization", "name": meta["edition"]["editors"]["ru"]},
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": f"{url}#{entry.id}",
                "url": f"{url}#{entry.id}",
                "termCode": entry.id,
                "name": entry.term,
                "alternateName": [name for name in (entry.expansion, entry.english) if name],
                "description": definitions[entry.id],
                "inDefinedTermSet": url,
            }
            for entry in entries
        ],
    }


def timeline_json_ld(meta: dict, url: str, title: str, events: list[dict], exports: dict[str, str]) -> dict:
    """schema.org ItemList of the timeline's events and the Dataset of its exports (one @graph).

    ``events`` are timeline.event_record()s (absolute URLs); each becomes an Event dated at the
    source's precision (1994, 1995-02), with the paragraphs that attest it as ``subjectOf`` (their
    quotes are in the exports: the page's weight counts).
    ``exports`` maps a format (json, csv, timelinejs, schema) to its absolute URL."""
    formats = {
        "json": ("application/json", "События в JSON (схема: events.schema.json)"),
        "csv": ("text/csv", "События в CSV"),
        "timelinejs": ("application/json", "События для TimelineJS 3"),
        "schema": ("application/schema+json", "JSON Schema формата events.json"),
    }
    items = []
    for position, record in enumerate(events, start=1):
        event = {
            "@type": "Event",
            "url": record["url"],
            "name": record["title"]["ru"],
            "alternateName": record["title"]["en"],
            "startDate": record["date"],
            "subjectOf": [{"@type": "CreativeWork", "url": source["url"]} for source in record["sources"]],
        }
        if record["place"]:
            event["location"] = {
                "@type": "Place",
                "name": record["place"]["ru"],
                "alternateName": record["place"]["en"],
            }
        items.append({"@type": "ListItem", "position": position, "item": event})
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "ItemList",
                "@id": f"{url}#events",
                "url": url,
                "name": title,
                "itemListOrder": "https://schema.org/ItemListOrderAscending",
                "numberOfItems": len(items),
                "itemListElement": items,
            },
            {
                "@type": "Dataset",
                "@id": f"{url}#dataset",
                "url": url,
                "name": f"{title}: данные",
                "description": "События, которые называет статья, с датой в точности источника, участниками, "
                "местом и цитатой абзаца, который их подтверждает.",
                "inLanguage": ["ru", "en"],
                "version": meta["edition"]["version"],
                "dateModified": meta["edition"]["released"],
                "license": CC_BY,
                "copyrightNotice": "Названия и описания событий — CC BY 4.0 (редакция издания). Цитаты из "
                "статьи не лицензируются изданием: права на них у правообладателей.",
                "creator": {"@type": "Organization", "name": meta["edition"]["editors"]["ru"]},
                "isBasedOn": {
                    "@type": "ScholarlyArticle",
                    "name": meta["title"]["ru"],
                    "sameAs": article.doi_url(meta),
                },
                "temporalCoverage": "1992/2022",
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "contentUrl": exports[name],
                        "encodingFormat": formats[name][0],
                        "name": formats[name][1],
                    }
                    for name in formats
                    if name in exports
                ],
            },
        ],
    }
