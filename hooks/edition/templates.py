"""Render the edition's Jinja templates (overrides/partials/edition/) through the theme's env."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from . import bytecode

__all__ = ["Markup", "environment", "inline_json", "render", "safe"]

_ENVIRONMENTS: dict[int, Environment] = {}


def environment(config) -> Environment:
    """The theme's Jinja environment, with autoescaping on: data text is always escaped."""
    key = id(config.theme)
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = config.theme.get_env()
        env.autoescape = True
        env.bytecode_cache = bytecode.for_project(Path(config.config_file_path).parent, "edition")
        _ENVIRONMENTS.clear()
        _ENVIRONMENTS[key] = env
    return env


FOLDER = "partials/edition"  # in overrides/


def names(config) -> list[str]:
    """Every template of the edition's, as `render` names them for Jinja."""
    folder = Path(config.theme.custom_dir) / FOLDER if config.theme.custom_dir else None
    if folder is None or not folder.is_dir():
        return []
    return sorted(f"{FOLDER}/{path.name}" for path in folder.iterdir() if path.is_file())


def compile_ahead(config) -> bool:
    """Start compiling, on a cold build, the edition's templates and then the theme's (pages use
    the edition's while Markdown is rendered, the theme's after): see bytecode.compile_ahead."""
    root = Path(config.config_file_path).parent
    pages = ["main.html", *sorted(config.theme.static_templates)]  # a page's, then 404.html, sitemap.xml
    return bytecode.compile_ahead(
        [
            (bytecode.for_project(root, "edition"), lambda: environment(config), names(config)),
            (bytecode.for_project(root, "theme"), config.theme.get_env, pages),
        ]
    )


def render(config, name: str, **context: Any) -> str:
    """Render ``partials/edition/<name>`` with ``context`` and return the HTML."""
    template = environment(config).get_template(f"{FOLDER}/{name}")
    return template.render(config=config, **context).strip()


def safe(html: str) -> Markup:
    """Mark HTML that our own code produced (never raw data text) as safe for templates."""
    return Markup(html)


def inline_json(data: Any, indent: int | None = None) -> Markup:
    """JSON for a `<script>` element: `<`, `>` and `&` written as \\u escapes, so that no text
    from the data can close the element (`</script>`) or open a comment (`<!--`)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
