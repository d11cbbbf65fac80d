"""The PDF of the edition's text: the built article page printed by Debian's Chromium.

Run by scripts/dev build and release on the site just built (never inside `mkdocs build` or
`serve`): `python -m edition.pdf SITE_DIR` writes SITE_DIR/downloads/edition-text.pdf. Chromium is
driven through the pinned Playwright (requirements/pdf.txt; `executable_path` is Debian's
/usr/bin/chromium, no browser is downloaded) with the site's print stylesheet; the serif face is
PT Serif from Debian's fonts-paratype, which edition.css names first. A4, page numbers and the
permalink in every page's footer, a colophon (permalink, version, release date, licences) after
the text; tagged, with an outline. The PDF's creation and modification dates are the release date
(`edition.released`), so that the same sources give the same PDF byte for byte. Chromium reads the
site's files at the hosted address (SITE_URL), so that the PDF's links are the hosted edition's;
no request leaves the machine.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2

from . import hosting

PDF = hosting.PDF  # in the site
PAGE = "article/index.html"  # what is printed
CHROMIUM = "/usr/bin/chromium"
FONT = "/usr/share/fonts/truetype/paratype/PTF55F.ttf"  # PT Serif, Debian's fonts-paratype
TEMPLATES = "overrides/partials/edition"  # pdf-colophon.html, pdf-footer.html
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"]
MARGIN = {"top": "16mm", "bottom": "20mm", "left": "20mm", "right": "20mm"}
DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')


def missing() -> list[str]:
    """The Debian packages the PDF needs that are not here."""
    return [package for package, path in (("chromium", CHROMIUM), ("fonts-paratype", FONT)) if not Path(path).exists()]


def with_release_dates(pdf: bytes, released: str) -> bytes:
    """Chromium's CreationDate and ModDate (the clock's) replaced by the release date, midnight UTC;
    the same length, so that the cross-reference table stays right."""
    stamp = released.replace("-", "").encode() + b"000000"

    found = list(DATE.finditer(pdf))
    if len(found) != 2 or any(m.group(3) != b"+00'00'" for m in found):
        raise ValueError(
            f"Chromium's PDF dates are not as expected ({[m.group(0) for m in found]}); "
            "edition/pdf.py with_release_dates must learn the new form"
        )
    return DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp + b"+00'00')", pdf)


def hosted_base(site: Path) -> str:
    """The address the site was built for (``site_url``), from the printed page's canonical link."""
    found = CANONICAL.search((site / PAGE).read_text(encoding="utf-8"))
    if not found or not found.group(1).endswith("article/"):
        raise ValueError(f"{site / PAGE}: no canonical link ending in article/; build the site first")
    return found.group(1).removesuffix("article/")


def serve_from(site: Path, base: str):
    """A Playwright route handler: the site's files under its hosted address (so that the PDF's
    links are the hosted edition's, never file:// paths), every other request refused."""
    prefix = urlsplit(base).path

    def handle(route) -> None:
        url = route.request.url
        if not url.startswith(base):
            route.abort()
            return
        target = site / unquote(urlsplit(url).path).removeprefix(prefix)
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and site.resolve() in target.resolve().parents:
            route.fulfill(path=target)
        else:
            route.fulfill(status=404, body="")

    return handle


def render(root: Path, name: str, **context) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(root / TEMPLATES), autoescape=True)
    return env.get_template(name).render(**context)


def print_pdf(root: Path, site: Path) -> bytes:
    from playwright.sync_api import sync_playwright

    meta = hosting.read_meta(root)
    release = hosting.release(meta)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            base = hosted_base(site)
            page.route("**/*", serve_from(site, base))
            permalink = f"{base}article/"
            page.goto(permalink)
            context = {"meta": meta, "release": release, "permalink": permalink}
            page.evaluate(
                "html => document.querySelector('article.md-content__inner').insertAdjacentHTML('beforeend', html)",
                render(root, "pdf-colophon.html", **context),
            )
            page.evaluate("document.fonts.ready")
            data = page.pdf(
                format="A4",
                margin=MARGIN,
                display_header_footer=True,
                header_template=render(root, "pdf-header.html", **context),
                footer_template=render(root, "pdf-footer.html", **context),
                tagged=True,
                outline=True,
            )
        finally:
            browser.close()
    return with_release_dates(data, release["released"])


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m edition.pdf SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[0])
    absent = missing()
    if absent:
        print(
            f"scripts/dev: the PDF needs the Debian packages {' '.join(absent)}; "
            f"install them (sudo apt-get install {' '.join(absent)}) and run the command again",
            file=sys.stderr,
        )
        return 1
    try:
        data = print_pdf(Path.cwd(), site)
    except ModuleNotFoundError:
        print(
            "scripts/dev: the PDF needs Playwright in .venv/ (requirements/pdf.txt); run scripts/dev build",
            file=sys.stderr,
        )
        return 1
    out = site / PDF
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    pages = len(re.findall(rb"/Type /Page\b", data))
    print(f"scripts/dev: the PDF of the text: {PDF} ({pages} pages, {len(data) / 1e3:.0f} kB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
