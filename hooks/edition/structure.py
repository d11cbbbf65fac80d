"""The article's structure, checked before anything is rendered.

- every block of the article's text (after its title, before the notes) ends with exactly one
  `{#pN}` (a heading: `## TITLE {#pN}`); the numbers rise in text order and none is reused;
- on every page, footnote references and definitions match one to one, and no note is
  defined twice (Python-Markdown would silently keep the last definition, or print an
  undefined `[^note-9]` as it stands).

Pure functions over the page's Markdown, read with edition.corpus's syntax; edition.model runs them
on the build's pages.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import datafile
from .corpus import (
    BLOCK_ID,
    FOOTNOTE_DEFINITION,
    FRONT_MATTER,
    HEADING,
    fenced_lines,
    headings_without_ids,
    scan_page,
    split_blocks,
    without_front_matter,
)
from .pages import GLOSSARY
from .problems import Problem

PARAGRAPH_ID = re.compile(r"\{:?\s*#p(\d+)\s*\}")
COMMENT = re.compile(r"^<!--.*-->$", re.S)
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# Anything that starts like a citation, and the forms the citation hooks understand.
CITATION_LIKE = re.compile(r"\[@[^\]\n]*\]?")
CITATION_FORMS = (
    re.compile(r"\[@[\w-]+(?:;\s*@[\w-]+)*\]"),  # [@key], [@a; @b]
    re.compile(r"\[@[\w-]+,\s*[^\];@\[\s][^\];@\[]*\]"),  # [@key, с. 12]
)
# Words before a key inside the brackets (`[см. @key]`): not a citation form (it would print as it
# stands); a link's text (`[… @name](url)`) is not one.
PREFIXED_CITATION = re.compile(r"\[[^\]\n@]*\s@[\w-]+[^\]\n]*\](?!\()")
# Placeholders of the footnotes extension and of mkdocs-bibtex, not text.
PLACEHOLDERS = ("///Footnotes Go Here///", "\\bibliography", "\\full_bibliography")


def text_blocks(markdown: str) -> list[tuple[int, str]]:
    """(line, block) of the article's text: after the page title, up to the notes (their heading,
    the footnotes placeholder or the first footnote definition). A heading with another id in the
    middle of the text is a block of the text (and is told to take a number)."""
    body, offset = without_front_matter(markdown)
    blocks = [(line + offset, block) for line, block in split_blocks(body) if not COMMENT.match(block.strip())]
    start = next((i + 1 for i, (_line, block) in enumerate(blocks) if block.startswith("# ")), len(blocks))
    text = []
    for index in range(start, len(blocks)):
        line, block = blocks[index]
        if FOOTNOTE_DEFINITION.match(block) or block.strip() in PLACEHOLDERS:
            break
        following = blocks[index + 1][1] if index + 1 < len(blocks) else ""
        heading = HEADING.match(block.split("\n", 1)[0])
        is_notes = heading and heading.group(3) and not PARAGRAPH_ID.search(block)
        if is_notes and (not following or FOOTNOTE_DEFINITION.match(following) or following.strip() in PLACEHOLDERS):
            break
        text.append((line, block))
    return text


def paragraph_problems(markdown: str, file: str) -> list[Problem]:
    """Every text block has exactly one `{#pN}`, numbers rise, none is reused."""
    problems = []
    seen: dict[int, int] = {}
    last = 0
    blocks = text_blocks(markdown)
    highest = max((int(n) for _line, block in blocks for n in PARAGRAPH_ID.findall(block)), default=0)
    for line, block in blocks:
        lines = block.split("\n")
        ids = PARAGRAPH_ID.findall(block)
        words = " ".join(" ".join(lines).split())
        start = words[:40] + ("…" if len(words) > 40 else "")
        where = f"block '{start}'"
        if not ids:
            heading = HEADING.match(lines[0]) if len(lines) == 1 else None
            fix = (
                f"end the heading with its number: `{lines[0].split(' {')[0]} {{#p{highest + 1}}}`"
                if heading
                else f"end the block with a line {{#p{highest + 1}}}"
            )
            problems.append(
                Problem(
                    file,
                    where,
                    "",
                    f"no paragraph number; {fix} (the next free number; headings of the text are numbered "
                    "like its paragraphs)",
                    line=line,
                )
            )
            highest += 1
            continue
        if len(ids) > 1:
            problems.append(
                Problem(
                    file,
                    where,
                    "",
                    "more than one paragraph number (" + ", ".join(f"{{#p{n}}}" for n in ids) + "); "
                    "separate the paragraphs with a blank line, one number each",
                    line=line,
                )
            )
        number = int(ids[-1])
        is_heading = HEADING.match(lines[0]) and len(lines) == 1
        if is_heading and not HEADING.match(lines[0]).group(2).strip():
            problems.append(Problem(file, where, "", "the heading has no text; write it before the number", line=line))
        last_line = BLOCK_ID.match(lines[-1].strip())
        if not is_heading and not (last_line and len(lines) > 1):
            problems.append(
                Problem(
                    file,
                    where,
                    "",
                    f"{{#p{number}}} must stand alone on the block's last line (a heading: `## TITLE {{#p{number}}}`)",
                    line=line,
                )
            )
        if number in seen:
            problems.append(
                Problem(
                    file,
                    where,
                    "",
                    f"{{#p{number}}} is already used on line {seen[number]}; give this block the next free "
                    f"number {{#p{highest + 1}}} (never reuse or renumber an anchor)",
                    line=line,
                )
            )
            highest += 1
        elif number < last:
            problems.append(
                Problem(
                    file,
                    where,
                    "",
                    f"{{#p{number}}} comes after {{#p{last}}}: paragraph numbers must rise in text order; "
                    "number a new block after the last one, never renumber",
                    line=line,
                )
            )
        seen.setdefault(number, line)
        last = max(last, number)
    return problems


HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
CODE_SPAN = re.compile(r"`[^`\n]*`")


def _blanked(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _outside_code(markdown: str) -> list[tuple[int, str]]:
    """(line, text) of the lines outside fenced code, with comments and code spans blanked."""
    fenced = fenced_lines(markdown)
    markdown = HTML_COMMENT.sub(_blanked, markdown)
    return [
        (number, CODE_SPAN.sub(_blanked, text))
        for number, text in enumerate(markdown.split("\n"), start=1)
        if number not in fenced
    ]


def footnote_problems(markdown: str, file: str) -> list[Problem]:
    """Footnote references and definitions one to one; no duplicate definition."""
    definitions: dict[str, int] = {}
    references: dict[str, int] = {}
    problems = []
    for number, text in _outside_code(markdown):
        definition = FOOTNOTE_DEFINITION.match(text)
        if definition:
            name = definition.group(1)
            if name in definitions:
                problems.append(
                    Problem(
                        file,
                        f"note [^{name}]",
                        "",
                        f"defined twice (first on line {definitions[name]}); the second definition would "
                        "replace the first: merge them or give the new note its own name",
                        line=number,
                    )
                )
            definitions.setdefault(name, number)
            text = text[definition.end() :]
        for reference in FOOTNOTE_REFERENCE.finditer(text):
            references.setdefault(reference.group(1), number)
    for name, number in references.items():
        if name not in definitions:
            problems.append(
                Problem(
                    file,
                    f"note [^{name}]",
                    "",
                    f"referenced but never defined; add a line `[^{name}]: text` with the notes, or fix the name",
                    line=number,
                )
            )
    for name, number in definitions.items():
        if name not in references:
            problems.append(
                Problem(
                    file,
                    f"note [^{name}]",
                    "",
                    f"defined but never referenced; put [^{name}] where the note belongs in the text, "
                    "or remove the definition",
                    line=number,
                )
            )
    return sorted(problems, key=lambda p: p.line or 0)


def citation_problems(markdown: str, file: str) -> list[Problem]:
    """Every `[@...` is a citation the hooks understand: `[@key]`, `[@a; @b]` or `[@key, с. 12]`
    (anything else would print as it stands, or vanish)."""
    problems = []
    for number, text in _outside_code(markdown):
        for match in CITATION_LIKE.finditer(text):
            if not any(form.fullmatch(match.group(0)) for form in CITATION_FORMS):
                problems.append(
                    Problem(
                        file,
                        f"citation {match.group(0)}",
                        "",
                        "not a citation; write [@key], [@key1; @key2] or [@key, с. 12] "
                        "(a key of bibliography.bib, a page after the comma)",
                        line=number,
                    )
                )
        for match in PREFIXED_CITATION.finditer(text):
            problems.append(
                Problem(
                    file,
                    f"citation {match.group(0)}",
                    "",
                    "words before the key are not part of a citation; write them before the brackets (см. [@key])",
                    line=number,
                )
            )
    return problems


ATTRIBUTE_ID = re.compile(r"\{:?\s*#([A-Za-z][\w:-]*)[^}]*\}")


def duplicate_id_problems(markdown: str, file: str) -> list[Problem]:
    """An explicit `{#id}` given twice on a page (the second would make an invalid page and a
    link that lands on the first)."""
    seen: dict[str, int] = {}
    problems = []
    for number, text in _outside_code(markdown):
        for match in ATTRIBUTE_ID.finditer(text):
            anchor = match.group(1)
            if anchor in seen:
                problems.append(
                    Problem(
                        file,
                        f"{{#{anchor}}}",
                        "",
                        f"the id is already used on line {seen[anchor]}; give each heading or block its own id",
                        line=number,
                    )
                )
            seen.setdefault(anchor, number)
    return problems


def page_problems(src_uri: str, markdown: str, numbered: bool) -> list[Problem]:
    """Every structural problem of one page; ``numbered``: the page's text has `{#pN}` numbers."""
    file = f"docs/{src_uri}"
    problems = footnote_problems(markdown, file) + citation_problems(markdown, file)
    if numbered:
        problems += paragraph_problems(markdown, file)
    elif src_uri != GLOSSARY:  # the glossary's loader checks its own ids
        problems += duplicate_id_problems(markdown, file)
    return sorted(problems, key=lambda p: p.line or 0)


