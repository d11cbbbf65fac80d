"""Pandoc, started no more than its conversions need.

Both mkdocs-bibtex and edition.cite format through `pypandoc.convert_text`. Each call starts a
pandoc process, and pypandoc, unasked, two more that list pandoc's formats, after a search of
PATH and a run that asks for pandoc's version. Here (`install`, once per process):

- pypandoc is pointed at the pandoc binary of the pypandoc-binary wheel (no PATH search);
- its path and version are remembered (edition.memo, keyed by the binary's size and time);
- formats are not probed: the callers' format names are pandoc's own (`markdown`, `html`);
- conversions are counted (`runs`), for the benchmark.

What is converted is kept by the callers (edition.formatting): a build whose inputs have not
changed never gets here.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path

from . import memo

_installed: dict = {}
_lock = threading.Lock()  # the two runs of a cold build start in two threads


def bundled_pandoc() -> Path | None:
    """The pandoc binary inside the pypandoc-binary wheel, if it is installed."""
    found = memo.package_file("pypandoc", "files", "pandoc")
    return found if found is not None and found.is_file() else None


def install() -> None:
    """Point pypandoc at the bundled binary, remember its version, stop its format probes."""
    with _lock:
        if not _installed.get("done"):
            _install()


def _install() -> None:
    import pypandoc

    binary = bundled_pandoc()
    if binary is not None and not os.environ.get("PYPANDOC_PANDOC"):
        os.environ["PYPANDOC_PANDOC"] = str(binary)
    if binary is not None and os.environ.get("PYPANDOC_PANDOC") == str(binary):
        setattr(pypandoc, "__pandoc_path", str(binary))  # first: else its search runs pandoc once more
        version = memo.remembered("pandoc-version", [memo.file_identity(binary)], pypandoc.get_pandoc_version)
        setattr(pypandoc, "__version", version)
    original = pypandoc.convert_text

    @functools.wraps(original)
    def convert_text(source, to, format=None, extra_args=(), *args, **kwargs):
        _installed["runs"] = _installed.get("runs", 0) + 1
        return original(source, to, format, extra_args, *args, **{"verify_format": False, **kwargs})

    pypandoc.convert_text = convert_text
    _installed["done"] = True


def runs() -> int:
    """How many conversions this process has run, for the benchmark."""
    return _installed.get("runs", 0)
