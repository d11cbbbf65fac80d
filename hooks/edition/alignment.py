"""The alignment's exports: downloads/alignment.json (the sentence pairs in text order, with its
JSON Schema, downloads/alignment.schema.json) and downloads/alignment.tei.xml (TEI P5: the
Russian and the English as `<seg xml:id>`s, the alignment as stand-off links,
`<linkGrp type="translation">`). The XML is made as an element tree, so every text is escaped."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from pathlib import Path

from .translation import Pair, by_block, id_prefix

SCHEMA_FILE = Path(__file__).parent / "schemas" / "alignment-export.json"
TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RIGHTS = (
    "The Russian text is the publisher's preview of the article; its rights stay with their holders. The English "
    "translation is the edition's, a derived work made for study, not the authors' or the journal's."
)
ENGLISH_SUFFIX = "-en"  # the English sentence of pair `p5-s3` is `p5-s3-en`, on the page and in the TEI


def english_id(pair_id: str) -> str:
    return f"{pair_id}{ENGLISH_SUFFIX}"


def export_json(pairs: tuple[Pair, ...]) -> str:
    records = [{"id": p.id, "ru": p.ru, "en": p.en} for p in pairs]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def export_schema() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")


def _tei(tag: str, parent: etree.Element | None = None, text: str | None = None, **attributes) -> etree.Element:
    element = etree.Element(f"{{{TEI}}}{tag}") if parent is None else etree.SubElement(parent, f"{{{TEI}}}{tag}")
    for name, value in attributes.items():
        element.set({"xml_id": XML_ID, "xml_lang": XML_LANG}.get(name, name), value)
    if text is not None:
        element.text = text
    return element


def _text_div(body: etree.Element, blocks: dict[str, list[Pair]], lang: str, headings: set[str]) -> None:
    div = _tei("div", body, type="original" if lang == "ru" else "translation", xml_lang=lang)
    if lang == "en":
        div.set("resp", "#edition")
    for anchor, block_pairs in blocks.items():
        suffix = "" if lang == "ru" else ENGLISH_SUFFIX
        prefix = id_prefix(anchor)
        if anchor in headings:
            container = _tei("head", div, n=prefix[1:])
        elif anchor.startswith("fn:"):
            container = _tei("note", div, type="author", n=prefix.removeprefix("note-"))
        else:
            container = _tei("p", div, n=prefix[1:])
        container.set(XML_ID, f"{prefix}{'-ru' if lang == 'ru' else '-en'}")
        for index, pair in enumerate(block_pairs):
            seg = _tei("seg", container, pair.ru if lang == "ru" else pair.en, type="s", xml_id=f"{pair.id}{suffix}")
            seg.tail = " " if index < len(block_pairs) - 1 else None


def export_tei(pairs: tuple[Pair, ...], meta: dict, headings: set[str], url: str) -> str:
    """The TEI document: header (the article, the translation's responsibility), the Russian and
    the English text as sentences, and the links pairing them (``headings``: the anchors of the
    blocks that are headings; ``url``: the article page's address)."""
    etree.register_namespace("", TEI)
    root = _tei("TEI", xml_lang="ru")
    header = _tei("teiHeader", root)
    file_desc = _tei("fileDesc", header)
    title_stmt = _tei("titleStmt", file_desc)
    _tei("title", title_stmt, meta["title"]["ru"], xml_lang="ru")
    _tei("title", title_stmt, f"{meta['title']['en']}: the edition's English translation, aligned", xml_lang="en")
    for author in meta["authors"]:
        _tei("author", title_stmt, f"{author['family']['ru']} {author['given']['ru']}")
    resp_stmt = _tei("respStmt", title_stmt, xml_id="edition")
    _tei("resp", resp_stmt, "English translation and sentence alignment")
    _tei("name", resp_stmt, meta["edition"]["editors"]["en"])
    publication = _tei("publicationStmt", file_desc)
    _tei("publisher", publication, meta["edition"]["editors"]["en"])
    _tei("availability", publication).append(_p(RIGHTS))
    _tei("idno", publication, url, type="URL")
    source = _tei("sourceDesc", file_desc)
    bibl = _tei("bibl", source)
    _tei("title", bibl, meta["title"]["ru"], level="a")
    _tei("title", bibl, meta["journal"]["ru"], level="j")
    _tei("date", bibl, str(meta["year"]))
    _tei("idno", bibl, meta["doi"], type="DOI")
    text = _tei("text", root)
    body = _tei("body", text)
    blocks = by_block(pairs)
    _text_div(body, blocks, "ru", headings)
    _text_div(body, blocks, "en", headings)
    stand_off = _tei("standOff", root)
    links = _tei("linkGrp", stand_off, type="translation")
    for pair in pairs:
        _tei("link", links, target=f"#{pair.id} #{english_id(pair.id)}")
    etree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"


def _p(text: str) -> etree.Element:
    return _tei("p", None, text)
