"""Work done ahead of need in a forked child process, on the second core, while the build goes on.

A cold build has two kinds of work that do not depend on the rest of it: compiling the templates
(edition.bytecode) and what pandoc formats (edition.formatting). Each is done by a child forked
at the start, which writes its results where the build's caches read them (`.cache/edition/`)
and reports each as written; the build waits for a result only when it first needs it. If a child
fails, its result is missing and the build does the work itself, as it would without a child.

Only where forking is safe and useful (`can_fork`): on Linux, with two cores or more, and no
other thread (a forked child has only the thread that forked; a lock another thread held would
stay locked in it). Elsewhere, and in a `mkdocs serve` whose server runs, nothing is forked.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable

Report = Callable[[str, str], None]  # (name of a result, a detail) -> told to the parent


def can_fork() -> bool:
    """On Linux with two cores or more, in a process of one thread (counted by the kernel, so
    that threads started outside Python count too)."""
    if not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2:
        return False
    try:
        return threading.active_count() == 1 and len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def start(work: Callable[[Report], None], niceness: int = 0) -> Child | None:
    """Fork a child that runs ``work(report)`` and leaves without running anything of the
    parent's (no exit handlers, no flushed buffers); None if forking is not possible here or
    fails (the build then does the work itself). ``niceness``: how far the child yields to the
    build (work needed later can wait longer)."""
    if not can_fork():
        return None
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:  # no more processes allowed, or no memory: nothing is done ahead
        os.close(read)
        os.close(write)
        return None
    if pid == 0:
        status = 1
        try:
            os.close(read)
            _quiet()
            for number in (signal.SIGINT, signal.SIGTERM):  # the host's handlers are not the child's
                signal.signal(number, signal.SIG_DFL)
            os.nice(niceness)

            def report(name: str, detail: str = "") -> None:
                os.write(write, f"{name}\t{detail}\n".encode())

            work(report)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    child = Child(pid, read)
    _children.append(child)
    return child


def _quiet() -> None:
    """The child's output goes nowhere: whoever reads the build's output (a pipe) is not kept
    waiting for the child, and the child's messages, if any, are not the build's."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)


class Child:
    """The parent's end of a child: what it reported so far."""

    def __init__(self, pid: int, fd: int):
        self.pid, self.fd = pid, fd
        self.reported: dict[str, str] = {}
        self.ended = False
        self.abandoned = False  # stopped: its results are not wanted
        self._rest = b""
        self._lock = threading.Lock()  # the build's threads may wait for different results

    def wait_for(self, name: str) -> str | None:
        """Block until the child reported ``name`` (its detail) or ended without it (None)."""
        with self._lock:
            while not self.ended and name not in self.reported:
                self._read()
            return self.reported.get(name)

    def end(self) -> None:
        """Read what is left of the child's reports, and wait for it to exit."""
        with self._lock:
            while not self.ended:
                self._read()

    def _read(self) -> None:
        chunk = os.read(self.fd, 4096)
        if not chunk:  # the child exited
            self.ended = True
            os.close(self.fd)
            os.waitpid(self.pid, 0)
            return
        *lines, self._rest = (self._rest + chunk).split(b"\n")
        for line in lines:
            key, _tab, detail = line.decode().partition("\t")
            self.reported[key] = detail


_children: list[Child] = []


def reap() -> None:
    """Wait for the children to end (they have, once the build used their results)."""
    while _children:
        _children.pop().end()


def abandon() -> None:
    """Stop the children (the build failed: it will not use their work)."""
    while _children:
        child = _children.pop()
        child.abandoned = True
        with child._lock:  # not reaped meanwhile: the pid is still the child's
            if not child.ended:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child.pid, signal.SIGTERM)
        child.end()
