"""Compiled Jinja templates, kept: in memory for the rebuilds of one `mkdocs serve`, on disk for
the next process, in one file per environment (`.cache/edition/jinja/<kind>.marshal`). Jinja
checks each template's source checksum and the Python version it was compiled by, so an edited
template is compiled again; everything else is loaded, not compiled.

One file, read whole and written whole after a build that compiled something (`save_all`): a
cold build compiles ~60 templates, and a file each cost 25-45 ms to create on a 2-core machine.
"""

from __future__ import annotations

import marshal
from pathlib import Path

from jinja2 import BytecodeCache

from . import memo


class KeptBytecode(BytecodeCache):
    """Memory in front of one file."""

    def __init__(self, file: Path):
        self.file = file
        self._entries: dict[str, bytes] | None = None
        self.changed = False

    @property
    def entries(self) -> dict[str, bytes]:
        if self._entries is None:
            self._entries = _read(self.file)
        return self._entries

    def load_bytecode(self, bucket) -> None:
        code = self.entries.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # checks Jinja's magic and the source's checksum

    def dump_bytecode(self, bucket) -> None:
        self.entries[bucket.key] = bucket.bytecode_to_string()
        self.changed = True

    def clear(self) -> None:
        self._entries = {}
        self.changed = True

    def save(self) -> None:
        """Write the file if a template was compiled since it was read."""
        if self.changed:
            memo.write_atomically(self.file, marshal.dumps(self.entries))
            self.changed = False


def _read(file: Path) -> dict[str, bytes]:
    """The kept entries; none if the file is missing or unreadable (it is written again)."""
    try:
        entries = marshal.loads(file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(entries, dict) or not all(
        isinstance(key, str) and isinstance(code, bytes) for key, code in entries.items()
    ):
        return {}
    return entries


_caches: dict[Path, KeptBytecode] = {}


def for_project(root: Path, kind: str) -> KeptBytecode:
    """The cache of a project's folder for one kind of environment (compiled code depends on the
    environment's settings, such as autoescaping, which Jinja's cache keys do not include):
    "theme" for MkDocs' own, "edition" for edition.templates' (autoescaped)."""
    file = Path(root) / ".cache" / "edition" / "jinja" / f"{kind}.marshal"
    if file not in _caches:
        _caches[file] = KeptBytecode(file)
    return _caches[file]


def save_all() -> None:
    """Write every cache that compiled something (after a build)."""
    for cache in _caches.values():
        cache.save()
