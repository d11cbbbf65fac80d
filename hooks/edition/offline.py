"""The offline copy: the edition read from `file://` (scripts/dev release, `EDITION_OFFLINE=true`).

Material's offline plugin (in mkdocs.yml, off unless EDITION_OFFLINE=true) builds pages as
`article.html` and inlines the search index into a script. Its one network fetch, the
iframe-worker shim that lets the search worker run from `file://`, is served from the copy
itself (`vendor/iframe-worker-shim.js`, iframe-worker 1.0.4, MIT). Every permalink, citation and
canonical URL stays the hosted edition's (`…/article/#p5`), never `article.html` or `file://`.
Its error page (404.html, at the copy's root) links relatively, as every other page does: MkDocs
writes an error page's links from site_url's path (`/edition/article.html`), which a file:// reader
cannot follow. The hosted build does not change: everything here acts only when the plugin is
enabled.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import is_error_template

PLUGIN = "material/offline"
SHIM = "assets/javascripts/iframe-worker-shim.js"  # where the copy serves it
SHIM_SOURCE = Path(__file__).parent / "vendor" / "iframe-worker-shim.js"


def enabled(config) -> bool:
    plugin = config.plugins.get(PLUGIN)
    return bool(plugin and plugin.config.enabled)


def local_polyfills(config) -> None:
    """The plugin's iframe-worker URL (unpkg.com) replaced by the copy's own file."""
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [SHIM if "iframe-worker" in url else url for url in polyfills]


def hosted_url(url: str) -> str:
    """A page's URL as the hosted edition has it (directory URLs): `article.html` -> `article/`,
    `index.html` -> ``; other files as they are."""
    if not url.endswith(".html") or url.endswith("404.html"):
        return url
    stem = url.removesuffix(".html")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def error_page_base(template_name: str) -> str | None:
    """The base of an error page's links in the offline copy: its own folder, the copy's root
    (`.`); None for any other template, whose links MkDocs already makes relative."""
    return "." if is_error_template(template_name) else None
