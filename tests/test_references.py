"""Unit tests of the repairs made to mkdocs-bibtex's reference texts."""

from edition import references
from pybtex.database import Entry


def test_pandoc_dashes_become_dashes_but_urls_are_kept():
    text = "Казахстан -- Европейский Союз. (2000--2010). С. 1--8. URL: <https://a.org/x--y>"
    assert references.fix_dashes(text) == (
        "Казахстан – Европейский Союз. (2000–2010). С. 1–8. URL: <https://a.org/x--y>"
    )


def test_em_dash():
    assert references.fix_dashes("a --- b") == "a — b"


def test_missing_url_and_access_date_are_restored():
    entry = Entry("online", fields={"url": "https://cabar.asia/x", "urldate": "2023-04-20"})
    assert references.ensure_access_note("Чеботарёв А. Особенности. Cabar, 2020.", entry) == (
        "Чеботарёв А. Особенности. Cabar, 2020. URL: <https://cabar.asia/x> (дата обращения: 20.04.2023)."
    )


def test_present_url_is_not_doubled():
    entry = Entry("online", fields={"url": "https://x.org", "urldate": "2023-04-20"})
    text = "A. URL: <https://x.org> (дата обращения: 20.04.2023)."
    assert references.ensure_access_note(text, entry) == text


def test_located_citation_gets_its_own_footnote():
    markdown, found = references.extract_located_citations(
        "a [@gubaidullina-2011, с. 12] b [@gubaidullina-2011] c [@gubaidullina-2011, с. 3–4]"
    )
    assert markdown == ("a [^ref-gubaidullina-2011-at-s-12] b [@gubaidullina-2011] c [^ref-gubaidullina-2011-at-s-3-4]")
    assert [(c.key, c.locator) for c in found] == [("gubaidullina-2011", "с. 12"), ("gubaidullina-2011", "с. 3–4")]


def test_citation_labels():
    assert references.citation_label(5) == "[5]"
    assert references.citation_label(5, "с. 12") == "[5, с. 12]"


def test_citations_become_footnotes_defined_where_the_page_says():
    markdown = "a [@x]. b [@y; @x]\n\n[^note-1]: n\n\n\\bibliography\n\nend"
    assert references.citation_footnotes(markdown, lambda key: f"T{key}.") == (
        "a [^ref-x]. b [^ref-y] [^ref-x]\n\n[^note-1]: n\n\n[^ref-x]: Tx.\n[^ref-y]: Ty.\n\nend"
    )


def test_citation_footnotes_at_the_end_without_a_place_and_nothing_without_citations():
    assert references.citation_footnotes("a [@x]", lambda key: "T.") == "a [^ref-x]\n[^ref-x]: T."
    assert references.citation_footnotes("a [b] [^n]", lambda key: "T.") == "a [b] [^n]"
    assert references.citation_footnotes("a\n\\bibliography\n", lambda key: "T.") == "a\n\n"
    assert references.citation_footnotes("[@x]\n\n  \\bibliography", lambda key: "T.") == "[^ref-x]\n\n[^ref-x]: T."
    assert references.citation_footnotes("[@x;\n@y]", lambda key: "T.") == "[@x;\n@y]"  # never across lines


def test_cited_keys_of_every_citation_form_in_order():
    text = "[@b] x [@a, с. 12] [@c; @b] [mail@x.org] [see @d] [@e,т. 1]"
    assert references.cited_keys(text) == ["b", "a", "c", "e"]


def test_located_citations_with_different_locators_get_distinct_ids():
    markdown, found = references.extract_located_citations("a [@k, с. 12] b [@k, т. 12] c [@k, с.  12]")
    assert markdown == "a [^ref-k-at-s-12] b [^ref-k-at-t-12] c [^ref-k-at-s-12]"
    assert [c.locator for c in found] == ["с. 12", "т. 12"]


def test_online_publications_keep_day_and_month():
    entry = Entry("online", fields={"date": "2019-11-04"})
    text = "Курмангужин Р. С. К вопросу [Электронный ресурс]. Альтернатива, 2019. URL: <http://a.kz/2019.>"
    assert references.full_date(text, entry) == (
        "Курмангужин Р. С. К вопросу [Электронный ресурс]. Альтернатива, 04.11.2019. URL: <http://a.kz/2019.>"
    )
    assert references.full_date(text, Entry("online", fields={"date": "2019"})) == text
    assert references.full_date(text, Entry("book", fields={"date": "2019-11-04"})) == text


