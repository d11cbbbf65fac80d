"""Compiled Jinja templates, kept: in memory for the rebuilds of one `mkdocs serve`, on disk
(`.cache/edition/jinja/`) for the next process. Jinja checks each template's source checksum, so
an edited template is compiled again; everything else is loaded, not compiled."""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache


class KeptBytecode(BytecodeCache):
    """Memory in front of a folder."""

    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.disk = FileSystemBytecodeCache(str(directory))
        self.memory: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.memory.get(bucket.key)
        if code is None:
            self.disk.load_bytecode(bucket)
            if bucket.code is not None:
                self.memory[bucket.key] = bucket.bytecode_to_string()
            return
        bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.memory[bucket.key] = bucket.bytecode_to_string()
        self.disk.dump_bytecode(bucket)

    def clear(self) -> None:
        self.memory.clear()
        self.disk.clear()


_caches: dict[Path, KeptBytecode] = {}


def for_project(root: Path, kind: str) -> KeptBytecode:
    """The cache of a project's folder for one kind of environment (compiled code depends on the
    environment's settings, such as autoescaping, which Jinja's cache keys do not include):
    "theme" for MkDocs' own, "edition" for edition.templates' (autoescaped)."""
    directory = Path(root) / ".cache" / "edition" / "jinja" / kind
    if directory not in _caches:
        _caches[directory] = KeptBytecode(directory)
    return _caches[directory]
