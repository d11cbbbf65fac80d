"""Compiled templates kept in one file per environment (edition.bytecode)."""

from __future__ import annotations

import jinja2
import pytest
from edition import bytecode


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
