"""The reading view, on the element tree: the text as the journal set it, the apparatus on demand.

One pass over each page's element tree after Python-Markdown has built it (footnotes, abbreviations,
ids and the table of contents are in place), in the way `abbr` and `footnotes` annotate text:

- every addressable block (`<p id="p5">`, `<h2 id="p1">`) is wrapped in `<div class="ed-par">` with
  the publisher's number *beside* it, never inside it: a copy of the paragraph is its words only;
- the first occurrence of each glossary term in a paragraph is marked by a `<span class="ed-term">`
  (no link, no tab stop, nothing visible) that the reader's "термины" toggle turns into a link
  (docs/assets/reader.js);
- citation markers (`[1]`) stand on the baseline as the journal prints them, and the footnotes keep
  the authors' notes apart from the references;
- the plain text of each block is collected for the search index, without the apparatus.

Pure functions: edition.reading_view gives them the page's data and renders the templates.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markdown.util import AtomicString

from . import cite, glossary, typography

# Elements whose text is never annotated: links, code, note markers, abbreviations (matched whole).
PROTECTED = {"a", "code", "sup", "script", "abbr", "span"}
CITATION_FOOTNOTE = "fn:ref-"


@dataclass
class Block:
    """One addressable block: its anchor, its kind and its words (for search and citation)."""

    anchor: str
    tag: str
    text: str


def addressable(root: etree.Element) -> list[tuple[etree.Element, etree.Element]]:
    """(parent, element) for every block with an id that a reader can cite: paragraphs and
    headings of the text; glossary terms (`<dt>`)."""
    found = []
    for parent in root.iter():
        for child in parent:
            if child.get("id") and child.tag in ("p", "h2", "h3", "h4", "dt"):
                found.append((parent, child))
    return found


def words(element: etree.Element) -> str:
    """The words of an element as a reader copies them, without note markers or the
    edition's own links (margin number, permalink)."""
    parts: list[str] = []

    def walk(el: etree.Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            classes = child.get("class", "").split()
            if not (
                child.tag == "sup"
                or "headerlink" in classes
                or "pnum" in classes
                or "footnote-ref" in classes
                or "footnote-backref" in classes
            ):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).replace("\xa0", " ").split())


def wrap(parent: etree.Element, element: etree.Element, number: etree.Element | None) -> etree.Element:
    """Put ``element`` in a `<div class="ed-par">` with its margin number before it."""
    index = list(parent).index(element)
    box = etree.Element("div", {"class": "ed-par"})
    parent.remove(element)
    parent.insert(index, box)
    if number is not None:
        box.append(number)
    box.tail = element.tail
    element.tail = None
    box.append(element)
    return box


# --- glossary terms ----------------------------------------------------------------------------


@dataclass
class Slot:
    """A run of text in a paragraph: ``owner.text`` (tail=False) or ``owner.tail`` (tail=True,
    ``parent`` holds ``owner``); or a whole `<abbr>` (``abbr`` set)."""

    owner: etree.Element
    parent: etree.Element | None = None
    tail: bool = False
    abbr: bool = False

    @property
    def value(self) -> str:
        return (self.owner.tail if self.tail else self.owner.text) or ""


def slots(element: etree.Element) -> Iterator[Slot]:
    """The text runs of ``element`` in reading order, skipping protected elements."""
    if element.text:
        yield Slot(element)
    for child in element:
        if child.tag == "abbr":
            yield Slot(child, element, abbr=True)
        elif child.tag not in PROTECTED:
            yield from slots(child)
        if child.tail:
            yield Slot(child, element, tail=True)


@dataclass(frozen=True)
class Term:
    entry_id: str
    slot: int
    start: int
    end: int


def find_terms(runs: list[Slot], entries: list[glossary.Entry], abbreviations: dict[str, str]) -> list[Term]:
    """The first occurrence of each entry in the runs, in reading order."""
    found: list[Term] = []
    for index, run in enumerate(runs):
        if run.abbr:
            entry_id = abbreviations.get(run.owner.text or "")
            if entry_id:
                found.append(Term(entry_id, index, 0, 0))
            continue
        for match in glossary.find_terms(run.value, entries):
            found.append(Term(match.entry_id, index, match.start, match.end))
    return glossary.first_per_entry(found)


