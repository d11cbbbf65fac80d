"""Load and check bibliography.bib: every problem named with its entry and line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pybtex.errors
from pybtex.database import BibliographyData, Entry, Person, parse_string
from pybtex.database.input.bibtex import Parser as BibtexParser
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

from .problems import Problem

FIELD_START = re.compile(r"^\s*(\w+)\s*=")
ENTRY_START = re.compile(r"^[ \t]*@(\w+)\s*\{\s*([^,\s]*)\s*,?", re.MULTILINE)
KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Fields each entry type must have in this edition (beyond biblatex's own minimum: what
# the journal gives for every reference of that kind). `usera` is the journal's English
# rendering of the reference; `langid` the language of the work.
REQUIRED: dict[str, tuple[str, ...]] = {
    "book": ("author", "title", "address", "year", "pagetotal"),
    "thesis": ("author", "title", "type", "address", "year", "pagetotal"),
    "article": ("author", "title", "journaltitle", "year", "number", "pages"),
    "online": ("author", "title", "organization", "date", "url", "urldate"),
}
EVERY_ENTRY = ("langid", "usera")
BIB_FILE = "bibliography.bib"  # beside mkdocs.yml
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
YEAR = re.compile(r"^\d{4}$")
DOI = re.compile(r"^10\.\d{4,9}/[^\s\"<>\\{}]+$")
# The forms of the other fields kept as written (they reach pandoc as they stand: never LaTeX).
RAW_FORMS = {
    "pages": (re.compile(r"^[0-9IVXLCivxlc]+(?:\s*(?:-|--|–)\s*[0-9IVXLCivxlc]+)?$"), "a page or a range, e.g. 56--65"),
    "pagetotal": (re.compile(r"^\d+$"), "the number of pages, e.g. 316"),
    "number": (re.compile(r"^[0-9A-Za-z./-]+$"), "the issue's number, e.g. 7 or 3-4"),
    "volume": (re.compile(r"^[0-9A-Za-z./-]+$"), "the volume, e.g. 67"),
    "langid": (re.compile(r"^[a-z]+$"), "a language name such as russian or english"),
    "issn": (re.compile(r"^\d{4}-\d{3}[\dXx]$"), "an ISSN, e.g. 0131-2227"),
    "isbn": (re.compile(r"^[0-9Xx-]{10,17}$"), "an ISBN, e.g. 978-5-7567-0000-0"),
    "eprint": (re.compile(r"^[\w./:-]+$"), "an identifier without spaces or markup"),
}
# Fields that are not LaTeX text: identifiers, numbers, dates, addresses (kept as written).
RAW_FIELDS = {
    "url",
    "doi",
    "date",
    "urldate",
    "year",
    "pages",
    "pagetotal",
    "number",
    "volume",
    "langid",
    "issn",
    "isbn",
    "eprint",
}
# Characters LaTeX reads as syntax, as pandoc's BibTeX reader needs them written to stay text.
LATEX_SPECIALS = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "$": "\\$",
    "&": "\\&",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
    "^": "\\^{}",
    "~": "\\textasciitilde{}",
}
LATEX_COMMAND = re.compile(r"\\[A-Za-z]+|\\.")


def entry_starts(text: str) -> list[tuple[int, str, str]]:
    """(line, type, key) of every `@type{key,` in the file."""
    return [
        (text.count("\n", 0, m.start()) + 1, m.group(1).lower(), m.group(2))
        for m in ENTRY_START.finditer(text)
        if m.group(1).lower() not in ("comment", "preamble", "string")
    ]


def entry_at_line(text: str, line: int) -> tuple[int, str]:
    """The entry (start line, key) that contains ``line``."""
    best = (1, "(before the first entry)")
    for start, _type, key in entry_starts(text):
        if start <= line:
            best = (start, key)
    return best


def unbalanced_entries(path: str, text: str) -> list[Problem]:
    """Entries whose braces do not close before the next entry starts."""
    problems = []
    starts = entry_starts(text)
    lines = text.split("\n")
    for index, (start, _type, key) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        chunk = "\n".join(line for line in lines[start - 1 : end] if not line.lstrip().startswith("%"))
        depth = chunk.count("{") - chunk.count("}")
        if depth != 0:
            missing = "'}'" if depth > 0 else "'{'"
            problems.append(
                Problem(
                    path,
                    f"entry '{key}'",
                    "",
                    f"unbalanced braces: {abs(depth)} {missing} missing; close every field value and the entry itself",
                    line=start,
                )
            )
    return problems


UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")


def percent_problems(path: str, text: str) -> list[Problem]:
    """A `%` in a text field that is not `\\%`: LaTeX reads it as a comment and drops the rest of
    the line, silently (a line that starts with `%` is a comment, as intended; fields kept as
    written, such as url, may hold `%`)."""
    starts = {line for line, _type, _key in entry_starts(text)}
    problems = []
    inside, field = False, ""
    for number, line in enumerate(text.split("\n"), start=1):
        inside = inside or number in starts
        start = FIELD_START.match(line)
        field = start.group(1).lower() if start else field
        if inside and field not in RAW_FIELDS and not line.lstrip().startswith("%") and UNESCAPED_PERCENT.search(line):
            _start, key = entry_at_line(text, number)
            problems.append(
                Problem(
                    path,
                    f"entry '{key}'",
                    field,
                    "a bare % starts a comment in LaTeX and cuts the rest of the line; write \\% for a percent sign",
                    line=number,
                )
            )
    return problems


def parsed(path: str, text: str) -> tuple[BibliographyData | None, list[Problem]]:
    """The parsed data, or None and the problems: unbalanced braces, a bare `%`, a syntax error
    (its entry and line), repeated keys."""
    problems = unbalanced_entries(path, text) + percent_problems(path, text)
    if problems:
        return None, problems
    pybtex.errors.set_strict_mode(True)
    try:
        return parse_string(text, BibtexParser), []
    except PybtexSyntaxError as error:
        line = getattr(error, "lineno", None) or 0
        start, key = entry_at_line(text, line)
        message = f"malformed entry: {error}; check the punctuation between fields"
        return None, [Problem(path, f"entry '{key}'", "", message, line=line or start)]
    except Exception as error:  # pybtex raises BibliographyDataError for repeated keys
        seen: dict[str, int] = {}
        repeated = []
        for line, _type, key in entry_starts(text):
            if key.lower() in seen:
                repeated.append(
                    Problem(
                        path,
                        f"entry '{key}'",
                        "key",
                        f"the key is already used on line {seen[key.lower()]}; every key must be unique",
                        line=line,
                    )
                )
            seen.setdefault(key.lower(), line)
        return None, repeated or [Problem(path, "file", "", f"{error}", line=1)]


def entry_problems(path: str, text: str, data: BibliographyData) -> list[Problem]:
    """Schema problems: key spelling, required fields per type, date forms."""
    lines = {key: line for line, _type, key in entry_starts(text)}
    fields_at = field_lines(text)
    problems = []
    for key, entry in data.entries.items():
        where = f"entry '{key}'"
        start = len(problems)
        if not KEY.match(key):
            problems.append(
                Problem(
                    path,
                    where,
                    "key",
                    "use only lowercase letters, digits and '-' (mkdocs-bibtex misreads ':' and '.')",
                )
            )
        required = REQUIRED.get(entry.type)
        if required is None:
            problems.append(
                Problem(
                    path,
                    where,
                    "type",
                    f"unknown entry type '@{entry.type}'; use one of: " + ", ".join(f"@{t}" for t in REQUIRED),
                )
            )
            required = ()
        fields = {name.lower() for name in entry.fields} | {r.lower() for r in entry.persons}
        values = {name.lower(): value for name, value in entry.fields.items()}
        values.update({role.lower(): " ".join(map(str, people)) for role, people in entry.persons.items()})
        for name in (*required, *EVERY_ENTRY):
            if name not in fields:
                problems.append(
                    Problem(path, where, name, f"missing field '{name}'; add `{name} = {{...}}` to the entry")
                )
            elif not values.get(name, "").strip(" {}"):
                problems.append(Problem(path, where, name, f"field '{name}' is empty; fill it in or remove the entry"))
        for name in ("date", "urldate"):
            value = entry.fields.get(name)
            if value is not None:
                message = date_problem(value)
                if message:
                    problems.append(Problem(path, where, name, message))
        problems += value_problems(path, where, entry)
        at = fields_at.get(key, {})
        problems[start:] = [replace(p, line=at.get(p.field.lower(), lines.get(key))) for p in problems[start:]]
    return problems


def field_lines(text: str) -> dict[str, dict[str, int]]:
    """key -> field name -> the line where the field starts."""
    found: dict[str, dict[str, int]] = {}
    starts = entry_starts(text)
    lines = text.split("\n")
    for index, (start, _type, key) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        fields = found.setdefault(key, {})
        for number in range(start + 1, end + 1):
            match = FIELD_START.match(lines[number - 1])
            if match:
                fields.setdefault(match.group(1).lower(), number)
    return found


def date_problem(value: str) -> str | None:
    """What is wrong with an ISO date of the .bib (YYYY, YYYY-MM or YYYY-MM-DD), or None."""
    if not ISO_DATE.match(value):
        return f"'{value}' is not an ISO date (YYYY-MM-DD)"
    parts = [int(part) for part in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return f"'{value}' is an impossible date; write a real date as YYYY-MM-DD"
    return None


def value_problems(path: str, where: str, entry: Entry) -> list[Problem]:
    """Year, URL and DOI forms; LaTeX that cannot be turned into text."""
    problems = []
    fields = entry.fields
    year = fields.get("year")
    if year is not None and not YEAR.match(year):
        problems.append(Problem(path, where, "year", f"'{year}' is not a year; write four digits, e.g. 2022"))
    url = fields.get("url")
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s\"<>\\]", url):
            problems.append(
                Problem(
                    path,
                    where,
                    "url",
                    f"'{url}' is not a web address; give the full http:// or https:// address of the page",
                )
            )
    doi = fields.get("doi")
    if doi is not None and not DOI.match(doi):
        problems.append(
            Problem(path, where, "doi", f"'{doi}' is not a DOI; write it as 10.NNNN/... (without https://doi.org/)")
        )
    for name, value in fields.items():
        form = RAW_FORMS.get(name.lower())
        if form and not form[0].match(value.strip()):
            problems.append(
                Problem(path, where, name.lower(), f"'{value}' is not {form[1]}; write it without markup or LaTeX")
            )
    texts = [(name, value) for name, value in fields.items() if name.lower() not in RAW_FIELDS]
    texts += [(role, str(person)) for role, people in entry.persons.items() for person in people]
    for name, value in texts:
        try:
            text = latex_to_text(value)
        except Exception as error:  # pybtex's LaTeX parser: unbalanced braces and the like
            problems.append(
                Problem(
                    path, where, name.lower(), f"cannot read the LaTeX: {error}; balance the braces or write plain text"
                )
            )
            continue
        command = LATEX_COMMAND.search(text)
        if command:
            problems.append(
                Problem(
                    path,
                    where,
                    name.lower(),
                    f"LaTeX command '{command.group(0)}' is not "
                    'supported; write the plain text (accents such as {\\"o} and '
                    "\\&, \\%, -- are fine)",
                )
            )
    return problems


LATEX_SPECIAL = re.compile(r"[\\{}~$%&#^_]|--|``|''")
WHITESPACE = re.compile(r"\s+")


def latex_to_text(value: str) -> str:
    """A BibTeX field as Unicode text: `Sch{\\"o}n \\& Co, 50\\%` -> `Schön & Co, 50%`
    (pybtex's LaTeX parser, which decodes through latexcodec)."""
    if not LATEX_SPECIAL.search(value):  # plain text (most fields): the parser would only fold spaces
        return WHITESPACE.sub(" ", value).lstrip()
    return Text.from_latex(value).render_as("text")


def decoded(data: BibliographyData) -> BibliographyData:
    """The bibliography with every text field and name as Unicode (no LaTeX left)."""
    entries = {}
    for key, entry in data.entries.items():
        fields = {
            name: value if name.lower() in RAW_FIELDS else latex_to_text(value) for name, value in entry.fields.items()
        }
        persons = {
            role: [Person(latex_to_text(str(person))) for person in people] for role, people in entry.persons.items()
        }
        entries[key] = Entry(entry.type, fields=fields, persons=persons)
    return BibliographyData(entries)


def as_latex(data: BibliographyData) -> str:
    """Decoded data written back as BibTeX whose specials are escaped (`&` -> `\\&`, `%` -> `\\%`,
    `{` -> `\\{`), for pandoc, which reads LaTeX; Cyrillic and typographic characters stay UTF-8.
    Written here: pybtex's writer doubles the backslashes of such escapes."""

    def latex(value: str) -> str:
        return "".join(LATEX_SPECIALS.get(char, char) for char in value)

    out = []
    for key, entry in data.entries.items():
        lines = [f"@{entry.type}{{{key},"]
        for role, people in entry.persons.items():
            lines.append(f"  {role} = {{{' and '.join(latex(str(person)) for person in people)}}},")
        for name, value in entry.fields.items():
            text = value if name.lower() in RAW_FIELDS else latex(value)
            lines.append(f"  {name} = {{{text}}},")
        out.append("\n".join(lines) + "\n}\n")
    return "\n".join(out)


def bibliography_problems(path: Path) -> tuple[BibliographyData | None, list[Problem]]:
    """The decoded data (None if it cannot be read) and every problem of the .bib file."""
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, "file", "", "the file is missing; restore it", line=1)]
    except UnicodeDecodeError as error:
        return None, [Problem(name, "file", "", f"not UTF-8 ({error.reason}); save it as UTF-8", line=1)]
    return checked(name, text)


def checked(name: str, text: str) -> tuple[BibliographyData | None, list[Problem]]:
    """The decoded data (None if it has problems) and every problem of the .bib's text."""
    data, problems = parsed(name, text)
    if data is None:
        return None, problems
    problems = entry_problems(name, text, data)
    return (None if problems else decoded(data)), problems
