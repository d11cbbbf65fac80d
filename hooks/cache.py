"""Work done once, kept under the project's `.cache/edition/` (delete it to start cold).

- on_config (first): the cache in front of pypandoc (edition.pandoc), content-keyed; data files
  whose content passed their schema once are not checked again (edition.datafile);
- on_config (after mkdocs-bibtex has made its registry): every reference of bibliography.bib
  formatted in one pandoc run, instead of one run per reference as the pages ask for them;
- on_env: compiled templates kept (edition.bytecode), for MkDocs' environment and, through
  edition.templates, for the edition's own.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs_bibtex.citation import Citation, CitationBlock

from edition import bytecode, datafile, pandoc


@event_priority(200)  # before mkdocs-bibtex asks pandoc for its version and hooks/citations.py
def _install_cache(config):
    cache = Path(config.config_file_path).parent / ".cache" / "edition"
    pandoc.install(cache / "pandoc")
    datafile.VALID_DIR = cache / "valid"
    return config


@event_priority(-150)  # after mkdocs-bibtex has made its registry and hooks/citations.py has fed it (-100)
def _format_every_reference(config):
    registry = config.plugins["bibtex"].registry
    if registry is not None:
        registry.validate_citation_blocks([CitationBlock(citations=[Citation(key=key)])
                                           for key in registry.bib_data.entries])
    return config


on_config = CombinedEvent(_install_cache, _format_every_reference)


def on_env(env, config, files):
    env.bytecode_cache = bytecode.for_project(Path(config.config_file_path).parent, "theme")
    return env