def test_pandoc_escapes_become_characters_not_markup():
    assert references.markdown_escapes(r"Sch\"on \<b\>x\</b\> \& 50\% a\_b \[1\]") == (
        r"Sch&#34;on &#60;b\>x&#60;/b\> &#38; 50&#37; a\_b \[1\]"
    )


def test_russian_dates_and_notes_without_access_date():
    assert references.russian_date("2023-04-20") == "20.04.2023"
    entry = Entry("online", fields={"url": "https://x.org"})
    assert references.ensure_access_note("A. ", entry) == "A. URL: <https://x.org>."
    assert references.ensure_access_note("B.", Entry("book", fields={})) == "B."


def test_gost_reference_repairs_in_order():
    entry = Entry("online", fields={"url": "https://c.asia/x--y", "urldate": "2023-04-20", "date": "2020-04-23"})
    text = "Чеботарёв  А. Особенности --- новой\nконцепции \\<x\\> [Электронный ресурс]. Cabar, 2020."
    assert references.gost_reference(text, entry) == (
        "Чеботарёв А. Особенности — новой концепции &#60;x\\> [Электронный ресурс]. Cabar, 23.04.2020. "
        "URL: <https://c.asia/x--y> (дата обращения: 20.04.2023)."
    )


def test_reference_numbers_follow_the_file():
    from pybtex.database import BibliographyData

    data = BibliographyData({"b": Entry("book"), "a": Entry("book")})
    assert references.reference_numbers(data) == {"b": 1, "a": 2}


def test_markdown_inline_has_no_paragraph():
    assert references.markdown_inline("*T*. URL: <https://x.org>") == (
        '<em>T</em>. URL: <a href="https://x.org">https://x.org</a>'
    )


def test_gost_keeps_the_day_and_month_the_journal_prints(site):
    """References 8 and 10 are online publications dated to the day in the article's list."""
    from conftest import source_references

    page = site.page("bibliography")
    for number, key, dated in [
        (8, "kurmanguzhin-2019", "Альтернатива, 04.11.2019."),
        (10, "chebotarev-2020", "Cabar, 23.04.2020."),
    ]:
        assert dated in source_references()[number]
        [item] = page.xpath(f'//*[@id="{key}"]')
        gost = " ".join(item.text_content().split())
        assert f"[Электронный ресурс]. {dated} URL: " in gost


def test_the_style_is_made_russian():
    assert references.russian_style('<style default-locale="en-US" class="in-text">') == (
        '<style default-locale="ru-RU" class="in-text">'
    )
    assert references.russian_style('<style class="in-text">') == '<style default-locale="ru-RU" class="in-text">'


def test_citation_markers_show_their_escaped_label():
    import xml.etree.ElementTree as etree

    from edition import reading

    root = etree.fromstring(
        "<div>"
        '<sup id="fnref:ref-a"><a class="footnote-ref" href="#fn:ref-a">3</a></sup>'
        '<sup><a class="footnote-ref" href="#fn:ref-a-at-x">4</a></sup>'
        '<sup><a class="footnote-ref" href="#fn:note-1">1</a></sup>'
        "</div>"
    )
    reading.label_citation_markers(root, {"ref-a": "[5]", "ref-a-at-x": "[5, <i>]"})
    assert etree.tostring(root, encoding="unicode") == (
        "<div>"
        '<sup id="fnref:ref-a"><a class="footnote-ref" href="#fn:ref-a">[5]</a></sup>'
        '<sup><a class="footnote-ref" href="#fn:ref-a-at-x">[5, &lt;i&gt;]</a></sup>'
        '<sup><a class="footnote-ref" href="#fn:note-1">1</a></sup>'
        "</div>"
    )
    assert references.escape_brackets("[5, <i> & c]") == "\\[5, &lt;i> &amp; c\\]"


def test_html_from_pandoc_passes_only_the_allowlist():
    from edition import templates

    html = (
        '<i>Title</i> <a href="javascript:alert(1)" onmouseover="x">link</a> <a href="https://doi.org/10.1/x">doi</a>'
        '<img src="https://other.host/x.png" onerror="y"><script>alert(1)</script>'
        '<span class="nocase" style="x">s</span>'
    )
    assert str(templates.sanitized(html)) == (
        '<i>Title</i> <a>link</a> <a href="https://doi.org/10.1/x">doi</a><span class="nocase">s</span>'
    )
