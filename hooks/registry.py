"""The anchor registry at build time (edition.registry does the work).

- on_config: moved pages become mkdocs-redirects redirects;
- on_page_context: the page's renamed fragments, for docs/assets/anchors.js;
- on_post_build: every registered anchor must exist in the built site (or be mapped): fail
  naming each one otherwise. Writes .cache/edition-pages.yml (not into the site) for
  `scripts/dev anchors`.
- on_config also fails when a line of the last commit's anchors.yml has been deleted.
"""

from __future__ import annotations

from pathlib import Path

from edition import registry, templates
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)
_state: dict = {}


def registry_path(config) -> Path:
    return Path(config.config_file_path).parent / registry.REGISTRY


@event_priority(100)  # before mkdocs-redirects reads its map
def on_config(config):
    path = registry_path(config)
    data = registry.load(path)
    before = registry.committed_registry(path.parent)
    dropped = registry.dropped_anchors(before, data) if before else []
    if dropped:
        raise PluginError("\n".join(dropped))
    _state["registry"] = data
    if data["moved"]["pages"]:
        config.plugins["redirects"].config["redirect_maps"] = dict(data["moved"]["pages"])
    return config


def on_files(files, config):
    _state["pages"] = {f.src_uri: f.dest_uri for f in files.documentation_pages()}
    return files


def on_page_context(context, page, config, nav):
    moves = registry.fragment_moves(_state["registry"], page.file.src_uri)
    context["edition_anchor_moves"] = templates.inline_json(moves) if moves else None
    return context


def on_post_build(config):
    site = Path(config.site_dir)
    pages = _state["pages"]
    registry.write_pages(registry_path(config).parent, pages)
    built = registry.built_anchors(site, pages)
    lines = registry.anchor_lines(registry_path(config))
    missing = registry.missing_anchors(_state["registry"], built, registry.REGISTRY, lines)
    if missing:
        raise PluginError("\n".join(missing))
    new = registry.unregistered(_state["registry"], built)
    if new:
        count = sum(len(a) for a in new.values())
        log.info(f"{count} anchors are not registered yet: run `scripts/dev anchors` to add them")
