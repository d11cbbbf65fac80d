"""Hosting: site/ holds only what is meant to be published, robots.txt names the sitemap, the
404 page works under a sub-path, every footer and every citation of the edition's content names
the edition's version and release date (from docs/data/article.yml), while what describes the
journal article and its references stays about them."""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import http.server
import json
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import MKDOCS, ROOT, copy_project, mkdocs_env, watched_page
from edition import hosting
from edition.pdf import PDF
from lxml import html as lxml_html

META = yaml.safe_load((ROOT / "docs/data/article.yml").read_text(encoding="utf-8"))
VERSION = META["edition"]["version"]
RELEASED = dt.date.fromisoformat(META["edition"]["released"])
RELEASED_RU = f"{RELEASED.day:02d}.{RELEASED.month:02d}.{RELEASED.year}"
SITE_URL = "http://127.0.0.1:8000/"
PAGES = ("", "article/", "abstract/", "bibliography/", "timeline/", "glossary/", "about/")


# --- what is published -----------------------------------------------------------------------


def published_patterns() -> list[str]:
    """Every file a host is meant to serve (fnmatch patterns, relative to site/)."""
    registry = yaml.safe_load((ROOT / "anchors.yml").read_text(encoding="utf-8"))
    redirects = [f"{Path(old).with_suffix('')}/index.html" for old in (registry.get("moved") or {}).get("pages") or {}]
    own_assets = [
        f"assets/{p.relative_to(ROOT / 'docs/assets').as_posix()}"
        for p in (ROOT / "docs/assets").rglob("*")
        if p.is_file()
    ]
    return [
        *(f"{page}index.html" for page in PAGES),
        "404.html",
        *redirects,
        "robots.txt",
        "sitemap.xml",
        "sitemap.xml.gz",
        "search/search_index.json",
        *own_assets,
        # Material's own files
        "assets/images/favicon.png",
        "assets/javascripts/bundle.*.min.js",
        "assets/javascripts/bundle.*.min.js.map",
        "assets/javascripts/workers/search.*.min.js",
        "assets/javascripts/workers/search.*.min.js.map",
        "assets/javascripts/lunr/*.js",
        "assets/javascripts/lunr/min/lunr.*.min.js",
        "assets/stylesheets/main.*.min.css",
        "assets/stylesheets/main.*.min.css.map",
        "assets/stylesheets/palette.*.min.css",
        "assets/stylesheets/palette.*.min.css.map",
        # the edition's exports
        *(f"downloads/{name}.{ext}" for name in ("article", "references") for ext in ("bib", "ris", "json")),
        PDF,  # made after mkdocs by scripts/dev build (tests/test_pdf.py, tests/test_release.py)
        *(f"downloads/alignment.{ext}" for ext in ("json", "schema.json", "tei.xml")),  # the translation's
        "assets/parallel.css",  # the translation's views
        "assets/parallel.js",
        "timeline/events.json",
        "timeline/events.schema.json",
        "timeline/events.csv",
        "timeline/timelinejs.json",
    ]


def test_the_site_holds_only_published_files(site):
    files = sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*") if p.is_file())
    patterns = published_patterns()
    unexpected = [f for f in files if not any(fnmatch.fnmatchcase(f, p) for p in patterns)]
    assert unexpected == [], "files in site/ that are not meant to be published"
    literal = [p for p in patterns if "*" not in p and p != PDF]
    assert [p for p in literal if p not in files] == [], "files meant to be published but missing"
    assert not any(f.endswith((".yml", ".yaml", ".md", ".py", ".bib.bak")) for f in files)


def test_robots_txt_names_the_sitemap(site):
    robots = site.text("robots.txt")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"
    sitemap = urlsplit(robots.rsplit("Sitemap: ", 1)[1].strip())
    assert (site.site / sitemap.path.lstrip("/")).is_file()


def test_robots_txt_unit():
    assert (
        hosting.robots_txt("https://example.org/ed")
        == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/ed/sitemap.xml\n"
    )


# --- the PDF of the text: linked only by a build that will hold it ----------------------------


