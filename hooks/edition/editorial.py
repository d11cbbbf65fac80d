"""The edition's own statements and their sources (docs/data/editorial.yml).

- ``load``: read the editorial bibliography, notes and normalisations, checked against
  ``schemas/editorial.json`` and then against the text (a note's quote must be in its paragraph);
- ``definition_problems``: the rule for the glossary: a definition that states a year or a date
  links the paragraph that says it or cites an editorial source that covers it;
- ``place_problems``: an event's place must be named in a paragraph that attests the event;
- ``source_citation``: how an editorial source is written out (title, place, date; no URL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import datafile, pages, typography
from .corpus import Corpus, normalize
from .glossary import ENTRY
from .problems import Problem

EDITORIAL_FILE = "data/editorial.yml"
SOURCE_PREFIX = "ed-"
NOTE_PREFIX = "ed-note-"

YEAR = re.compile(r"(?<![\d.-])(1[0-9]{3}|20[0-9]{2})(?![\d])")
MONTH = re.compile(
    r"(?<![а-яё])(?:(?:январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]{0,2}|ма[йяе])"
    r"(?![а-яё])",
    re.IGNORECASE,
)
LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")
QUOTE = re.compile(r"«([^«»]+)»")


def english_quotes(text: str) -> list[str]:
    """The outermost quotations “…” of ``text``; a quotation may hold quotations (“… “Soviet” …”)."""
    found, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "“":
            depth += 1
            if depth == 1:
                start = index + 1
        elif char == "”" and depth:
            depth -= 1
            if depth == 0:
                found.append(text[start:index])
    return found


ENGLISH_MARK = re.compile(r"\{:\s*lang=\"en\"\s*\}")  # attr_list: the paragraph is the definition's English


@dataclass(frozen=True)
class Definition:
    """One glossary definition as written: its entry, the line it starts on, its Markdown; and its
    English (the last paragraph, marked `{: lang="en" }`) with the line that starts on, if any."""

    id: str
    term: str
    line: int
    markdown: str
    english: str = ""
    english_line: int = 0

    def in_english(self) -> Definition:
        """The definition's English as a definition of its own (its line, its Markdown)."""
        return Definition(self.id, self.term, self.english_line, self.english)


def label(data: object, path: tuple) -> tuple[str, tuple]:
    """Problems labelled by entry: ('sources', 2, 'date') -> ("sources entry 'x'", ('date',))."""
    if len(path) >= 2 and isinstance(path[1], int) and isinstance(data, dict):
        items = data.get(path[0])
        item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
        name = item.get("id") if isinstance(item, dict) else None
        shown = f"'{name}'" if isinstance(name, str) and name else f"#{path[1] + 1}"
        return f"{path[0]} entry {shown}", path[2:]
    return "file", path


def check(doc: datafile.Document, corpus: Corpus) -> tuple[dict, list[Problem]]:
    """The editorial data as read (``doc``: docs/data/editorial.yml) and every problem in it
    (schema, then the checks against the text)."""
    file = doc.file
    if doc.problems:
        return {"sources": [], "notes": [], "normalisations": []}, doc.problems
    data = doc.data
    problems = []
    for kind in ("sources", "notes", "normalisations"):
        seen: set[str] = set()
        for index, item in enumerate(data[kind]):
            if item["id"] in seen:
                problems.append(
                    Problem(
                        file,
                        f"{kind} entry '{item['id']}'",
                        "id",
                        f"duplicate id '{item['id']}'; give each entry its own id",
                        line=doc.line((kind, index, "id")),
                    )
                )
            seen.add(item["id"])
    for index, source in enumerate(data["sources"]):
        where = f"sources entry '{source['id']}'"
        if source["type"] == "document" and ("date" not in source or "work" in source):
            problems.append(
                Problem(
                    file,
                    where,
                    "type",
                    "a document gives its own date (and no 'work'); a reference work is type: reference",
                    line=doc.line(("sources", index)),
                )
            )
        if source["type"] == "reference" and ("work" not in source or "date" in source or "place" in source):
            problems.append(
                Problem(
                    file,
                    where,
                    "type",
                    "a reference gives 'work' and 'title' (no place or date); a treaty or a law is type: document",
                    line=doc.line(("sources", index)),
                )
            )
    known = {s["id"] for s in data["sources"]}
    for index, note in enumerate(data["notes"]):
        where = f"notes entry '{note['id']}'"
        for position, source_id in enumerate(note["sources"]):
            if source_id not in known:
                problems.append(
                    Problem(
                        file,
                        where,
                        f"sources[{position + 1}]",
                        f"unknown source '{source_id}'; add it under `sources` or fix the id",
                        line=doc.line(("notes", index, "sources", position)),
                    )
                )
        problems += quote_problems(note, corpus, file, where, doc.line(("notes", index, "quote")))
        problems += year_problems(
            note["text"],
            [],
            [s for s in data["sources"] if s["id"] in note["sources"]],
            file,
            where,
            "text",
            doc.line(("notes", index, "text")),
        )
    return data, problems


