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


def render(config, name: str, **context: Any) -> str:
    """Render ``partials/edition/<name>`` with ``context`` and return the HTML."""
    template = environment(config).get_template(f"partials/edition/{name}")
    return template.render(config=config, **context).strip()


def safe(html: str) -> Markup:
    """Mark HTML that our own code produced (never raw data text) as safe for templates."""
    return Markup(html)


def inline_json(data: Any, indent: int | None = None) -> Markup:
    """JSON for a `<script>` element: `<`, `>` and `&` written as \\u escapes, so that no text
    from the data can close the element (`</script>`) or open a comment (`<!--`)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
