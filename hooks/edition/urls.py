"""URLs between the edition's pages, for HTML that hooks render (Markdown links are resolved
by MkDocs itself; raw HTML links are not, so the hooks compute them here)."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url


def absolute(config, url: str) -> str:
    """A built page's URL (``page.file.url``) as an absolute permalink under ``site_url``."""
    return f"{config.site_url or '/'}{url}"


def relative(page, files, src_uri: str, anchor: str = "") -> str:
    """A URL from ``page`` to the page built from ``src_uri`` (and ``anchor`` on it)."""
    target = files.get_file_from_path(src_uri)
    if target is None:
        raise PluginError(f"docs/{page.file.src_uri}: link to missing page '{src_uri}'")
    url = get_relative_url(target.url, page.file.url)
    return f"{url}#{anchor}" if anchor else url