ASCII_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def heading_id_problems(src_uri: str, markdown: str) -> list[Problem]:
    """Headings without an explicit ASCII id (Python-Markdown would give a Cyrillic heading the
    id `_1`, which changes as soon as a heading is added before it), and ids that are not ASCII."""
    file = f"docs/{src_uri}"
    body, offset = without_front_matter(markdown)
    problems = [
        Problem(
            file,
            f"heading '{heading}'",
            "",
            "has no explicit id; end it with an ASCII id such as {#introduction}",
            line=line + offset,
        )
        for line, heading in headings_without_ids(body)
    ]
    for paragraph in scan_page(src_uri, body):
        if paragraph.is_heading and not ASCII_ID.match(paragraph.anchor):
            problems.append(
                Problem(
                    file,
                    f"heading id '{paragraph.anchor}'",
                    "",
                    "must be lowercase ASCII letters, digits and '-'",
                    line=paragraph.line + offset,
                )
            )
    return problems


# The ids of the edition's own elements (overrides/, the generated blocks) and their prefixes: a
# page that gives one to a heading or block would break the element, or a published anchor.
RESERVED_IDS = (
    "ed-cite-card",
    "ed-preview-card",
    "edition-anchor-moves",
    "edition-reader-data",
    "editorial-notes",
    "exports",
    "not-found",
    "not-found-en",
    "tl-overview-title",
)
RESERVED_PREFIXES = {
    "ed-": "the editorial sources and notes",
    "ev-": "the timeline's events",
    "fn:": "footnotes",
    "fnref:": "footnote markers",
    "__": "Material's own elements",
}
YEAR_ID = re.compile(r"^y\d{4}(-h)?$")  # the timeline's years


