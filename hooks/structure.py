"""Before anything is built: every source checked at once (edition.precheck, edition.structure).

- on_config, first of all hooks: forget the messages of the previous build (MkDocs' duplicate-
  message filter would otherwise hide an error that `mkdocs serve` reports again after a
  still-broken file is saved); then check the data files, bibliography.bib, anchors.yml and the
  pages' structure (unique, rising `{#pN}` in the article's text; footnotes one to one; citation
  forms), list every problem and fail once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from edition import bibfile, precheck
from edition.problems import fail_if_any, forget_reported
from mkdocs.plugins import event_priority


@event_priority(1000)  # first: before any hook reads a source
def on_config(config):
    forget_reported(logging.getLogger("mkdocs.commands.build"))
    root = Path(config.config_file_path).parent
    bib_file = bibfile.project_file(config)
    fail_if_any(precheck.source_problems(root, Path(config.docs_dir), bib_file), "the edition's sources")
    return config
