"""Markers: a page says where generated content goes with a comment naming the hook.

A marker is an HTML comment alone on its line whose whole content is one lowercase name,
such as ``<!-- timeline -->``. Each hook replaces its own markers; a marker that no hook
knows is an error (hooks/markers.py checks that none is left).
"""

from __future__ import annotations

import re
from collections.abc import Callable

MARKER = re.compile(r"^<!--\s*([a-z][a-z0-9-]*)\s*-->[ \t]*$", re.MULTILINE)

# name -> the hook that fills it. Documented in README.md ("Markers").
KNOWN_MARKERS: dict[str, str] = {
    "article-byline": "hooks/article_meta.py",
    "preview-note": "hooks/article_meta.py",
    "article-card": "hooks/article_meta.py",
    "how-to-cite": "hooks/article_meta.py",
    "abstract-meta": "hooks/article_meta.py",
    "bibliography": "hooks/citations.py",
    "timeline": "hooks/timeline.py",
    "downloads": "hooks/citation_meta.py",
    "editorial-sources": "hooks/editorial.py",
    "editorial-notes": "hooks/editorial.py",
    "normalisations": "hooks/editorial.py",
}


def find_markers(markdown: str) -> list[tuple[str, int]]:
    """Every marker in ``markdown`` as (name, 1-based line number)."""
    return [(match.group(1), markdown.count("\n", 0, match.start()) + 1) for match in MARKER.finditer(markdown)]


def fill_markers(markdown: str, renderers: dict[str, Callable[[], str]]) -> str:
    """Replace each marker named in ``renderers`` with what its renderer returns."""

    def replace(match: re.Match) -> str:
        render = renderers.get(match.group(1))
        return render() if render else match.group(0)

    return MARKER.sub(replace, markdown)


def unknown_marker_messages(markdown: str, src_uri: str) -> list[str]:
    """Messages for markers no hook filled (to be called after every hook has run)."""
    known = ", ".join(sorted(KNOWN_MARKERS))
    return [
        f"docs/{src_uri}:{line}: unknown marker <!-- {name} -->: no hook fills it "
        f"(known markers: {known}); fix the name or remove the comment"
        for name, line in find_markers(markdown)
    ]
