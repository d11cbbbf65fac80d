"""The edition's build, step by step: the one hook of mkdocs.yml.

Each MkDocs event below calls the edition's steps in the order they run; the work is in
hooks/edition/. A build's state is one `Build` (edition/build.py), made in `on_config` (MkDocs
runs it first on every build, so a `mkdocs serve` rebuild starts from a fresh one) and handed to
each step; the steps take data and return data.

on_config         forget the previous build's messages; a fresh Build; the reading view's
                  treeprocessor (edition/reading_view.py) registered for this build; in the
                  offline copy, the iframe-worker shim served locally (edition/offline.py)
on_files          every source read and checked once: the edition (edition/model.py), or one
                  failure listing every problem; moved pages as redirects; pandoc's texts
                  (edition/formatting.py, kept by content in .cache/edition/); the exports added
on_nav            the offline copy only: canonical URLs kept in the hosted form (…/article/)
on_page_markdown  per page (edition/site_pages.py): located citations taken out, markers filled,
                  the glossary's abbreviations or cross-references, citations as footnotes
                  (then Python-Markdown runs, with the reading view's tree step, which also
                  labels the citations' markers as printed, `[1]`)
on_env            the templates' syntax checked, each text once (edition/templates.py); compiled
                  templates kept (edition/store.py); the footer's version and date
on_page_context   the <head>'s metadata, the reader's data, one search entry per block, the
                  page's renamed fragments
on_template_context  the offline copy only: 404.html's links relative to it (edition/offline.py)
on_post_page      Material's markup repaired (edition/html_fixes.py)
on_post_build     robots.txt; every registered anchor present in the built site (anchors.yml)

`event_priority` only where the order against another plugin matters: `on_files` before
mkdocs-redirects reads its map, `on_page_context` after Material's search has indexed the page.
"""

from __future__ import annotations

import logging
from pathlib import Path

from edition import (
    formatting,
    hosting,
    html_fixes,
    model,
    offline,
    page_data,
    pages,
    parallel,
    reading_view,
    registry,
    search,
    site_files,
    site_pages,
    templates,
)
from edition.build import Build
from edition.problems import fail_if_any, forget_reported
from edition.store import Store, TemplateCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

log = get_plugin_logger(__name__)
_build: Build | None = None  # this build's state: made anew by on_config


def cache_folder(config) -> Path:
    return Path(config.config_file_path).parent / ".cache" / "edition"


MIN_FREE_BYTES = 50_000_000  # the site is ~3 MB; MkDocs' own writes end in a traceback on a full disk


def on_config(config):
    global _build
    forget_reported(logging.getLogger("mkdocs.commands.build"))  # `mkdocs serve` reports a still-broken file again
    fail_if_any(hosting.disk_problems(Path(config.site_dir), MIN_FREE_BYTES), "the build's folder")
    root = Path(config.config_file_path).parent
    cache = cache_folder(config)
    _build = Build(config=config, root=root, store=Store(cache), pdf=hosting.pdf_in_build(config))
    _build.templates = templates.Templates(config, TemplateCache(cache / "jinja" / "edition"))
    _build.templates.env.globals["edition_translation"] = translation_enabled(config)
    config.markdown_extensions.append(reading_view.ReadingExtension(_build))
    if offline.enabled(config):
        offline.local_polyfills(config)
    return config


def translation_enabled(config) -> bool:
    """mkdocs.yml `extra.translation` (EDITION_TRANSLATION=false leaves the translation out)."""
    return (config.extra or {}).get("translation", True) is not False


@event_priority(100)  # before mkdocs-redirects reads its map
def on_files(files, config):
    build = _build
    build.files = files
    edition = build.edition = model.load(
        build.root, Path(config.docs_dir), files, site_pages.MARKERS, translation_enabled(config)
    )
    if edition.registry["moved"]["pages"]:
        config.plugins["redirects"].config["redirect_maps"] = dict(edition.registry["moved"]["pages"])
    build.formatted = formatting.format_edition(edition.bib_latex, edition.meta, build.store)
    for path, content in {**site_files.timeline_exports(build), **site_files.downloads(build)}.items():
        files.append(File.generated(config, path, content=content))
    if offline.enabled(config):
        files.append(File.generated(config, offline.SHIM, content=offline.SHIM_SOURCE.read_text(encoding="utf-8")))
    return files


