"""Pandoc, run as rarely as its inputs change: a content-keyed cache on disk in front of pypandoc.

Both mkdocs-bibtex and edition.cite format citations through `pypandoc.convert_text`. Each call
starts a pandoc process (and pypandoc, unasked, two more that list pandoc's formats, after a
search of PATH). Here:

- pypandoc is pointed at the pandoc binary of the pypandoc-binary wheel (no PATH search);
- formats are not probed: the callers' format names are pandoc's own (`markdown`, `html`);
- `convert_text` answers from `.cache/edition/pandoc/` when the same input was converted before
  with the same arguments, the same contents of every file they name (the .bib, the CSL style)
  and the same pandoc binary (its path, size and time).

A cache entry is the output of one conversion, written atomically; a corrupt or unreadable entry
is ignored and rewritten. Delete `.cache/` to start cold.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

FILE_ARGUMENTS = {"--bibliography", "--csl", "--citation-abbreviations"}
_installed: dict = {}


def bundled_pandoc() -> Path | None:
    """The pandoc binary inside the pypandoc-binary wheel, if it is installed."""
    import pypandoc

    found = Path(pypandoc.__file__).parent / "files" / "pandoc"
    return found if found.is_file() else None


def cache_key(source: str, to: str, format: str | None, extra_args, binary: str) -> str:
    """A digest of everything the output depends on; files named in the arguments by content."""
    digest = hashlib.sha256()
    stat = os.stat(binary)
    parts = [binary, str(stat.st_size), str(stat.st_mtime_ns), to, format or "", source]
    args = list(extra_args or ())
    for index, arg in enumerate(args):
        parts.append(arg if index == 0 or args[index - 1] not in FILE_ARGUMENTS else "<file>")
        if index and args[index - 1] in FILE_ARGUMENTS:
            parts.append(hashlib.sha256(Path(arg).read_bytes()).hexdigest())
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def install(cache_dir: Path) -> None:
    """Put the cache in front of `pypandoc.convert_text` (once per process; the folder may change
    between builds of different projects)."""
    import pypandoc

    _installed["dir"] = Path(cache_dir)
    if _installed.get("done"):
        return
    binary = bundled_pandoc()
    if binary is not None and not os.environ.get("PYPANDOC_PANDOC"):
        os.environ["PYPANDOC_PANDOC"] = str(binary)
    remember_version(pypandoc, binary)
    original = pypandoc.convert_text

    @functools.wraps(original)
    def convert_text(source, to, format=None, extra_args=(), *args, **kwargs):
        if args or kwargs.get("outputfile") or kwargs.get("filters"):
            return original(source, to, format, extra_args, *args, **kwargs)
        key = cache_key(source, to, format, extra_args, pypandoc.get_pandoc_path())
        entry = _installed["dir"] / key[:2] / f"{key}.json"
        try:
            return json.loads(entry.read_text(encoding="utf-8"))["output"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        output = original(source, to, format, extra_args, **{"verify_format": False, **kwargs})
        write_atomically(entry, json.dumps({"output": output}, ensure_ascii=False))
        _installed["runs"] = _installed.get("runs", 0) + 1
        return output

    pypandoc.convert_text = convert_text
    _installed["done"] = True


def remember_version(pypandoc, binary: Path | None) -> None:
    """pypandoc runs pandoc twice per process to learn where it is and its version (mkdocs-bibtex
    asks for the version): both are remembered for the bundled binary, keyed by its size and time."""
    if binary is None or os.environ.get("PYPANDOC_PANDOC") != str(binary):
        return
    stat = binary.stat()
    entry = _installed["dir"] / "version" / f"{stat.st_size}-{stat.st_mtime_ns}.json"
    try:
        known = json.loads(entry.read_text(encoding="utf-8"))
        if known["path"] == str(binary):
            setattr(pypandoc, "__pandoc_path", known["path"])
            setattr(pypandoc, "__version", known["version"])
            return
    except (OSError, ValueError, KeyError, TypeError):
        pass
    write_atomically(entry, json.dumps({"path": str(binary), "version": pypandoc.get_pandoc_version()}))


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(name, path)


def runs() -> int:
    """How many conversions this process has run (cache misses), for the benchmark."""
    return _installed.get("runs", 0)
