"""The edition as one immutable object: every source read and checked once per build.

`load` reads, in this order, docs/data/article.yml, vocabularies.yml and events.yml,
bibliography.bib, anchors.yml (and the last commit's copy of it), the pages (their structure and
ids), then checks them against one another: citation keys, the glossary's entries and where they
occur, the events' attestations, the editorial notes and sources. It fails once, listing every
problem as `file:line: entry [field]: what is wrong; how to fix`: first the problems each file has
on its own (a file that cannot be read cannot be cross-checked), then every cross-check.

What it returns is all the build needs to know about the edition's content; the pipeline
(hooks/pipeline.py) hands it to every step. Nothing here keeps state between builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from pybtex.database import BibliographyData

from . import (
    article,
    attribution,
    bibfile,
    datafile,
    editorial,
    glossary,
    hosting,
    markers,
    pages,
    references,
    registry,
    structure,
)
from . import timeline as tl
from . import translation as tr
from .corpus import Corpus, Paragraph, scan_page
from .problems import Problem, fail_if_any

WHAT = "the edition's sources"


@dataclass(frozen=True)
class Edition:
    """Everything the edition's sources say, checked."""

    root: Path
    meta: dict  # docs/data/article.yml
    release: dict  # the edition's version and release date, as printed
    bibliography: BibliographyData  # decoded: Unicode, no LaTeX
    bib_text: str  # bibliography.bib as written (its export)
    vocab: dict  # docs/data/vocabularies.yml
    events: tuple[tl.Event, ...]  # in time order
    corpus: Corpus  # every page's addressable blocks
    entries: tuple[glossary.Entry, ...]  # docs/glossary.md
    definitions: MappingProxyType  # entry id -> the plain text of its definition
    definitions_en: MappingProxyType  # entry id -> the plain text of its English (with the translation)
    occurrences: MappingProxyType  # entry id -> the paragraphs where the term occurs
    term_events: MappingProxyType  # entry id -> the events that name it, in time order
    editorial: dict  # docs/data/editorial.yml
    registry: dict  # anchors.yml
    registry_lines: MappingProxyType  # (page,) and (page, anchor) -> their line in anchors.yml
    translation: tuple[tr.Pair, ...] = ()  # docs/data/translation.yml, in text order; () when left out

    @property
    def numbers(self) -> dict[str, int]:
        """key -> the article's reference number."""
        return references.reference_numbers(self.bibliography)

    @property
    def bib_latex(self) -> str:
        """The .bib as pandoc reads it."""
        return bibfile.as_latex(self.bibliography)