def on_nav(nav, config, files):
    if offline.enabled(config):  # canonical URLs (and the sitemap's) stay the hosted ones
        for page in nav.pages:
            page.canonical_url = _build.absolute(page.url)
    return nav


def on_page_markdown(markdown, page, config, files):
    _build.page = page  # for the tree step, which renders this page next
    if page.file.src_uri in reading_view.SEARCHED_BY_BLOCK:  # Material need not parse what on_page_context replaces
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return site_pages.page_markdown(_build, page, markdown)


def on_env(env, config, files):
    env.bytecode_cache = TemplateCache(cache_folder(config) / "jinja" / "theme")
    custom_dir = config.theme.custom_dir  # HTML as MkDocs loads it; Markdown templates are the edition's
    kept = _build.store  # a template's text already found clean is not loaded again
    problems = templates.syntax_problems(env, custom_dir, kept=kept) + templates.syntax_problems(
        _build.templates.env, custom_dir, (".md",), kept
    )
    fail_if_any(problems, "the templates")
    about = files.get_file_from_path(hosting.CHANGELOG_PAGE.removeprefix("docs/"))
    if about is None:
        raise PluginError(
            f"the footer links to the changelog in {hosting.CHANGELOG_PAGE}, which is not in docs/; "
            "restore it or change CHANGELOG_PAGE in hooks/edition/hosting.py"
        )
    env.globals["edition_release"] = dict(_build.edition.release, changelog=f"{about.url}#changelog")
    env.globals["edition_translation"] = bool(_build.edition.translation)
    return env


@event_priority(-10)  # after Material's search plugin has indexed the page
def on_page_context(context, page, config, nav):
    build = _build
    context["edition_head"] = page_data.head(build, page, nav)
    data = reading_view.reader_data(build, page)
    context["edition_cite_pattern"] = data.pop("pattern", None)
    reader = templates.inline_json(data, separators=(",", ":"))
    context["edition_reader"] = reader if any(data.values()) else None
    context["edition_reading"] = page.file.src_uri in pages.TEXT
    entries = reading_view.search_entries(build, page)
    if entries is not None:
        search.replace_entries(config, page.url, entries)
    moves = registry.fragment_moves(build.edition.registry, page.file.src_uri)
    context["edition_anchor_moves"] = templates.inline_json(moves) if moves else None
    return context


def on_post_page(output, page, config):
    return html_fixes.without_checkbox_autocomplete(output)


def on_template_context(context, template_name, config):
    """The offline copy's 404.html links relatively (MkDocs writes an error page's links from the
    site's root, which file:// cannot follow)."""
    if offline.enabled(config):
        base = offline.error_page_base(template_name)
        if base is not None:
            context["base_url"] = base
    return context


def on_post_template(output_content, template_name, config):
    """The same for theme templates rendered outside pages (404.html)."""
    return (
        html_fixes.without_checkbox_autocomplete(output_content) if template_name.endswith(".html") else output_content
    )


def on_post_build(config):
    build = _build
    site = Path(config.site_dir)
    (site / "robots.txt").write_text(hosting.robots_txt(config.site_url or "/"), encoding="utf-8")
    built_pages = {f.src_uri: f.dest_uri for f in build.files.documentation_pages()}
    if not registry.write_pages(build.root, built_pages):
        log.info(
            f"could not write {registry.PAGES_FILE}, which `scripts/dev anchors` reads; make .cache/ a writable folder"
        )
    built = registry.built_anchors(site, built_pages)
    published = build.edition.registry
    if not build.edition.translation:  # left out (mkdocs.yml extra.translation): so are its anchors
        published = parallel.without_translation(published)
    missing = registry.missing_anchors(published, built, registry.REGISTRY, build.edition.registry_lines)
    if missing:
        raise PluginError("\n".join(missing))
    new = registry.unregistered(build.edition.registry, built)
    if new:
        count = sum(len(a) for a in new.values())
        log.info(f"{count} anchors are not registered yet: run `scripts/dev anchors` to add them")
