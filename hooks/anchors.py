"""Anchors: every paragraph and heading addressable, and shown to be so.

- scans every page's paragraphs once per build (edition.corpus), for the hooks that link to them;
- requires an explicit ASCII id on every heading (Python-Markdown would give a Cyrillic
  heading the id `_1`, which changes as soon as a heading is added before it);
- prints the publisher's paragraph number in the margin as a link to the paragraph itself.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from edition import article, cite, corpus, pages, templates, urls

ASCII_ID = re.compile(r"^[a-z][a-z0-9-]*$")


class ParagraphNumbers(Treeprocessor):
    """Put the margin number (overrides/partials/edition/paragraph-number.html) in each `pN`,
    and a "cite this" control (cite-this.html) after each paragraph, section and glossary entry."""

    def __init__(self, md, render_number, render_cite):
        super().__init__(md)
        self.render_number = render_number
        self.render_cite = render_cite

    def run(self, root):
        citable = []
        for parent in root.iter():
            for index, element in enumerate(parent):
                if element.get("id"):
                    citable.append((parent, element))
        for parent, element in citable:
            anchor = element.get("id")
            match = corpus.PUBLISHER_PARAGRAPH.match(anchor)
            if match:
                add_margin_number(element, self.render_number(int(match.group(1))))
            control = self.render_cite(element.tag, anchor, heading_text(element))
            if control:
                insert_after(parent, element, etree.fromstring(control))


def insert_after(parent, element, control) -> None:
    """After a block; for a definition term, at the end of its definition (a <dl> holds only
    <dt> and <dd>)."""
    siblings = list(parent)
    index = siblings.index(element)
    if element.tag == "dt":
        following = next((s for s in siblings[index + 1:] if s.tag == "dd"), None)
        if following is not None:
            following.append(control)
            return
    parent.insert(index + 1, control)


def heading_text(element) -> str:
    """An element's own text, without the margin number or permalink."""
    return "".join(
        part for child in [element] for part in [child.text or ""]
    ) + "".join((c.tail or "") if c.get("class") in ("pnum", "headerlink") else "".join(c.itertext()) + (c.tail or "")
                for c in element)


def add_margin_number(element, html: str) -> None:
    """Insert the rendered number as the element's first child."""
    number = etree.fromstring(html)
    number.tail = element.text
    element.text = None
    element.insert(0, number)


class ParagraphNumbersExtension(Extension):
    def __init__(self, render_number, render_cite):
        super().__init__()
        self.render_number = render_number
        self.render_cite = render_cite

    def extendMarkdown(self, md):
        # after `toc` (5): a heading's entry in the table of contents keeps its bare title
        md.treeprocessors.register(ParagraphNumbers(md, self.render_number, self.render_cite),
                                   "edition-pnum", 4)


_current: dict = {}


def on_config(config):
    meta = article.load_article(config.docs_dir)

    def render_number(number: int) -> str:
        return templates.render(config, "paragraph-number.html", number=number)

    def render_cite(tag: str, anchor: str, text: str) -> str | None:
        page = _current.get("page")
        cites = citation_for(meta, page, tag, anchor, " ".join(text.split()), config) if page else None
        if not cites:
            return None
        label, strings = cites
        url = f"{urls.absolute(config, page.file.url)}#{anchor}"
        return templates.render(config, "cite-this.html", anchor=anchor, url=url, label=label, cites=strings)

    config.markdown_extensions.append(ParagraphNumbersExtension(render_number, render_cite))
    return config


def citation_for(meta, page, tag: str, anchor: str, text: str, config):
    """(label, {gost, apa}) for a citable element, or None for an element that is not one."""
    url = f"{urls.absolute(config, page.file.url)}#{anchor}"
    src_uri = page.file.src_uri
    number = corpus.PUBLISHER_PARAGRAPH.match(anchor)
    if src_uri == pages.ARTICLE and number:
        return f"абз. {number.group(1)}", cite.paragraph_citation(meta, int(number.group(1)), url)
    if src_uri == pages.ARTICLE and tag in ("h2", "h3") and anchor != "notes":
        return f"раздел «{text}»", cite.section_citation(meta, text, url)
    if src_uri == pages.GLOSSARY and tag == "dt":
        return f"статью «{text}»", cite.apparatus_citation(meta, f"{text} [статья глоссария]", "Глоссарий", "glossary", url)
    return None


@event_priority(100)
def on_files(files, config):
    corpus.scan_files(files)
    return files


@event_priority(90)
def on_page_markdown(markdown, page, config, files):
    _current["page"] = page  # for the Markdown extension, which renders this page next
    problems = heading_id_problems(markdown, page.file.src_uri)
    if problems:
        raise PluginError("\n".join(problems))
    return markdown


def heading_id_problems(markdown: str, src_uri: str) -> list[str]:
    """Headings without an explicit ASCII id, and explicit ids that are not ASCII."""
    problems = [
        f"docs/{src_uri}:{line}: heading '{heading}' has no explicit id; "
        "end it with an ASCII id such as {#introduction}"
        for line, heading in corpus.headings_without_ids(markdown)
    ]
    for paragraph in corpus.scan_page(src_uri, markdown):
        if paragraph.is_heading and not ASCII_ID.match(paragraph.anchor):
            problems.append(
                f"docs/{src_uri}:{paragraph.line}: heading id '{paragraph.anchor}' must be "
                "lowercase ASCII letters, digits and '-'"
            )
    return problems
