"""Whose is a statement: the edition's own words must say when they repeat the article's.

The edition's statements (glossary definitions, event titles and kinds, the overview's rows, the
rights and licence texts) are checked here; each check is a pure function taking data and returning
the problems it finds (``Problem``: file:line: entry [field]: what is wrong; how to fix):

- ``definition_problems``: a definition that restates a year from the text or the abstract says
  whose it is («по словам авторов», «по данным аннотации») or cites an editorial source covering it;
- ``event_problems``: an event attested only by the abstract says so in both titles; a kind says no
  more than the event's quotes (one of its `words` is in them); a quote's «к 1995 г.» stays «к»;
- ``vocabulary_problems``: every kind has a definition and words; every party is a row the
  overview's caption names (`rows`); a former kind code is not reused;
- ``rights_problems``: the rights and licence texts name only what exists (no event descriptions)
  and write the authors' names in the forms of docs/data/article.yml.

edition.model runs them on the sources it has read; ``author_meta`` is the article's authors for the
article's own pages' <meta name="author"> (edition.site_pages).
"""

from __future__ import annotations

import html
import re

from . import pages
from .editorial import LINK, QUOTE, SOURCE_PREFIX, YEAR, Definition, covers, english_quotes
from .problems import Problem

EVENTS_FILE = "docs/data/events.yml"
VOCABULARIES_FILE = "docs/data/vocabularies.yml"
RU_ENDINGS = r"(?:а|у|ым|е)?"

# What marks a statement as the source's, by the page it rests on (lowercase stems).
MARKERS = {
    pages.ABSTRACT: ("аннотаци", "the abstract"),
    pages.ARTICLE: (
        *("по словам авторов", "в статье", "статья", "статьи", "в примечании", "примечани"),
        *("according to the authors", "the article", "the authors", "in note"),
    ),
}
SHOWN_MARKER = {pages.ABSTRACT: "«по данным аннотации»", pages.ARTICLE: "«по словам авторов», «в статье»"}
SHOWN_MARKER_EN = {pages.ABSTRACT: "“according to the abstract”", pages.ARTICLE: "“according to the authors”"}
SOURCE_NAME = {pages.ABSTRACT: "the abstract", pages.ARTICLE: "the article"}
# An event attested only by the abstract says so in its titles.
TITLE_MARKERS = {"ru": "по данным аннотации", "en": "according to the abstract"}
BY_YEAR = re.compile(r"(?<![\wА-Яа-яЁё])к\s+(\d{4})\s*г\.")


