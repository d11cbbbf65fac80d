"""The citations a reader copies: the article's (formatted by pandoc, edition.formatting), and
those of a paragraph, a section or an item of the apparatus built on it."""

from __future__ import annotations

import datetime as dt
import html
import re

TAG = re.compile(r"<[^>]+>")


def plain(html_text: str) -> str:
    """The text of an HTML fragment."""
    return html.unescape(TAG.sub("", html_text))


def article_citations(meta: dict, formatted) -> dict[str, str]:
    """The article in GOST R 7.0.5-2008 (+ DOI, as GOST R 7.0.100-2018 ends a record) and APA 7,
    from pandoc's texts (edition.formatting.Formatted)."""
    from .formatting import ARTICLE_KEY
    from .references import fix_dashes, markdown_escapes, markdown_inline

    gost = " ".join(plain(markdown_inline(markdown_escapes(fix_dashes(formatted.gost[ARTICLE_KEY])))).split())
    return {
        "gost": f"{gost} DOI: {meta['doi']}.",
        "gost_plain_base": gost,
        "apa": plain(formatted.apa_html),
        "apa_html": formatted.apa_html,
    }


def edition_version(meta: dict) -> dict[str, str]:
    """The edition's version and release date as the citations name them: a reader who cites the
    edition's content names the state they read (permalinks are unversioned; the release archive
    of each version is its record)."""
    edition = meta["edition"]
    released = dt.date.fromisoformat(str(edition["released"]))
    version = edition["version"]
    return {
        "ru": f"{edition['title']['ru']}, версия {version} ({released.strftime('%d.%m.%Y')})",
        "en": f"{edition['title']['en']}, version {version} ({released.isoformat()})",
        "version": version,
        "released_ru": released.strftime("%d.%m.%Y"),
        "released": released.isoformat(),
    }


def paragraph_citation(meta: dict, formatted, number: int, url: str) -> dict[str, str]:
    """Citations of one publisher paragraph: the article's, the paragraph, the edition's version,
    the permalink."""
    base, edition = article_citations(meta, formatted), edition_version(meta)
    return {
        "gost": f"{base['gost']} Абз. {number}. {edition['ru']}. URL: {url}",
        "apa": f"{base['apa']} (para. {number}). {edition['en']}: {url}",
    }


def section_citation(meta: dict, formatted, title: str, url: str) -> dict[str, str]:
    base, edition = article_citations(meta, formatted), edition_version(meta)
    return {
        "gost": f"{base['gost']} Разд. «{title}». {edition['ru']}. URL: {url}",
        "apa": f"{base['apa']} (section “{title}”). {edition['en']}: {url}",
    }


def apparatus_citation(meta: dict, item: str, section_ru: str, section_en: str, url: str) -> dict[str, str]:
    """An item of the edition's own apparatus (timeline event, glossary entry)."""
    edition, version = meta["edition"], edition_version(meta)
    title_ru = f"{meta['title']['ru']}: {edition['title']['ru'].lower()}"
    return {
        "gost": f"{item} // {title_ru}. {section_ru}. Версия {version['version']} ({version['released_ru']}). "
        f"URL: {url}",
        "apa": f"{edition['editors']['en']} ({edition['year']}). {item}. In "
        f"{meta['title']['en']}: {edition['title']['en'].lower()} ({section_en}, version "
        f"{version['version']}, {version['released']}). {url}",
    }
