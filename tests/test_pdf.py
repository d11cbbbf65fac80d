"""The PDF of the edition's text (edition/pdf.py, made by scripts/dev build and release after the
site): A4, page numbers, the colophon, PT Serif, tagged with an outline, dated by the release, the
same bytes from the same sources, and every word of ¶1–6 as the source has it."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, source_notes, source_paragraphs, without_notes
from edition import hosting, pdf

META = hosting.read_meta(ROOT)
RELEASE = hosting.release(META)
SITE_URL = "http://127.0.0.1:8000/"


def make_pdf(site_dir) -> tuple[bytes, str]:
    result = subprocess.run(
        [sys.executable, "-m", "edition.pdf", str(site_dir)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return (site_dir / pdf.PDF).read_bytes(), result.stderr


@pytest.fixture(scope="module")  # Chromium, twice: the tests that use it are marked slow
def printed(site, tmp_path_factory):
    copy = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(site.site, copy)
    first, message = make_pdf(copy)
    second, _ = make_pdf(copy)
    return first, second, message


# Apparatus the print stylesheet still prints inside the text: the pointer to an editorial note
# («ред.», partials/edition/editorial-pointer.html). Not the article's words, so not compared.
APPARATUS_WORDS = {"ред"}


def letters(text: str) -> str:
    """The text's words run together, lower case: line breaks, hyphenation at a line's end, note
    markers and paragraph numbers do not count; every letter does («ё» too)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return "".join(word for word in words if word not in APPARATUS_WORDS)


def pdf_text(data: bytes) -> str:
    """The PDF's text in reading order (pypdf's layout mode: Chromium paints the notes before the
    text beside them), without the pages' footers (permalink, version, page number)."""
    from pypdf import PdfReader

    footer = re.compile(rf"^\s*{re.escape(SITE_URL)}article/ · версия .*$", re.M)
    pages = PdfReader(io.BytesIO(data)).pages
    return "\n".join(footer.sub("", page.extract_text(extraction_mode="layout")) for page in pages)


@pytest.mark.slow
def test_the_same_sources_give_the_same_pdf(printed):
    first, second, message = printed
    assert first == second
    assert f"(D:{RELEASE['released'].replace('-', '')}000000+00'00')".encode() in first
    assert b"/CreationDate" in first and b"/ModDate" in first
    pages = len(re.findall(rb"/Type /Page\b", first))
    assert f"({pages} pages, " in message


@pytest.mark.slow
def test_a4_pages_numbered_with_the_colophon_and_the_serif_face(printed):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(printed[0]))
    assert len(reader.pages) >= 3
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.28) < 1.5 and abs(height - 841.89) < 1.5, f"A4 (210 × 297 mm), not {width} × {height}"
        text = page.extract_text()
        assert re.search(rf"\b{number} / {len(reader.pages)}\b", text), f"page {number} has no page number"
        assert f"{SITE_URL}article/" in text and RELEASE["version"] in text
    whole = "\n".join(page.extract_text() for page in reader.pages)
    assert "Выходные сведения" in whole and f"Версия {RELEASE['version']} от {RELEASE['released_ru']}" in whole
    assert "CC BY 4.0" in whole and "MIT" in whole and f"{SITE_URL}article/#p5" in whole
    assert b"PTSerif" in printed[0], "PT Serif (fonts-paratype) is embedded"
    uris = set(re.findall(rb"/URI \(([^)]*)\)", printed[0]))
    assert f"{SITE_URL}article/".encode() in uris and f"{SITE_URL}abstract/#abstract".encode() in uris
    assert b"file:" not in printed[0], "no local path in the PDF"
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and "/Outlines" in root, "tagged, with an outline"
    assert reader.metadata.creation_date.date().isoformat() == RELEASE["released"]


@pytest.mark.slow
def test_every_paragraph_has_the_sources_words(printed):
    text = letters(pdf_text(printed[0]))
    paragraphs = source_paragraphs()
    assert sorted(paragraphs) == [1, 2, 3, 4, 5, 6]
    for number, paragraph in paragraphs.items():
        expected = letters(without_notes(paragraph))
        assert expected and expected in text, f"¶{number}: the PDF's words differ from the source's"
    for number, note in source_notes().items():
        assert letters(note) in text, f"note {number}"
    assert letters("Назарбаев посетил Марс") not in text  # the comparison can fail
    assert "Чеботарёв" in pdf_text(printed[0])  # «ё» kept (the byline)


def test_the_dates_are_replaced_only_where_chromium_writes_them():
    fake = b"<</CreationDate (D:20990101123456+00'00')\n/ModDate (D:20990101123456+00'00')>>"
    assert pdf.with_release_dates(fake, "2026-11-29") == (
        b"<</CreationDate (D:20261129000000+00'00')\n/ModDate (D:20261129000000+00'00')>>"
    )
    with pytest.raises(ValueError, match="with_release_dates must learn the new form"):
        pdf.with_release_dates(b"/CreationDate (D:20990101123456Z)", "2026-11-29")


def test_the_pdf_lock_holds_the_pin_and_the_sites_packages():
    """requirements/pdf.txt (scripts/dev build installs it) = the site's lock and Playwright, at the
    versions of the tests' lock (README, "Locked dependencies")."""
    from test_setup import PYPROJECT, lock_entries

    site, test, pdf_lock = (
        lock_entries("requirements/site.txt"),
        lock_entries("requirements/test.txt"),
        lock_entries("requirements/pdf.txt"),
    )
    [pin] = PYPROJECT["project"]["optional-dependencies"]["pdf"]
    name, version = pin.split("==")
    assert pdf_lock[name][0] == version == test[name][0]
    assert {n: pdf_lock.get(n) for n in site} == site
    assert {n: test.get(n) for n in pdf_lock} == pdf_lock
    assert not {"pytest", "pypdf", "ruff"} & set(pdf_lock)


def test_without_chromium_or_the_font_the_pdf_names_the_packages(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(pdf, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setattr(pdf, "FONT", str(tmp_path / "no-font.ttf"))
    assert pdf.main([str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "scripts/dev: the PDF needs the Debian packages chromium fonts-paratype; install them "
        "(sudo apt-get install chromium fonts-paratype) and run the command again\n"
    )
