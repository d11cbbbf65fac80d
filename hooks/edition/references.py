"""Citations and reference texts: `[@key]` as footnotes; what mkdocs-bibtex + pandoc give, with
the known defects fixed.

Pure functions, so that each repair is tested on its own (tests/test_references.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown import Markdown
from pybtex.database import BibliographyData, Entry

from .article import romanize
from .problems import Problem

# `[@key, с. 12]`: a citation with a locator (mkdocs-bibtex 4.4 drops the locator).
LOCATED_CITATION = re.compile(r"\[@([\w-]+),\s*([^\];@]+?)\s*\]")
# `[@a]`, `[@a; @b]`: citations without a locator (those with one are taken out first).
CITATION_BLOCK = re.compile(r"\[(@[\w-]+(?:[ \t]*;[ \t]*@[\w-]+)*)\]")
# Any citation's brackets, and each key inside them (`[@a; @b]`, `[@a, с. 12]`).
ANY_CITATION = re.compile(r"\[(@[^\]\n]*)\]")
CITED_KEY = re.compile(r"(?:^|;)\s*@([\w-]+)")
# Where a page wants its citations' footnote definitions (mkdocs-bibtex's marker): alone on a line.
BIBLIOGRAPHY_PLACE = re.compile(r"^[ \t]{0,3}\\bibliography[ \t]*$", re.MULTILINE)
AUTOLINK = re.compile(r"(<[a-z]+://[^>]+>|\]\([^)]+\))")


@dataclass(frozen=True)
class LocatedCitation:
    """A citation of ``key`` at ``locator`` (``с. 12``), with its own footnote."""

    key: str
    locator: str

    @property
    def footnote_id(self) -> str:
        """`ref-key-at-s-12` for `с. 12`, `ref-key-at-t-12` for `т. 12`: distinct locators, distinct
        ids (the locator romanized, as ASCII words and numbers)."""
        words = re.findall(r"[a-z0-9]+", romanize(self.locator).lower())
        return f"ref-{self.key}-at-{'-'.join(words) or 'x'}"


def unknown_key_problems(keys: list[str], known, file: str, source: str) -> list[Problem]:
    """Each cited key that bibliography.bib lacks, at the line of its first citation in ``source``."""
    problems = []
    for key in keys:
        if key in known:
            continue
        match = re.search(rf"@{re.escape(key)}(?![\w-])", source)
        line = source.count("\n", 0, match.start()) + 1 if match else None
        problems.append(
            Problem(
                file,
                f"citation [@{key}]",
                "",
                f"unknown citation key '{key}': no such entry in bibliography.bib; fix the key or add the entry",
                line=line,
            )
        )
    return problems


LOCALE = "ru-RU"
DEFAULT_LOCALE = re.compile(r'default-locale="[^"]*"')


def russian_style(style_xml: str) -> str:
    """The CSL style with `default-locale` set to Russian (terms "С.", "Т.", "№")."""
    if 'default-locale="' in style_xml:
        return DEFAULT_LOCALE.sub(f'default-locale="{LOCALE}"', style_xml, count=1)
    return style_xml.replace("<style ", f'<style default-locale="{LOCALE}" ', 1)


def reference_numbers(data: BibliographyData) -> dict[str, int]:
    """The article's own numbering: the n-th entry of bibliography.bib is reference [n]."""
    return {key: number for number, key in enumerate(data.entries, start=1)}


def extract_located_citations(markdown: str) -> tuple[str, list[LocatedCitation]]:
    """Turn each `[@key, locator]` into a footnote of its own, so the locator survives."""
    found: list[LocatedCitation] = []

    def replace(match: re.Match) -> str:
        citation = LocatedCitation(match.group(1), " ".join(match.group(2).split()))
        if all(other.footnote_id != citation.footnote_id for other in found):
            found.append(citation)
        return f"[^{citation.footnote_id}]"

    return LOCATED_CITATION.sub(replace, markdown), found


def fix_dashes(text: str) -> str:
    """Pandoc's smart-punctuation Markdown spells dashes `--`/`---`: print them as dashes.

    Link targets are left alone (a URL may contain `--`).
    """
    parts = AUTOLINK.split(text)
    for index in range(0, len(parts), 2):
        parts[index] = parts[index].replace("---", "—").replace("--", "–")
    return "".join(parts)


