"""The edition's English translation (docs/data/translation.yml), aligned with the Russian text
sentence by sentence, and checked against it.

The stored Russian sentences are the alignment's boundaries: the sentences of a paragraph, joined
by one space, give the paragraph's text (its words without note markers and citations, as
`corpus.Paragraph.text` reads them). `check` fails a pair whose Russian no longer matches (naming
the pairs to update), a paragraph or a remainder of one without a pair, an id that names no
paragraph, a number or year of the Russian missing from the English (or the other way round), and
a glossary term of the Russian whose English form the English lacks. Pure functions: the model
(edition/model.py) reads the file and hands over the corpus and the glossary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import glossary, pages
from .corpus import Corpus, Paragraph, normalize
from .editorial import LINK, english_quotes
from .problems import Problem

TRANSLATION_FILE = "data/translation.yml"
FILE = f"docs/{TRANSLATION_FILE}"
PAIR_ID = re.compile(r"^(?P<block>p\d+|note-\d+)-s(?P<n>\d+)$")
NUMBER = re.compile(r"\d+")
TRAILING_QUALIFIER = re.compile(r"\s*\([^()]*\)$")  # "Supreme Soviet (of the Russian Federation)"
LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Pair:
    """One Russian sentence and its English, with the anchor of the block it belongs to."""

    id: str
    ru: str
    en: str
    block: str  # "p5" or "fn:note-1": the block's id in docs/article.md
    line: int  # the pair's line in docs/data/translation.yml


def by_block(pairs: tuple[Pair, ...]) -> dict[str, list[Pair]]:
    """The pairs of each block (`p5`, `fn:note-1`), in text order."""
    blocks: dict[str, list[Pair]] = {}
    for pair in pairs:
        blocks.setdefault(pair.block, []).append(pair)
    return blocks


def block_anchor(pair_id: str) -> str:
    """`p5-s3` -> `p5`; `note-1-s2` -> `fn:note-1` (Python-Markdown's id of the note)."""
    block = PAIR_ID.match(pair_id).group("block")
    return f"fn:{block}" if block.startswith("note-") else block


def block_label(anchor: str) -> str:
    """How a message names a block: "¶5", "note 1"."""
    return f"note {anchor.removeprefix('fn:note-')}" if anchor.startswith("fn:") else f"¶{anchor[1:]}"


def id_prefix(anchor: str) -> str:
    return anchor.removeprefix("fn:")


def label(data: object, path: tuple) -> tuple[str, tuple]:
    """Problems labelled by pair: ('pairs', 2, 'en') -> ("pair 'p2-s3'", ('en',))."""
    if len(path) >= 2 and path[0] == "pairs" and isinstance(path[1], int) and isinstance(data, dict):
        items = data.get("pairs")
        item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
        name = item.get("id") if isinstance(item, dict) else None
        shown = f"'{name}'" if isinstance(name, str) and name else f"#{path[1] + 1}"
        return f"pair {shown}", path[2:]
    return "file", path


def aligned_blocks(corpus: Corpus) -> list[Paragraph]:
    """The blocks of the article that the translation covers, in text order: the publisher's
    numbered paragraphs and headings (`pN`) and the authors' notes (`fn:note-N`)."""
    return [
        p
        for p in corpus.pages.get(pages.ARTICLE, [])
        if re.fullmatch(r"p\d+", p.anchor) or re.fullmatch(r"fn:note-\d+", p.anchor)
    ]


def english_forms(entry: glossary.Entry) -> list[str]:
    """The forms in which an entry's English may appear: its English name (also without a
    trailing qualifier in parentheses), its English abbreviation, its forms in Latin script."""
    name = entry.english_name
    forms = [name, TRAILING_QUALIFIER.sub("", name), entry.english_abbreviation]
    forms += [f for f in entry.forms if LATIN.search(f)]
    return [f for f in dict.fromkeys(forms) if f]


def check(doc, corpus: Corpus, entries: list[glossary.Entry]) -> tuple[tuple[Pair, ...], list[Problem]]:
    """The pairs of ``doc`` (docs/data/translation.yml, read against its schema) in text order,
    and every problem of the alignment."""
    raws = (doc.data or {}).get("pairs") or []
    file = doc.file
    problems: list[Problem] = []
    blocks = aligned_blocks(corpus)
    known = {b.anchor: b for b in blocks}
    seen: dict[str, int] = {}
    valid: list[Pair] = []
    for index, raw in enumerate(raws):
        line = doc.line(("pairs", index, "id"))
        pair = Pair(raw["id"], normalize(raw["ru"]), normalize(raw["en"]), block_anchor(raw["id"]), line)
        where = f"pair '{pair.id}'"
        if pair.id in seen:
            problems.append(
                Problem(
                    file,
                    where,
                    "id",
                    f"duplicate id (first on line {seen[pair.id]}); give each sentence its own id",
                    line=line,
                )
            )
            continue
        seen[pair.id] = line
        if pair.block not in known:
            problems.append(
                Problem(
                    file,
                    where,
                    "id",
                    f"orphaned: docs/{pages.ARTICLE} has no {block_label(pair.block)} (#{pair.block}); "
                    "correct the id or remove the pair",
                    line=line,
                )
            )
            continue
        valid.append(pair)
    grouped = by_block(tuple(valid))
    ordered: list[Pair] = []
    for block in blocks:
        pairs = grouped.get(block.anchor, [])
        if not pairs:
            problems.append(
                Problem(
                    f"docs/{pages.ARTICLE}",
                    f"#{block.anchor}",
                    "",
                    f"{block_label(block.anchor)} has no English counterpart; add its sentences to {file} "
                    f"as pairs {id_prefix(block.anchor)}-s1, {id_prefix(block.anchor)}-s2, …",
                    line=block.line,
                )
            )
            continue
        problems += numbering_problems(pairs, file)
        problems += boundary_problems(block, pairs, file, doc)
        ordered += pairs
    index_of = {raw["id"]: index for index, raw in reversed(list(enumerate(raws)))}
    for pair in ordered:
        en_line = doc.line(("pairs", index_of[pair.id], "en"))
        problems += number_problems(pair, file, en_line)
        problems += term_problems(pair, entries, file, en_line)
    return tuple(ordered), sorted(problems, key=lambda p: (p.file, p.line or 0))


def numbering_problems(pairs: list[Pair], file: str) -> list[Problem]:
    """A block's pairs are its sentences s1, s2, … in the file's order."""
    problems = []
    for expected, pair in enumerate(pairs, start=1):
        number = int(PAIR_ID.match(pair.id).group("n"))
        if number != expected:
            wanted = f"{id_prefix(pair.block)}-s{expected}"
            problems.append(
                Problem(
                    file,
                    f"pair '{pair.id}'",
                    "id",
                    f"is sentence {expected} of {block_label(pair.block)} in this file; "
                    f"number a paragraph's sentences s1, s2, … in text order ('{wanted}')",
                    line=pair.line,
                )
            )
    return problems


def boundary_problems(block: Paragraph, pairs: list[Pair], file: str, doc) -> list[Problem]:
    """The pairs' Russian sentences, in order, give exactly the block's text; where they do not,
    the pair to update is named with what the text now reads."""
    text = block.text
    where_text = f"docs/{pages.ARTICLE}:{block.line}"
    name = block_label(block.anchor)
    problems: list[Problem] = []
    cursor = 0
    index = 0
    while index < len(pairs):
        pair = pairs[index]
        while cursor < len(text) and text[cursor] == " ":
            cursor += 1
        if text.startswith(pair.ru, cursor) and ends_at_boundary(text, cursor + len(pair.ru)):
            cursor += len(pair.ru)
            index += 1
            continue
        found = text.find(pair.ru, cursor)
        if found > cursor and ends_at_boundary(text, found + len(pair.ru)):
            gap = text[cursor:found].strip()
            before = f"after '{pairs[index - 1].id}'" if index else f"at the start of {name}"
            fix = f"add them to '{pairs[index - 1].id}' (ru and en)" if index else "add them to this pair (ru and en)"
            problems.append(
                Problem(
                    file,
                    f"pair '{pair.id}'",
                    "ru",
                    f"the words «{gap}» {before} ({where_text}) belong to no pair; {fix}",
                    line=pair.line,
                )
            )
            cursor = found + len(pair.ru)
            index += 1
            continue
        # this sentence no longer matches: resynchronise at the next pair still found in the text
        following = next(
            ((j, position) for j in range(index + 1, len(pairs)) if (position := text.find(pairs[j].ru, cursor)) >= 0),
            (len(pairs), len(text)),
        )
        j, position = following
        segment = text[cursor:position].strip()
        until = f"before '{pairs[j].id}'" if j < len(pairs) else f"to the end of {name}"
        lost = [p.id for p in pairs[index:j]]
        update = (
            "copy it into this pair's ru and revise its en"
            if len(lost) == 1
            else "divide it among the pairs " + ", ".join(f"'{i}'" for i in lost) + " (ru and en)"
        )
        for pair in pairs[index:j]:
            problems.append(
                Problem(
                    file,
                    f"pair '{pair.id}'",
                    "ru",
                    f"no longer matches the text of {name} ({where_text}), which now reads, {until}, "
                    f"«{segment}»; {update}",
                    line=pair.line,
                )
            )
        cursor, index = position, j
    rest = text[cursor:].strip()
    if rest:
        last = pairs[-1]
        problems.append(
            Problem(
                file,
                f"pair '{last.id}'",
                "ru",
                f"{name} ({where_text}) goes on after this pair: «{rest}» has no English counterpart; add a pair "
                f"'{id_prefix(block.anchor)}-s{len(pairs) + 1}' after this one",
                line=last.line,
            )
        )
    return problems


def ends_at_boundary(text: str, end: int) -> bool:
    """A sentence ends at the end of the text or before a space."""
    return end >= len(text) or text[end] == " "


def number_differences(russian: str, english: str) -> list[str]:
    """What is wrong with the numbers of an English text against its Russian: each number of the
    Russian must be in the English, and the English has no other."""
    ru, en = NUMBER.findall(russian), NUMBER.findall(english)
    return [
        f"the Russian has {n}, the English does not; write it in figures as the Russian does"
        for n in dict.fromkeys(ru)
        if n not in en
    ] + [f"the English has {n}, the Russian does not; correct or remove it" for n in dict.fromkeys(en) if n not in ru]


def number_problems(pair: Pair, file: str, line: int) -> list[Problem]:
    """Every number of the Russian sentence is in the English, and the English has no other."""
    messages = number_differences(pair.ru, pair.en)
    return [Problem(file, f"pair '{pair.id}'", "en", message, line=line) for message in messages]


def term_problems(pair: Pair, entries: list[glossary.Entry], file: str, line: int) -> list[Problem]:
    """Each glossary term of the Russian sentence appears in the English in its glossary form."""
    problems = []
    by_id = {e.id: e for e in entries}
    for match in glossary.first_per_entry(glossary.find_terms(pair.ru, entries)):
        entry = by_id[match.entry_id]
        forms = english_forms(entry)
        if not any(glossary.form_pattern(form).search(pair.en) for form in forms):
            problems.append(
                Problem(
                    file,
                    f"pair '{pair.id}'",
                    "en",
                    f"the Russian names «{pair.ru[match.start : match.end]}» (glossary entry '{entry.term}', "
                    f"docs/{pages.GLOSSARY}:{entry.line}); give it in its English form: "
                    + " or ".join(f"'{f}'" for f in forms),
                    line=line,
                )
            )
    return problems


def records(pairs: tuple[Pair, ...]) -> list[dict]:
    """The alignment as the export gives it: {"id", "ru", "en"} in text order."""
    return [{"id": p.id, "ru": p.ru, "en": p.en} for p in pairs]


# --- the glossary's English definitions ------------------------------------------------------------


def definition_problems(
    definitions: list, pairs: tuple[Pair, ...], corpus: Corpus, file: str = f"docs/{pages.GLOSSARY}"
) -> list[Problem]:
    """Each glossary definition (``editorial.Definition``) has its English: the same links in the
    same order, the same numbers, and the quotation “…” of the article right before a link to
    its paragraph or note taken from the edition's English of that block (of the abstract, from
    the abstract's text)."""
    english_of = {block: " ".join(p.en for p in block_pairs) for block, block_pairs in by_block(pairs).items()}
    abstract = corpus.paragraph(pages.ABSTRACT, "abstract")
    if abstract is not None:
        english_of[f"{pages.ABSTRACT}#abstract"] = abstract.text
    problems = []
    for definition in definitions:
        where = f"entry '{definition.term}'"
        if not definition.english:
            problems.append(
                Problem(
                    file,
                    where,
                    "English",
                    "has no English; add it as the definition's last paragraph, ending with a line "
                    '`{: lang="en" }` (the translation is built: mkdocs.yml extra.translation)',
                    line=definition.line,
                )
            )
            continue

        def problem(message: str, definition=definition, where=where) -> Problem:
            return Problem(file, where, "English", message, line=definition.english_line)

        ru_links = [m.group("target") for m in LINK.finditer(definition.markdown)]
        en_links = [m.group("target") for m in LINK.finditer(definition.english)]
        if ru_links != en_links:
            problems.append(
                problem(
                    f"links {', '.join(en_links) or 'nothing'}, the Russian links {', '.join(ru_links) or 'nothing'}; "
                    "give the English the Russian's links, in the same order"
                )
            )
        problems += [
            problem(message)
            for message in number_differences(
                LINK.sub(lambda m: m.group("text"), definition.markdown),
                LINK.sub(lambda m: m.group("text"), definition.english),
            )
        ]
        previous = 0
        for link in LINK.finditer(definition.english):
            page, _, anchor = link.group("target").partition("#")
            block = anchor if page == pages.ARTICLE else f"{page}#{anchor}"
            words, previous = definition.english[previous : link.start()], link.end()
            if block not in english_of:
                continue
            for quote in english_quotes(words)[-1:]:  # the quotation right before the link
                if normalize(quote) not in english_of[block]:
                    problems.append(
                        problem(
                            f"quotes “{quote}”, which is not in the edition's English of "
                            f"{link.group('target')}; quote its words exactly "
                            f"({FILE if page == pages.ARTICLE else 'docs/' + pages.ABSTRACT})"
                        )
                    )
    return problems


def quote_english(quote: str, block: str, pairs: tuple[Pair, ...]) -> str:
    """The edition's English of the sentences of ``block`` (`p5`) that a quotation of its Russian
    words touches ("" if the block is not aligned or the quotation is not in its words)."""
    text, spans = "", []
    for pair in by_block(pairs).get(block, []):
        start = len(text) + 1 if text else 0
        text = f"{text} {pair.ru}" if text else pair.ru
        spans.append((start, len(text), pair.en))
    at = text.find(normalize(quote)) if quote else -1
    if at < 0:
        return ""
    end = at + len(normalize(quote))
    return " ".join(en for start, stop, en in spans if start < end and stop > at)