@pytest.mark.parametrize(
    "environ, linked",
    [({}, False), ({"EDITION_PDF": "true"}, True), ({"EDITION_PDF": "false"}, False)],
    ids=["serve-or-plain-build", "scripts-dev-build", "explicitly-off"],
)
def test_the_pdf_is_linked_only_when_the_build_will_make_it(monkeypatch, environ, linked):
    from edition import site_pages, templates
    from edition.build import Build
    from edition.store import Store
    from mkdocs.config import load_config

    monkeypatch.delenv("EDITION_PDF", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert hosting.pdf_in_build(config) is linked
    build = Build(config=config, root=ROOT, store=Store(None), pdf=hosting.pdf_in_build(config))
    build.templates = templates.Templates(config)
    for url, src_uri, href in (("", "index.md", PDF), ("article/", "article.md", f"../{PDF}")):
        page = lxml_html.fragment_fromstring(
            site_pages.downloads(build, SimpleNamespace(file=SimpleNamespace(url=url, src_uri=src_uri))),
            create_parent="div",
        )
        assert page.xpath('//a[contains(@href, ".pdf")]/@href') == ([href] if linked else [])
        assert ("в этой сборке PDF нет" in page.text_content()) is not linked


def test_pdf_in_build_reads_only_a_true_setting():
    assert hosting.pdf_in_build(SimpleNamespace(extra={"pdf": True}))
    for extra in ({}, None, {"pdf": False}, {"pdf": "true"}, {"pdf": 1}):
        assert not hosting.pdf_in_build(SimpleNamespace(extra=extra))


# --- the version in every footer -------------------------------------------------------------


def html_files(site) -> list[Path]:
    return sorted(site.site.rglob("*.html"))


def test_every_page_footer_names_the_version_and_release_date(site):
    pages = html_files(site)
    assert len(pages) >= len(PAGES) + 1
    for path in pages:
        page = lxml_html.parse(str(path)).getroot()
        [release] = page.xpath('//footer//*[@class="edition-release"]')
        text = " ".join(release.text_content().split())
        assert text == f"Версия издания {VERSION} от {RELEASED_RU} · история изменений", path
        assert release.xpath(".//time/@datetime") == [RELEASED.isoformat()]
        [href] = release.xpath(".//a/@href")
        target = urljoin(f"http://host/{path.relative_to(site.site).as_posix()}", href)
        file = site.site / urlsplit(target).path.lstrip("/")
        file = file / "index.html" if target.split("#")[0].endswith("/") else file
        assert file.is_file() and urlsplit(target).fragment == "changelog", (path, href)
        assert lxml_html.parse(str(file)).getroot().xpath('//*[@id="changelog"]')


def test_the_changelog_names_the_released_version(site):
    [changelog] = site.page("about").xpath('//*[@id="changelog"]/following-sibling::ul[1]')
    assert VERSION in changelog.text_content()


# --- citations -------------------------------------------------------------------------------


PLACEHOLDER = re.compile(r"⟦(\w+)⟧")


def filled(pattern: str, cite: dict) -> str:
    """A citation pattern of the reader's data with one element's fields put in (as the reader's
    script does: ⟦n⟧, ⟦url⟧, ⟦item⟧ ...)."""
    return PLACEHOLDER.sub(lambda m: str(cite[m.group(1)]), pattern)


def reader_cites(page) -> dict[str, dict[str, str]]:
    """Anchor -> {gost, apa}: each citable element's citations, from the page's reader data."""
    out = {}
    for script in page.xpath('//script[@id="edition-reader-data"]'):
        data = json.loads(script.text)
        patterns = data.get("patterns") or {}
        for anchor, cite in (data.get("cites") or {}).items():
            if "gost" in cite:
                out[anchor] = {"gost": cite["gost"], "apa": cite["apa"]}
            else:
                values = {"accessed": "ДД.ММ.ГГГГ", **cite}
                out[anchor] = {style: filled(text, values) for style, text in patterns[cite["kind"]].items()}
    return out


def cite_strings(page) -> list[str]:
    """Every "cite this" string on a built page: the reader's data (JSON), any boxes, the
    no-script pattern."""
    strings = [text for cite in reader_cites(page).values() for text in cite.values()]
    boxes = page.xpath('//*[@data-style="gost" or @data-style="apa"]')
    boxes += page.xpath('//*[contains(@class, "cite-pattern")]//p[@lang]')
    strings += [" ".join(e.text_content().split()) for e in boxes]
    return strings


@pytest.mark.parametrize("path, least", [("article", 6), ("timeline", 10), ("glossary", 5)])
def test_every_citation_of_the_editions_content_names_the_version(site, path, least):
    """GOST names the version of the edition read; so does APA for the edition's own apparatus.
    APA's entry for a place in the article is the article's own (its locator is in the text)."""
    strings = cite_strings(site.page(path))
    assert len(strings) >= 2 * least
    article_apa = reader_cites(site.page("article"))["p5"]["apa"]
    for text in strings:
        text = re.sub(r"^APA 7, (reference list|in text): ", "", text)
        if "URL:" in text:  # GOST
            assert f"ерсия {VERSION} ({RELEASED_RU})" in text, text
        elif text.startswith("("):  # APA in the text
            assert VERSION not in text, text
        elif text != article_apa:  # APA of the apparatus
            assert f"version {VERSION}" in text and RELEASED.isoformat() in text, text


def test_a_paragraph_citation_names_paragraph_version_and_permalink(site):
    cite = reader_cites(site.page("article"))["p5"]
    edition = META["edition"]
    assert cite["gost"].endswith(
        f"DOI: {META['doi']}. Абз. 5. {edition['title']['ru']}, версия {VERSION} ({RELEASED_RU}). "
        f"URL: {SITE_URL}article/#p5 (дата обращения: ДД.ММ.ГГГГ)."
    )
    assert cite["apa_intext"] == "(Kurmanguzhin & Chebotarev, 2023, para. 5)"


def test_what_describes_the_article_stays_about_the_article(site):
    """The article's own "how to cite", its metadata and the exports of the article and its
    references name the journal article, not the edition's version."""
    for name in ("article.bib", "article.ris", "article.json", "references.bib", "references.ris", "references.json"):
        text = site.text(f"downloads/{name}")
        assert VERSION not in text and META["edition"]["title"]["en"] not in text, name
    article = site.page("article")
    for meta in article.xpath('//head/meta[starts-with(@name, "citation_") or starts-with(@name, "DC.")]/@content'):
        assert VERSION not in meta
    boxes = [box for path in PAGES for box in site.page(path.rstrip("/")).xpath('//div[@class="edition-cite"]')]
    assert boxes, "the article's own 'how to cite' is on the site"
    for box in boxes:
        text = box.text_content()
        assert META["doi"] in text and VERSION not in text and "Электронное научное издание" not in text


# --- unit: the version and date in article.yml -----------------------------------------------


def edition_meta(**edition):
    base = {"version": "0.1.0", "released": "2026-11-29", "year": 2026}
    return {"edition": {**base, **edition}}


def test_release_reads_version_and_date():
    assert hosting.release(edition_meta()) == {
        "version": "0.1.0",
        "released": "2026-11-29",
        "released_ru": "29.11.2026",
    }
    assert hosting.release_epoch(edition_meta()) == 1795910400


@pytest.mark.parametrize(
    "edition, message",
    [
        (
            {"version": "0.1"},
            "docs/data/article.yml: edition [version]: '0.1' is not a version; write it as "
            '"MAJOR.MINOR.PATCH", e.g. "0.2.0"',
        ),
        (
            {"released": "29.11.2026"},
            "docs/data/article.yml: edition [released]: '29.11.2026' is not a date; "
            'write the version\'s release date as "YYYY-MM-DD" (quoted)',
        ),
        (
            {"released": "2026-02-30"},
            "docs/data/article.yml: edition [released]: '2026-02-30' is not a date; "
            'write the version\'s release date as "YYYY-MM-DD" (quoted)',
        ),
        (
            {"year": 2025},
            "docs/data/article.yml: edition [year]: 2025 is not the year of released (2026-11-29); set year: 2026",
        ),
    ],
)
def test_release_problems_say_how_to_fix(edition, message):
    assert [str(p) for p in hosting.release_problems(edition_meta(**edition))] == [message]


# --- the 404 page under a sub-path -----------------------------------------------------------

SUB_PATH = "/edition/v/"


class SubPathHost(http.server.SimpleHTTPRequestHandler):
    """A static host serving the site under SUB_PATH, answering 404.html for what is missing
    (as GitHub Pages and most hosts do)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(SUB_PATH):
            self.send_error(404)
            return None
        self.path = "/" + path[len(SUB_PATH) :]
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@pytest.fixture(scope="module")
def sub_path_host(tmp_path_factory):
    """The project built for http://127.0.0.1:PORT/edition/v/ and served there."""
    project = copy_project(tmp_path_factory.mktemp("subpath") / "project")
    handler = functools.partial(SubPathHost, directory=str(project / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        cwd=project,
        env=dict(mkdocs_env(), SITE_URL=origin + SUB_PATH),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield origin
    httpd.shutdown()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_404_page_works_under_a_sub_path(sub_path_host):
    missing = f"{sub_path_host}{SUB_PATH}no/such/page/"
    status, body = get(missing)
    assert status == 404
    page = lxml_html.fromstring(body)
    assert page.xpath("//h1")[0].text_content().strip() == "Страница не найдена"
    links = page.xpath(
        "//link/@href | //script/@src | //a/@href | //img/@src | //*[@data-material-bundle]/@data-material-bundle"
    )
    urls = [urljoin(missing, link) for link in links]
    local = [url for url in urls if urlsplit(url).netloc == urlsplit(missing).netloc]
    assert len(local) > 10
    for url in local:
        assert urlsplit(url).path.startswith(SUB_PATH), url
        assert get(url.split("#")[0])[0] == 200, url
    home = page.xpath('//article//a[text()="Главная страница издания"]/@href')
    assert [urljoin(missing, h) for h in home] == [f"{sub_path_host}{SUB_PATH}"]


@pytest.mark.browser
def test_the_404_page_is_styled_and_quiet_in_chromium(browser, sub_path_host):
    context, page = watched_page(browser, sub_path_host)
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    missing = f"{sub_path_host}{SUB_PATH}article/p99/"
    try:
        response = page.goto(missing)
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Страница не найдена"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.get_by_role("link", name="Главная страница издания").click()
        page.wait_for_url(f"{sub_path_host}{SUB_PATH}")
        assert failed == [missing], "only the missing page itself answers 404"
        assert page.foreign == []
        assert [e for e in page.errors if "status of 404" not in e] == []
    finally:
        context.close()


CITED = [("article/", "p5"), ("timeline/", "ev-csto-peacekeeping-2022"), ("glossary/", "dkb")]


@pytest.mark.browser
@pytest.mark.parametrize("path, anchor", CITED)
def test_a_citation_copied_from_the_site_names_the_version(page, server, path, anchor):
    """What a reader pastes: the GOST and APA texts the copy buttons put on the clipboard."""
    page.goto(server + path)
    handle = page.locator(f'[data-cite="{anchor}"]').first
    handle.focus()
    page.keyboard.press("Enter")
    card = page.locator(f"#ed-cite-{anchor}")
    card.wait_for(state="visible")
    copied = {}
    for style in ("gost", "apa"):
        page.evaluate("navigator.clipboard.writeText('-')")
        card.locator(f'button[data-copy="{style}"]').click()
        deadline = time.monotonic() + 10
        while (text := page.evaluate("navigator.clipboard.readText()")) == "-" and time.monotonic() < deadline:
            time.sleep(0.1)
        copied[style] = " ".join(text.split())  # no-break spaces read as spaces
    permalink = f"{SITE_URL}{path}#{anchor}"
    today = dt.date.today()  # the reader's date of access, as GOST R 7.0.5-2008 writes it
    accessed = f"{today.day:02d}.{today.month:02d}.{today.year}"
    assert f"ерсия {VERSION} ({RELEASED_RU})" in copied["gost"]
    assert copied["gost"].endswith(f"URL: {permalink} (дата обращения: {accessed}).")
    if path == "article/":  # APA's entry for the article is the article's own; the locator is in the text
        assert VERSION not in copied["apa"] and copied["apa"].endswith(f"https://doi.org/{META['doi']}")
    else:
        assert f"version {VERSION}" in copied["apa"] and RELEASED.isoformat() in copied["apa"]
        assert copied["apa"].endswith(permalink)