def reserved_id_problems(src_uri: str, markdown: str) -> list[Problem]:
    """Explicit ids (`{#id}`) that the edition's own elements use."""
    problems = []
    for number, text in _outside_code(markdown):
        for match in ATTRIBUTE_ID.finditer(text):
            anchor = match.group(1)
            owner = next((what for prefix, what in RESERVED_PREFIXES.items() if anchor.startswith(prefix)), None)
            if anchor in RESERVED_IDS or YEAR_ID.match(anchor):
                owner = "an element of the edition's own pages"
            if owner:
                problems.append(
                    Problem(
                        f"docs/{src_uri}",
                        f"{{#{anchor}}}",
                        "",
                        f"the id is reserved for {owner}; choose another",
                        line=number,
                    )
                )
    return problems


# --- what a page may hold besides Markdown -------------------------------------------------------

# The raw HTML the pages use today, and its attributes: anything else fails the build (text from a
# page reaches readers only as Markdown renders it). HTML comments are allowed alone on their lines
# (the editors' notes and the markers).
ALLOWED_HTML = {"p": {"lang", "class"}}
HTML_TAG = re.compile(r"</?([A-Za-z][\w-]*)(?=[\s/>]|$)([^<>]*)>?")
HTML_ATTRIBUTE = re.compile(r"([^\s=/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<([A-Za-z][\w+.-]*:[^\s>]*)>")
URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SCHEMES = ("http", "https", "mailto")
ATTRIBUTE_LIST = re.compile(r"\{:?\s*([^}]*)\}")
ATTRIBUTE_KEYS = {"lang", "title"}
COMMENT_ON_ITS_LINES = re.compile(r"(?m)^[ \t]*<!--.*?-->[ \t]*$", re.S)


