"""The article's structure: paragraph numbers and footnotes (edition.structure), exact messages."""

import pytest
from conftest import ROOT, edit, marked_word, note_start, opening
from edition import structure

ARTICLE = (ROOT / "docs/article.md").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def problems(markdown: str) -> list[str]:
    return [str(p) for p in structure.page_problems("article.md", markdown, numbered=True)]


def test_the_real_article_is_well_formed():
    assert problems(ARTICLE) == []
    assert [block.split("\n")[-1][-5:] for _line, block in structure.text_blocks(ARTICLE)][:3] == [
        "{#p1}",
        "{#p2}",
        "{#p3}",
    ]


def test_a_paragraph_without_number_is_named_with_the_next_free_number():
    text = ARTICLE.replace("{#p6}\n", "{#p6}\n\nНовый абзац без номера.\n", 1)
    assert problems(text) == [
        f"docs/article.md:{line_of(text, 'Новый абзац')}: block 'Новый абзац без номера.': "
        "no paragraph number; end the block with a line {#p7} (the next free number; headings of the text are "
        "numbered like its paragraphs)"
    ]


def test_a_heading_without_number():
    text = ARTICLE.replace("{#p6}\n", "{#p6}\n\n## ЗАКЛЮЧЕНИЕ\n", 1)
    assert problems(text) == [
        f"docs/article.md:{line_of(text, '## ЗАКЛЮЧЕНИЕ')}: block '## ЗАКЛЮЧЕНИЕ': no paragraph number; end the "
        "heading with its number: `## ЗАКЛЮЧЕНИЕ {#p7}` (the next free number; headings of the text are numbered "
        "like its paragraphs)"
    ]


def test_a_reused_number():
    text = ARTICLE.replace("{#p6}\n", "{#p6}\n\nЕщё абзац.\n{#p3}\n", 1)
    assert problems(text) == [
        f"docs/article.md:{line_of(text, 'Ещё абзац')}: block 'Ещё абзац. {{#p3}}': {{#p3}} is already used on "
        f"line {line_of(text, opening('p3'))}; give this block the next free number {{#p7}} "
        "(never reuse or renumber an anchor)"
    ]


def test_numbers_must_rise():
    text = ARTICLE.replace("{#p6}\n", "{#p6}\n\nАбзац девять.\n{#p9}\n\nАбзац восемь.\n{#p8}\n", 1)
    assert problems(text) == [
        f"docs/article.md:{line_of(text, 'Абзац восемь')}: block 'Абзац восемь. {{#p8}}': {{#p8}} comes after "
        "{#p9}: paragraph numbers must rise in text order; number a new block after the last one, never renumber"
    ]


def test_two_numbers_in_one_block():
    text = ARTICLE.replace("{#p6}\n", "{#p6}\nЕщё строка.\n{#p7}\n", 1)
    [problem] = problems(text)
    assert problem.endswith(
        "more than one paragraph number ({#p6}, {#p7}); separate the paragraphs with a blank line, one number each"
    )
    assert problem.startswith(f"docs/article.md:{line_of(text, 'Важные шаги')}: block 'Важные шаги")


def test_a_number_must_stand_on_the_last_line():
    text = ARTICLE.replace("{#p6}\n", "{#p7} Хвост.\n", 1)
    assert problems(text)[0].endswith("{#p7} must stand alone on the block's last line (a heading: `## TITLE {#p7}`)")


def test_footnote_defined_twice():
    text = ARTICLE.replace(note_start("note-2"), f"[^note-1]: Другое.\n\n{note_start('note-2')}", 1)
    assert problems(text) == [
        f"docs/article.md:{line_of(text, '[^note-1]: Другое')}: note [^note-1]: defined twice (first on line "
        f"{line_of(text, note_start('note-1'))}); the second definition would replace the first: merge them or "
        "give the new note its own name"
    ]


def test_footnote_referenced_but_not_defined_and_defined_but_not_referenced():
    renamed = marked_word("note-2").replace("note-2", "note-9")
    text = ARTICLE.replace(marked_word("note-2"), renamed, 1)
    assert problems(text) == [
        f"docs/article.md:{line_of(text, renamed)}: note [^note-9]: referenced but never defined; add a "
        "line `[^note-9]: text` with the notes, or fix the name",
        f"docs/article.md:{line_of(text, '[^note-2]:')}: note [^note-2]: defined but never referenced; put "
        "[^note-2] where the note belongs in the text, or remove the definition",
    ]


def test_notes_in_comments_and_code_are_not_notes():
    assert structure.footnote_problems("<!-- [^a] -->\n\n`[^b]` text\n\n```\n[^c]\n```\n", "x.md") == []


def test_other_pages_are_not_numbered():
    assert structure.page_problems("about.md", "# About {#about}\n\nText.\n", numbered=False) == []


def test_malformed_citations():
    text = "a [@k] b [@k; @j] c [@k, с. 12] d [@k, ] e [@] f [@k, с. [12]] g [@k"
    assert [(p.where, p.message) for p in structure.citation_problems(text, "x.md")] == [
        (
            "citation [@k, ]",
            "not a citation; write [@key], [@key1; @key2] or [@key, с. 12] (a key of "
            "bibliography.bib, a page after the comma)",
        ),
        (
            "citation [@]",
            "not a citation; write [@key], [@key1; @key2] or [@key, с. 12] (a key of "
            "bibliography.bib, a page after the comma)",
        ),
        (
            "citation [@k, с. [12]",
            "not a citation; write [@key], [@key1; @key2] or [@key, с. 12] (a key of "
            "bibliography.bib, a page after the comma)",
        ),
        (
            "citation [@k",
            "not a citation; write [@key], [@key1; @key2] or [@key, с. 12] (a key of "
            "bibliography.bib, a page after the comma)",
        ),
    ]
    assert structure.citation_problems(ARTICLE, "docs/article.md") == []