def quote_problems(note: dict, corpus: Corpus, file: str, where: str, line: int) -> list[Problem]:
    paragraph = corpus.paragraph(note["page"], note["paragraph"])
    if paragraph is None:
        return [
            Problem(
                file,
                where,
                "paragraph",
                f"no paragraph '{note['paragraph']}' on {note['page']}; use an anchor such as p5",
                line=line,
            )
        ]
    if normalize(note["quote"]) not in normalize(paragraph.text):
        return [
            Problem(
                file,
                where,
                "quote",
                f"quote not found in {note['page']}#{note['paragraph']}: "
                f"'{note['quote']}'; copy the words exactly from that paragraph",
                line=line,
            )
        ]
    return []


# --- the glossary's definitions ----------------------------------------------------------------


def glossary_definitions(markdown: str) -> list[Definition]:
    """Each entry's definition (the indented lines after its facts line), with its first line; a
    paragraph ending with `{: lang="en" }` is the definition's English, kept apart."""
    found = []
    matches = list(ENTRY.finditer(markdown))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(markdown)
        start_line = markdown.count("\n", 0, match.end()) + 2
        paragraphs: list[tuple[int, list[str]]] = []  # (first line, lines)
        for offset, line in enumerate(markdown[match.end() : end].split("\n")[1:]):
            if line.strip() and not line.startswith(("    ", "\t")):
                break
            if not line.strip():
                paragraphs.append((0, []))
            elif not paragraphs or not paragraphs[-1][1]:
                paragraphs.append((start_line + offset, [line.strip()]))
            else:
                paragraphs[-1][1].append(line.strip())
        paragraphs = [(first, lines) for first, lines in paragraphs if lines]
        russian = [(first, lines) for first, lines in paragraphs if not ENGLISH_MARK.fullmatch(lines[-1])]
        english = [(first, lines[:-1]) for first, lines in paragraphs if ENGLISH_MARK.fullmatch(lines[-1])]
        found.append(
            Definition(
                match.group("id"),
                match.group("term").strip(),
                russian[0][0] if russian else start_line,
                normalize(" ".join(" ".join(lines) for _first, lines in russian)),
                normalize(" ".join(" ".join(lines) for _first, lines in english)),
                english[0][0] if english else 0,
            )
        )
    return found


def stated_dates(text: str) -> list[str]:
    """The years (and month names without a year) a text states, in order."""
    plain = LINK.sub(lambda m: m.group("text"), text)
    years = YEAR.findall(plain)
    months = [m for m in MONTH.findall(plain) if not years]
    return list(dict.fromkeys(years + months))


def covers(source: dict, year: str) -> bool:
    """A document covers the year of its own date and title; a reference work its article's facts."""
    if source["type"] == "reference":
        return True
    return year in source.get("date", "") or year in source.get("title", "")


def year_problems(
    text: str, paragraphs: list, sources: list[dict], file: str, where: str, field: str, line: int
) -> list[Problem]:
    """Each year the text states must be in a linked paragraph or covered by a cited source."""
    problems = []
    for stated in stated_dates(text):
        in_text = any(stated.lower() in p.text.lower() for p in paragraphs)
        if in_text or any(covers(s, stated) for s in sources):
            continue
        problems.append(
            Problem(
                file,
                where,
                field,
                f"states '{stated}' but neither a paragraph it links says so nor an editorial source it cites "
                "covers it; link the paragraph ([абз. 5](article.md#p5)), cite a source of "
                f"docs/{EDITORIAL_FILE} ([…](#{SOURCE_PREFIX}<id>)), or drop the date",
                line=line,
            )
        )
    return problems


