"""Markers: a page says where generated content goes with a comment naming it.

A marker is an HTML comment alone on its line whose whole content is one lowercase name, such as
``<!-- timeline -->``. edition.site_pages.MARKERS names them and what fills each; edition.model
fails the build on any other name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .problems import Problem

MARKER = re.compile(r"^<!--\s*([a-z][a-z0-9-]*)\s*-->[ \t]*$", re.MULTILINE)


def find_markers(markdown: str) -> list[tuple[str, int]]:
    """Every marker in ``markdown`` as (name, 1-based line number)."""
    return [(match.group(1), markdown.count("\n", 0, match.start()) + 1) for match in MARKER.finditer(markdown)]


def fill_markers(markdown: str, renderers: dict[str, Callable[[], str]]) -> str:
    """Replace each marker named in ``renderers`` with what its renderer returns."""

    def replace(match: re.Match) -> str:
        render = renderers.get(match.group(1))
        return render() if render else match.group(0)

    return MARKER.sub(replace, markdown)


def unknown_marker_problems(src_uri: str, markdown: str, known) -> list[Problem]:
    """A problem for each marker in a page's Markdown that is not one of ``known``."""
    names = ", ".join(sorted(known))
    return [
        Problem(
            f"docs/{src_uri}",
            f"unknown marker <!-- {name} -->",
            "",
            f"nothing fills it (known markers: {names}); fix the name or remove the comment",
            line=line,
        )
        for name, line in find_markers(markdown)
        if name not in known
    ]
