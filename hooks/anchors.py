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

from edition import corpus, templates

ASCII_ID = re.compile(r"^[a-z][a-z0-9-]*$")


class ParagraphNumbers(Treeprocessor):
    """Put the margin number (overrides/partials/edition/paragraph-number.html) in each `pN`."""

    def __init__(self, md, render_number):
        super().__init__(md)
        self.render_number = render_number

    def run(self, root):
        for element in root.iter():
            match = corpus.PUBLISHER_PARAGRAPH.match(element.get("id") or "")
            if match:
                add_margin_number(element, self.render_number(int(match.group(1))))


def add_margin_number(element, html: str) -> None:
    """Insert the rendered number as the element's first child."""
    number = etree.fromstring(html)
    number.tail = element.text
    element.text = None
    element.insert(0, number)


class ParagraphNumbersExtension(Extension):
    def __init__(self, render_number):
        super().__init__()
        self.render_number = render_number

    def extendMarkdown(self, md):
        # after `toc` (5): a heading's entry in the table of contents keeps its bare title
        md.treeprocessors.register(ParagraphNumbers(md, self.render_number), "edition-pnum", 4)


def on_config(config):
    def render_number(number: int) -> str:
        return templates.render(config, "paragraph-number.html", number=number)

    config.markdown_extensions.append(ParagraphNumbersExtension(render_number))
    return config


@event_priority(100)
def on_files(files, config):
    corpus.scan_files(files)
    return files


@event_priority(90)
def on_page_markdown(markdown, page, config, files):
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
