"""Render the edition's Jinja templates (overrides/partials/edition/) through the theme's loader."""

from __future__ import annotations

import json
from typing import Any

from jinja2 import BytecodeCache
from markupsafe import Markup

__all__ = ["Markup", "Templates", "inline_json", "safe"]

FOLDER = "partials/edition"  # in overrides/


class Templates:
    """The theme's Jinja environment with autoescaping on (data text is always escaped), for one
    build's ``config``; compiled templates kept by ``cache``."""

    def __init__(self, config, cache: BytecodeCache | None = None):
        self.config = config
        self.env = config.theme.get_env()
        self.env.autoescape = True
        self.env.bytecode_cache = cache

    def render(self, name: str, **context: Any) -> str:
        """Render ``partials/edition/<name>`` with ``context`` and return the HTML."""
        template = self.env.get_template(f"{FOLDER}/{name}")
        return template.render(config=self.config, **context).strip()


def safe(html: str) -> Markup:
    """Mark HTML that our own code produced (never raw data text) as safe for templates."""
    return Markup(html)


def inline_json(data: Any, indent: int | None = None, separators: tuple[str, str] | None = None) -> Markup:
    """JSON for a `<script>` element: `<`, `>` and `&` written as \\u escapes, so that no text
    from the data can close the element (`</script>`) or open a comment (`<!--`)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators, default=vars)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