def russian_date(iso: str) -> str:
    """`2023-04-20` -> `20.04.2023`, as GOST prints access dates."""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def ensure_access_note(text: str, entry: Entry) -> str:
    """Web sources must end "URL: … (дата обращения: DD.MM.YYYY)." as the journal prints them."""
    url = entry.fields.get("url")
    if not url or "URL:" in text:
        return text
    note = f"URL: <{url}>"
    if entry.fields.get("urldate"):
        note += f" (дата обращения: {russian_date(entry.fields['urldate'])})"
    return f"{text.rstrip()} {note}."


# Pandoc escapes these with a backslash; Python-Markdown leaves `\<` or `\"` as written.
MARKDOWN_ESCAPES = set("\\`*_{}[]()>#+-.!")
PANDOC_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_escapes(text: str) -> str:
    r"""Pandoc's backslash escapes that Python-Markdown does not know (`\<`, `\"`, `\&`) become
    character references, so the reader sees `<`, not `\<` (and never markup)."""

    def replace(match: re.Match) -> str:
        char = match.group(1)
        return match.group(0) if char in MARKDOWN_ESCAPES else f"&#{ord(char)};"

    return PANDOC_ESCAPE.sub(replace, text)


def full_date(text: str, entry: Entry) -> str:
    """GOST R 7.0.5-2008 keeps the day and month of an online publication (`Альтернатива,
    04.11.2019.`); the style prints the year only: put the full date back."""
    date = entry.fields.get("date", "")
    if entry.type != "online" or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return text
    year = date[:4]
    return re.sub(rf"(?<=, ){year}(?=\.)", russian_date(date), text, count=1)


def gost_reference(text: str, entry: Entry) -> str:
    """The GOST Markdown of one reference with every known defect repaired."""
    text = markdown_escapes(fix_dashes(" ".join(text.split())))
    return ensure_access_note(full_date(text, entry), entry)


def cited_keys(markdown: str) -> list[str]:
    """The keys of every citation in a Markdown fragment (`[@a]`, `[@a; @b]`, `[@a, с. 12]`), in
    order, without repeats."""
    keys: list[str] = []
    for match in ANY_CITATION.finditer(markdown):
        keys.extend(key for key in CITED_KEY.findall(match.group(1)) if key not in keys)
    return keys


def citation_footnotes(markdown: str, definition) -> str:
    """`[@a; @b]` -> `[^ref-a] [^ref-b]` (the footnotes mkdocs-bibtex makes), and each cited key's
    definition `[^ref-a]: {definition(key)}` where the page has `\\bibliography`, else at its end."""
    keys: list[str] = []

    def replace(match: re.Match) -> str:
        cited = CITED_KEY.findall(match.group(1))
        keys.extend(key for key in cited if key not in keys)
        return " ".join(f"[^ref-{key}]" for key in cited)

    markdown = CITATION_BLOCK.sub(replace, markdown)
    definitions = "\n".join(f"[^ref-{key}]: {definition(key)}" for key in keys)
    if BIBLIOGRAPHY_PLACE.search(markdown):
        return BIBLIOGRAPHY_PLACE.sub(lambda _match: definitions, markdown)
    return f"{markdown}\n{definitions}" if definitions else markdown


def escape_brackets(label: str) -> str:
    """`[1, с. 12]` as literal Markdown text (and a `<` or `&` of a locator as a character)."""
    return label.replace("&", "&amp;").replace("<", "&lt;").replace("[", "\\[").replace("]", "\\]")


def citation_label(number: int, locator: str | None = None) -> str:
    """What the reader sees at a citation: the article's own `[1]`, or `[1, с. 12]`."""
    return f"[{number}, {locator}]" if locator else f"[{number}]"


_INLINE_MD = Markdown()


def markdown_inline(text: str) -> str:
    """One line of Markdown as HTML without the wrapping paragraph."""
    html = _INLINE_MD.reset().convert(text)
    return re.sub(r"^<p>|</p>$", "", html)
