"""The alignment's exports in downloads/: the JSON against its published schema and the source's
words, the TEI against the TEI's own RelaxNG schema (tei_all.rng, TEI P5 4.3.0, in tests/data/tei/)."""

import json
import re
import subprocess

import jsonschema
import pytest
from conftest import (
    CITATION_MARKER,
    NOTE_MARKER,
    ROOT,
    source_notes,
    source_paragraphs,
    without_notes,
)
from lxml import etree

TEI_NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEI_ALL = ROOT / "tests/data/tei/tei_all.rng"


def words(text: str) -> str:
    return " ".join(text.split())


def source_blocks() -> dict[str, str]:
    """The source's words of each aligned block, without note and citation markers."""
    blocks = {}
    for number, text in source_paragraphs().items():
        if number <= 6:
            blocks[f"p{number}"] = words(re.sub(NOTE_MARKER, "", re.sub(CITATION_MARKER, "", without_notes(text))))
    for number, text in source_notes().items():
        blocks[f"note-{number}"] = words(text)
    return blocks


def test_alignment_json_gives_every_sentence_of_the_source_in_text_order_and_matches_its_schema(site):
    pairs = json.loads(site.text("downloads/alignment.json"))
    schema = json.loads(site.text("downloads/alignment.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(pairs)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert all(list(pair) == ["id", "ru", "en"] for pair in pairs)
    order = ["p1", "p2", "p3", "p4", "p5", "p6", "note-1", "note-2"]
    blocks = [pair["id"].rsplit("-s", 1)[0] for pair in pairs]
    assert list(dict.fromkeys(blocks)) == order
    assert blocks == sorted(blocks, key=order.index)
    for block, text in source_blocks().items():
        sentences = [p for p in pairs if p["id"].rsplit("-s", 1)[0] == block]
        assert [p["id"] for p in sentences] == [f"{block}-s{n}" for n in range(1, len(sentences) + 1)]
        assert " ".join(p["ru"] for p in sentences) == text, block
    assert len(pairs) == 27
    five_three = next(p for p in pairs if p["id"] == "p5-s3")
    assert five_three == {
        "id": "p5-s3",
        "ru": "Глава Казахстана в 1992 и 1994 гг. посетил и США.",
        "en": "The head of Kazakhstan also visited the US in 1992 and 1994.",
    }


def test_the_published_schema_rejects_a_pair_without_english_and_a_bad_id(site):
    schema = json.loads(site.text("downloads/alignment.schema.json"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid([{"id": "p5-s3", "ru": "Так."}])
    assert not validator.is_valid([{"id": "p5s3", "ru": "Так.", "en": "Thus."}])
    assert validator.is_valid([{"id": "note-1-s2", "ru": "Так.", "en": "Thus."}])


def test_the_tei_pairs_every_russian_seg_with_its_english_one(site):
    tei = etree.fromstring(site.text("downloads/alignment.tei.xml").encode("utf-8"))
    pairs = json.loads(site.text("downloads/alignment.json"))
    original = tei.xpath("//tei:div[@type='original']//tei:seg", namespaces=TEI_NS)
    translation = tei.xpath("//tei:div[@type='translation']//tei:seg", namespaces=TEI_NS)
    assert [(s.get(XML_ID), s.text) for s in original] == [(p["id"], p["ru"]) for p in pairs]
    assert [(s.get(XML_ID), s.text) for s in translation] == [(f"{p['id']}-en", p["en"]) for p in pairs]
    links = tei.xpath("//tei:standOff/tei:linkGrp[@type='translation']/tei:link/@target", namespaces=TEI_NS)
    assert links == [f"#{p['id']} #{p['id']}-en" for p in pairs]
    assert tei.xpath("//tei:div[@type='translation']/@resp", namespaces=TEI_NS) == ["#edition"]
    rights = " ".join(tei.xpath("//tei:availability//text()", namespaces=TEI_NS))
    assert "its rights stay with their holders" in rights and "a derived work made for study" in rights


def jing(path) -> subprocess.CompletedProcess:
    return subprocess.run(["jing", str(TEI_ALL), str(path)], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_the_tei_is_valid_against_tei_all_and_an_invalid_one_is_not(site, tmp_path):
    result = jing(site.site / "downloads/alignment.tei.xml")
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.tei.xml"
    broken.write_text(site.text("downloads/alignment.tei.xml").replace("<linkGrp ", "<linkGroup ", 1), encoding="utf-8")
    result = jing(broken)
    assert result.returncode != 0 and "linkGroup" in result.stdout