def test_words_before_a_key_are_not_a_citation():
    text = "a [см. @k] b [@k], [mail@x.org], [Twitter @k](https://x.org) c [ср.  @k, с. 2]"
    assert [(p.where, p.message) for p in structure.citation_problems(text, "x.md")] == [
        (
            f"citation {cited}",
            "words before the key are not part of a citation; write them before the brackets (см. [@key])",
        )
        for cited in ("[см. @k]", "[ср.  @k, с. 2]")
    ]


def test_a_heading_needs_text():
    text = ARTICLE.replace("## ВВЕДЕНИЕ {#p1}", "## {#p1}", 1)
    assert problems(text) == [
        f"docs/article.md:{line_of(text, '## {#p1}')}: block '## {{#p1}}': the heading has no text; write it "
        "before the number"
    ]


def test_a_heading_with_a_word_id_inside_the_text_is_still_text():
    text = ARTICLE.replace("{#p6}\n", "{#p6}\n\n## Заключение {#conclusion}\n\nИтог без номера.\n", 1)
    assert [p.message for p in structure.page_problems("article.md", text, numbered=True)] == [
        "no paragraph number; end the heading with its number: `## Заключение {#p7}` (the next free number; "
        "headings of the text are numbered like its paragraphs)",
        "no paragraph number; end the block with a line {#p8} (the next free number; headings of the text are "
        "numbered like its paragraphs)",
    ]


def test_an_id_given_twice_on_a_page():
    text = "# About {#about}\n\n## A {#a}\n\nText.\n{: #b }\n\n## B {#a}\n\n`{#a}` in code\n"
    assert [str(p) for p in structure.page_problems("about.md", text, numbered=False)] == [
        "docs/about.md:8: {#a}: the id is already used on line 3; give each heading or block its own id"
    ]
    assert structure.page_problems("glossary.md", text, numbered=False) == []


@pytest.mark.parametrize("anchor", ["ed-cite-card", "edition-reader-data", "ev-nato-1994", "y1994", "fn:note-1"])
def test_an_id_of_the_editions_own_elements_is_refused(anchor):
    from edition import structure

    problems = structure.reserved_id_problems("about.md", f"# About {{#about}}\n\n## Heading {{#{anchor}}}\n")
    assert len(problems) == 1 and str(problems[0]).startswith(
        f"docs/about.md:3: {{#{anchor}}}: the id is reserved for "
    )
    assert str(problems[0]).endswith("; choose another")
    assert structure.reserved_id_problems("about.md", "## Heading {#principles}\n") == []


def test_a_heading_that_takes_the_reader_data_id_fails_the_build(project, build_copy):
    edit(project / "docs/about.md", "## Принципы подготовки текста {#principles}", "## Принципы {#edition-reader-data}")
    output = build_copy(project).failure()
    assert (
        "{#edition-reader-data}: the id is reserved for an element of the edition's own pages; choose another" in output
    )


HOSTILE_PAGE = """---
title: "Об <script>"
lang: "ru\\" onload=\\"x"
bogus: 1
---
# T {#t}

Text <script>alert(1)</script> and <img src=x onerror=alert(1)> and <p lang="en" onclick="x">y</p>.

<p lang="en" class="edition-source">allowed</p>

[x](javascript:alert(1)) [y](https://example.org/) [z](article.md#p5) <javascript:alert(1)>

[ref]: data:text/html,hi

*x*{: onmouseover=alert(1) }

text <!-- inline comment --> more

<!-- alone on its line -->

`<b>code</b>`

```
<iframe src=x>
```
"""


def test_front_matter_is_plain_text_with_known_keys():
    from edition import structure

    assert [str(p) for p in structure.front_matter_problems("x.md", HOSTILE_PAGE)] == [
        'docs/x.md:2: front matter [title]: "Об <script>" has the wrong form; plain text: no <, >, & or " '
        "(quotes as « » or “ ”)",
        'docs/x.md:3: front matter [lang]: "ru\\" onload=\\"x" has the wrong form; a language tag such as ru or en',
        "docs/x.md:4: front matter [bogus]: unknown field 'bogus'; check its spelling or remove it "
        "(allowed: description, hide, lang, search, title)",
    ]


def test_raw_html_links_and_attributes_outside_the_allowlist_are_named():
    from edition import structure

    html = "raw HTML is limited to <p> with lang and class, and comments alone on their lines; write Markdown instead"
    link = "links go to http://, https:// or mailto: addresses, or to the edition's pages"
    assert [str(p) for p in structure.raw_html_problems("x.md", HOSTILE_PAGE)] == [
        f"docs/x.md:8: HTML <script>: {html}",
        f"docs/x.md:8: HTML <img>: {html}",
        f"docs/x.md:8: HTML <p onclick>: {html}",
        f"docs/x.md:12: link javascript:alert(1: {link}",
        f"docs/x.md:12: link javascript:alert(1): {link}",
        f"docs/x.md:14: link data:text/html,hi: {link}",
        "docs/x.md:16: attributes {onmouseover=alert(1)}: an attribute list sets an id (#id), classes (.name), "
        "lang or title only; remove the rest",
        "docs/x.md:18: HTML comment: a comment must stand alone on its lines (the editors' notes and the markers "
        "do); move the text out of its lines",
    ]


def test_a_script_in_the_article_fails_the_build(project, build_copy):
    edit(project / "docs/article.md", opening("p3"), opening("p3") + " <script>alert(1)</script>")
    output = build_copy(project).failure()
    assert "docs/article.md:" in output and ": HTML <script>: raw HTML is limited to <p>" in output
    assert not (project / "site").exists() or not list((project / "site").rglob("article/index.html"))
