"""Bad input fails the real build with a message that says where and what to fix."""

import re

from conftest import edit
from lxml import html as lxml_html


def test_the_real_build_is_strict_and_silent(site):
    assert site.returncode == 0
    assert not re.search(r"^(WARNING|ERROR)", site.output, re.MULTILINE), site.output


def test_unknown_citation_key_fails_naming_key_and_page(project, build_copy):
    edit(project / "docs/article.md", "[@shakleina-2003]", "[@shakleina-2033]")
    output = build_copy(project).failure()
    text = (project / "docs/article.md").read_text(encoding="utf-8")
    line = text[: text.index("[@shakleina-2033]")].count("\n") + 1
    assert (
        f"docs/article.md:{line}: citation [@shakleina-2033]: unknown citation key 'shakleina-2033': no such entry "
        "in bibliography.bib; fix the key or add the entry"
    ) in output


def test_malformed_bib_entry_fails_naming_entry_and_line(project, build_copy):
    bib = project / "bibliography.bib"
    edit(bib, "pagetotal = {316},", "pagetotal = {316,")
    line = bib.read_text(encoding="utf-8").split("\n").index("@book{chebotarev-2022,") + 1
    output = build_copy(project).failure()
    assert (f"bibliography.bib:{line}: entry 'chebotarev-2022': unbalanced braces: 1 '}}' missing") in output
    assert not (project / "site" / "article" / "index.html").exists()


def test_unknown_marker_fails(project, build_copy):
    (project / "docs/about.md").write_text("# About {#about}\n\n<!-- timelime -->\n", encoding="utf-8")
    output = build_copy(project).failure()
    assert "docs/about.md:3: unknown marker <!-- timelime -->" in output


def test_heading_of_the_text_without_its_number_fails(project, build_copy):
    edit(project / "docs/article.md", "## ВВЕДЕНИЕ {#p1}", "## ВВЕДЕНИЕ")
    output = build_copy(project).failure()
    line = (project / "docs/article.md").read_text(encoding="utf-8").split("\n").index("## ВВЕДЕНИЕ") + 1
    assert (
        f"docs/article.md:{line}: block '## ВВЕДЕНИЕ': no paragraph number; end the heading with its number: "
        "`## ВВЕДЕНИЕ {#p7}`"
    ) in output


def test_heading_without_explicit_id_fails(project, build_copy):
    edit(project / "docs/about.md", "## Принципы подготовки текста {#principles}", "## Принципы подготовки текста")
    output = build_copy(project).failure()
    assert "docs/about.md:" in output
    assert (
        "heading '## Принципы подготовки текста': has no explicit id; end it with an ASCII id such as {#introduction}"
    ) in output


def test_link_to_missing_anchor_fails(project, build_copy):
    (project / "docs/about.md").write_text("# About {#about}\n\nSee [p9](article.md#p9).\n", encoding="utf-8")
    output = build_copy(project).failure()
    assert "contains a link 'article.md#p9', but the doc 'article.md' does not contain an anchor '#p9'" in output


def test_a_cited_page_number_survives(project, build_copy):
    """mkdocs-bibtex 4.4 drops locators with numeric styles: our hook keeps them."""
    edit(project / "docs/article.md", "к 1995 г., когда", "к 1995 г. [@gubaidullina-2011, с. 5], когда")
    edit(project / "docs/article.md", "Западом.", "Западом [@gubaidullina-2011].")
    build = build_copy(project)
    assert build.returncode == 0, build.output
    page = lxml_html.parse(str(build.site / "article/index.html")).getroot()
    [located] = page.xpath('//*[@id="p4"]//a[@class="footnote-ref"]')
    assert located.text_content() == "[5, с. 5]"
    [note] = page.xpath(f'//li[@id="{located.get("href")[1:]}"]')
    text = " ".join(note.text_content().split())
    assert text.startswith("[5, с. 5] Губайдуллина М. Ш. 20 лет в международном сообществе")
    [plain] = page.xpath('//li[@id="fn:note-1"]//a[@href="#fn:ref-gubaidullina-2011"]')
    assert plain.text_content() == "[5]"
    assert located.get("href") != "#fn:ref-gubaidullina-2011"