def raw_html_problems(src_uri: str, markdown: str) -> list[Problem]:
    """Raw HTML outside the allowlist, comments that share a line with text, links to a scheme
    other than http(s) or mailto, and attribute lists that set anything but an id, a class, lang
    or title."""
    file = f"docs/{src_uri}"
    body, offset = without_front_matter(markdown)
    problems = []
    alone = {match.start() for match in COMMENT_ON_ITS_LINES.finditer(body)}
    for match in HTML_COMMENT.finditer(body):
        start = body.rfind("\n", 0, match.start()) + 1
        if start + len(body[start : match.start()]) - len(body[start : match.start()].lstrip(" \t")) not in alone:
            problems.append(
                Problem(
                    file,
                    "HTML comment",
                    "",
                    "a comment must stand alone on its lines (the editors' notes and the markers do); "
                    "move the text out of its lines",
                    line=body.count("\n", 0, match.start()) + 1 + offset,
                )
            )
    for number, text in _outside_code(body):
        for match in HTML_TAG.finditer(text):
            if match.group(0).startswith("</"):  # the opening tag is named
                continue
            tag = match.group(1).lower()
            names = [m.group(1).lower() for m in HTML_ATTRIBUTE.finditer(match.group(2) or "")]
            allowed = ALLOWED_HTML.get(tag)
            if allowed is None or not set(names) <= allowed:
                shown = f"<{tag}>" if allowed is None else f"<{tag} {' '.join(n for n in names if n not in allowed)}>"
                problems.append(
                    Problem(
                        file,
                        f"HTML {shown}",
                        "",
                        "raw HTML is limited to <p> with lang and class, and comments alone on their lines; "
                        "write Markdown instead",
                        line=number + offset,
                    )
                )
        for match in LINK_TARGET.finditer(text):
            target = next(group for group in match.groups() if group is not None)
            scheme = URL_SCHEME.match(target)
            if scheme and scheme.group(1).lower() not in SCHEMES:
                problems.append(
                    Problem(
                        file,
                        f"link {target[:40]}",
                        "",
                        "links go to http://, https:// or mailto: addresses, or to the edition's pages",
                        line=number + offset,
                    )
                )
        for match in ATTRIBUTE_LIST.finditer(text):
            keys = {m.group(1) for m in re.finditer(r"([^\s=#.]+)\s*=", match.group(1))}
            if keys - ATTRIBUTE_KEYS:
                problems.append(
                    Problem(
                        file,
                        f"attributes {{{match.group(1).strip()[:40]}}}",
                        "",
                        "an attribute list sets an id (#id), classes (.name), lang or title only; remove the rest",
                        line=number + offset,
                    )
                )
    return sorted(problems, key=lambda p: p.line or 0)


def front_matter_problems(src_uri: str, markdown: str) -> list[Problem]:
    """The front matter against schemas/front-matter.json: plain text, known keys."""
    match = FRONT_MATTER.match(markdown)
    if not match:
        return []
    file = f"docs/{src_uri}"
    doc = datafile.parse(match.group(0)[4:].rsplit("---", 1)[0], file)
    problems = doc.problems
    if not problems and doc.data is not None and not isinstance(doc.data, dict):
        problems = [Problem(file, "front matter", "", "is not a mapping of keys; write `title: ...`", line=1)]
    elif not problems and doc.data is not None:
        problems = datafile.check(doc, "front-matter", datafile.by_file("front matter"))
    return [replace(p, line=(p.line or 1) + 1) for p in problems]
