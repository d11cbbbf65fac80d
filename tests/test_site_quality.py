"""The built site as a whole: valid HTML, no broken links, reproducible, titled and described."""

import hashlib
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import ROOT, run_build
from lxml import html as lxml_html

VNU = ROOT / "tests/node_modules/vnu-jar/build/dist/vnu.jar"


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html"))


def test_nu_html_checker_finds_no_errors(site):
    java = shutil.which("java")
    assert java, "Java is missing: scripts/dev test installs Debian's default-jre-headless"
    assert VNU.exists(), "vnu.jar is missing: scripts/dev test runs npm ci in tests/"
    pages = [str(p) for p in html_pages(site.site)]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "text", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(pages) >= 8


def resolve(site_dir: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points at (None for external links)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):  # root-relative (404.html): the site is served from SITE_URL's root
        target = (site_dir / path.lstrip("/")).resolve()
    else:
        target = page if not path else (page.parent / path).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_and_fragment_resolves(site):
    ids = {}
    broken = []
    checked = 0
    for page in html_pages(site.site):
        tree = lxml_html.parse(str(page)).getroot()
        for element in tree.xpath("//a[@href] | //*[@data-href] | //link[@href] | //script[@src] | //img[@src]"):
            href = element.get("href") or element.get("data-href") or element.get("src")
            found = resolve(site.site, page, href)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            if not target.exists():  # the PDF too: this build makes none, so links none
                broken.append(f"{page.relative_to(site.site)}: {href} (no file)")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(lxml_html.parse(str(target)).getroot().xpath("//@id"))
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(site.site)}: {href} (no #{fragment})")
    assert broken == []
    assert checked > 500


def digest(site_dir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(site, project, tmp_path):
    again = run_build(project, tmp_path)
    assert again.returncode == 0, again.output
    first, second = digest(site.site), digest(again.site)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_every_page_has_a_meaningful_title_and_description(site):
    titles, descriptions = set(), set()
    for page in html_pages(site.site):
        if page.name != "index.html":
            continue
        tree = lxml_html.parse(str(page)).getroot()
        title = tree.findtext(".//title")
        [description] = tree.xpath('//head/meta[@name="description"]/@content')
        assert len(title) > 20 and len(description) > 50, page
        titles.add(title)
        descriptions.add(description)
    count = len([p for p in html_pages(site.site) if p.name == "index.html"])
    assert len(titles) == count and len(descriptions) == count
