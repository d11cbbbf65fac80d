"""Markers: after every other hook has filled its own, any marker left is unknown: fail."""

from __future__ import annotations

from edition import markers
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(-100)  # last: every hook that fills markers has run
def on_page_markdown(markdown, page, config, files):
    problems = markers.unknown_marker_messages(markdown, page.file.src_uri)
    if problems:
        raise PluginError("\n".join(problems))
    return markdown
