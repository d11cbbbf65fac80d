"""Anchors: every paragraph and heading addressable.

- scans every page's paragraphs once per build (edition.corpus), for the hooks that link to them;
- requires an explicit ASCII id on every heading (Python-Markdown would give a Cyrillic
  heading the id `_1`, which changes as soon as a heading is added before it).

The margin numbers and the citation of each block are the reading view's (hooks/reading.py).
"""

from __future__ import annotations

import re

from edition import corpus
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ASCII_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@event_priority(100)
def on_files(files, config):
    corpus.scan_files(files)
    return files


@event_priority(90)
def on_page_markdown(markdown, page, config, files):
    problems = heading_id_problems(markdown, page.file.src_uri)
    if problems:
        raise PluginError("\n".join(problems))
    return markdown


def heading_id_problems(markdown: str, src_uri: str) -> list[str]:
    """Headings without an explicit ASCII id, and explicit ids that are not ASCII."""
    problems = [
        f"docs/{src_uri}:{line}: heading '{heading}' has no explicit id; "
        "end it with an ASCII id such as {#introduction}"
        for line, heading in corpus.headings_without_ids(markdown)
    ]
    for paragraph in corpus.scan_page(src_uri, markdown):
        if paragraph.is_heading and not ASCII_ID.match(paragraph.anchor):
            problems.append(
                f"docs/{src_uri}:{paragraph.line}: heading id '{paragraph.anchor}' must be "
                "lowercase ASCII letters, digits and '-'"
            )
    return problems
