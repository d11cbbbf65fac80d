"""Citation exports: the article and its references as BibTeX, RIS and CSL-JSON."""

from __future__ import annotations

import json

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer as BibtexWriter

from .article import csl_item, doi_url

RIS_TYPES = {"book": "BOOK", "thesis": "THES", "article": "JOUR", "online": "ELEC"}
CSL_TYPES = {"book": "book", "thesis": "thesis", "article": "article-journal", "online": "webpage"}


def article_bibtex(meta: dict, key: str | None = None) -> str:
    """The article as one BibTeX entry (biblatex field names that BibTeX also reads), under
    ``key`` or its own (`kurmanguzhin-2023`)."""
    persons = {"author": [Person(f"{a['family']['ru']}, {a['given']['ru']}") for a in meta["authors"]]}
    fields = {
        "title": meta["title"]["ru"],
        "journal": meta["journal"]["ru"],
        "year": str(meta["year"]),
        "volume": str(meta["volume"]),
        "number": str(meta["issue"]),
        "pages": f"{meta['pages']['first']}--{meta['pages']['last']}",
        "doi": meta["doi"],
        "issn": meta["journal"]["issn"],
        "url": doi_url(meta),
        "langid": "russian",
        "keywords": ", ".join(meta["keywords"]["en"]),
    }
    key = key or f"{meta['authors'][0]['family']['en'].lower()}-{meta['year']}"
    return BibliographyData({key: Entry("article", fields=fields, persons=persons)}).to_string(BibtexWriter)


def ris_record(lines: list[tuple[str, str]]) -> str:
    """One RIS record; a value is one line (a line break in the data would start a bogus tag)."""
    return "".join(f"{tag}  - {' '.join(str(value).split())}\n" for tag, value in lines if value) + "ER  - \n"


def article_ris(meta: dict) -> str:
    lines = [("TY", "JOUR")]
    lines += [("AU", f"{a['family']['ru']}, {a['given']['ru']}") for a in meta["authors"]]
    lines += [
        ("TI", meta["title"]["ru"]),
        ("TT", meta["title"]["en"]),
        ("T2", meta["journal"]["ru"]),
        ("PY", str(meta["year"])),
        ("VL", str(meta["volume"])),
        ("IS", str(meta["issue"])),
        ("SP", str(meta["pages"]["first"])),
        ("EP", str(meta["pages"]["last"])),
        ("SN", meta["journal"]["issn"]),
        ("DO", meta["doi"]),
        ("UR", doi_url(meta)),
        ("LA", "ru"),
    ]
    lines += [("KW", keyword) for keyword in meta["keywords"]["en"]]
    return ris_record(lines)


def article_csl_json(meta: dict) -> str:
    item = csl_item(meta, "gost")
    item["title-short"] = meta["title"]["ru"].split(":")[0]
    item["URL"] = doi_url(meta)
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def person_names(entry: Entry) -> list[tuple[str, str]]:
    return [(" ".join(p.last_names), " ".join(p.first_names + p.middle_names)) for p in entry.persons.get("author", [])]


def reference_ris(entry: Entry) -> str:
    f = entry.fields
    lines = [("TY", RIS_TYPES[entry.type])]
    lines += [("AU", f"{family}, {given}") for family, given in person_names(entry)]
    lines += [
        ("TI", f.get("title", "")),
        ("T2", f.get("journaltitle", "") or f.get("organization", "")),
        ("PY", (f.get("year") or f.get("date", ""))[:4]),
        ("CY", f.get("address", "")),
        ("PB", f.get("publisher", "")),
        ("IS", f.get("number", "")),
        ("DO", f.get("doi", "")),
        ("UR", f.get("url", "")),
        ("Y2", f.get("urldate", "")),
        ("M3", f.get("type", "")),
        ("LA", "ru"),
        ("N1", f.get("usera", "")),
    ]
    if f.get("pages"):
        first, _, last = f["pages"].partition("--")
        lines += [("SP", first), ("EP", last)]
    if f.get("pagetotal"):
        lines.append(("SP", f["pagetotal"]))
    return ris_record(lines)


def date_parts(value: str) -> dict:
    return {"date-parts": [[int(part) for part in value.split("-")]]}


def reference_csl(key: str, entry: Entry) -> dict:
    f = entry.fields
    item = {
        "id": key,
        "type": CSL_TYPES[entry.type],
        "language": "ru",
        "author": [{"family": family, "given": given} for family, given in person_names(entry)],
        "title": f["title"],
        "issued": date_parts(f.get("date") or f["year"]),
        "note": f.get("usera", ""),
    }
    optional = {
        "publisher": f.get("publisher"),
        "publisher-place": f.get("address"),
        "number-of-pages": f.get("pagetotal"),
        "container-title": f.get("journaltitle") or f.get("organization"),
        "issue": f.get("number"),
        "page": (f.get("pages") or "").replace("--", "-") or None,
        "URL": f.get("url"),
        "DOI": f.get("doi"),
        "genre": f.get("type"),
    }
    item.update({k: v for k, v in optional.items() if v})
    if f.get("urldate"):
        item["accessed"] = date_parts(f["urldate"])
    return item


def references_exports(bib_text: str, data: BibliographyData) -> dict[str, str]:
    return {
        "bib": bib_text,
        "ris": "\n".join(reference_ris(entry) for entry in data.entries.values()),
        "json": json.dumps([reference_csl(k, e) for k, e in data.entries.items()], ensure_ascii=False, indent=2) + "\n",
    }
