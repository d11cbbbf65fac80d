"""Work done once per content of its inputs, kept in memory and on disk (`.cache/edition/<kind>/`).

A value is remembered under a digest of its inputs: texts by their content, installed files
(a pandoc binary, a CSL style, a library's module) by their path, size and modification time
(`file_identity`). Values are JSON. An entry is written atomically; a corrupt or unreadable one
is ignored and made again. Delete `.cache/` to start cold.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.exceptions import PluginError

DIR: Path | None = None  # set by hooks/cache.py; None: kept in memory only (unit tests)
_memory: dict[str, Any] = {}
_pending: dict[str, Future] = {}
_lock = threading.Lock()


def file_identity(path: str | os.PathLike | None) -> str:
    """A file as a cache input: its path, size and modification time (or that it is absent)."""
    if path is None:
        return "absent"
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path}:absent"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def package_file(package: str, *parts: str) -> Path | None:
    """A file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def digest(kind: str, inputs: Iterable[str]) -> str:
    hashed = hashlib.sha256(kind.encode("utf-8"))
    for part in inputs:
        hashed.update(b"\0")
        hashed.update(part.encode("utf-8"))
    return hashed.hexdigest()


def remembered(kind: str, inputs: Iterable[str], compute: Callable[[], Any]) -> Any:
    """``compute()``'s value for these inputs: from memory, from a computation already under way
    (`prefetch`), from disk, or computed now and kept."""
    key = digest(kind, inputs)
    with _lock:
        if key in _memory:
            return _memory[key]
        pending = _pending.get(key)
    if pending is not None and not _failed(pending):  # one that failed in an earlier build is retried
        return pending.result()
    return _kept(kind, key, compute)


class OnDisk(NamedTuple):
    """What a computation returns when its value is on disk already (another process wrote it)."""

    value: Any


def _kept(kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """From disk, or computed and written there; in memory either way."""
    entry = _entry(kind, key)
    value = _read(entry)
    if value is MISSING:
        value = compute()
        if isinstance(value, OnDisk):
            value = value.value
        elif entry is not None:
            write_atomically(entry, json.dumps({"value": value}, ensure_ascii=False))
    with _lock:
        _memory[key] = value
    return value


def is_known(kind: str, inputs: Iterable[str]) -> bool:
    """Whether the value for these inputs is in memory, on disk or under way (nothing to start)."""
    key = digest(kind, inputs)
    pending = _pending.get(key)
    if key in _memory or (pending is not None and not _failed(pending)):
        return True
    entry = _entry(kind, key)
    return entry is not None and entry.is_file()


def _entry(kind: str, key: str) -> Path | None:
    return DIR / kind / key[:2] / f"{key}.json" if DIR is not None else None


def _failed(future: Future) -> bool:
    return future.done() and future.exception() is not None


def prefetch(kind: str, inputs: Iterable[str], compute: Callable[[], Any]) -> str:
    """Start computing a value that is not known yet in a thread of its own (for work done in
    other processes, such as pandoc's); `remembered` waits for it, `wait` surfaces its error.
    A computation that failed before (in an earlier build) is started again. Returns its key."""
    inputs = list(inputs)
    key = digest(kind, inputs)
    future: Future = Future()
    with _lock:
        if key in _pending and not _failed(_pending[key]):
            return key
        _pending[key] = future

    def run() -> None:
        try:
            future.set_result(_kept(kind, key, compute))
        except BaseException as error:  # handed to whoever waits
            future.set_exception(error)

    threading.Thread(target=run, name=f"memo-{kind}", daemon=True).start()
    return key


def wait(keys: Iterable[str] | None = None) -> None:
    """Wait for the prefetched computations of ``keys`` (all if None). Their errors are raised
    here, together: several PluginErrors as one listing each. Those that ended are forgotten
    (their values are kept)."""
    with _lock:
        pending = [(key, future) for key, future in _pending.items() if keys is None or key in keys]
    errors = [error for _key, future in pending if (error := future.exception()) is not None]
    with _lock:
        for key, _future in pending:
            _pending.pop(key, None)
    if len(errors) > 1 and all(isinstance(error, PluginError) for error in errors):
        raise PluginError("\n".join(str(error) for error in errors))
    if errors:
        raise errors[0]


MISSING = object()


def stored(kind: str, inputs: Iterable[str]) -> Any:
    """The value on disk for these inputs (written by this process or another), or MISSING."""
    return _read(_entry(kind, digest(kind, inputs)))


def _read(entry: Path | None) -> Any:
    if entry is None:
        return MISSING
    try:
        return json.loads(entry.read_text(encoding="utf-8"))["value"]
    except (OSError, ValueError, KeyError, TypeError):
        return MISSING


def write_atomically(path: Path, content: str | bytes, make_folder: bool = True) -> None:
    """Write a file whole, or not at all (text as UTF-8)."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(content.encode("utf-8") if isinstance(content, str) else content)
    os.replace(name, path)
