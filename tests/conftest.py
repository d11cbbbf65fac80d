"""Shared fixtures: the real site built once per session, and copies of the project to break."""

from __future__ import annotations

import contextlib
import copy
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
# The edition's source: the workplace's shared copy when present, else the copy kept in sources/
# (tests/test_sources.py checks that the two agree).
SHARED_SOURCE = ROOT.parent / "shared" / "source" / "article-preview.txt"
SOURCE = SHARED_SOURCE if SHARED_SOURCE.exists() else ROOT / "sources" / "article-preview.txt"
PROJECT_PARTS = ("mkdocs.yml", "bibliography.bib", "anchors.yml", "docs", "hooks", "overrides")
MKDOCS = [sys.executable, "-m", "mkdocs"]


# --- the everyday subset: `scripts/dev check` runs `pytest -m everyday` ----------------------------
# Chosen here, by what a test uses, so that no test file names it: a test is everyday unless it
# drives the browser, is marked slow, builds a broken copy of the project (a build each: the
# fixtures `project` and `build_copy`, or the modules below, which copy the project themselves), or
# runs scripts/dev on a copy of its own (virtual environments, builds, release archives). What stays:
# the unit tests, lint, and the real site built once and checked as HTML.
NOT_EVERYDAY_MARKERS = {"browser", "slow"}
NOT_EVERYDAY_FIXTURES = {"browser", "page", "project", "build_copy"}
# modules that build copies themselves
NOT_EVERYDAY_MODULES = {"test_bad_input.py", "test_setup.py", "test_release.py"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "everyday: the everyday subset, `scripts/dev check` (assigned in tests/conftest.py)"
    )


def pytest_collection_modifyitems(items):
    for item in items:
        if (
            NOT_EVERYDAY_MARKERS.isdisjoint(mark.name for mark in item.iter_markers())
            and NOT_EVERYDAY_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))
            and item.path.name not in NOT_EVERYDAY_MODULES
        ):
            item.add_marker(pytest.mark.everyday)


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    env.pop("SITE_URL", None)
    env.pop("EDITION_PDF", None)  # the tests' builds make no PDF (scripts/dev build sets it)
    return env


