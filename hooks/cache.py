"""Work done once, kept under the project's `.cache/edition/` (delete it to start cold).

- on_config (first): where edition.memo keeps what pandoc formatted (edition.formatting) and the
  pandoc version; on a cold build, the templates are compiled ahead in a child process
  (edition.templates.compile_ahead; pandoc's child is hooks/citations.py's);
- on_env: compiled templates kept (edition.bytecode), for MkDocs' environment and, through
  edition.templates, for the edition's own;
- on_post_build (last): writes the templates compiled anew, and waits for the children working
  ahead (edition.ahead) to exit; on_build_error stops them.
"""

from __future__ import annotations

from pathlib import Path

from edition import ahead, bytecode, memo, templates
from mkdocs.plugins import event_priority


@event_priority(1100)  # before hooks/structure.py checks every source (1000)
def on_config(config):
    cache = Path(config.config_file_path).parent / ".cache" / "edition"
    memo.DIR = cache
    templates.compile_ahead(config)
    return config


def on_env(env, config, files):
    env.bytecode_cache = bytecode.for_project(Path(config.config_file_path).parent, "theme")
    return env


@event_priority(-100)  # after every page and template of the build
def on_post_build(config):
    bytecode.save_all()
    ahead.reap()


def on_build_error(error):
    ahead.abandon()
