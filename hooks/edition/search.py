"""Material's search index, one entry per paragraph: the edition replaces a page's sections.

Material's search plugin divides a page at its headings, so a hit in paragraph 5 would open the
section's heading and its snippet would carry the apparatus. The reading hook hands it one entry
per block instead, with the block's own words (edition.reading.words).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError


def search_plugin(config):
    for name in ("material/search", "search"):
        if name in config.plugins:
            return config.plugins[name]
    raise PluginError("mkdocs.yml: the 'search' plugin is missing; the edition replaces its entries")


def same_page(location: str, url: str) -> bool:
    return location == url or location.startswith(f"{url}#")


def replace_entries(config, url: str, entries: list[dict]) -> None:
    """Replace the entries that Material indexed for the page at ``url``."""
    index = search_plugin(config).search_index
    index.entries = [e for e in index.entries if not same_page(e["location"], url)] + entries
