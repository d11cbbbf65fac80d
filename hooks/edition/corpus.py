"""The edition's text as data: every paragraph or heading with an explicit id, on every page.

Hooks that link into the text (bibliography back-links, the timeline's attestations, the
glossary's occurrences) need to know every page's paragraphs before any page is rendered,
so the sources are scanned once, in ``on_files``, and kept here for the build.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .pages import ABSTRACT
from .references import cited_keys

# --- the pages' Markdown syntax, read here and nowhere else (edition.structure checks with it) ----

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^(```|~~~)")
# A heading, with or without an explicit id: `## ВВЕДЕНИЕ {#p1}`.
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{:?\s*#([A-Za-z][\w:-]*)[^}]*\})?\s*$")
ANY_HEADING = re.compile(r"^#{1,6}\s+\S")
# A block's id: the last line of the block is its attribute list, `{#p5}` or `{: #p5 }`.
BLOCK_ID = re.compile(r"^\{:?\s*#([A-Za-z][\w:-]*)\s*\}$")
# A footnote definition `[^note-1]: text`: addressable as `fn:note-1` (Python-Markdown's id).
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
PUBLISHER_PARAGRAPH = re.compile(r"^p(\d+)$")
FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
CITATION = re.compile(r"\s*\[[^\]]*@[\w-]+[^\]]*\]")
MARKUP = re.compile(r"[*_`]|\{[^}]*\}")


@dataclass
class Paragraph:
    """One addressable block of the text."""

    src_uri: str
    anchor: str
    markdown: str
    line: int
    is_heading: bool = False
    citation_keys: list[str] = field(default_factory=list)

    @property
    def number(self) -> int | None:
        """The publisher's paragraph number, for anchors `pN`."""
        match = PUBLISHER_PARAGRAPH.match(self.anchor)
        return int(match.group(1)) if match else None

    @functools.cached_property
    def text(self) -> str:
        """The words of the paragraph, without note markers, citations or markup."""
        return plain_text(self.markdown)


def paragraph_label(src_uri: str, anchor: str) -> str:
    """How a link names a paragraph: "абз. 5", "примеч. 1", "Abstract"."""
    if src_uri == ABSTRACT:
        return "Abstract"
    number = PUBLISHER_PARAGRAPH.match(anchor)
    if number:
        return f"абз. {number.group(1)}"
    if anchor.startswith("fn:note-"):
        return f"примеч. {anchor.removeprefix('fn:note-')}"
    return anchor


def paragraph_label_en(src_uri: str, anchor: str) -> str:
    """The same in English: "para. 5", "note 1", "Abstract"."""
    number = PUBLISHER_PARAGRAPH.match(anchor)
    if src_uri != ABSTRACT and number:
        return f"para. {number.group(1)}"
    if src_uri != ABSTRACT and anchor.startswith("fn:note-"):
        return f"note {anchor.removeprefix('fn:note-')}"
    return paragraph_label(src_uri, anchor)


def normalize(text: str) -> str:
    """Runs of whitespace as one space: how quotes are compared with the text."""
    return " ".join(text.split())


def plain_text(markdown: str) -> str:
    """Reader-visible words of a Markdown fragment (note markers and citations removed)."""
    text = FOOTNOTE_REF.sub("", markdown)
    text = CITATION.sub("", text)
    text = MARKUP.sub("", text)
    return " ".join(text.split())


def without_front_matter(markdown: str) -> tuple[str, int]:
    """The Markdown without its YAML front matter, and how many lines that removed."""
    match = FRONT_MATTER.match(markdown)
    if not match:
        return markdown, 0
    return markdown[match.end() :], match.group(0).count("\n")


def fenced_lines(markdown: str) -> set[int]:
    """The 1-based numbers of the lines of fenced code (fences included)."""
    fenced, inside = set(), False
    for number, line in enumerate(markdown.split("\n"), start=1):
        if FENCE.match(line.lstrip()):
            inside = not inside
            fenced.add(number)
        elif inside:
            fenced.add(number)
    return fenced


def split_blocks(markdown: str) -> list[tuple[int, str]]:
    """Blank-line separated blocks outside fenced code, with the 1-based line where each starts."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 1
    fenced = fenced_lines(markdown)
    for number, line in enumerate(markdown.split("\n"), start=1):
        if number in fenced:
            line = ""
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def scan_page(src_uri: str, markdown: str) -> list[Paragraph]:
    """Every paragraph and heading with an explicit id on one page, in order."""
    paragraphs: list[Paragraph] = []
    for start, block in split_blocks(markdown):
        lines = block.split("\n")
        heading = HEADING.match(lines[0])
        if heading and heading.group(3) and len(lines) == 1:
            paragraphs.append(Paragraph(src_uri, heading.group(3), heading.group(2), start, is_heading=True))
            continue
        footnote = FOOTNOTE_DEFINITION.match(block)
        if footnote:
            text = block[footnote.end() :].strip()
            paragraphs.append(
                Paragraph(src_uri, f"fn:{footnote.group(1)}", text, start, citation_keys=cited_keys(text))
            )
            continue
        block_id = BLOCK_ID.match(lines[-1].strip())
        if block_id and len(lines) > 1:
            text = "\n".join(lines[:-1])
            paragraphs.append(Paragraph(src_uri, block_id.group(1), text, start, citation_keys=cited_keys(text)))
    return paragraphs


def headings_without_ids(markdown: str) -> list[tuple[int, str]]:
    """(line, heading) for each Markdown heading that lacks an explicit `{#id}`."""
    found = []
    fenced = fenced_lines(markdown)
    for number, line in enumerate(markdown.split("\n"), start=1):
        heading = HEADING.match(line)
        if number not in fenced and ANY_HEADING.match(line) and not (heading and heading.group(3)):
            found.append((number, line.strip()))
    return found


@dataclass
class Corpus:
    """All addressable paragraphs of the site, by page."""

    pages: dict[str, list[Paragraph]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def paragraph(self, src_uri: str, anchor: str) -> Paragraph | None:
        for paragraph in self.pages.get(src_uri, []):
            if paragraph.anchor == anchor:
                return paragraph
        return None

    def citing(self, key: str) -> list[Paragraph]:
        """Every paragraph that cites ``key``, in site order."""
        return [p for ps in self.pages.values() for p in ps if key in p.citation_keys]


_CURRENT = Corpus()


def scan_files(files) -> Corpus:
    """Scan every Markdown page of the build; remember the result for the other hooks."""
    global _CURRENT
    corpus = Corpus()
    for file in files.documentation_pages():
        corpus.sources[file.src_uri] = file.content_string
        corpus.pages[file.src_uri] = scan_page(file.src_uri, file.content_string)
    _CURRENT = corpus
    return corpus


def current() -> Corpus:
    """The corpus of the build in progress."""
    return _CURRENT
