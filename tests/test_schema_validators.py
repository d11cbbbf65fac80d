"""The two validators of the data files' schemas (edition.datafile): jsonschema-rs may only say
"certainly valid" where jsonschema finds no problem, or a bad file would pass unexplained.

Checked on variants of the real data files: every text (value or key) in every position of each
file, one at a time, replaced by texts that ECMA-262 patterns (jsonschema-rs) and Python's `re`
(jsonschema) read differently, and by values of the wrong type.
"""

from __future__ import annotations

import copy

import pytest
from conftest import ROOT, changed, places
from edition import datafile

FILES = {
    "events": "docs/data/events.yml",
    "article": "docs/data/article.yml",
    "editorial": "docs/data/editorial.yml",
    "vocabularies": "docs/data/vocabularies.yml",
    "anchors": "anchors.yml",
}
# Texts read differently by the two: Unicode digits and letters (`\d`, `\w`), a newline before the
# end (`$`), the spaces of one and not the other (`\s`), plus ordinary good and bad texts.
TEXTS = ["", " ", "x", "p5", "article.md", "12\n", "٣", "é.md", "\x1c", "a\x1cb", "\x85", "\ufeff", "a b", "1995-02"]
WRONG = [None, 7, 1.5, True, [], {}, ["x"], {"x": "y"}]


def renamed(data, path, key):
    """The mapping at ``path``, its first key renamed to ``key``."""
    out = copy.deepcopy(data)
    node = out
    for part in path:
        node = node[part]
    if not isinstance(node, dict) or not node or key in node:
        return None
    first = next(iter(node))
    node[key] = node.pop(first)
    return out


def variants(data):
    for path in places(data):
        for value in TEXTS + WRONG:
            yield changed(data, path, value)
    for path in [(), *places(data)]:
        for key in TEXTS:
            variant = renamed(data, path, key)
            if variant is not None:
                yield variant


@pytest.mark.parametrize("name", FILES)
def test_certainly_valid_data_has_no_problem_for_jsonschema(name):
    doc = datafile.parse((ROOT / FILES[name]).read_text(encoding="utf-8"), FILES[name])
    assert datafile.certainly_valid(doc.data, name)  # the real file: no jsonschema needed
    checked = rejected = 0
    for data in variants(doc.data):
        variant = datafile.Document(doc.file, data, doc.lines)
        problems = datafile.schema_problems(variant, name, datafile.by_file(name))
        if datafile.certainly_valid(data, name):
            assert problems == [], problems
        else:
            rejected += 1
        checked += 1
    assert checked > 150 and rejected > 100  # the variants did reach the schema's checks


def test_a_text_only_python_reads_as_space_is_left_to_jsonschema(tmp_path):
    text = (ROOT / "docs/data/vocabularies.yml").read_text(encoding="utf-8")
    doc = datafile.parse(text, "docs/data/vocabularies.yml")
    first = next(iter(doc.data["kinds"]))
    data = changed(doc.data, ("kinds", first, "ru"), "\x1c")
    assert datafile.fast_validator("vocabularies").is_valid(data)  # ECMA's `\S` matches it
    assert not datafile.certainly_valid(data, "vocabularies")
    variant = datafile.Document(doc.file, data, doc.lines)
    [problem] = datafile.schema_problems(variant, "vocabularies", datafile.by_file("vocabularies"))
    assert "is empty or only spaces" in problem.message


def test_without_jsonschema_rs_every_file_is_checked_by_jsonschema(monkeypatch):
    monkeypatch.setattr(datafile, "fast_validator", lambda name: None)
    doc = datafile.parse((ROOT / FILES["article"]).read_text(encoding="utf-8"), FILES["article"])
    assert not datafile.certainly_valid(doc.data, "article")
    assert datafile.check(doc, "article", datafile.by_file("article")) == []
    broken = datafile.Document(doc.file, changed(doc.data, ("doi",), "not a doi"), doc.lines)
    [problem] = datafile.check(broken, "article", datafile.by_file("article"))
    assert problem.message.startswith('"not a doi" has the wrong form')
