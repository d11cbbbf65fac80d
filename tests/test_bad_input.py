"""A corpus of one-change edits an editor might make, each run through the real build.

Every edit must fail the strict build with a message that names the file (and the line where
one exists) and says what to fix, never with a traceback. The expected messages are written
out here, as the editor should read them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import MKDOCS, ROOT, copy_project, marked_word, mkdocs_env, note_start

EVENTS = "docs/data/events.yml"
VOCAB = "docs/data/vocabularies.yml"
ARTICLE_YML = "docs/data/article.yml"
ANCHORS = "anchors.yml"
BIB = "bibliography.bib"
TEXT = "docs/article.md"
VOCAB_LINES = (ROOT / "docs/data/vocabularies.yml").read_text(encoding="utf-8").splitlines()
VISIT = next(v for v in VOCAB_LINES if v.startswith('    {ru: "визит"'))  # the line under `  visit:`
KURMANGUZHIN = 'en: "Kurmanguzhin"'
CONCEPT = "  concept:\n" + VOCAB_LINES[VOCAB_LINES.index("  concept:") + 1] + "\n"


def line(path: str, needle: str, nth: int = 1) -> int:
    """The line of the nth occurrence of ``needle`` in the project's file."""
    text = (ROOT / path).read_text(encoding="utf-8")
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return text[:start].count("\n") + 1


def bib_field(key: str, field: str) -> str:
    """`bibliography.bib:LINE: entry 'key' [field]`, LINE the field's own line."""
    start = line(BIB, "{" + key + ",")
    lines = (ROOT / BIB).read_text(encoding="utf-8").split("\n")
    at = next((n for n in range(start, len(lines) + 1) if lines[n - 1].split("=")[0].strip() == field), start)
    return f"{BIB}:{at}: entry '{key}' [{field}]"


def bib_entry(key: str) -> str:
    return f"{BIB}:{line(BIB, '{' + key + ',')}: entry '{key}'"


DATE_LINE = line(EVENTS, 'date: "1992"')
EVENTS_LINE = line(EVENTS, "\nevents:") + 1
PLACE_LINE = line(EVENTS, 'place: {ru: "Пекин"')
QUOTE_LINE = line(EVENTS, 'quote: "В 1992 г.')
RECEIVED_LINE = line(ARTICLE_YML, 'received: "2023-02-09"')

