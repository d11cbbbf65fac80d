"""Compiled templates kept in one file per environment, compiled ahead in a child process on a
cold build (edition.bytecode)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import jinja2
import pytest
from conftest import ROOT
from edition import ahead, bytecode


class Counting(jinja2.Environment):
    compiled: list[str]

    def compile(self, source, name=None, filename=None, *args, **kwargs):
        self.compiled.append(name)
        return super().compile(source, name, filename, *args, **kwargs)


def environment(templates: dict[str, str], cache: bytecode.KeptBytecode) -> Counting:
    env = Counting(loader=jinja2.DictLoader(templates), bytecode_cache=cache)
    env.compiled = []
    return env


@pytest.fixture
def file(tmp_path):
    return tmp_path / ".cache/edition/jinja/theme.marshal"


def test_templates_compiled_in_one_process_are_loaded_in_the_next(file):
    first = environment({"a.html": "A {{ x }}", "b.html": "B"}, bytecode.KeptBytecode(file))
    assert first.get_template("a.html").render(x=1) == "A 1"
    first.get_template("b.html")
    assert first.compiled == ["a.html", "b.html"]
    assert not file.exists()  # written once, after the build
    first.bytecode_cache.save()
    assert [p.name for p in file.parent.iterdir()] == ["theme.marshal"]

    second = environment({"a.html": "A {{ x }}", "b.html": "B"}, bytecode.KeptBytecode(file))
    assert second.get_template("a.html").render(x=2) == "A 2"
    assert second.compiled == []


def test_an_edited_template_is_compiled_again(file):
    first = environment({"a.html": "A {{ x }}"}, bytecode.KeptBytecode(file))
    first.get_template("a.html")
    first.bytecode_cache.save()
    second = environment({"a.html": "Edited {{ x }}"}, bytecode.KeptBytecode(file))
    assert second.get_template("a.html").render(x=3) == "Edited 3"
    assert second.compiled == ["a.html"]


@pytest.mark.parametrize("content", [b"", b"not marshal data", b"\xe9\x00\x00\x00\x00", b"N"])
def test_an_unreadable_file_is_compiled_anew_and_written_again(file, content):
    file.parent.mkdir(parents=True)
    file.write_bytes(content)
    env = environment({"a.html": "A"}, bytecode.KeptBytecode(file))
    assert env.get_template("a.html").render() == "A"
    assert env.compiled == ["a.html"]
    env.bytecode_cache.save()
    again = environment({"a.html": "A"}, bytecode.KeptBytecode(file))
    again.get_template("a.html")
    assert again.compiled == []


def test_nothing_is_written_when_nothing_was_compiled(file):
    env = environment({"a.html": "A"}, bytecode.KeptBytecode(file))
    env.get_template("a.html")
    env.bytecode_cache.save()
    stamp = file.stat().st_mtime_ns
    loaded = environment({"a.html": "A"}, bytecode.KeptBytecode(file))
    loaded.get_template("a.html")
    loaded.bytecode_cache.save()
    assert file.stat().st_mtime_ns == stamp


# --- compiling ahead in a child process ----------------------------------------------------------

TEMPLATES = {
    "page.html": '{% extends "base.html" %}{% block body %}page {{ x }}{% endblock %}',
    "base.html": '<p>{% block body %}{% endblock %}</p>{% include "footer.html" %}',
    "footer.html": "{% import 'macros.html' as m %}{{ m.sign() }}",
    "macros.html": "{% macro sign() %}signed{% endmacro %}",
    "unused.html": "never named",
}


def ahead_job(file, make_env=None):
    cache = bytecode.KeptBytecode(file)
    return cache, (make_env or (lambda: environment(TEMPLATES, cache))), ["page.html"]


def in_a_fresh_process(scenario: str, file) -> None:
    """Run ``scenario(file)`` of this module in a new Python process, whose one thread may fork
    (the test process's other threads, such as Playwright's, forbid it)."""
    result = subprocess.run(
        [sys.executable, "-c", f"import test_bytecode, pathlib; test_bytecode.{scenario}(pathlib.Path({str(file)!r}))"],
        env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "hooks"), str(ROOT / "tests")])),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def compiled_ahead_and_only_loaded(file):
    job = ahead_job(file)
    cache = job[0]
    assert bytecode.compile_ahead([job])
    env = environment(TEMPLATES, cache)
    assert env.get_template("page.html").render(x=1) == "<p>page 1</p>signed"
    assert env.compiled == []  # extends, include and import followed by the child
    assert cache.ahead is None and not cache.changed
    ahead.reap()
    try:
        os.waitpid(-1, os.WNOHANG)
        raise AssertionError("a child was left")
    except ChildProcessError:  # the child was waited for
        pass
    assert sorted(bytecode._read(file)) == sorted(
        cache.get_cache_key(name) for name in ("page.html", "base.html", "footer.html", "macros.html")
    )


def test_a_cold_cache_is_compiled_ahead_in_a_child_and_the_build_only_loads(file):
    in_a_fresh_process("compiled_ahead_and_only_loaded", file)


def failed_child_leaves_the_build_to_compile(file):
    def broken():
        raise RuntimeError("in the child only")

    job = ahead_job(file, broken)
    assert bytecode.compile_ahead([job])
    env = environment(TEMPLATES, job[0])
    assert env.get_template("page.html").render(x=2) == "<p>page 2</p>signed"
    assert env.compiled == ["page.html", "base.html", "footer.html", "macros.html"]
    assert not file.exists()  # nothing half-written
    job[0].save()
    ahead.reap()
    assert file.exists()


def test_a_child_that_fails_leaves_the_build_to_compile(file):
    in_a_fresh_process("failed_child_leaves_the_build_to_compile", file)


def test_nothing_is_compiled_ahead_when_kept_or_unsafe(file):
    first = environment(TEMPLATES, bytecode.KeptBytecode(file))
    first.get_template("page.html")
    first.bytecode_cache.save()
    assert not bytecode.compile_ahead([ahead_job(file)])  # kept on disk: nothing to do

    other = file.with_name("other.marshal")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:  # a child forked now would have only this thread: another's locks would stay locked
        assert not bytecode.compile_ahead([ahead_job(other)])
    finally:
        stop.set()
        thread.join()
    assert not other.exists()


def abandoned_child_is_stopped(file):
    def slow():
        import time

        time.sleep(30)

    job = ahead_job(file, slow)
    assert bytecode.compile_ahead([job])
    [child] = ahead._children
    ahead.abandon()  # as on a build's error
    assert child.ended and ahead._children == []
    try:
        os.waitpid(child.pid, os.WNOHANG)
        raise AssertionError("the child was not waited for")
    except ChildProcessError:
        pass
    env = environment(TEMPLATES, job[0])  # a later build of the same process compiles itself
    assert env.get_template("page.html").render(x=3) == "<p>page 3</p>signed"


def test_a_failed_build_stops_the_child_compiling_ahead(file):
    in_a_fresh_process("abandoned_child_is_stopped", file)


def test_what_is_not_a_template_is_left_to_the_build(file):
    cache = bytecode.KeptBytecode(file)
    env = environment({"page.html": '{% include "broken.html" %}', "broken.html": "{% if %}"}, cache)
    assert bytecode.compile_templates(env, cache, ["page.html", "missing.html"]) == ["page.html"]
