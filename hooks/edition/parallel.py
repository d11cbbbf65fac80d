"""The parallel reading on the element tree (the article page, when the translation is built):
each Russian sentence of an aligned block in a `<span class="ed-s" id="p5-s3">`, and after the
block its English, rendered from overrides/partials/edition/parallel-translation.html.

The sentences are found by their stored words (docs/data/translation.yml), counted without
spaces, so the note markers and citation markers of the paragraph stay where they are; a block
whose sentences do not cover its words exactly is left as it is (the model has already failed
such a build). Pure functions: edition.reading_view calls them with the page's tree.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from . import pages
from .translation import Pair, by_block

ASSETS = ("assets/parallel.css", "assets/parallel.js")
ANCHOR = re.compile(r"^(p\d+|note-\d+)-s\d+(-en)?$")  # a sentence's anchor, Russian or English
ABOUT_ANCHOR = "translation"  # the translator's note on the About page


def without_translation(registry: dict) -> dict:
    """The anchor registry less the translation's anchors, for a build that leaves it out."""
    anchors = {
        page: [a for a in ids if not ANCHOR.match(a) and not (page == pages.ABOUT and a == ABOUT_ANCHOR)]
        for page, ids in registry["anchors"].items()
    }
    return {**registry, "anchors": anchors}


def skipped(element: etree.Element) -> bool:
    """Markers that are not the block's words: note and citation markers, the note's back link and cite handle."""
    classes = (element.get("class") or "").split()
    markers = {"ed-citation", "ed-handle", "footnote-backref", "footnote-ref", "headerlink"}
    return element.tag == "sup" or bool(markers & set(classes))


# Python-Markdown's stand-ins (`\x02…\x03`: the footnotes' `&#160;` before the back link), replaced
# by their text after this step: kept whole, counted as a space
PLACEHOLDER = re.compile("\x02[^\x02\x03]*\x03")
TOKEN = re.compile(rf"{PLACEHOLDER.pattern}|.", re.S)


def tokens(text: str | None) -> list[tuple[str, bool]]:
    """(token, is a space) for each character of ``text``, the placeholder of a space as one."""
    return [(t, t.isspace() or bool(PLACEHOLDER.fullmatch(t))) for t in TOKEN.findall(text or "")]


def count(text: str | None) -> int:
    return sum(1 for _token, space in tokens(text) if not space)


def element_count(element: etree.Element) -> int:
    return 0 if skipped(element) else sum(count(t) for t in element.itertext())


