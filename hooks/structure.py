"""The article's structure (edition.structure does the work).

- on_files: before any hook reads the pages, every page's footnotes must match one to one and
  the article's text blocks must carry unique, rising `{#pN}` numbers; all problems are listed,
  then the build fails once.
"""

from __future__ import annotations

from edition import pages, structure
from edition.problems import fail_if_any
from mkdocs.plugins import event_priority


@event_priority(110)  # before hooks/anchors.py scans the pages (100)
def on_files(files, config):
    problems = []
    for file in files.documentation_pages():
        problems += structure.page_problems(file.src_uri, file.content_string, file.src_uri == pages.ARTICLE)
    fail_if_any(problems, "the pages' structure")
    return files