def mark_terms(
    element: etree.Element,
    entries: list[glossary.Entry],
    abbreviations: dict[str, str],
    make: Callable[[str], etree.Element],
) -> list[str]:
    """Wrap the first occurrence of each term in ``element`` in ``make(entry_id)``; return the
    ids of the entries marked."""
    runs = list(slots(element))
    terms = find_terms(runs, entries, abbreviations)
    by_run: dict[int, list[Term]] = {}
    for term in terms:
        by_run.setdefault(term.slot, []).append(term)
    for index, found in sorted(by_run.items(), reverse=True):  # later runs first: earlier ones stay put
        run = runs[index]
        if run.abbr:
            wrap_abbr(run.parent, run.owner, make(found[0].entry_id))
        else:
            split_run(run, sorted(found, key=lambda t: t.start), make)
    return [term.entry_id for term in terms]


def wrap_abbr(parent: etree.Element, abbr: etree.Element, holder: etree.Element) -> None:
    index = list(parent).index(abbr)
    parent.remove(abbr)
    holder.tail, abbr.tail = abbr.tail, None
    holder.append(abbr)
    parent.insert(index, holder)


def split_run(run: Slot, terms: list[Term], make: Callable[[str], etree.Element]) -> None:
    """Cut one text run at the terms and put each term in its own element."""
    text = run.value
    head = text[: terms[0].start]
    pieces = []
    for number, term in enumerate(terms):
        holder = make(term.entry_id)
        holder.text = AtomicString(text[term.start : term.end])
        following = terms[number + 1].start if number + 1 < len(terms) else len(text)
        holder.tail = text[term.end : following]
        pieces.append(holder)
    if run.tail:
        run.owner.tail = head
        position = list(run.parent).index(run.owner) + 1
        container = run.parent
    else:
        run.owner.text = head
        position = 0
        container = run.owner
    for offset, piece in enumerate(pieces):
        container.insert(position + offset, piece)


# --- footnotes ---------------------------------------------------------------------------------


def label_citation_markers(root: etree.Element, labels: dict[str, str]) -> None:
    """A citation's marker shows its own label (`[1]`, `[1, с. 12]`), not its place in the footnote
    sequence (``labels``: footnote id -> label)."""
    for link in root.iter("a"):
        if link.get("class") == "footnote-ref" and (link.get("href") or "").startswith("#fn:ref-"):
            label = labels.get(link.get("href").removeprefix("#fn:"))
            if label:
                link.text = label


def citation_markers_on_baseline(root: etree.Element) -> None:
    """`[1]` is printed on the baseline in the journal: the marker's `<sup>` becomes a `<span>`."""
    for sup in root.iter("sup"):
        if (sup.get("id") or "").startswith("fnref:ref-"):
            sup.tag = "span"
            sup.set("class", "ed-citation")


def citation_markers_with_their_word(root: etree.Element) -> None:
    """`[1]` never starts a line alone: the space before it becomes a no-break space (a copy
    gives an ordinary space; the characters of the words are unchanged)."""
    for parent in root.iter():
        children = list(parent)
        for index, child in enumerate(children):
            if "ed-citation" not in (child.get("class") or "").split():
                continue
            if index and (children[index - 1].tail or "").endswith(" "):
                children[index - 1].tail = children[index - 1].tail[:-1] + "\u00a0"
            elif not index and (parent.text or "").endswith(" "):
                parent.text = parent.text[:-1] + "\u00a0"


def split_footnotes(root: etree.Element, make_label: Callable[[], etree.Element]) -> None:
    """The footnotes list holds the authors' notes; the references cited in the text follow in a
    list of their own after ``make_label()`` (their `[1]` labels are their markers)."""
    for box in root.iter("div"):
        if "footnote" not in (box.get("class") or "").split():
            continue
        notes = box.find("ol")
        if notes is None:
            return
        cited = [li for li in notes if (li.get("id") or "").startswith(CITATION_FOOTNOTE)]
        if not cited:
            return
        for li in cited:
            notes.remove(li)
        references = etree.SubElement(box, "ul", {"class": "ed-cited"})
        references.extend(cited)
        for li in cited:  # the edition's rendering of a reference: no break inside "С. 74–84"
            for element in li.iter():
                if element.text and element.tag != "a":
                    element.text = typography.nobreak(element.text)
                if element.tail:
                    element.tail = typography.nobreak(element.tail)
        box.insert(list(box).index(references), make_label())
        if not len(notes):
            box.remove(notes)
        return


def footnote_items(root: etree.Element) -> list[etree.Element]:
    """The authors' notes (`<li id="fn:note-1">`), where terms are marked as in the text."""
    return [
        li
        for li in root.iter("li")
        if (li.get("id") or "").startswith("fn:") and not (li.get("id") or "").startswith(CITATION_FOOTNOTE)
    ]