def load(root: Path, docs_dir: Path, files, known_markers, translation: bool = True) -> Edition:
    """Read and check every source (``files``: MkDocs' files of the build; ``known_markers``: the
    markers a page may hold; ``translation``: whether the English translation is part of the
    build); fail once listing every problem (see the module's doc)."""
    root, docs_dir = Path(root), Path(docs_dir)
    sources, problems = read_pages(files)
    article_file = f"docs/{article.ARTICLE_FILE}"
    meta, meta_problems = article.article_problems(docs_dir / article.ARTICLE_FILE, article_file)
    problems += meta_problems
    if not meta_problems:
        problems += hosting.release_problems(meta, article_file)
    vocab_doc = datafile.read(docs_dir / tl.VOCABULARIES_FILE, f"docs/{tl.VOCABULARIES_FILE}", "vocabularies")
    events_doc = datafile.read(docs_dir / tl.EVENTS_FILE, f"docs/{tl.EVENTS_FILE}", "events", tl.events_where)
    editorial_doc = datafile.read(
        docs_dir / editorial.EDITORIAL_FILE, f"docs/{editorial.EDITORIAL_FILE}", "editorial", editorial.label
    )
    problems += vocab_doc.problems + events_doc.problems + editorial_doc.problems
    translation_doc = (
        datafile.read(docs_dir / tr.TRANSLATION_FILE, tr.FILE, "translation", tr.label) if translation else None
    )
    if translation_doc is not None:
        problems += translation_doc.problems
    bib_text = (root / bibfile.BIB_FILE).read_text(encoding="utf-8") if (root / bibfile.BIB_FILE).is_file() else ""
    bibliography, bib_problems = (
        bibfile.checked(bibfile.BIB_FILE, bib_text)
        if bib_text
        else bibfile.bibliography_problems(root / bibfile.BIB_FILE)
    )
    problems += bib_problems
    anchors, anchor_problems, anchor_lines = registry.read_registry_with_lines(root / registry.REGISTRY)
    problems += anchor_problems
    for src_uri, text in sources.items():
        problems += structure.page_problems(src_uri, text, src_uri == pages.ARTICLE)
        problems += structure.heading_id_problems(src_uri, text)
        problems += structure.reserved_id_problems(src_uri, text)
        problems += structure.front_matter_problems(src_uri, text)
        problems += structure.raw_html_problems(src_uri, text)
        problems += markers.unknown_marker_problems(src_uri, text, known_markers)
    fail_if_any(problems, WHAT)

    corpus = Corpus(
        pages={src_uri: scan_page(src_uri, text) for src_uri, text in sources.items()}, sources=dict(sources)
    )
    glossary_md = sources.get(pages.GLOSSARY, "")
    entries = glossary.parse_glossary(glossary_md)
    definitions = editorial.glossary_definitions(glossary_md)
    raws = events_doc.data.get("events") or []
    occurrences = find_occurrences(entries, corpus)
    term_events = events_naming_terms(raws)
    problems = registry.dropped_problems(root, anchors)
    for src_uri, text in sources.items():
        problems += references.unknown_key_problems(
            references.cited_keys(text), bibliography.entries, f"docs/{src_uri}", text
        )
    problems += glossary_problems(entries, corpus, occurrences, term_events)
    events, event_problems = tl.check_events(
        raws,
        f"docs/{tl.EVENTS_FILE}",
        vocab_doc.data,
        corpus,
        {e.id for e in entries},
        set(bibliography.entries),
        events_doc,
    )
    problems += event_problems
    editorial_data, editorial_problems = editorial.check(editorial_doc, corpus)
    problems += editorial_problems
    pairs: tuple[tr.Pair, ...] = ()
    if translation_doc is not None:
        pairs, translation_problems = tr.check(translation_doc, corpus, entries)
        problems += translation_problems
    if not editorial_problems:
        problems += editorial.definition_problems(definitions, corpus, editorial_data, f"docs/{pages.GLOSSARY}")
        problems += editorial.place_problems(
            raws, corpus, events_doc.file, lambda index: events_doc.line(("events", index, "place"))
        )
        problems += editorial.title_problems(
            raws, events_doc.file, lambda index, lang: events_doc.line(("events", index, "title", lang))
        )
        problems += attribution_problems(root, sources, meta, definitions, editorial_data, vocab_doc, events_doc)
        if translation_doc is not None:  # the glossary's English, with the translation
            problems += tr.definition_problems(definitions, pairs, corpus, f"docs/{pages.GLOSSARY}")
            english = [d.in_english() for d in definitions if d.english]
            problems += attribution.definition_problems(english, editorial_data, f"docs/{pages.GLOSSARY}", "English")
    fail_if_any(problems, WHAT)
    return Edition(
        root=root,
        meta=meta,
        release=hosting.release(meta),
        bibliography=bibliography,
        bib_text=bib_text,
        vocab=vocab_doc.data,
        events=tuple(events),
        corpus=corpus,
        entries=tuple(entries),
        definitions=MappingProxyType({d.id: glossary.plain(d.markdown) for d in definitions}),
        definitions_en=MappingProxyType(
            {d.id: glossary.plain(d.english) for d in definitions if d.english and translation_doc is not None}
        ),
        occurrences=MappingProxyType(occurrences),
        term_events=MappingProxyType(term_events),
        editorial=editorial_data,
        registry=anchors,
        registry_lines=MappingProxyType(anchor_lines),
        translation=pairs,
    )


# --- the pages ---------------------------------------------------------------------------------------


