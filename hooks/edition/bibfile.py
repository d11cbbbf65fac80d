"""Load and check bibliography.bib: every problem named with its entry and line."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, parse_string
from pybtex.scanner import PybtexSyntaxError

from .problems import Problem, fail_if_any

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
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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
                    f"entry '{key}' (line {start})",
                    "",
                    f"unbalanced braces: {abs(depth)} {missing} missing; close every field value and the entry itself",
                )
            )
    return problems


def parse_bibtex(path: str, text: str) -> BibliographyData:
    """Parse with pybtex in strict mode; a syntax error names the entry and the line."""
    fail_if_any(unbalanced_entries(path, text), path)
    pybtex.errors.set_strict_mode(True)
    try:
        return parse_string(text, "bibtex")
    except PybtexSyntaxError as error:
        line = getattr(error, "lineno", None) or 0
        start, key = entry_at_line(text, line)
        fail_if_any(
            [
                Problem(
                    path,
                    f"entry '{key}' (line {start})",
                    "",
                    f"malformed entry: {error}; check the punctuation between fields",
                )
            ],
            path,
        )
        raise  # pragma: no cover - fail_if_any raised
    except Exception as error:  # pybtex raises BibliographyDataError for repeated keys
        fail_if_any([Problem(path, "file", "", f"{error}; every key must be unique")], path)
        raise  # pragma: no cover


def entry_problems(path: str, text: str, data: BibliographyData) -> list[Problem]:
    """Schema problems: key spelling, required fields per type, date forms."""
    lines = {key: line for line, _type, key in entry_starts(text)}
    problems = []
    for key, entry in data.entries.items():
        where = f"entry '{key}' (line {lines.get(key, '?')})"
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
        for name in (*required, *EVERY_ENTRY):
            if name not in fields:
                problems.append(Problem(path, where, name, f"missing field '{name}'"))
        for name in ("date", "urldate"):
            value = entry.fields.get(name)
            if value is not None and not ISO_DATE.match(value):
                problems.append(Problem(path, where, name, f"'{value}' is not an ISO date (YYYY-MM-DD)"))
    return problems


def load_bibliography(path: Path) -> BibliographyData:
    """Parse and check the .bib file; raise one PluginError listing every problem.

    Three hooks read it: it is parsed once per change of the file. Do not modify the result."""
    return _load_bibliography(str(path), Path(path).stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _load_bibliography(path_name: str, _mtime: int) -> BibliographyData:
    path = Path(path_name)
    text = path.read_text(encoding="utf-8")
    name = path.name
    data = parse_bibtex(name, text)
    fail_if_any(entry_problems(name, text, data), name)
    return data
