"""Repairs to Material's own markup that its templates give no block to override.

Material's base.html puts `autocomplete="off"` on its drawer and search toggles, which are
checkboxes; the Nu HTML Checker rejects the attribute there (it is allowed only on text-like
inputs). Removing it changes nothing for browsers.
"""

from __future__ import annotations

import re

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def without_checkbox_autocomplete(html: str) -> str:
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
