"""The article's metadata (docs/data/article.yml): loaded, checked, and turned into citations."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlencode

from . import datafile
from .problems import Problem

ARTICLE_FILE = "data/article.yml"

# Library of Congress romanization of Russian, without diacritics (as the journal romanizes
# its own title: "Mirovaia ekonomika i mezhdunarodnye otnosheniia").
LC_RUSSIAN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
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


def check_article(doc: datafile.Document) -> list[Problem]:
    """What the schema cannot say: real calendar dates, known sources, first page <= last."""
    meta, problems = doc.data, []

    def problem(path: tuple, message: str) -> None:
        problems.append(Problem(doc.file, "article", datafile.field_name(path), message, line=doc.line(path)))

    for group, dates in meta["dates"].items():
        if dates["source"] not in meta["sources"]:
            problem(
                ("dates", group, "source"),
                f"unknown source '{dates['source']}'; use one of: "
                + ", ".join(meta["sources"])
                + " (the keys of `sources`)",
            )
        for name, value in dates.items():
            if name != "source":
                _check_date(value, ("dates", group, name), problem)
    _check_date(meta["edition"]["released"], ("edition", "released"), problem)
    for path in (("year",), ("characters",), ("preview_paragraphs",), ("edition", "year")):
        value = meta.get(path[0]) if len(path) == 1 else meta[path[0]].get(path[1])
        if isinstance(value, float):  # JSON Schema counts 2023.0 as an integer; every citation would print it
            problem(path, f"{value} has decimals; write a whole number such as {int(value)}")
    for path, text in texts(meta):
        found = LATEX_SYNTAX.search(text)
        if found:
            problem(
                path,
                f"'{found.group(0)}' is LaTeX syntax in every citation made from this file (BibTeX, pandoc); "
                "write the text without { } or \\",
            )
    if int(meta["pages"]["first"]) > int(meta["pages"]["last"]):
        problem(
            ("pages",),
            f"first page {meta['pages']['first']} is after last page {meta['pages']['last']}; give first <= last",
        )
    return sorted(problems, key=lambda p: p.line or 0)


LATEX_SYNTAX = re.compile(r"[{}\\]")


def texts(value: object, path: tuple = ()):
    """(path, text) of every text in the metadata."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))


def _check_date(value: str, path: tuple, problem) -> None:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        problem(path, f"'{value}' is not a real date; write YYYY-MM-DD")


def article_problems(path: Path, file: str = f"docs/{ARTICLE_FILE}") -> tuple[object, list[Problem]]:
    """The metadata and every problem of it: syntax, schema (schemas/article.json), then meaning."""
    doc = datafile.read(path, file, "article")
    if doc.problems:
        return doc.data, doc.problems
    return doc.data, check_article(doc)


def meta_json(meta: dict) -> str:
    """The metadata as one canonical text: a cache key for what is made from it."""
    return json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str)


def doi_url(meta: dict) -> str:
    return f"https://doi.org/{meta['doi']}"


def csl_item(meta: dict, style: str) -> dict:
    """The article as a CSL-JSON item; ``style`` 'gost' keeps Russian, 'apa' romanizes."""
    russian = style == "gost"
    authors = [
        {"family": a["family"]["ru"], "given": a["given"]["ru"]}
        if russian
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


def coins(meta: dict, url: str) -> str:
    """The OpenURL ContextObject of a COinS span (Z39.88-2004, journal format)."""
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
        ("rft.genre", "article"),
        ("rft.atitle", meta["title"]["ru"]),
        ("rft.jtitle", meta["journal"]["ru"]),
        ("rft.date", str(meta["year"])),
        ("rft.volume", str(meta["volume"])),
        ("rft.issue", str(meta["issue"])),
        ("rft.spage", str(meta["pages"]["first"])),
        ("rft.epage", str(meta["pages"]["last"])),
        ("rft.issn", meta["journal"]["issn"]),
        ("rft_id", f"info:doi/{meta['doi']}"),
        ("rft_id", url),
        ("rft.language", "rus"),
    ]
    pairs += [("rft.au", f"{a['family']['ru']}, {a['given']['ru']}") for a in meta["authors"]]
    return urlencode(pairs)