def _lower(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _years_outside_quotes(text: str) -> list[str]:
    plain = QUOTE.sub(" ", LINK.sub(lambda m: m.group("text"), text))
    for quote in english_quotes(plain):  # an English definition's quotations
        plain = plain.replace(f"“{quote}”", " ", 1)
    return list(dict.fromkeys(YEAR.findall(plain)))


# --- glossary definitions --------------------------------------------------------------------------


def definition_problems(
    definitions: list[Definition], data: dict, file: str = "docs/glossary.md", field: str = "definition"
) -> list[Problem]:
    """A year restated from the text or the abstract (outside «…» quotes) in the words before a link
    to its paragraph is marked as the source's there, or covered by an editorial source the
    definition cites."""
    sources = {s["id"]: s for s in data["sources"]}
    shown = SHOWN_MARKER_EN if field == "English" else SHOWN_MARKER
    problems = []
    for definition in definitions:
        links = list(LINK.finditer(definition.markdown))
        cited = [
            sources[target.removeprefix("#" + SOURCE_PREFIX)]
            for target in (link.group("target") for link in links)
            if target.startswith("#" + SOURCE_PREFIX) and target.removeprefix("#" + SOURCE_PREFIX) in sources
        ]
        previous = 0
        for link in links:
            page = link.group("target").partition("#")[0]
            words = definition.markdown[previous : link.start()]
            previous = link.end()
            if page not in MARKERS or any(marker in _lower(words) for marker in MARKERS[page]):
                continue
            for year in _years_outside_quotes(words):
                if any(covers(source, year) for source in cited):
                    continue
                problems.append(
                    Problem(
                        file,
                        f"entry '{definition.term}'",
                        field,
                        f"states '{year}' in the edition's own voice, on the word of {SOURCE_NAME[page]} "
                        f"({link.group('target')}); say whose it is ({shown[page]}), or cite an "
                        f"editorial source that covers it ([…](#{SOURCE_PREFIX}<id>))",
                        line=definition.line,
                    )
                )
    return problems


# --- events ------------------------------------------------------------------------------------------


def event_problems(raws: list, vocab: dict, file: str = EVENTS_FILE, line=lambda index, path: None) -> list[Problem]:
    """Titles that state as fact what only the abstract says, kinds that say more than the quotes,
    and a «к 1995 г.» of the source turned into a date. ``line(index, path)`` gives a field's line."""
    problems = []
    for index, raw in enumerate(raws):
        if not isinstance(raw, dict):
            continue
        where = f"event '{raw.get('id')}'"
        sources = [s for s in raw.get("sources") or [] if isinstance(s, dict)]
        quotes = [str(s.get("quote", "")) for s in sources]
        titles = raw.get("title") if isinstance(raw.get("title"), dict) else {}
        if sources and all(s.get("page") == pages.ABSTRACT for s in sources):
            for lang, marker in TITLE_MARKERS.items():
                if lang in titles and marker not in _lower(str(titles[lang])):
                    problems.append(
                        Problem(
                            file,
                            where,
                            f"title.{lang}",
                            "only the abstract attests the event, but the title states it as fact; "
                            f"say whose it is («{marker}»)",
                            line=line(index, ("title", lang)),
                        )
                    )
        kind = (vocab.get("kinds") or {}).get(raw.get("kind"))
        words = kind.get("words") if isinstance(kind, dict) else None
        if words and not any(_lower(word) in _lower(quote) for word in words for quote in quotes):
            problems.append(
                Problem(
                    file,
                    where,
                    "kind",
                    f"kind '{raw.get('kind')}' («{kind['ru']}») says more than the event's quotes: none has "
                    f"any of its words ({', '.join(words)}); choose a kind whose words the quotes use "
                    f"(docs/data/vocabularies.yml), or quote the words that say it",
                    line=line(index, ("kind",)),
                )
            )
        text_quotes = " ".join(q for s, q in zip(sources, quotes, strict=True) if s.get("page") == pages.ARTICLE)
        for year in dict.fromkeys(BY_YEAR.findall(text_quotes)):
            if re.search(rf"(?<!к )(?<!\d){year} г\.", text_quotes):
                continue  # the text also dates it plainly
            for lang, by in (("ru", f"к {year}"), ("en", f"by {year}")):
                title = str(titles.get(lang, ""))
                if year in title and by not in title:
                    problems.append(
                        Problem(
                            file,
                            where,
                            f"title.{lang}",
                            f"the quote says «к {year} г.» (by {year}), the title gives {year} as the date; "
                            f"keep the source's «{by}»",
                            line=line(index, ("title", lang)),
                        )
                    )
    return problems


def vocabulary_problems(vocab: dict, file: str = VOCABULARIES_FILE, line=lambda path: None) -> list[Problem]:
    """Kinds defined with their words; parties of a type the overview's rows are; former codes unique."""
    problems = []
    kinds = vocab.get("kinds") or {}
    rows = vocab.get("rows") or {}
    for code, kind in kinds.items():
        for name, what in (("definition", "say what the kind means"), ("words", "list the words a quote must use")):
            if not kind.get(name):
                problems.append(
                    Problem(
                        file,
                        f"kind '{code}'",
                        name,
                        f"no {name}; {what} for an event to be of this kind",
                        line=line(("kinds", code)),
                    )
                )
        for former in kind.get("formerly") or []:
            others = [c for c, k in kinds.items() if c != code and former in (k.get("formerly") or [])]
            if former in kinds or others:
                problems.append(
                    Problem(
                        file,
                        f"kind '{code}'",
                        "formerly",
                        f"'{former}' is "
                        + ("a current kind" if former in kinds else f"also a former code of '{others[0]}'")
                        + "; an old ?kind= link must keep one meaning: choose a new code",
                        line=line(("kinds", code, "formerly")),
                    )
                )
    for code, party in (vocab.get("parties") or {}).items():
        kind = party.get("type")
        if kind not in rows:
            shown = f"'{kind}' is not" if kind else "no type:"
            problems.append(
                Problem(
                    file,
                    f"party '{code}'",
                    "type",
                    f"{shown} a row of the overview; a party is one of: {', '.join(rows) or '(none under `rows`)'}; "
                    "a treaty, a programme or a document is an event or a glossary term, not a party",
                    line=line(("parties", code)),
                )
            )
    return problems


# --- rights and licence texts --------------------------------------------------------------------------

EVENT_DESCRIPTIONS = re.compile(
    r"descriptions\s+of\s+the\s+timeline|timeline's\s+event\s+titles\s+and\s+descriptions|event\s+titles\s+and\s+"
    r"descriptions|описани[яйе]\s+событий",
    re.IGNORECASE,
)


def rights_problems(texts: dict[str, str], meta: dict, event_fields: set[str]) -> list[Problem]:
    """The rights and licence texts (file -> text) name only what exists: descriptions of events
    only if events have them; the authors' names only in the forms of docs/data/article.yml."""
    problems = []
    for file, text in texts.items():
        if "description" not in event_fields:
            for match in EVENT_DESCRIPTIONS.finditer(text):
                problems.append(
                    Problem(
                        file,
                        "rights",
                        "",
                        f"'{' '.join(match.group(0).split())}': the timeline's events have titles, not "
                        "descriptions (docs/data/events.yml); name only what the edition has",
                        line=text.count("\n", 0, match.start()) + 1,
                    )
                )
        for author in meta["authors"]:
            for lang, latin in (("en", True), ("ru", False)):
                letter = "[A-Z]" if latin else "[А-ЯЁ]"
                ending = "" if latin else RU_ENDINGS
                pattern = re.compile(rf"((?:{letter}\.\s?)+){re.escape(author['family'][lang])}{ending}(?!\w)")
                for match in pattern.finditer(text):
                    written = " ".join(match.group(1).split())
                    if written != author["given"][lang]:
                        problems.append(
                            Problem(
                                file,
                                "rights",
                                "",
                                f"'{written} {author['family'][lang]}': the edition writes "
                                f"'{author['given'][lang]} {author['family'][lang]}' (docs/data/article.yml); "
                                "use that form",
                                line=text.count("\n", 0, match.start()) + 1,
                            )
                        )
    return problems


RIGHTS_FILES = ("LICENSE-apparatus", "README.md", "docs/about.md")


# --- the article's authors ---------------------------------------------------------------------------


def author_names(meta: dict, lang: str) -> str:
    """The article's authors as its own pages name them in <meta name="author">."""
    return ", ".join(f"{a['given'][lang]} {a['family'][lang]}" for a in meta["authors"])


def author_meta(meta: dict, lang: str) -> str:
    """``author_names`` escaped for Material's <meta name="author" content="…">, which MkDocs
    renders without autoescaping: a quote or `<` in the data stays text."""
    return html.escape(author_names(meta, lang), quote=True)
