"""Compiled Jinja templates, kept: in memory for the rebuilds of one `mkdocs serve`, on disk for
the next process, in one file per environment (`.cache/edition/jinja/<kind>.marshal`). Jinja
checks each template's source checksum and the Python version it was compiled by, so an edited
template is compiled again; everything else is loaded, not compiled.

One file, read whole and written whole after a build that compiled something (`save_all`): a
cold build compiles ~60 templates, and a file each cost 25-45 ms to create on a 2-core machine.

On a cold build (no file yet), `compile_ahead` compiles the templates in a child process
(edition.ahead), on the second core, while the build checks the sources and renders the pages:
the build then loads them from the file the child wrote (or, if the child failed, compiles them).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import BytecodeCache, Environment, TemplateNotFound, TemplateSyntaxError, meta

from . import ahead, memo


class KeptBytecode(BytecodeCache):
    """Memory in front of one file."""

    def __init__(self, file: Path):
        self.file = file
        self._entries: dict[str, bytes] | None = None
        self.changed = False
        self.ahead: ahead.Child | None = None  # the child compiling this file's templates, if any

    @property
    def entries(self) -> dict[str, bytes]:
        if self._entries is None:
            if self.ahead is not None:
                self.ahead.wait_for(str(self.file))
                self.ahead = None
            self._entries = _read(self.file)
        return self._entries

    @property
    def cold(self) -> bool:
        """Nothing kept: not in memory, not on disk."""
        return self._entries is None and self.ahead is None and not self.file.exists()

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

    def save(self, make_folder: bool = True) -> None:
        """Write the file if a template was compiled since it was read."""
        if self.changed:
            memo.write_atomically(self.file, marshal.dumps(self.entries), make_folder=make_folder)
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
    """Write every cache that compiled something (after a build); a child compiling ahead whose
    file the build never needed is waited for first."""
    for cache in _caches.values():
        if cache.ahead is not None:
            cache.entries  # noqa: B018  (waits, then reads the child's file)
        cache.save()


# --- compiling ahead, in a child process (edition.ahead) -----------------------------------------

# make_env must make the environment the build renders with: Jinja's cache keys leave out its
# settings (extensions, filters, autoescaping), and no hook changes them after on_config.
Job = tuple[KeptBytecode, Callable[[], Environment], list[str]]


def compile_ahead(jobs: list[Job]) -> bool:
    """For each (cache, make_env, names) whose cache is cold, compile in a child process the
    templates named and those they extend, include or import, into the cache's file. The child
    writes the files in the jobs' order and reports each; the build waits for a file only when it
    first needs one of its templates. Returns whether a child was started."""
    jobs = [job for job in jobs if job[0].cold]
    if not jobs or not ahead.can_fork():
        return False
    for cache, _make, _names in jobs:
        cache.file.parent.mkdir(parents=True, exist_ok=True)  # here: the child never makes folders

    def work(report: ahead.Report) -> None:
        for cache, make_env, names in jobs:
            compile_templates(make_env(), cache, names)
            cache.save(make_folder=False)
            report(str(cache.file), "")

    child = ahead.start(work, niceness=10)  # the templates are needed last, after pandoc's texts
    for cache, _make, _names in jobs:
        cache.ahead = child
    return child is not None


def compile_templates(env: Environment, cache: KeptBytecode, names: Iterable[str]) -> list[str]:
    """Compile ``names`` and every template they reach through `extends`, `include` and `import`
    with a name written out (names built at render time are compiled by the build when used), into
    ``cache``, as `env.get_template` would. Returns the names compiled, in order."""
    todo, done = list(names), []
    while todo:
        name = todo.pop(0)
        if name in done:
            continue
        try:
            source, filename, _uptodate = env.loader.get_source(env, name)
            tree = env.parse(source, name, filename)
        except (TemplateNotFound, TemplateSyntaxError, UnicodeDecodeError):
            continue  # missing, or not a template: the build names the problem, if it uses it
        todo += [found for found in meta.find_referenced_templates(tree) if found]
        bucket = cache.get_bucket(env, name, filename, source)
        bucket.code = env.compile(tree, name, filename)
        cache.set_bucket(bucket)
        done.append(name)
    return done