def test_two_locators_of_one_work_in_one_paragraph_get_two_notes(project, build_copy):
    edit(project / "docs/article.md", "к 1995 г., когда", "к 1995 г. [@gubaidullina-2011, с. 12], когда")
    edit(project / "docs/article.md", "организациями.", "организациями [@gubaidullina-2011, т. 12].")
    build = build_copy(project)
    assert build.returncode == 0, build.output
    page = lxml_html.parse(str(build.site / "article/index.html")).getroot()
    markers = page.xpath('//*[@id="p4"]//a[@class="footnote-ref"]')
    assert [m.text_content() for m in markers] == ["[5, с. 12]", "[5, т. 12]"]
    targets = [m.get("href")[1:] for m in markers]
    assert len(set(targets)) == 2
    notes = [" ".join(page.xpath(f'//li[@id="{t}"]')[0].text_content().split()) for t in targets]
    assert notes[0].startswith("[5, с. 12] Губайдуллина М. Ш.") and notes[1].startswith("[5, т. 12] Губайдуллина")


def test_latex_in_the_bibliography_reads_as_text_on_the_page_and_in_the_exports(project, build_copy):
    edit(
        project / "bibliography.bib", "organization = {Альтернатива},", 'organization = {Sch{\\"o}n \\& Co, 50\\% <b>},'
    )
    build = build_copy(project)
    assert build.returncode == 0, build.output
    page = lxml_html.parse(str(build.site / "bibliography/index.html")).getroot()
    [item] = page.xpath('//*[@id="kurmanguzhin-2019"]')
    text = " ".join(item.text_content().split())
    assert "[Электронный ресурс]. Schön & Co, 50% <b>, 04.11.2019. URL: http://www.alternativakz.com" in text
    assert not item.xpath(".//b")
    ris = build.text("downloads/references.ris")
    assert "T2  - Schön & Co, 50% <b>\n" in ris
    assert '"container-title": "Schön & Co, 50% <b>"' in build.text("downloads/references.json")


def test_a_jinja_syntax_error_in_an_override_is_named_at_its_line(project, build_copy):
    edit(project / "overrides/main.html", "{% block content %}", "{% block content %")
    output = build_copy(project).failure()
    line = (project / "overrides/main.html").read_text(encoding="utf-8").split("\n").index("{% block content %") + 1
    assert f"overrides/main.html:{line}: template: " in output and "; fix the Jinja syntax there" in output
    assert "Traceback" not in output


def test_a_jinja_syntax_error_in_an_edition_partial_is_named(project, build_copy):
    path = project / "overrides/partials/edition/paragraph-number.html"
    path.write_text(path.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    output = build_copy(project).failure()
    assert "overrides/partials/edition/paragraph-number.html:" in output and "Traceback" not in output


def test_a_page_that_cannot_be_read_is_named(project, build_copy):
    (project / "docs/latin1.md").write_bytes("# Страница {#page}\n".encode("cp1251"))
    (project / "docs/dangling.md").symlink_to(project / "docs/no-such-file.md")
    output = build_copy(project).failure()
    assert "docs/latin1.md:1: file: not UTF-8 (invalid continuation byte); save it as UTF-8" in output
    assert "docs/dangling.md:1: file: cannot be read" in output and "Traceback" not in output


def test_a_cache_that_is_not_a_folder_only_keeps_nothing(project, build_copy):
    (project / ".cache").write_text("a file where the folder should be", encoding="utf-8")
    build = build_copy(project)
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output and "make .cache/ a writable folder" in build.output
    assert (project / "site/article/index.html").exists()


def test_an_edit_of_the_russian_that_moves_a_sentence_boundary_fails_naming_the_pair(project, build_copy):
    edit(project / "docs/article.md", "Концепций. Работа специалистов", "Концепций, и работа специалистов")
    output = build_copy(project).failure()
    data = (project / "docs/data/translation.yml").read_text(encoding="utf-8")
    line = data[: data.index("id: p2-s1")].count("\n") + 1
    assert f"docs/data/translation.yml:{line}: pair 'p2-s1' [ru]: no longer matches the text of ¶2" in output
    assert "divide it among the pairs 'p2-s1', 'p2-s2' (ru and en)" in output