def add_note_handle(note: etree.Element, handle: etree.Element) -> None:
    """The cite handle of an authors' note, at the end of its text, before its back-link."""
    paragraphs = note.findall("p")
    host = paragraphs[-1] if paragraphs else note
    back = [child for child in host if "footnote-backref" in (child.get("class") or "").split()]
    if back:
        index = list(host).index(back[0])
        handle.tail = " "
        host.insert(index, handle)
    else:
        host.append(handle)


def abbreviation_ids(entries: list[glossary.Entry]) -> dict[str, str]:
    """abbreviation -> entry id, for `<abbr>` elements that are terms."""
    found: dict[str, str] = {}
    for entry in entries:
        if entry.is_abbreviation:
            found.setdefault(entry.term, entry.id)
        if entry.english_abbreviation:
            found.setdefault(entry.english_abbreviation, entry.id)
    return found


def term_previews(
    ids: list[str],
    entries: list[glossary.Entry],
    definitions: dict[str, str],
    glossary_url: str,
    definitions_en: dict[str, str] | None = None,
) -> dict[str, dict]:
    """What a glossary preview shows, for the entries marked on one page (the definition's English
    too, with the translation: shown in the English view)."""
    by_id = {entry.id: entry for entry in entries}
    previews = {}
    for entry_id in dict.fromkeys(ids):
        if entry_id not in by_id:
            continue
        previews[entry_id] = {
            "term": by_id[entry_id].term,
            "expansion": by_id[entry_id].expansion,
            "english": by_id[entry_id].english,
            "definition": definitions.get(entry_id, ""),
            "url": f"{glossary_url}#{entry_id}",
        }
        if definitions_en and entry_id in definitions_en:
            previews[entry_id]["definition_en"] = definitions_en[entry_id]
    return previews


def event_previews(events, vocab: dict, src_uri: str, url: Callable[[str], str]) -> list[dict]:
    """The events attested on one page, in time order, with the quoted words and where they are."""
    found = []
    for event in events:
        for source in event.sources:
            if source.page == src_uri:
                found.append(
                    {
                        "id": event.id,
                        "date": event.date,
                        "title": event.title["ru"],
                        "title_en": event.title["en"],
                        "paragraph": source.paragraph,
                        "quote": source.quote,
                        "url": url(event.anchor),
                        "kind": vocab["kinds"].get(event.kind, {}).get("ru", event.kind),
                    }
                )
    return found


# --- citations: one pattern per kind of block, filled per block (docs/assets/reader.js) ----------

SLOT = re.compile(r"⟦(\w+)⟧")
EVENT_SECTION = ("Хронология 1992–2022", "timeline 1992–2022")
GLOSSARY_SECTION = ("Глоссарий", "glossary")
EDITORIAL_SECTION = ("Примечания редакции", "editorial notes")


def cite_patterns(meta: dict, formatted) -> dict[str, dict[str, str]]:
    """The GOST and APA citations (reference entry and in-text) of each kind of block, with slots
    ⟦n⟧, ⟦title⟧, ⟦item⟧, ⟦item_en⟧, ⟦date⟧, ⟦title_en⟧, ⟦url⟧, ⟦accessed⟧ (the reader's date)
    and, for a reference of the bibliography, ⟦text⟧: the page carries each pattern once, not one
    citation per block."""
    apparatus = ("⟦item⟧", "⟦item_en⟧")
    return {
        "paragraph": cite.paragraph_citation(meta, formatted, "⟦n⟧", "⟦url⟧"),
        "section": cite.section_citation(meta, formatted, "⟦title⟧", "⟦url⟧"),
        "note": cite.note_citation(meta, formatted, "⟦n⟧", "⟦url⟧"),
        "abstract": cite.abstract_citation(meta, formatted, "⟦url⟧"),
        "entry": cite.apparatus_citation(meta, *apparatus, *GLOSSARY_SECTION, "⟦url⟧"),
        # an event's item from its date and titles (the page carries each event's values once)
        "event": cite.apparatus_citation(
            meta, "⟦date⟧: ⟦title⟧ [событие хронологии]", "⟦title_en⟧ [Timeline event, ⟦date⟧]", *EVENT_SECTION, "⟦url⟧"
        ),
        "enote": cite.apparatus_citation(meta, *apparatus, *EDITORIAL_SECTION, "⟦url⟧"),
        # a reference as the article's list gives it, its DOI and URL as text
        "reference": {"gost": "⟦text⟧"},
    }


def fill(pattern: str, values: dict) -> str:
    """A pattern with its slots filled (as reader.js fills them)."""
    return SLOT.sub(lambda m: str(values[m.group(1)]), pattern)
