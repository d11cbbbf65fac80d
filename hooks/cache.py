"""Work done once, kept under the project's `.cache/edition/` (delete it to start cold).

- on_config (first): the cache in front of pypandoc (edition.pandoc), content-keyed; data files
  whose content passed their schema once are not checked again (edition.datafile);
- on_config (after mkdocs-bibtex has made its registry): every reference of bibliography.bib
  formatted in one pandoc run (instead of one run per reference as the pages ask for them), and
  the article's citations in two more, all three while the build goes on; on_nav waits for them;
- on_env: compiled templates kept (edition.bytecode), for MkDocs' environment and, through
  edition.templates, for the edition's own.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from edition import article, bytecode, cite, datafile, pandoc
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs_bibtex.citation import Citation, CitationBlock


@event_priority(1100)  # before hooks/structure.py checks every source (1000) and mkdocs-bibtex asks for pandoc
def _install_cache(config):
    cache = Path(config.config_file_path).parent / ".cache" / "edition"
    pandoc.install(cache / "pandoc")
    datafile.VALID_DIR = cache / "valid"
    return config


@event_priority(-150)  # after mkdocs-bibtex has made its registry and hooks/citations.py has fed it (-100)
def _start_formatting(config):
    """Start pandoc: all references in one run, the article's GOST and APA citations in two more.
    Pandoc works in processes of its own, so these run while the build reads and checks its data
    (on_files); on_nav waits for them, before any page asks for a citation."""
    registry = config.plugins["bibtex"].registry
    meta = article.load_article(config.docs_dir)
    pool = ThreadPoolExecutor(max_workers=3)
    _pending[:] = [
        pool.submit(cite.reference_html, article.csl_item(meta, style), name, locale)
        for style, name, locale in (("gost", cite.GOST_STYLE, "ru-RU"), ("apa", cite.APA_STYLE, "en-US"))
    ]
    if registry is not None:
        blocks = [CitationBlock(citations=[Citation(key=key)]) for key in registry.bib_data.entries]
        _pending.append(pool.submit(registry.validate_citation_blocks, blocks))
    pool.shutdown(wait=False)
    return config


_pending: list = []


def on_nav(nav, config, files):
    while _pending:
        _pending.pop().result()  # the formatted texts wait in the caches; an error surfaces here
    return nav


on_config = CombinedEvent(_install_cache, _start_formatting)


def on_env(env, config, files):
    env.bytecode_cache = bytecode.for_project(Path(config.config_file_path).parent, "theme")
    return env