@dataclass
class Build:
    """One `mkdocs build --strict`: where it went and what it printed."""

    project: Path
    site: Path
    returncode: int
    output: str

    def page(self, path: str):
        """The parsed HTML of a built page, e.g. page('article/')."""
        return lxml_html.parse(str(self.site / path / "index.html")).getroot()

    def text(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def failure(self) -> str:
        """The output of a build that must have failed; shown in full if it did not."""
        assert self.returncode != 0, f"the build should have failed:\n{self.output}"
        return self.output


def run_build(project: Path, cwd: Path) -> Build:
    """Build ``project`` from the working directory ``cwd`` (not the project's own)."""
    site = project / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=cwd,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


DELETE = object()  # as a value for `changed`: the key or item is removed


def places(data, path=()):
    """The path of every key and list item in YAML data (of a list, its first two items), for
    variants of a data file that change one place each."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data[:2]):
            yield from places(value, (*path, index))
    if path:
        yield path


def changed(data, path, value):
    """A copy of ``data`` with the value at ``path`` replaced (or removed: DELETE)."""
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real site, built once per test session from a foreign working directory."""
    elsewhere = tmp_path_factory.mktemp("cwd")
    build = Build(ROOT, tmp_path_factory.mktemp("site"), 0, "")
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(build.site)],
        cwd=elsewhere,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    build.returncode, build.output = result.returncode, result.stdout + result.stderr
    assert result.returncode == 0, build.output
    return build


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the project's sources, for a test to break."""
    return copy_project(tmp_path / "project")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    """A page's text, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a project file (which must contain it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def build_copy(tmp_path):
    """Build a (modified) project copy from a foreign working directory."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return lambda project: run_build(project, elsewhere)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve a built site on 127.0.0.1 (a free port) for the browser."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site):
    with serve_directory(site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is missing: scripts/dev test installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watched_page(browser, origin):
    """A page that records requests to hosts other than ``origin`` and console errors."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.foreign, page.errors = [], []
    page.on("request", lambda r: page.foreign.append(r.url) if not r.url.startswith(origin) else None)
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    return context, page


MATERIAL_STARTED = "document.querySelector('meta[name=theme-color]') !== null"


def start_material(page) -> None:
    """Return once Material's bundle (loaded with the page, as Material loads it) has mounted
    its components."""
    page.wait_for_function(MATERIAL_STARTED)


@pytest.fixture
def page(browser, server):
    context, page = watched_page(browser, server)
    foreign, errors = page.foreign, page.errors
    yield page
    context.close()
    assert foreign == [], "requests to other hosts"
    assert errors == [], "console errors"


# --- the source ---------------------------------------------------------------------------------


def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def source_paragraphs() -> dict[int, str]:
    """The publisher's numbered paragraphs (author notes split off), as printed."""
    body = source_text().split("может не соответствовать печатной\n", 1)[1]
    body = body.split("\nNumber of purchasers", 1)[0]
    lines = [line for line in body.split("\n") if line.strip()]
    paragraphs = {1: lines[1]} if lines[0] == "1" else {}
    for line in lines:
        number, _, text = line.partition(" ")
        if number.isdigit() and text:
            paragraphs[int(number)] = text
    return paragraphs


def source_notes() -> dict[int, str]:
    """The author notes, which the page runs into paragraphs 3 and 6: `N. text` at the end."""
    notes = {}
    for paragraph in source_paragraphs().values():
        for note_number in (1, 2):
            marker = f" {note_number}. В "
            if marker in paragraph:
                notes[note_number] = "В " + paragraph.split(marker, 1)[1]
    return notes


def source_references() -> dict[int, str]:
    """The numbered reference list (each entry: Russian text, then the English rendering)."""
    tail = source_text().split("Readers community rating", 1)[1].split("Система Orphus", 1)[0]
    refs = {}
    for block in tail.split("\n\n"):
        number, _, text = block.strip().partition(". ")
        if number.isdigit():
            refs[int(number)] = text
    return refs


NOTE_MARKER = r"(?<=[а-яА-ЯёЁ])\d"  # "легче1", "СКБ2": a note number set against a word
CITATION_MARKER = r"\s*\[\d+\]"  # "[1]"


def without_notes(paragraph: str) -> str:
    """A source paragraph without the note text the page runs into it."""
    return re.split(r" \d\. В ", paragraph, maxsplit=1)[0]


def comparable(text: str) -> str:
    """Text with whitespace and note/citation markers removed, for comparison."""
    text = re.sub(CITATION_MARKER, "", text)
    text = re.sub(NOTE_MARKER, "", text)
    return "".join(text.split())


def reader_text(element) -> str:
    """What a reader reads in an element: without margin numbers, note markers, permalinks."""
    clone = lxml_html.fromstring(lxml_html.tostring(element, encoding="unicode"))
    for extra in clone.xpath(
        './/*[contains(@class, "pnum") or contains(@class, "headerlink") or contains(@class, "ed-handle") '
        'or contains(@class, "ed-events") or self::sup[starts-with(@id, "fnref")]]'
    ):
        extra.drop_tree()
    return clone.text_content()


def checked(result, what: str):
    """The data of a `(data, problems)` loader, or one PluginError listing every problem (as the
    build fails)."""
    from edition.problems import fail_if_any

    data, problems = result
    fail_if_any(problems, what)
    return data


# --- edits located by the text's structure, not its wording (an editor may change a word) -------

ARTICLE_MD = ROOT / "docs" / "article.md"


def marked_word(note: str) -> str:
    """The word of docs/article.md that carries a note's marker, with the marker (`легче[^note-1]`)."""
    return re.search(rf"\S+\[\^{re.escape(note)}\](?!:)", ARTICLE_MD.read_text(encoding="utf-8")).group(0)


def note_start(note: str, words: int = 2) -> str:
    """The start of a note's definition in docs/article.md: `[^note-1]: В 1992`."""
    match = re.search(rf"^\[\^{re.escape(note)}\]:\s+(.*)$", ARTICLE_MD.read_text(encoding="utf-8"), re.M)
    return f"[^{note}]: " + " ".join(match.group(1).split()[:words])


def opening(anchor: str, words: int = 2) -> str:
    """The first words of a block of docs/article.md, as written (`Намного легче` for p3)."""
    from edition.corpus import scan_page

    [block] = [b for b in scan_page("article.md", ARTICLE_MD.read_text(encoding="utf-8")) if b.anchor == anchor]
    return " ".join(block.markdown.split()[:words])
