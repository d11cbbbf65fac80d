"""Hosting: the edition's version and release date in every page's footer
(overrides/partials/copyright.html), a link to the changelog, and robots.txt naming the sitemap.

The version and date come from docs/data/article.yml (`edition.version`, `edition.released`), never
from the clock; hooks/edition/hosting.py checks them and says how to fix a wrong one.
"""

from __future__ import annotations

from pathlib import Path

from edition import article, hosting
from mkdocs.exceptions import PluginError

_state: dict = {}


def on_config(config):
    _state["release"] = hosting.release(article.load_article(config.docs_dir))
    return config


def on_env(env, config, files):
    about = files.get_file_from_path(hosting.CHANGELOG_PAGE.removeprefix("docs/"))
    if about is None:
        raise PluginError(
            f"hooks/hosting.py: the footer links to the changelog in {hosting.CHANGELOG_PAGE}, "
            "which is not in docs/; restore it or change CHANGELOG_PAGE in hooks/edition/hosting.py"
        )
    env.globals["edition_release"] = dict(_state["release"], changelog=f"{about.url}#changelog")
    return env


def on_post_build(config):
    Path(config.site_dir, "robots.txt").write_text(hosting.robots_txt(config.site_url or "/"), encoding="utf-8")
