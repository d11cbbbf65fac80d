"""The article's metadata on the pages: byline, editorial note, landing card, abstract card,
"how to cite". Everything comes from docs/data/article.yml (edition.article)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from edition import article, cite, markers, templates

GOST_STYLE = "gost-r-7-0-5-2008-numeric"
APA_STYLE = "apa"

_state: dict = {}


def on_config(config):
    _state["meta"] = article.load_article(config.docs_dir)
    return config


def citations(meta: dict) -> dict[str, dict[str, str]]:
    """The article's reference in GOST R 7.0.5-2008 and APA 7, as HTML and as plain text."""
    gost = cite.plain(cite.reference_html(article.csl_item(meta, "gost"), GOST_STYLE, "ru-RU"))
    apa = cite.reference_html(article.csl_item(meta, "apa"), APA_STYLE, "en-US")
    # GOST R 7.0.100-2018 ends the record with the DOI; the 2008 CSL style only links it
    gost_text = f"{gost} DOI: {meta['doi']}."
    return {
        "gost": {"html": gost, "text": gost_text},
        "apa": {"html": apa, "text": cite.plain(apa)},
    }


def render(config, name: str) -> str:
    meta = _state["meta"]
    cites = citations(meta)
    return templates.render(
        config, f"{name}.html", meta=meta, doi_url=article.doi_url(meta),
        gost=cites["gost"]["html"], apa=templates.safe(cites["apa"]["html"]),
    )


@event_priority(50)
def on_page_markdown(markdown, page, config, files):
    names = ("article-byline", "preview-note", "article-card", "how-to-cite", "abstract-meta")
    return markers.fill_markers(
        markdown, {name: (lambda name=name: "\n\n" + render(config, name) + "\n\n") for name in names}
    )
