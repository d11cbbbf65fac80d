"""The article's metadata (docs/data/article.yml): loaded, checked, and turned into citations."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

from urllib.parse import urlencode

import yaml

from .problems import Problem, fail_if_any

ARTICLE_FILE = "data/article.yml"
REQUIRED = ("title", "authors", "journal", "year", "volume", "issue", "pages", "doi",
            "language", "characters", "keywords", "dates", "sources", "edition")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")

# Library of Congress romanization of Russian, without diacritics (as the journal romanizes
# its own title: "Mirovaia ekonomika i mezhdunarodnye otnosheniia").
LC_RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}


def romanize(text: str) -> str:
    """Russian text in LC romanization without diacritics."""
    out = []
    for char in text:
        lower = char.lower()
        if lower in LC_RUSSIAN:
            latin = LC_RUSSIAN[lower]
            out.append(latin.capitalize() if char != lower else latin)
        else:
            out.append(char)
    return "".join(out)


def check_article(meta: dict, file: str = ARTICLE_FILE) -> list[Problem]:
    """Schema problems of the article's metadata."""
    problems = [Problem(file, "article", key, f"missing field '{key}'")
                for key in REQUIRED if key not in meta]
    if problems:
        return problems
    if not DOI.match(str(meta["doi"])):
        problems.append(Problem(file, "article", "doi", f"'{meta['doi']}' is not a DOI (10.NNNN/...)"))
    for index, author in enumerate(meta["authors"], start=1):
        for key in ("family", "given"):
            for lang in ("ru", "en"):
                if not author.get(key, {}).get(lang):
                    problems.append(Problem(file, f"author {index}", f"{key}.{lang}", "missing"))
    for group, dates in meta["dates"].items():
        if dates.get("source") not in meta["sources"]:
            problems.append(Problem(file, f"dates.{group}", "source",
                                    f"unknown source '{dates.get('source')}'; use one of "
                                    + ", ".join(meta["sources"])))
        for name, value in dates.items():
            if name == "source":
                continue
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                problems.append(Problem(file, f"dates.{group}", name,
                                        f"'{value}' is not a date (YYYY-MM-DD)"))
    first, last = meta["pages"].get("first"), meta["pages"].get("last")
    if not (str(first).isdigit() and str(last).isdigit() and int(first) <= int(last)):
        problems.append(Problem(file, "article", "pages", "give first <= last, both numbers"))
    return problems


def load_article(docs_dir: str) -> dict:
    """Read and check docs/data/article.yml; fail once listing every problem.

    Several hooks ask for it (and the timeline once per event): it is parsed once per change
    of the file. Callers must not modify the returned mapping."""
    path = Path(docs_dir) / ARTICLE_FILE
    return _load_article(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=2)
def _load_article(path: str, _mtime: int) -> dict:
    meta = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    fail_if_any(check_article(meta, f"docs/{ARTICLE_FILE}"), f"docs/{ARTICLE_FILE}")
    return meta


def doi_url(meta: dict) -> str:
    return f"https://doi.org/{meta['doi']}"


def csl_item(meta: dict, style: str) -> dict:
    """The article as a CSL-JSON item; ``style`` 'gost' keeps Russian, 'apa' romanizes."""
    russian = style == "gost"
    authors = [
        {"family": a["family"]["ru"], "given": a["given"]["ru"]} if russian
        else {"family": a["family"]["en"], "given": a["given"]["en"]}
        for a in meta["authors"]
    ]
    if russian:
        title, journal = meta["title"]["ru"], meta["journal"]["ru"]
    else:
        title = f"{romanize(meta['title']['ru'])} [{meta['title']['en']}]"
        journal = romanize(meta["journal"]["ru"])
    return {
        "id": "article",
        "type": "article-journal",
        "author": authors,
        "title": title,
        "container-title": journal,
        "ISSN": meta["journal"]["issn"],
        "volume": str(meta["volume"]),
        "issue": str(meta["issue"]),
        "page": f"{meta['pages']['first']}-{meta['pages']['last']}",
        "issued": {"date-parts": [[int(meta["year"])]]},
        "DOI": meta["doi"],
        "language": meta["language"],
    }


def csl_json(meta: dict) -> str:
    """The article as CSL-JSON (one item, original language)."""
    return json.dumps([csl_item(meta, "gost")], ensure_ascii=False, indent=2)


def coins(meta: dict, url: str) -> str:
    """The OpenURL ContextObject of a COinS span (Z39.88-2004, journal format)."""
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
             ("rft.genre", "article"), ("rft.atitle", meta["title"]["ru"]), ("rft.jtitle", meta["journal"]["ru"]),
             ("rft.date", str(meta["year"])), ("rft.volume", str(meta["volume"])), ("rft.issue", str(meta["issue"])),
             ("rft.spage", str(meta["pages"]["first"])), ("rft.epage", str(meta["pages"]["last"])),
             ("rft.issn", meta["journal"]["issn"]), ("rft_id", f"info:doi/{meta['doi']}"), ("rft_id", url),
             ("rft.language", "rus")]
    pairs += [("rft.au", f"{a['family']['ru']}, {a['given']['ru']}") for a in meta["authors"]]
    return urlencode(pairs)
