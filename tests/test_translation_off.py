"""One setting leaves the translation out (mkdocs.yml `extra.translation`, EDITION_TRANSLATION=false):
the site is then the Russian edition with no trace of the English reading: none of its files,
words, anchors, controls or interface strings; every other file and anchor as in the full build."""

import re

import pytest
import yaml
from conftest import ROOT, edit
from lxml import html as lxml_html

TRANSLATION_FILES = {
    "downloads/alignment.json",
    "downloads/alignment.schema.json",
    "downloads/alignment.tei.xml",
    "assets/parallel.css",
    "assets/parallel.js",
}
# what only the translation writes into a page
TRACES = ("data-ed-en", "ed-tr", "ed-views", "parallel.js", "parallel.css", "tl-quote-en", "label_en", "definition_en")
PAIR_ID = re.compile(r"^(p\d+|note-\d+)-s\d+(-en)?$")


def site_files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def english_sentences() -> list[str]:
    pairs = yaml.safe_load((ROOT / "docs/data/translation.yml").read_text(encoding="utf-8"))["pairs"]
    return [pair["en"] for pair in pairs if len(pair["en"]) > 30]  # not "INTRODUCTION"


def english_definitions() -> list[str]:
    """A phrase of each English definition of docs/glossary.md (before its first link)."""
    text = (ROOT / "docs/glossary.md").read_text(encoding="utf-8")
    paragraphs = re.findall(r"\n\n((?:    [^\n]+\n)+?)    \{: lang=\"en\" \}", text)
    phrases = [" ".join(p.split())[:40] for p in paragraphs]
    assert len(phrases) >= 29
    return phrases


def ids(path) -> set[str]:
    return {element.get("id") for element in lxml_html.parse(str(path)).getroot().iter() if element.get("id")}


@pytest.fixture(scope="module")
def site_without_translation(tmp_path_factory):
    from conftest import copy_project, run_build

    project = copy_project(tmp_path_factory.mktemp("project"))
    edit(project / "mkdocs.yml", "translation: !ENV [EDITION_TRANSLATION, true]", "translation: false")
    build = run_build(project, tmp_path_factory.mktemp("cwd"))
    assert build.returncode == 0, build.output
    return build


def test_without_the_translation_the_site_has_every_file_but_the_translations(site, site_without_translation):
    full, without = site_files(site.site), site_files(site_without_translation.site)
    assert TRANSLATION_FILES <= full
    assert without == full - TRANSLATION_FILES


def test_without_the_translation_no_file_holds_its_words_controls_or_interface(site_without_translation):
    sentences, definitions = english_sentences(), english_definitions()
    assert len(sentences) > 20
    for path in site_without_translation.site.rglob("*"):
        if path.suffix not in (".html", ".json", ".xml", ".txt", ".js", ".css", ".csv", ".bib", ".ris"):
            continue
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(site_without_translation.site).as_posix()
        for trace in TRACES:
            assert trace not in text or name.startswith("assets/"), f"{name}: {trace}"
        for words in sentences + definitions:
            assert words not in text, f"{name}: {words}"


def test_without_the_translation_every_other_anchor_stays(site, site_without_translation):
    for path in site.site.rglob("*.html"):
        name = path.relative_to(site.site)
        full, without = ids(path), ids(site_without_translation.site / name)
        translation = {i for i in full if PAIR_ID.match(i)} | ({"translation"} if name.parts[0] == "about" else set())
        assert without == full - translation, name


def test_without_the_translation_the_russian_reading_is_the_same(site, site_without_translation):
    """The text a Russian reader sees: the article, the glossary, the timeline's events."""

    def reading(build, page):
        root = build.page(page)
        for element in root.xpath(
            '//*[contains(@class, "ed-tr") or contains(@class, "ed-views-box") or contains(@class, "tl-quote-en")'
            ' or contains(@class, "tl-event__name-en") or contains(@class, "edition-byline__en")]'
        ):
            element.drop_tree()
        return " ".join(root.xpath('string(//div[contains(@class, "md-content")])').split())

    for page in ("article/", "glossary/", "timeline/"):
        assert reading(site, page) == reading(site_without_translation, page), page
