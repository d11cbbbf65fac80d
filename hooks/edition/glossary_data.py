"""The glossary's entries as the other hooks need them (ids on glossary.md)."""

from __future__ import annotations

from .corpus import Corpus

GLOSSARY_PAGE = "glossary.md"


def term_ids(corpus: Corpus) -> set[str]:
    """The ids of the glossary's entries (empty while there is no glossary page)."""
    return {p.anchor for p in corpus.pages.get(GLOSSARY_PAGE, [])}
