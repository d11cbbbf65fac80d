"""One build's state: the edition (edition.model), what pandoc formatted, the templates, and what
each page's steps leave for its later steps. Made anew by hooks/pipeline.py for every build (a
`mkdocs serve` rebuild starts from a fresh one), never kept in a module."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from . import offline
from .formatting import Formatted
from .model import Edition
from .store import Store
from .templates import Templates


@dataclass
class PageState:
    """What one page's steps hand on to its later steps."""

    located: list = field(default_factory=list)  # citations with a locator, taken out of the Markdown
    labels: dict[str, str] = field(default_factory=dict)  # footnote id -> the citation's label, `[1]`
    cites: dict[str, dict] = field(default_factory=dict)  # anchor -> its cite card's data
    blocks: list = field(default_factory=list)  # the addressable blocks, for search
    terms: list[str] = field(default_factory=list)  # the glossary entries marked on the page


@dataclass
class Build:
    config: object
    root: Path
    store: Store
    pdf: bool = False  # the site will hold the PDF of the text (edition.hosting.pdf_in_build)
    edition: Edition | None = None
    formatted: Formatted | None = None
    templates: Templates | None = None
    files: object = None
    page: object = None  # the page whose Markdown is being rendered (for the tree step)
    pages: dict[str, PageState] = field(default_factory=dict)

    def state(self, src_uri: str) -> PageState:
        return self.pages.setdefault(src_uri, PageState())

    def render(self, name: str, **context) -> str:
        return self.templates.render(name, **context)

    def absolute(self, url: str) -> str:
        """A built page's URL (``page.file.url``) as an absolute permalink under ``site_url``; in the
        offline copy (no directory URLs) still the hosted form, `…/article/`."""
        if not self.config.use_directory_urls:
            url = offline.hosted_url(url)
        return f"{self.config.site_url or '/'}{url}"

    def url(self, page, src_uri: str, anchor: str = "") -> str:
        """A URL from ``page`` to the page built from ``src_uri`` (and ``anchor`` on it)."""
        target = self.files.get_file_from_path(src_uri)
        if target is None:
            raise PluginError(f"docs/{page.file.src_uri}: link to missing page '{src_uri}'")
        url = get_relative_url(target.url, page.file.url)
        return f"{url}#{anchor}" if anchor else url

    def page_url(self, page, src_uri: str) -> str:
        """As `url`, but '' for the page itself (raw HTML is not rewritten by MkDocs)."""
        return "" if src_uri == page.file.src_uri else self.url(page, src_uri)
