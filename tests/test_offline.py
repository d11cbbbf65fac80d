"""The offline copy (scripts/dev release's second archive): the edition read from file:// in
Chromium with the network blocked. Navigation, search, previews and cite cards work; every
permalink and citation is still the hosted edition's (…/article/#p5); the hosted site is unchanged."""

from __future__ import annotations

import json
import re
import subprocess
from urllib.parse import urlsplit

import pytest
from conftest import MKDOCS, ROOT, mkdocs_env, start_material
from edition import offline
from lxml import html as lxml_html
from test_browser_site import type_query

pytestmark = pytest.mark.slow  # a build of its own

SITE_URL = "https://example.org/edition/"
SHIM_PACKAGE = ROOT / "tests/node_modules/iframe-worker/shim/index.js"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline") / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=tmp_path_factory.mktemp("cwd"),
        env={**mkdocs_env(), "EDITION_OFFLINE": "true", "SITE_URL": SITE_URL},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture
def reader(browser):
    """A page in a context where every request that is not file:// is refused and recorded."""
    context = browser.new_context()
    refused, errors = [], []

    def route(request_route):
        if request_route.request.url.startswith("file://"):
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert refused == [], "network requests from the offline copy"
    assert errors == [], "console errors"


def test_hosted_urls_are_kept_in_the_offline_copy(offline_site):
    article = (offline_site / "article.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}article/">' in article
    assert f'"url":"{SITE_URL}article/#p5"' in article  # the cite card's permalink
    assert f"<loc>{SITE_URL}article/</loc>" in (offline_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in offline_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://[^\s\"'<>]*\.html", text), path  # no permalink in the offline form
        assert "unpkg.com" not in text and "file://" not in text, path
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in article
    assert (offline_site / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = {")


def test_the_vendored_shim_is_the_npm_package(offline_site):
    """hooks/edition/vendor/iframe-worker-shim.js is iframe-worker's shim as published (after its licence line)."""
    vendored = offline.SHIM_SOURCE.read_text(encoding="utf-8")
    header, _, body = vendored.partition("\n")
    assert "iframe-worker 1.0.4" in header and "MIT" in header
    assert body == SHIM_PACKAGE.read_text(encoding="utf-8")
    assert (offline_site / offline.SHIM).read_text(encoding="utf-8") == vendored


def test_the_offline_404_page_links_relative_to_its_folder(offline_site):
    """MkDocs writes an error page's links from site_url's path (/edition/…): from file:// they
    would point at the disk's root. The offline copy's 404.html links within its folder."""
    page = lxml_html.parse(str(offline_site / "404.html")).getroot()
    links = page.xpath("//a/@href | //link/@href | //script/@src | //img/@src")
    local = [link for link in links if not link.startswith(("https://", "http://", "#"))]
    assert len(local) > 15 and not [link for link in local if link.startswith("/")]
    missing = [link for link in local if not (offline_site / urlsplit(link).path).is_file()]
    assert missing == []
    assert {"./index.html", "./article.html", "./glossary.html"} <= set(local)
    [config] = page.xpath('//script[@id="__config"]/text()')
    assert json.loads(config)["base"] == "."  # Material's own base (search, instant loading)


def test_the_hosted_site_has_no_offline_parts(site):
    assert not (site.site / offline.SHIM).exists() and not (site.site / "search/search_index.js").exists()
    assert (site.site / "article/index.html").exists() and not (site.site / "article.html").exists()
    assert "iframe-worker" not in site.text("article/index.html")


@pytest.mark.browser
def test_the_offline_404_page_leads_back_into_the_copy(offline_site, reader):
    page = reader
    page.goto((offline_site / "404.html").as_uri())
    start_material(page)
    assert page.locator("h1#not-found").inner_text() == "Страница не найдена"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # styled
    page.locator("article a", has_text="Главная страница издания").click()
    page.wait_for_url("**/index.html")
    assert page.url == (offline_site / "index.html").as_uri()


@pytest.mark.browser
def test_the_offline_copy_reads_from_file_with_the_network_blocked(offline_site, reader):
    page = reader
    page.goto((offline_site / "index.html").as_uri())
    start_material(page)
    page.locator('.edition-card__title[lang="ru"] a').click()  # a link the template wrote, not the nav
    page.wait_for_url("**/article.html")
    assert page.locator("h1").first.inner_text().startswith("Дипломатия Республики Казахстан")
    page.locator(".md-tabs__link, .md-nav__link", has_text="Глоссарий").first.click()
    page.wait_for_url("**/glossary.html")

    type_query(page, "Назарбаев")
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert links and all(link.startswith("file://") for link in links)
    assert any("#nazarbayev" in link for link in links)

    page.goto((offline_site / "article.html").as_uri() + "?apparatus=terms")
    start_material(page)
    page.locator('#p6 a.ed-term[data-term="dkb"]').hover()
    preview = page.locator("#ed-preview")
    preview.wait_for(state="visible")
    assert "Договор о коллективной безопасности" in preview.inner_text()
    assert preview.locator("a").get_attribute("href") == "glossary.html#dkb"

    number = page.locator('a.pnum[data-cite="p5"]')
    number.focus()
    page.keyboard.press("Enter")
    card = page.locator("#ed-cite-p5")
    card.wait_for(state="visible")
    assert card.locator('[data-slot="url"]').inner_text() == f"{SITE_URL}article/#p5"
    gost = card.locator('[data-slot="gost"]').inner_text().replace("\u00a0", " ")
    assert re.search(rf"URL: {re.escape(SITE_URL)}article/#p5 \(дата обращения: \d\d\.\d\d\.\d{{4}}\)\.$", gost)
    assert page.url.endswith("/article.html?apparatus=terms#p5")
