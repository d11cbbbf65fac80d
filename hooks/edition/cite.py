"""The citations a reader copies: the article's (formatted by pandoc, edition.formatting), and
those of a paragraph, a section or an item of the apparatus built on it."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re

TAG = re.compile(r"<[^>]+>")


def plain(html_text: str) -> str:
    """The text of an HTML fragment."""
    return html.unescape(TAG.sub("", html_text))


def article_citations(meta: dict, formatted) -> dict[str, str]:
    """The article in GOST R 7.0.5-2008 (+ DOI, as GOST R 7.0.100-2018 ends a record) and APA 7,
    from pandoc's texts (edition.formatting.Formatted). Every cite pattern of a page starts from it:
    made once per content of its texts. Callers must not modify the result."""
    from .formatting import ARTICLE_KEY

    return _article_citations(formatted.gost[ARTICLE_KEY], formatted.apa_html, meta["doi"])


@functools.lru_cache(maxsize=4)
def _article_citations(gost_markdown: str, apa_html: str, doi: str) -> dict[str, str]:
    from .references import fix_dashes, markdown_escapes, markdown_inline

    gost = " ".join(plain(markdown_inline(markdown_escapes(fix_dashes(gost_markdown)))).split())
    return {"gost": f"{gost} DOI: {doi}.", "gost_plain_base": gost, "apa": plain(apa_html), "apa_html": apa_html}


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


ACCESSED = "⟦accessed⟧"  # the reader's date, put in when the reader copies (docs/assets/reader.js)


def intext_authors(meta: dict) -> str:
    """The authors as APA 7 names them in the text: one, "A & B", or "A et al."."""
    names = [author["family"]["en"] for author in meta["authors"]]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " & ".join(names)


def web_ending(url: str, accessed: str) -> str:
    """How GOST R 7.0.5-2008 ends a reference to a document on the web."""
    return f"URL: {url} (дата обращения: {accessed})."


def located_citation(meta: dict, formatted, locator_ru: str, locator_en: str, url: str, accessed: str) -> dict:
    """A place in the article as the edition shows it: GOST (the article, the place, the edition's
    version, URL and the reader's access date); APA 7's reference entry (the article) and its
    in-text citation, which alone holds the place."""
    base, edition = article_citations(meta, formatted), edition_version(meta)
    return {
        "gost": f"{base['gost']} {locator_ru}. {edition['ru']}. {web_ending(url, accessed)}",
        "apa": base["apa"],
        "apa_intext": f"({intext_authors(meta)}, {meta['year']}, {locator_en})",
    }


def paragraph_citation(meta: dict, formatted, number, url: str, accessed: str = ACCESSED) -> dict[str, str]:
    """Citations of one publisher paragraph."""
    return located_citation(meta, formatted, f"Абз. {number}", f"para. {number}", url, accessed)


def section_citation(meta: dict, formatted, title: str, url: str, accessed: str = ACCESSED) -> dict[str, str]:
    return located_citation(meta, formatted, f"Разд. «{title}»", f"section “{title}”", url, accessed)


def note_citation(meta: dict, formatted, number, url: str, accessed: str = ACCESSED) -> dict[str, str]:
    """An authors' note (GOST's abbreviation of «примечание»: «примеч.»)."""
    return located_citation(meta, formatted, f"Примеч. {number}", f"note {number}", url, accessed)


def abstract_citation(meta: dict, formatted, url: str, accessed: str = ACCESSED) -> dict[str, str]:
    """The abstract (GOST's abbreviation of «аннотация»: «аннот.»)."""
    return located_citation(meta, formatted, "Аннот.", "Abstract", url, accessed)


def apparatus_citation(
    meta: dict, item: str, item_en: str, section_ru: str, section_en: str, url: str, accessed: str = ACCESSED
) -> dict[str, str]:
    """An item of the edition's own apparatus (timeline event, glossary entry, editorial note):
    GOST in Russian, APA in English, each in one language."""
    edition, version = meta["edition"], edition_version(meta)
    title_ru = f"{meta['title']['ru']} : {edition['title']['ru'].lower()}"
    editors = edition["editors"]["en"]
    return {
        "gost": f"{item} // {title_ru}. {section_ru}. Версия {version['version']} ({version['released_ru']}). "
        + web_ending(url, accessed),
        "apa": f"{editors}. ({edition['year']}). {item_en}. In {meta['title']['en']}: "
        f"{edition['title']['en'].lower()} ({section_en}, version {version['version']}, {version['released']}). {url}",
        "apa_intext": f"({editors}, {edition['year']})",
    }
