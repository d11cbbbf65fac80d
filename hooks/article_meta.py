"""The article's metadata on the pages: byline, editorial note, landing card, abstract card,
"how to cite". Everything comes from docs/data/article.yml (edition.article)."""

from __future__ import annotations

from edition import article, attribution, cite, markers, pages, templates, urls
from mkdocs.plugins import event_priority

_state: dict = {}


def on_config(config):
    _state["meta"] = article.load_article(config.docs_dir)
    return config


def render(config, name: str, page) -> str:
    meta = _state["meta"]
    cites = cite.article_citations(meta)
    return templates.render(
        config,
        f"{name}.html",
        meta=meta,
        doi_url=article.doi_url(meta),
        coins=article.coins(meta, urls.absolute(config, page.file.url)),
        gost=cites["gost_plain_base"],
        apa=templates.safe(cites["apa_html"]),
    )


@event_priority(50)
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri in pages.LANGUAGES:  # the article's own pages: its authors, not the edition's
        page.meta["author"] = attribution.author_meta(_state["meta"], pages.LANGUAGES[page.file.src_uri])
    names = ("article-byline", "preview-note", "article-card", "how-to-cite", "abstract-meta")
    return markers.fill_markers(
        markdown, {name: (lambda name=name: "\n\n" + render(config, name, page) + "\n\n") for name in names}
    )
