"""The glossary (docs/glossary.md, a Markdown definition list) as data, and the matching of its
terms in Russian text, where words are inflected: matching is by stem, not by exact string."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .pages import GLOSSARY
from .problems import Problem

ENTRY = re.compile(r"^(?P<term>\S[^\n]*?)\s*\{:?\s*#(?P<id>[^\s}]+)\s*\}\n:\s+(?P<facts>[^\n]+)", re.M)
GROUP = re.compile(r"^##\s+(?P<title>.+?)\s*\{#(?P<id>[^}]+)\}\s*$", re.M)
ENGLISH = re.compile(r"^\*(?P<text>.+)\*$")
ENGLISH_ABBREVIATION = re.compile(r"\((?P<abbr>[A-Z][A-Za-z]*[A-Z])\)$")
ABBREVIATION = re.compile(r"^[A-ZА-ЯЁ]{2,}(?: [A-ZА-ЯЁ]{2,})*$")
CAPITAL_WORD = re.compile(r"(?<![\w.-])[A-ZА-ЯЁ]{2,}(?![\w-])")
ID = re.compile(r"^[a-z][a-z0-9-]*$")
# Russian inflectional endings, longest first; a stem keeps at least MIN_STEM letters.
ENDINGS = sorted(
    """ами ями ого его ому ему ыми ими ой ей ий ый ая яя ое ее ые ие ую юю ов ев ам ям ах ях
                    ом ем ию ия ии ью а я о е ы и у ю ь""".split(),
    key=len,
    reverse=True,
)
MIN_STEM = 4


@dataclass
class Entry:
    id: str
    term: str
    group: str
    line: int
    expansion: str = ""
    english: str = ""
    forms: list[str] = field(default_factory=list)

    @property
    def is_abbreviation(self) -> bool:
        return bool(ABBREVIATION.match(self.term))

    @property
    def english_abbreviation(self) -> str:
        match = ENGLISH_ABBREVIATION.search(self.english)
        return match.group("abbr") if match else ""

    @property
    def english_name(self) -> str:
        return ENGLISH_ABBREVIATION.sub("", self.english).strip()

    def match_forms(self) -> list[str]:
        forms = [self.term, self.expansion, self.english_name, self.english_abbreviation, *self.forms]
        return [f for f in dict.fromkeys(forms) if f]


def parse_glossary(markdown: str) -> list[Entry]:
    """Entries of glossary.md in order, with their group and facts line."""
    groups = [(m.start(), m.group("id")) for m in GROUP.finditer(markdown)]
    entries = []
    for match in ENTRY.finditer(markdown):
        group = next((gid for start, gid in reversed(groups) if start < match.start()), "")
        entry = Entry(
            id=match.group("id"), term=match.group("term"), group=group, line=markdown.count("\n", 0, match.start()) + 1
        )
        for part in (p.strip() for p in match.group("facts").split(" · ")):
            english = ENGLISH.match(part)
            if english:
                entry.english = english.group("text")
            elif part.startswith("формы:"):
                entry.forms = [f.strip() for f in part.removeprefix("формы:").split(";") if f.strip()]
            else:
                entry.expansion = part
        entries.append(entry)
    return entries


def glossary_problems(entries: list[Entry], file: str = f"docs/{GLOSSARY}") -> list[Problem]:
    """Duplicate or non-ASCII ids, missing English, entries out of alphabetical order."""
    problems = []
    seen: set[str] = set()
    for entry in entries:
        where, line = f"entry '{entry.term}'", entry.line
        if entry.id in seen:
            problems.append(
                Problem(file, where, "id", f"duplicate id '{entry.id}'; give each entry its own id", line=line)
            )
        seen.add(entry.id)
        if not ID.match(entry.id):
            problems.append(
                Problem(file, where, "id", f"'{entry.id}' must be lowercase ASCII letters, digits and '-'", line=line)
            )
        if not entry.english:
            problems.append(Problem(file, where, "english", "give the English equivalent in *italics*", line=line))
    for group in dict.fromkeys(e.group for e in entries):
        members = [e for e in entries if e.group == group]
        terms = [e.term for e in members]
        if terms != sorted(terms, key=sort_key):
            problems.append(
                Problem(
                    file,
                    f"group '{group}'",
                    "order",
                    "entries are not alphabetical: " + ", ".join(sorted(terms, key=sort_key)),
                    line=members[0].line,
                )
            )
    return problems


def sort_key(term: str) -> str:
    return term.lower().replace("ё", "е")


# --- matching ----------------------------------------------------------------------------------


def stem(word: str) -> str:
    lower = word.lower()
    for ending in ENDINGS:
        if lower.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def word_pattern(word: str) -> str:
    if ABBREVIATION.match(word) or len(word) < MIN_STEM or not re.search(r"[а-яё]", word.lower()):
        return re.escape(word)
    return re.escape(stem(word)) + r"[а-яё]*"


@functools.lru_cache(maxsize=1024)
def form_pattern(form: str) -> re.Pattern:
    """A regex finding ``form`` in any inflection: each word by its stem, words in order."""
    words = re.findall(r"[^\s]+", form)
    body = r"\s+".join(word_pattern(w) for w in words)
    flags = 0 if ABBREVIATION.match(form) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", flags)


def form_probe(form: str) -> str:
    """Lowercase letters that every match of ``form`` contains (its first word's stem): a text
    without them is not searched with the regex at all."""
    first = form.split()[0] if form.split() else ""
    pattern = word_pattern(first)
    return (stem(first) if pattern.endswith("[а-яё]*") else first).lower()


@functools.lru_cache(maxsize=8)
def _probes(forms: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, str, str]]:
    return [(entry_id, form_probe(form), form) for entry_id, entry_forms in forms for form in entry_forms]


def probes(entries: list[Entry]) -> list[tuple[str, str, str]]:
    """(entry id, probe, form) for every form of every entry, once per glossary. A form's regex is
    compiled when its probe is first found (`form_pattern` keeps it): a third of the forms never are."""
    return _probes(tuple((entry.id, tuple(entry.match_forms())) for entry in entries))


@dataclass(frozen=True)
class Match:
    entry_id: str
    start: int
    end: int


def find_terms(text: str, entries: list[Entry], protected: list[tuple[int, int]] = ()) -> list[Match]:
    """Every occurrence of every entry in ``text`` outside ``protected`` ranges, longest first
    where two overlap (ОДКБ's name contains ДКБ's), in text order."""
    candidates = []
    lower = text.lower()
    for entry_id, probe, form in probes(entries):
        if probe in lower:
            candidates.extend(Match(entry_id, m.start(), m.end()) for m in form_pattern(form).finditer(text))
    chosen: list[Match] = []
    taken = list(protected)
    for match in sorted(candidates, key=lambda m: -(m.end - m.start)):
        if all(match.end <= s or e <= match.start for s, e in taken):
            chosen.append(match)
            taken.append((match.start, match.end))
    return sorted(chosen, key=lambda m: m.start)


def first_per_entry(matches: list[Match]) -> list[Match]:
    seen: set[str] = set()
    first = []
    for match in matches:
        if match.entry_id not in seen:
            seen.add(match.entry_id)
            first.append(match)
    return first


def uncovered_abbreviations(text: str, entries: list[Entry]) -> list[str]:
    """Words of two or more capitals in ``text`` that no glossary abbreviation explains."""
    known = {token for e in entries if e.is_abbreviation for token in e.term.split()}
    known |= {e.english_abbreviation for e in entries if e.english_abbreviation}
    return list(dict.fromkeys(w for w in CAPITAL_WORD.findall(text) if w not in known))


def abbreviation_definitions(entries: list[Entry]) -> list[tuple[str, str]]:
    """(abbreviation, expansion) pairs for Python-Markdown's abbr extension."""
    pairs = []
    for entry in entries:
        if entry.is_abbreviation and entry.expansion:
            pairs.append((entry.term, entry.expansion))
        if entry.english_abbreviation:
            pairs.append((entry.english_abbreviation, entry.english_name))
    return pairs


MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def plain(markdown: str) -> str:
    """The plain text of a definition (links' texts, no emphasis), for previews and search."""
    return " ".join(re.sub(r"[*_`]", "", MARKDOWN_LINK.sub(r"\1", markdown)).split())
