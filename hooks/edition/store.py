"""Work kept between builds, by the content of its inputs, under the project's `.cache/edition/`.

- `Store.remembered(kind, inputs, compute, valid)`: a JSON value kept under a digest of every
  input (texts, never file times). An entry holds its key and a checksum of its value; an entry
  that is damaged, foreign, of the wrong type or unreadable is computed again, never used.
- `TemplateCache`: compiled Jinja templates (Jinja's own `BytecodeCache`), one file per template,
  each written with a checksum of its bytecode and not loaded unless the checksum agrees.

Files are written whole or not at all; a cache that cannot be written (read-only, full disk) is
only not kept. Delete `.cache/` to start cold.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache


def digest(kind: str, inputs: Iterable[str]) -> str:
    hashed = hashlib.sha256(kind.encode("utf-8"))
    for part in inputs:
        hashed.update(b"\0")
        hashed.update(part.encode("utf-8"))
    return hashed.hexdigest()


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_content(path: str | os.PathLike | None) -> str:
    """A file as a cache input: the checksum of its content (or that it is absent)."""
    try:
        return checksum(Path(path).read_bytes()) if path is not None else "absent"
    except OSError:
        return f"{path}:absent"


def versions(*distributions: str) -> str:
    """Installed distributions as a cache input: their names and versions."""
    found = []
    for name in distributions:
        try:
            found.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}:absent")
    return " ".join(found)


def package_file(package: str, *parts: str) -> Path | None:
    """A file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def write_atomically(path: Path, content: bytes) -> bool:
    """Write a file whole, or not at all; False if it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


class Store:
    """JSON values by the content of their inputs, in ``folder`` (None: nothing kept)."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def entry(self, kind: str, key: str) -> Path | None:
        return self.folder / kind / key[:2] / f"{key}.json" if self.folder is not None else None

    def remembered(
        self, kind: str, inputs: Iterable[str], compute: Callable[[], Any], valid: Callable[[Any], bool]
    ) -> Any:
        """``compute()``'s value for these inputs: the kept one if it is whole, of its kind and
        ``valid``, else computed now and kept."""
        key = digest(kind, inputs)
        entry = self.entry(kind, key)
        value = self.read(entry, kind, key)
        if value is not None and valid(value):
            return value
        value = compute()
        if entry is not None:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
            record = {"kind": kind, "key": key, "sha256": checksum(text.encode("utf-8")), "value": value}
            write_atomically(entry, json.dumps(record, ensure_ascii=False).encode("utf-8"))
        return value

    @staticmethod
    def read(entry: Path | None, kind: str, key: str) -> Any:
        """The value kept in ``entry`` if the entry is whole and is this one; else None."""
        if entry is None:
            return None
        try:
            record = json.loads(entry.read_text(encoding="utf-8"))
            value = record["value"]
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
            if record["kind"] != kind or record["key"] != key or record["sha256"] != checksum(text.encode("utf-8")):
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return value


class TemplateCache(BytecodeCache):
    """Jinja's bytecode, one file per template in ``folder``, checked before it is loaded."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def file(self, bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket) -> None:
        try:
            data = self.file(bucket).read_bytes()
        except OSError:
            return
        mark, _, code = data.partition(b"\n")
        if mark.decode("ascii", "replace") == checksum(code):
            bucket.bytecode_from_string(code)  # Jinja checks its own version and the source's

    def dump_bytecode(self, bucket) -> None:
        code = bucket.bytecode_to_string()
        write_atomically(self.file(bucket), checksum(code).encode("ascii") + b"\n" + code)

    def clear(self) -> None:
        for file in self.folder.glob("*.cache"):
            file.unlink(missing_ok=True)