def add_text(parent: etree.Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def wrap_sentences(block: etree.Element, pairs: list[Pair], make_span: Callable[[Pair], etree.Element]) -> bool:
    """Put each sentence of ``block`` (its words, by ``pairs``) in its own span; False, and the
    block unchanged, when a sentence boundary falls inside an element or the words differ."""
    ends, total = [], 0
    for pair in pairs:
        total += count(pair.ru)
        ends.append(total)
    items: list[str | etree.Element] = [block.text or ""]
    for child in block:
        items += [child, child.tail or ""]
    if sum(count(i) if isinstance(i, str) else element_count(i) for i in items) != total:
        return False
    seen = 0  # a boundary inside an element cannot be wrapped
    for item in items:
        if isinstance(item, str):
            seen += count(item)
        else:
            before, seen = seen, seen + element_count(item)
            if any(before < end < seen for end in ends):
                return False
    block.text = None
    for child in list(block):
        block.remove(child)
        child.tail = None
    index, seen, span = 0, 0, None
    for item in items:
        if not isinstance(item, str):
            target = span if span is not None else block
            if span is None and element_count(item) and index < len(pairs):
                span = make_span(pairs[index])
                block.append(span)
                target = span
            target.append(item)
            seen += element_count(item)
            if span is not None and seen == ends[index]:
                span, index = None, index + 1
            continue
        for char, space in tokens(item):
            if space or index >= len(pairs):
                add_text(span if span is not None else block, char)
                continue
            if span is None:
                span = make_span(pairs[index])
                block.append(span)
            add_text(span, char)
            seen += 1
            if seen == ends[index]:
                span, index = None, index + 1
    return True


def aligned_elements(root: etree.Element, anchors: set[str]) -> dict[str, tuple[etree.Element, etree.Element]]:
    """anchor -> (the element holding the block's words, the element after which its English
    goes): `<p id="p5">` in its box, the heading `<h2 id="p1">` in its box, a note's `<p>` in its
    `<li id="fn:note-1">`, whose English goes after the notes' list."""
    found = {}
    for parent in root.iter():
        for child in parent:
            anchor = child.get("id")
            if anchor not in anchors:
                continue
            if child.tag == "li":  # a note's English after the list: the note itself stays its words
                words = child.find("p")
                if words is not None:
                    found[anchor] = (words, parent)
            else:
                found[anchor] = (child, parent if "ed-par" in (parent.get("class") or "").split() else child)
    return found


def parent_and_position(root: etree.Element, element: etree.Element) -> tuple[etree.Element, int] | None:
    """The element holding ``element`` under ``root``, and its index there (ElementTree keeps no parents)."""
    for parent in root.iter():
        children = list(parent)
        if element in children:
            return parent, children.index(element)
    return None


def insert_after(root: etree.Element, element: etree.Element, new: etree.Element) -> None:
    found = parent_and_position(root, element)
    if found:
        new.tail, element.tail = element.tail, "\n"
        found[0].insert(found[1] + 1, new)


def insert_before(root: etree.Element, element: etree.Element, new: etree.Element) -> None:
    found = parent_and_position(root, element)
    if found:
        new.tail = "\n"
        found[0].insert(found[1], new)


def annotate(
    root: etree.Element, pairs: tuple[Pair, ...], render: Callable[..., etree.Element], assets: dict[str, str]
) -> None:
    """The Russian sentences wrapped, each block's English after it, the views' control before
    the first block (``render(template, **context)`` gives an element; ``assets``: the context of
    parallel-views.html, the stylesheet's, the script's and the translator's note's URLs)."""
    blocks = by_block(pairs)
    found = aligned_elements(root, set(blocks))
    placed: dict[etree.Element, etree.Element] = {}  # the notes' list -> the last English after it
    for anchor, block_pairs in blocks.items():
        if anchor not in found:
            continue
        words, after = found[anchor]
        wrap_sentences(
            words,
            block_pairs,
            lambda pair: etree.Element("span", {"class": "ed-s", "id": pair.id, "data-ed-pair": pair.id}),
        )
        note = anchor.removeprefix("fn:note-") if anchor.startswith("fn:") else None
        cite = f"Note {note}" if note else f"Para. {anchor.removeprefix('p')}"
        english = render("parallel-translation.html", block=anchor, pairs=block_pairs, note=note, cite=cite)
        insert_after(root, placed.get(after, after), english)
        placed[after] = english
    first = next((found[anchor][1] for anchor in blocks if anchor in found), None)
    if first is not None:
        insert_before(root, first, render("parallel-views.html", **assets))


# --- the glossary's English definitions -----------------------------------------------------------


def english_definitions(
    root: etree.Element, render: Callable[..., etree.Element] | None, assets: dict[str, str] | None = None
) -> None:
    """Each glossary definition's English paragraph (`<p lang="en">` in its `<dd>`, from
    `{: lang="en" }`) put in a closed <details> rendered by ``render`` (glossary-english.html), the
    Russian definition's paragraphs marked `ed-def-ru` (hidden in the English view), the views'
    control before the first group of entries; without the translation (``render`` None), the
    English paragraphs removed."""
    first_group = next((h for h in root if h.tag == "h2"), None)
    if render is not None and first_group is not None:
        insert_before(root, first_group, render("parallel-views.html", **(assets or {})))
    shell = render("glossary-english.html") if render is not None else None  # one render, copied
    for dd in root.iter("dd"):
        english = [p for p in dd if p.tag == "p" and p.get("lang") == "en"]
        for paragraph in english:
            if render is None:
                dd.remove(paragraph)
                continue
            box = copy.deepcopy(shell)
            position = list(dd).index(paragraph)
            dd.remove(paragraph)
            box.tail, paragraph.tail = paragraph.tail, None
            paragraph.set("class", "ed-tr__text")
            box.append(paragraph)
            dd.insert(position, box)
        if english and render is not None:  # the definition: after the facts line, before its English
            children = list(dd)
            first_english = min(children.index(box) for box in dd.iter("details") if box in children)
            for paragraph in [p for p in children[1:first_english] if p.tag == "p"]:
                paragraph.set("class", " ".join(filter(None, [paragraph.get("class"), "ed-def-ru"])))