def definition_problems(
    definitions: list[Definition], corpus: Corpus, data: dict, file: str = "docs/glossary.md"
) -> list[Problem]:
    """Every problem of the glossary's definitions: links to paragraphs or sources that do not
    exist, quotes («…») that are not in the paragraph linked after them, and dates without a source."""
    sources = {s["id"]: s for s in data["sources"]}
    notes = {n["id"] for n in data["notes"]}
    problems = []
    for definition in definitions:
        where = f"entry '{definition.term}'"
        paragraphs, cited = [], []
        previous = 0
        for link in LINK.finditer(definition.markdown):
            target = link.group("target")
            page, _, anchor = target.partition("#")
            if page in (pages.ARTICLE, "") and anchor.startswith(NOTE_PREFIX):
                if anchor.removeprefix(NOTE_PREFIX) not in notes:
                    problems.append(
                        Problem(
                            file,
                            where,
                            "definition",
                            f"links {target}, but docs/{EDITORIAL_FILE} has no note with that id",
                            line=definition.line,
                        )
                    )
            elif page in pages.TEXT:
                paragraph = corpus.paragraph(page, anchor)
                if paragraph is None or paragraph.is_heading:
                    problems.append(
                        Problem(
                            file,
                            where,
                            "definition",
                            f"links {target}, which is not a paragraph of the text; "
                            "use an anchor such as article.md#p5",
                            line=definition.line,
                        )
                    )
                else:
                    paragraphs.append(paragraph)
                    for quote in QUOTE.findall(definition.markdown[previous : link.start()]):
                        if normalize(quote) not in normalize(paragraph.text):
                            problems.append(
                                Problem(
                                    file,
                                    where,
                                    "definition",
                                    f"quote «{quote}» is not in {target}; copy the words "
                                    "exactly, or drop the quotation marks",
                                    line=definition.line,
                                )
                            )
            elif not page and anchor.startswith(SOURCE_PREFIX):
                source = sources.get(anchor.removeprefix(SOURCE_PREFIX))
                if source is None:
                    problems.append(
                        Problem(
                            file,
                            where,
                            "definition",
                            f"cites #{anchor}, but docs/{EDITORIAL_FILE} has no source with that id",
                            line=definition.line,
                        )
                    )
                else:
                    cited.append(source)
            previous = link.end()
        problems += year_problems(definition.markdown, paragraphs, cited, file, where, "definition", definition.line)
    return problems


# --- events: places --------------------------------------------------------------------------------


def stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word[-1] in "аеиоуыюяь" else word


def place_problems(raws: list, corpus: Corpus, file: str, line=lambda index: None) -> list[Problem]:
    """An event's place (Russian) must be named in a paragraph that attests the event."""
    problems = []
    for index, raw in enumerate(raws):
        place = (raw.get("place") or {}).get("ru") if isinstance(raw, dict) else None
        if not place:
            continue
        texts = [corpus.paragraph(s.get("page"), str(s.get("paragraph"))) for s in raw.get("sources") or []]
        pattern = re.compile(re.escape(stem(place)) + r"[а-яё]*", re.IGNORECASE)
        if not any(p is not None and pattern.search(p.text) for p in texts):
            problems.append(
                Problem(
                    file,
                    f"event '{raw.get('id')}'",
                    "place.ru",
                    f"'{place}' is named in none of the event's paragraphs; a place comes "
                    "from the article, or is left out",
                    line=line(index),
                )
            )
    return problems


def title_problems(raws: list, file: str, line=lambda index, lang: None) -> list[Problem]:
    """A year in an event's title must be the event's own year or one its quotes give."""
    problems = []
    for index, raw in enumerate(raws):
        if not isinstance(raw, dict):
            continue
        attested = str(raw.get("date", "")) + " " + " ".join(str(s.get("quote", "")) for s in raw.get("sources") or [])
        for lang, title in (raw.get("title") or {}).items():
            for year in YEAR.findall(str(title)):
                if year not in attested:
                    problems.append(
                        Problem(
                            file,
                            f"event '{raw.get('id')}'",
                            f"title.{lang}",
                            f"the title names {year}, which is neither the event's date nor in its quotes; "
                            "a title says only what the quoted words say",
                            line=line(index, lang),
                        )
                    )
    return problems


# --- rendering -------------------------------------------------------------------------------------


def source_citation(source: dict) -> str:
    """How an editorial source is named: a document by its title, place and date; a reference
    work's article by its title and the work."""
    if source["type"] == "reference":
        return f"{source['title']} // {source['work']}."
    where = ", ".join(part for part in (source.get("place"), typography.date_label(source["date"])) if part)
    note = f"; {source['note']}" if source.get("note") else ""
    return f"{source['title']} ({where}{note})."
