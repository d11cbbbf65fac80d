"""The article's structure (edition.structure does the work), and every problem shown every time.

- on_config: forget the messages of the previous build: MkDocs' duplicate-message filter would
  otherwise hide an error that `mkdocs serve` reports again after a still-broken file is saved;
- on_files: before any hook reads the pages, every page's footnotes must match one to one and
  the article's text blocks must carry unique, rising `{#pN}` numbers; all problems are listed,
  then the build fails once.
"""

from __future__ import annotations

import logging

from edition import pages, structure
from edition.problems import fail_if_any, forget_reported
from mkdocs.plugins import event_priority


@event_priority(1000)  # first: before any hook can report a problem
def on_config(config):
    forget_reported(logging.getLogger("mkdocs.commands.build"))
    return config


@event_priority(110)  # before hooks/anchors.py scans the pages (100)
def on_files(files, config):
    problems = []
    for file in files.documentation_pages():
        problems += structure.page_problems(file.src_uri, file.content_string, file.src_uri == pages.ARTICLE)
    fail_if_any(problems, "the pages' structure")
    return files