# (id, file, old, new, the message the editor must read)
CORPUS = [
    # events.yml: syntax
    (
        "events-bad-indent",
        EVENTS,
        '    date: "1992"\n    kind: concept',
        '    date: "1992"\n   kind: concept',
        f"{EVENTS}:{line(EVENTS, 'kind: concept')}: YAML syntax: while parsing a block collection expected <block "
        "end>, but found '<block mapping start>' (what it was reading began on line "
        f"{line(EVENTS, '- id: ru-concept-variants-1992')}); check the indentation",
    ),
    ("events-unclosed-flow", EVENTS, "parties: [RU]\n", "parties: [RU\n", f"{EVENTS}:"),
    (
        "events-unquoted-impossible-date",
        EVENTS,
        'date: "1992"',
        "date: 1995-02-30",
        f"{EVENTS}:{DATE_LINE}: event 'ru-concept-variants-1992' [date]: '1995-02-30' is an "
        "impossible date: 1995-02 has no day 30",
    ),
    (
        "events-unquoted-year",
        EVENTS,
        'date: "1992"',
        "date: 1992",
        f"{EVENTS}:{DATE_LINE}: event 'ru-concept-variants-1992' [date]: 1992 is not text "
        '(quote it: "..."); write YYYY, YYYY-MM or YYYY-MM-DD in quotes',
    ),
    (
        "events-parties-string",
        EVENTS,
        "parties: [RU]\n",
        "parties: RU\n",
        f"{EVENTS}:{line(EVENTS, 'parties: [RU]')}: event 'ru-concept-variants-1992' [parties]: \"RU\" is not a list",
    ),
    (
        "events-title-string",
        EVENTS,
        'title:\n      ru: "Два варианта Концепции внешней политики России"\n',
        'title: "Два варианта"\n    title_old:\n      ru: "Два варианта Концепции внешней политики России"\n',
        f"{EVENTS}:{line(EVENTS, 'title:')}: event 'ru-concept-variants-1992' [title]: \"Два варианта\" is not a "
        "mapping (key: value)",
    ),
    (
        "events-context-quoted-no",
        EVENTS,
        "context: true",
        'context: "no"',
        f"{EVENTS}:{line(EVENTS, 'context: true')}: event 'ru-concept-variants-1992' [context]: \"no\" is not true "
        "or false; write true or false (without quotes)",
    ),
    (
        "events-unknown-field",
        EVENTS,
        "context: true",
        "context: true\n    contxt: true",
        f"{EVENTS}:{line(EVENTS, 'context: true') + 1}: event 'ru-concept-variants-1992' [contxt]: unknown field "
        "'contxt'; check its spelling or remove it",
    ),
    (
        "events-missing-kind",
        EVENTS,
        "    kind: concept\n",
        "",
        f"{EVENTS}:{line(EVENTS, '- id: ru-concept-variants-1992')}: event 'ru-concept-variants-1992' [kind]: "
        "missing field 'kind'; add it",
    ),
    (
        "events-empty-sources",
        EVENTS,
        '    sources:\n      - {page: article.md, paragraph: "fn:note-1", quote: "В 1992 г. экспертное сообщество '
        'России разработало два варианта Концепции"}',
        "    sources: []",
        "[sources]: the list is empty",
    ),
    (
        "events-quote-space",
        EVENTS,
        'quote: "В 1992 г. экспертное сообщество России разработало два варианта Концепции"',
        'quote: " "',
        f"{EVENTS}:{QUOTE_LINE}: event 'ru-concept-variants-1992' [sources[1].quote]: "
        '" " is empty or only spaces; write the words in quotes',
    ),
    (
        "events-quote-dot",
        EVENTS,
        'quote: "В 1992 г. экспертное сообщество России разработало два варианта Концепции"',
        'quote: "."',
        "event 'ru-concept-variants-1992' [sources[1].quote]: quote '.' is too short: copy at least 3 words",
    ),
    (
        "events-quote-from-heading",
        EVENTS,
        '{page: article.md, paragraph: "fn:note-1", quote: "В 1992 г. '
        'экспертное сообщество России разработало два варианта Концепции"}',
        '{page: article.md, paragraph: p1, quote: "ВВЕДЕНИЕ"}',
        "event 'ru-concept-variants-1992' [sources[1].paragraph]: 'p1' on article.md is a heading; quote the "
        "paragraph of the text that attests the event",
    ),
    (
        "events-quote-from-other-paragraph",
        EVENTS,
        'paragraph: "fn:note-1", quote: "В 1992 г.',
        'paragraph: p5, quote: "В 1992 г.',
        "[sources[1].quote]: quote not found in article.md#p5",
    ),
    (
        "events-duplicate-key",
        EVENTS,
        "context: true",
        "context: true\n    context: false",
        f"{EVENTS}:{line(EVENTS, 'context: true') + 1}: events[1] [context]: duplicate key 'context' (first on line "
        f"{line(EVENTS, 'context: true')})",
    ),
    (
        "events-duplicate-id",
        EVENTS,
        "id: kz-ru-visit-1992",
        "id: ru-concept-variants-1992",
        "event 'ru-concept-variants-1992' [id]: duplicate id (first on line",
    ),
    (
        "events-bad-id",
        EVENTS,
        "id: ru-concept-variants-1992",
        "id: RU concept",
        "event 'RU concept' [id]: \"RU concept\" has the wrong form; use lowercase ASCII letters, digits and '-'",
    ),
    (
        "events-unknown-party",
        EVENTS,
        "parties: [RU]\n",
        "parties: [RUS]\n",
        "event 'ru-concept-variants-1992' [parties]: unknown party 'RUS'",
    ),
    (
        "events-not-a-list",
        EVENTS,
        "events:\n  - id: ru-concept-variants-1992",
        "events:\n  id: ru-concept",
        f"{EVENTS}:",
    ),
    # vocabularies.yml
    (
        "vocab-syntax",
        VOCAB,
        VISIT,
        VISIT.removesuffix("}"),
        f"{VOCAB}:",
    ),
    (
        "vocab-missing-en",
        VOCAB,
        '{ru: "визит", en: "visit", ',
        '{ru: "визит", ',
        f"{VOCAB}:{line(VOCAB, 'visit:')}: vocabularies [kinds.visit.en]: missing field 'en'; add it",
    ),
    (
        "vocab-bad-party-code",
        VOCAB,
        "  KZ:   {",
        "  kz:   {",
        f'{VOCAB}:{line(VOCAB, "  KZ:")}: vocabularies [parties.kz]: the key "kz" has the wrong form; a party\'s '
        "code is uppercase ASCII letters, digits and '-'",
    ),
    (
        "vocab-names-string",
        VOCAB,
        "  visit:\n" + VISIT,
        '  visit:       "визит"',
        f'{VOCAB}:{line(VOCAB, "visit:")}: vocabularies [kinds.visit]: "визит" is not a mapping (key: value)',
    ),
    # article.yml
    ("article-syntax", ARTICLE_YML, "year: 2023", "year: [2023", f"{ARTICLE_YML}:"),
    (
        "article-title-string",
        ARTICLE_YML,
        'title:\n  ru: "Дипломатия Республики Казахстан: эволюция внешнеполитических концепций"',
        'title: "Дипломатия"\nx:\n  ru: "Дипломатия"',
        f'{ARTICLE_YML}:{line(ARTICLE_YML, "title:")}: article [title]: "Дипломатия" is not a mapping',
    ),
    (
        "article-authors-empty",
        ARTICLE_YML,
        "authors:",
        "authors: []\nauthors_old:",
        f"{ARTICLE_YML}:{line(ARTICLE_YML, 'authors:')}: article [authors]: the list is empty",
    ),
    (
        "article-year-2023a",
        ARTICLE_YML,
        "year: 2023",
        'year: "2023a"',
        f'{ARTICLE_YML}:{line(ARTICLE_YML, "year: 2023")}: article [year]: "2023a" is not a whole number',
    ),
    (
        "article-doi-markup",
        ARTICLE_YML,
        'doi: "10.20542/',
        'doi: "10.20542/\\"><script>alert(1)</script>',
        f"{ARTICLE_YML}:{line(ARTICLE_YML, 'doi:')}: article [doi]: ",
    ),
    (
        "article-impossible-date",
        ARTICLE_YML,
        'received: "2023-02-09"',
        'received: "2023-02-30"',
        f"{ARTICLE_YML}:{RECEIVED_LINE}: article [dates.journal.received]: "
        "'2023-02-30' is not a real date; write YYYY-MM-DD",
    ),
    (
        "article-unquoted-impossible-date",
        ARTICLE_YML,
        'received: "2023-02-09"',
        "received: 2023-02-30",
        "'2023-02-30' is not a real date",
    ),
    (
        "article-missing-family-en",
        ARTICLE_YML,
        'family: {ru: "Курмангужин", en: "Kurmanguzhin"}',
        'family: {ru: "Курмангужин"}',
        f"{ARTICLE_YML}:{line(ARTICLE_YML, KURMANGUZHIN)}: article [authors[1].family.en]: missing field 'en'",
    ),
    (
        "article-pages-reversed",
        ARTICLE_YML,
        'pages: {first: "74", last: "84"}',
        'pages: {first: "94", last: "84"}',
        "article [pages]: first page 94 is after last page 84",
    ),
    (
        "article-unknown-source",
        ARTICLE_YML,
        'source: "publisher"',
        'source: "publsher"',
        "article [dates.platform.source]: unknown source 'publsher'",
    ),
    (
        "article-misspelt-field",
        ARTICLE_YML,
        "volume:",
        "volme:",
        "article [volme]: unknown field 'volme'; check its spelling or remove it",
    ),
    # anchors.yml
    ("anchors-syntax", ANCHORS, "  article.md:\n", "  article.md\n", f"{ANCHORS}:"),
    (
        "anchors-fragment-without-hash",
        ANCHORS,
        "  fragments:\n",
        '  fragments:\n    "article.md-p3": p4\n',
        f"{ANCHORS}:{line(ANCHORS, '  fragments:') + 1}: anchors [moved.fragments.article.md-p3]: the key "
        '"article.md-p3" has the wrong form; write "page.md#old-id": new-id',
    ),
    (
        "anchors-line-deleted-page-missing",
        ANCHORS,
        "  - p4\n",
        "  - p4\n  - p99\n",
        "anchors.yml: anchor 'article.md#p99' is published but missing from the built 'article.md'",
    ),
    # bibliography.bib
    (
        "bib-year-2022a",
        BIB,
        "year      = {2003}",
        "year      = {2003a}",
        f"{bib_field('shakleina-2003', 'year')}: '2003a' is not a year; write four digits, e.g. 2022",
    ),
    (
        "bib-urldate-impossible",
        BIB,
        "urldate      = {2023-04-20}",
        "urldate      = {2023-02-30}",
        f"{bib_field('kurmanguzhin-2019', 'urldate')}: '2023-02-30' is an impossible date",
    ),
    (
        "bib-url-javascript",
        BIB,
        "url          = {http://www.alternativakz.com/index.php?nid=415/}",
        "url          = {javascript:alert(1)}",
        f"{bib_field('kurmanguzhin-2019', 'url')}: 'javascript:alert(1)' is not a web address",
    ),
    (
        "bib-unknown-latex",
        BIB,
        "title     = {История независимого Казахстана: политическая модернизация}",
        "title     = {История \\textit{независимого} Казахстана}",
        f"{bib_field('chebotarev-2022', 'title')}: LaTeX command '\\textit' is not supported",
    ),
    (
        "bib-unbalanced",
        BIB,
        "pagetotal = {316},",
        "pagetotal = {316,",
        f"{bib_entry('chebotarev-2022')}: unbalanced braces",
    ),
    (
        "bib-missing-field",
        BIB,
        "  pagetotal = {316},\n",
        "",
        f"{bib_entry('chebotarev-2022')} [pagetotal]: missing field 'pagetotal'; add `pagetotal = {{...}}`",
    ),
    # the article's text
    (
        "text-paragraph-without-number",
        TEXT,
        "{#p6}\n",
        "{#p6}\n\nНовый абзац.\n",
        f"{TEXT}:{line(TEXT, '{#p6}') + 2}: block 'Новый абзац.': no paragraph number; end the block with a line "
        "{#p7}",
    ),
    (
        "text-duplicate-number",
        TEXT,
        "{#p6}\n",
        "{#p6}\n\nНовый абзац.\n{#p3}\n",
        f"{TEXT}:{line(TEXT, '{#p6}') + 2}: block 'Новый абзац. {{#p3}}': {{#p3}} is already used on line",
    ),
    (
        "text-note-defined-twice",
        TEXT,
        note_start("note-2"),
        f"[^note-1]: Другое.\n\n{note_start('note-2')}",
        f"{TEXT}:{line(TEXT, note_start('note-2'))}: note [^note-1]: defined twice",
    ),
    (
        "text-note-undefined",
        TEXT,
        marked_word("note-2"),
        marked_word("note-2") + "[^note-9]",
        f"{TEXT}:{line(TEXT, marked_word('note-2'))}: note [^note-9]: referenced but never defined",
    ),
    (
        "text-unknown-citation-key",
        TEXT,
        "[@shakleina-2003]",
        "[@shakleina-2033]",
        f"{TEXT}:{line(TEXT, '[@shakleina-2003]')}: citation [@shakleina-2033]: unknown citation key 'shakleina-2033'",
    ),
    # more types, fields and values
    (
        "events-paragraph-number",
        EVENTS,
        'paragraph: "fn:note-1"',
        "paragraph: 5",
        f"{EVENTS}:{QUOTE_LINE}: event 'ru-concept-variants-1992' [sources[1].paragraph]: 5 is not text "
        '(quote it: "...")',
    ),
    (
        "events-terms-string",
        EVENTS,
        "terms: [supreme-soviet]",
        "terms: supreme-soviet",
        f"{EVENTS}:{line(EVENTS, 'terms: [supreme-soviet]')}: event 'ru-concept-variants-1992' [terms]: "
        '"supreme-soviet" is not a list',
    ),
    (
        "events-place-string",
        EVENTS,
        'place: {ru: "Пекин", en: "Beijing"}',
        'place: "Пекин"',
        f"{EVENTS}:{PLACE_LINE}: event 'kz-cn-summit-1993' [place]: \"Пекин\" is not a mapping",
    ),
    (
        "events-empty-entry",
        EVENTS,
        "events:\n",
        "events:\n  -\n",
        f"{EVENTS}:{EVENTS_LINE + 1}: event #1: null is not a mapping (key: value)",
    ),
    (
        "events-outside-years",
        EVENTS,
        'date: "1992"',
        'date: "2023"',
        f"{EVENTS}:{DATE_LINE}: event 'ru-concept-variants-1992' [date]: '2023' is outside the timeline's years",
    ),
    (
        "vocab-kind-removed",
        VOCAB,
        CONCEPT,
        "",
        "event 'ru-concept-variants-1992' [kind]: unknown kind 'concept'",
    ),
    (
        "article-year-float",
        ARTICLE_YML,
        "year: 2023",
        "year: 2023.0",
        f"{ARTICLE_YML}:{line(ARTICLE_YML, 'year: 2023')}: article [year]: 2023.0 has decimals; write a whole number "
        "such as 2023",
    ),
    (
        "article-doi-url",
        ARTICLE_YML,
        'doi: "10.20542/',
        'doi: "https://doi.org/10.20542/',
        f'{ARTICLE_YML}:{line(ARTICLE_YML, "doi:")}: article [doi]: "https://doi.org/10.20542/',
    ),
    (
        "article-keywords-string",
        ARTICLE_YML,
        '  en:\n    - "Kazakhstan"',
        '  en: "Kazakhstan"\n  old:\n    - "Kazakhstan"',
        'article [keywords.en]: "Kazakhstan" is not a list',
    ),
    (
        "article-version-number",
        ARTICLE_YML,
        'version: "0.1.0"',
        "version: 0.1",
        f"{ARTICLE_YML}:{line(ARTICLE_YML, 'version:')}: article [edition.version]: 0.1 is not text",
    ),
    (
        "anchors-list-as-string",
        ANCHORS,
        "  abstract.md:\n  - abstract-title\n  - abstract-text\n  - abstract\n",
        "  abstract.md: abstract-title\n",
        f'{ANCHORS}:{line(ANCHORS, "abstract.md:")}: anchors [anchors.abstract.md]: "abstract-title" is not a list',
    ),
    (
        "bib-doi-url",
        BIB,
        "doi          = {10.25136/",
        "doi          = {https://doi.org/10.25136/",
        f"{bib_field('avatkov-2019', 'doi')}: 'https://doi.org/10.25136/",
    ),
    (
        "bib-date-impossible",
        BIB,
        "date         = {2019-11-04}",
        "date         = {2019-11-31}",
        f"{bib_field('kurmanguzhin-2019', 'date')}: '2019-11-31' is an impossible date",
    ),
    (
        "bib-unknown-type",
        BIB,
        "@book{chebotarev-2022,",
        "@misc{chebotarev-2022,",
        f"{bib_entry('chebotarev-2022')} [type]: unknown entry type '@misc'",
    ),
    (
        "bib-duplicate-key",
        BIB,
        "@book{chebotarev-2022,",
        "@book{shakleina-2003,",
        f"{BIB}:{line(BIB, '@book{chebotarev-2022,')}: entry 'shakleina-2003' [key]: the key is already used on line "
        f"{line(BIB, '@thesis{shakleina-2003,')}; every key must be unique",
    ),
    (
        "text-note-unreferenced",
        TEXT,
        marked_word("note-1"),
        marked_word("note-1").removesuffix("[^note-1]"),
        f"{TEXT}:{line(TEXT, note_start('note-1'))}: note [^note-1]: defined but never referenced",
    ),
    (
        "text-citation-empty-locator",
        TEXT,
        "[@shakleina-2003]",
        "[@shakleina-2003, ]",
        f"{TEXT}:{line(TEXT, '[@shakleina-2003]')}: citation [@shakleina-2003, ]: not a citation; write [@key], "
        "[@key1; @key2] or [@key, с. 12]",
    ),
    (
        "text-heading-without-text",
        TEXT,
        "## ВВЕДЕНИЕ {#p1}",
        "## {#p1}",
        f"{TEXT}:{line(TEXT, '## ВВЕДЕНИЕ')}: block '## {{#p1}}': the heading has no text",
    ),
    (
        "text-number-reused-by-heading",
        TEXT,
        "{#p6}\n",
        "{#p6}\n\n## НОВЫЙ РАЗДЕЛ {#p5}\n",
        "{#p5} is already used on line",
    ),
]


