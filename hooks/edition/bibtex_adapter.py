"""mkdocs-bibtex 4.4, as the edition uses it: the one module that knows its classes.

mkdocs-bibtex is no longer maintained (its package page says so); the edition's design names it,
so it formats the references here, through its documented `PandocRegistry` (a list of .bib files
and a CSL style), with one workaround: the registry hands pandoc its bibliography as pybtex's
writer prints it (`bib_data_bibtex`), which doubles the backslash of every LaTeX escape (`\\&`
becomes `\\\\&`, and pandoc prints a backslash). `EditionRegistry` hands pandoc the text the edition
wrote for it instead (edition.bibfile.as_latex). tests/test_formatting.py fails if an upgrade
renames what this relies on.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from mkdocs_bibtex.citation import Citation, CitationBlock
from mkdocs_bibtex.registry import PandocRegistry

# The registry's INFO line names the temporary file it reads: not the editor's business.
logging.getLogger("mkdocs.plugins.mkdocs-bibtex").setLevel(logging.WARNING)


class EditionRegistry(PandocRegistry):
    """A PandocRegistry of ``bibtex`` (the .bib as pandoc must read it) in the style ``csl_file``."""

    def __init__(self, bibtex: str, csl_file: str):
        self.bibtex = bibtex
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "references.bib"
            path.write_text(bibtex, encoding="utf-8")
            super().__init__(bib_files=[str(path)], csl_file=csl_file, csl_file_encoding=None)

    @property
    def bib_data_bibtex(self) -> str:  # what the registry writes for pandoc
        return self.bibtex


def reference_texts(bibtex: str, csl_file: str) -> tuple[dict[str, str], list[str]]:
    """key -> the reference as pandoc formats it (Markdown), in one pandoc run; and the keys
    pandoc gave no text for."""
    registry = EditionRegistry(bibtex, csl_file)
    keys = list(registry.bib_data.entries)
    registry.validate_citation_blocks([CitationBlock(citations=[Citation(key=key)]) for key in keys])
    texts, missing = {}, []
    for key in keys:
        try:
            texts[key] = registry.reference_text(Citation(key=key))
        except KeyError:
            missing.append(key)
    return texts, missing