def read_pages(files) -> tuple[dict[str, str], list[Problem]]:
    """src_uri -> Markdown of every page of the build (MkDocs' files), each read once; a page that
    cannot be read (not UTF-8, a link to nothing) is a problem, not a traceback."""
    sources, problems = {}, []
    for file in files.documentation_pages():
        where = f"docs/{file.src_uri}"
        try:
            text = file.content_string
        except UnicodeDecodeError as error:
            problems.append(Problem(where, "file", "", f"not UTF-8 ({error.reason}); save it as UTF-8", line=1))
            continue
        except OSError as error:
            problems.append(
                Problem(where, "file", "", f"cannot be read ({error.strerror}); restore it or remove it", line=1)
            )
            continue
        found = datafile.INVISIBLE.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            problems.append(Problem(where, "text", "", datafile.invisible_message(found.group(0)), line=line))
        sources[file.src_uri] = text
    return sources, problems


# --- whose is a statement (edition.attribution) ---------------------------------------------------


def attribution_problems(
    root: Path, sources: dict[str, str], meta: dict, definitions, editorial_data: dict, vocab_doc, events_doc
) -> list[Problem]:
    """The edition's statements say when they repeat the article's; kinds and rows mean what their
    definitions say; the rights texts name only what exists (a page's text from ``sources``, the
    other rights files read here, once)."""
    raws = events_doc.data.get("events") or []
    fields = {name for raw in raws if isinstance(raw, dict) for name in raw}
    texts = {}
    for name in attribution.RIGHTS_FILES:
        page = name.removeprefix("docs/")
        if page in sources:
            texts[name] = sources[page]
        elif (root / name).exists():
            texts[name] = (root / name).read_text(encoding="utf-8")
    return (
        attribution.definition_problems(definitions, editorial_data, f"docs/{pages.GLOSSARY}")
        + attribution.vocabulary_problems(vocab_doc.data, vocab_doc.file, vocab_doc.line)
        + attribution.event_problems(
            raws, vocab_doc.data, events_doc.file, lambda i, path: events_doc.line(("events", i, *path))
        )
        + attribution.rights_problems(texts, meta, fields)
    )


# --- the glossary against the text and the events ------------------------------------------------


def text_paragraphs(corpus: Corpus):
    for src_uri in pages.TEXT:
        for paragraph in corpus.pages.get(src_uri, []):
            if not paragraph.is_heading:
                yield paragraph


def find_occurrences(entries, corpus: Corpus) -> dict[str, list[Paragraph]]:
    """entry id -> the paragraphs where the term occurs, in site order."""
    found: dict[str, list[Paragraph]] = {}
    for paragraph in text_paragraphs(corpus):
        for match in glossary.first_per_entry(glossary.find_terms(paragraph.text, entries)):
            found.setdefault(match.entry_id, []).append(paragraph)
    return found


def events_naming_terms(raws: list) -> dict[str, list[dict]]:
    """term id -> events (as written) that name it, in time order."""
    named: dict[str, list[dict]] = {}
    for raw in sorted(raws, key=lambda r: str(r.get("date", "")).ljust(10, "~")):
        for term in raw.get("terms") or []:
            named.setdefault(term, []).append(raw)
    return named


def glossary_problems(entries, corpus: Corpus, occurrences: dict, term_events: dict) -> list[Problem]:
    """The entries' own problems, abbreviations of the text that no entry explains, and entries
    that nothing references."""
    file = f"docs/{pages.GLOSSARY}"
    problems = glossary.glossary_problems(entries, file)
    problems += [
        # a heading set wholly in capitals, as the journal sets ВВЕДЕНИЕ, has no abbreviations to tell apart
        Problem(
            f"docs/{paragraph.src_uri}:{paragraph.line}",
            f"#{paragraph.anchor}",
            "",
            f"abbreviation '{word}' has no glossary entry; add one to {file}",
        )
        for src_uri in pages.TEXT
        for paragraph in corpus.pages.get(src_uri, [])
        if not (paragraph.is_heading and paragraph.text == paragraph.text.upper())
        for word in glossary.uncovered_abbreviations(paragraph.text, entries)
    ]
    problems += [
        Problem(
            file,
            f"entry '{e.term}'",
            "",
            "nothing references this entry: it occurs in no paragraph of "
            + " or ".join(pages.TEXT)
            + " and no event names it; remove it or add forms",
            line=e.line,
        )
        for e in entries
        if not occurrences.get(e.id) and not term_events.get(e.id)
    ]
    return problems
