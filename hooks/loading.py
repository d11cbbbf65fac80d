"""Material's JavaScript loads on the reader's first interaction, not during page load.

Everything a reader needs to read and cite a page works without Material's bundle: the text,
footnotes, cite controls (`<details>`), abbreviations (native `title`), timeline filters and the
copy buttons (the edition's own small scripts). The bundle adds search, the palette toggle, styled
tooltips and the table-of-contents scrollspy; on a mid-range phone it costs several hundred
milliseconds of main-thread work, which would otherwise land while the page is first shown.

The template `partials/edition/material-loader.html` loads it on the first pointer, key, touch,
scroll, focus or click event (or at once when the URL carries a search query `?q=`/`?h=`), and
`partials/edition/palette-start.html` applies the reader's colour scheme before the first paint,
as the bundle would. This hook only tells the templates where the bundle is.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"


def material_bundle(theme_dirs: list[str]) -> str:
    """The site-relative path of Material's JavaScript bundle, found in the theme's folders."""
    for folder in theme_dirs:
        found = sorted(Path(folder).glob(BUNDLE_GLOB))
        if len(found) == 1:
            return found[0].relative_to(folder).as_posix()
        if len(found) > 1:
            raise PluginError(f"hooks/loading.py: {folder} has {len(found)} files matching {BUNDLE_GLOB}; "
                              "expected Material's one bundle (reinstall mkdocs-material)")
    raise PluginError(f"hooks/loading.py: no {BUNDLE_GLOB} in the theme folders {theme_dirs}; "
                      "is the theme mkdocs-material?")


def on_env(env, config, files):
    env.globals["material_bundle"] = material_bundle(config.theme.dirs)
    return env