def build(project: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        cwd=cwd,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("name, path, old, new, message", CORPUS, ids=[case[0] for case in CORPUS])
def test_a_bad_edit_fails_with_a_clear_message(tmp_path, name, path, old, new, message):
    project = copy_project(tmp_path / "project")
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{name}: {old!r} is not in {path}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build(project, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: the build passed:\n{output}"
    assert "Traceback" not in output, output
    assert message in output, output
    assert path in output


def test_problems_of_several_files_are_listed_in_one_run(tmp_path):
    project = copy_project(tmp_path / "project")
    edits = [
        (ARTICLE_YML, "year: 2023", 'year: "2023a"'),
        (BIB, "year      = {2003}", "year      = {2003a}"),
        (VOCAB, '{ru: "визит", en: "visit", ', '{ru: "визит", '),
        (TEXT, marked_word("note-2"), marked_word("note-2") + "[^note-9]"),
        (ANCHORS, "  fragments:\n", '  fragments:\n    "a.md": b\n'),
    ]
    for path, old, new in edits:
        target = project / path
        target.write_text(target.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = build(project, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "5 problems in the edition's sources:" in output
    for message in (
        f"{ARTICLE_YML}:{line(ARTICLE_YML, 'year: 2023')}: article [year]:",
        f"{bib_field('shakleina-2003', 'year')}: '2003a' is not a year",
        f"{VOCAB}:{line(VOCAB, 'visit:')}: vocabularies [kinds.visit.en]: missing field 'en'",
        f"{TEXT}:{line(TEXT, marked_word('note-2'))}: note [^note-9]: referenced but never defined",
        f'{ANCHORS}:{line(ANCHORS, "  fragments:") + 1}: anchors [moved.fragments.a.md]: the key "a.md" '
        "has the wrong form",
    ):
        assert message in output, message
