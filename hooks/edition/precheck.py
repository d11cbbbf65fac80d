"""Every source file checked before the build starts, so that one run lists every problem.

Each loader still checks its own file when a hook reads it; this pass only gathers, across the
files, the problems a loader would raise one file at a time: syntax, schemas and the structure
of the pages. (Whether each event's quote is in its paragraph needs the pages and comes later,
in the timeline's own check.)
"""

from __future__ import annotations

from pathlib import Path

from . import article, bibfile, datafile, pages, registry, structure
from . import timeline as tl
from .problems import Problem


def source_problems(root: Path, docs_dir: Path, bib_file: Path) -> list[Problem]:
    """Every problem of the data files, the bibliography, the registry and the pages."""
    root, docs_dir = Path(root), Path(docs_dir)
    problems = article.article_problems(docs_dir / article.ARTICLE_FILE)[1]
    for name, file in (("vocabularies", tl.VOCABULARIES_FILE), ("events", tl.EVENTS_FILE)):
        where = tl.events_where if name == "events" else None
        problems += datafile.read(docs_dir / file, f"docs/{file}", name, where).problems
    problems += bibfile.bibliography_problems(bib_file)[1]
    problems += registry.read_registry(root / registry.REGISTRY)[1]
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        if src_uri.startswith("data/"):
            continue
        text = path.read_text(encoding="utf-8")
        problems += structure.page_problems(src_uri, text, src_uri == pages.ARTICLE)
    return problems
