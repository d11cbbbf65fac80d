"""Citable to the paragraph: registry, cite-this text, metadata, exports parsed by real parsers."""

import json
import os
import re
import subprocess
import sys
from urllib.parse import parse_qs

import bibtexparser
import pytest
import rispy
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from conftest import ROOT, checked, edit
from edition import registry
from pybtex.database import parse_string

META = yaml.safe_load((ROOT / "docs/data/article.yml").read_text(encoding="utf-8"))
SITE_URL = "http://127.0.0.1:8000/"


# --- the registry ------------------------------------------------------------------------------


def test_registry_messages():
    data = {
        "anchors": {"a.md": ["p1", "old"], "gone.md": ["x"], "moved.md": ["p2"]},
        "moved": {"pages": {"moved.md": "new.md"}, "fragments": {"a.md#old": "new"}},
    }
    built = {"a.md": ["p1"], "new.md": ["p2"]}
    assert registry.missing_anchors(data, built, "anchors.yml") == [
        "anchors.yml: anchor 'a.md#old' is published but missing from the built 'a.md'; restore it, "
        "or map it under moved.fragments ('a.md#old': new-id) or moved.pages ('a.md': new-page.md)",
        "anchors.yml: page 'gone.md' is published but not built; restore it or map it under "
        "moved.pages ('gone.md': new-page.md)",
    ]
    built["a.md"].append("new")
    assert registry.missing_anchors(data, built) == [
        "anchors.yml: page 'gone.md' is published but not built; restore it or map it under "
        "moved.pages ('gone.md': new-page.md)",
    ]


def test_registry_messages_name_the_registry_line(tmp_path):
    path = tmp_path / "anchors.yml"
    path.write_text("anchors:\n  a.md:\n  - p1\n  - gone\n  b.md: [x]\n", encoding="utf-8")
    lines = registry.anchor_lines(path)
    assert lines == {("a.md",): 2, ("a.md", "p1"): 3, ("a.md", "gone"): 4, ("b.md",): 5, ("b.md", "x"): 5}
    data = checked(registry.read_registry(path), "anchors.yml")
    assert registry.missing_anchors(data, {"a.md": ["p1"]}, "anchors.yml", lines) == [
        "anchors.yml: anchor 'a.md#gone' is published but missing from the built 'a.md'; restore it, or map it "
        "under moved.fragments ('a.md#gone': new-id) or moved.pages ('a.md': new-page.md) (listed on line 4 of "
        "anchors.yml)",
        "anchors.yml: page 'b.md' is published but not built; restore it or map it under moved.pages "
        "('b.md': new-page.md) (listed on line 5 of anchors.yml)",
    ]


def test_fragment_moves_are_per_page():
    data = {"anchors": {}, "moved": {"pages": {}, "fragments": {"a.md#old": "new", "b.md#x": "y"}}}
    assert registry.fragment_moves(data, "a.md") == {"old": "new"}
    assert registry.fragment_moves(data, "c.md") == {}


def test_dropped_anchors_allow_moves():
    before = {"anchors": {"a.md": ["p1", "p2", "p3"]}, "moved": {"pages": {}, "fragments": {}}}
    now = {"anchors": {"a.md": ["p1"]}, "moved": {"pages": {}, "fragments": {"a.md#p2": "p9"}}}
    assert registry.dropped_anchors(before, now) == [
        "anchors.yml: anchor 'a.md#p3' was deleted from anchors.yml (the last commit lists it); published "
        "anchors are never deleted: restore the line, or map it under moved.fragments ('a.md#p3': new-id)"
    ]


def test_every_anchor_of_the_site_is_registered(site):
    data = checked(registry.read_registry(ROOT / "anchors.yml"), "anchors.yml")
    pages = yaml.safe_load((ROOT / registry.PAGES_FILE).read_text(encoding="utf-8"))
    assert not (site.site / "edition-pages.yml").exists(), "internal files stay out of the site"
    assert registry.unregistered(data, registry.built_anchors(site.site, pages)) == {}, (
        "run scripts/dev anchors and commit anchors.yml"
    )
    for kind in (["p1", "p6", "fn:note-1"], ["shakleina-2003"], ["dkb"], ["ev-csto-peacekeeping-2022"]):
        assert any(set(kind) <= set(a) for a in data["anchors"].values())


def test_deleting_a_published_anchor_fails_the_build(project, build_copy):
    about = project / "docs/about.md"
    text = about.read_text(encoding="utf-8")
    [heading] = [line for line in text.split("\n") if line.endswith("{#technical}")]
    about.write_text(text.replace(heading + "\n", ""), encoding="utf-8")
    output = build_copy(project).failure()
    assert (
        "anchors.yml: anchor 'about.md#technical' is published but missing from the built 'about.md'; "
        "restore it, or map it under moved.fragments ('about.md#technical': new-id) or moved.pages "
        "('about.md': new-page.md)"
    ) in output


def test_deleting_a_line_of_the_registry_fails_against_the_last_commit(project, build_copy):
    def git(*args):
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "anchors.yml")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "registry")
    edit(project / "anchors.yml", "  - p4\n", "")
    output = build_copy(project).failure()
    assert (
        "anchors.yml: anchor 'article.md#p4' was deleted from anchors.yml (the last commit lists it); "
        "published anchors are never deleted: restore the line, or map it under moved.fragments "
        "('article.md#p4': new-id)"
    ) in output


def test_the_registry_command_adds_new_anchors_from_the_build(project, build_copy):
    edit(project / "docs/article.md", "{#p6}\n", "{#p6}\n\nНовый абзац текста.\n{#p7}\n")
    with (project / "docs/data/translation.yml").open("a", encoding="utf-8") as data:  # its translation
        data.write('  - id: p7-s1\n    ru: "Новый абзац текста."\n    en: "A new paragraph of text."\n')
    build = build_copy(project)
    assert build.returncode == 0, build.output
    assert not (build.site / "edition-pages.yml").exists()
    assert (project / registry.PAGES_FILE).exists()
    result = subprocess.run(
        [sys.executable, "-m", "edition.registry", "add", str(build.site)],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "hooks")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "added 3 anchors of article.md: p7, p7-s1, p7-s1-en" in result.stdout
    assert "  - p7\n" in (project / "anchors.yml").read_text(encoding="utf-8")


def test_generated_anchors_are_visible_to_mkdocs_validation(project, build_copy):
    about = project / "docs/about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\n[a](timeline.md#ev-csto-peacekeeping-2022) "
        "[b](glossary.md#dkb) [c](bibliography.md#shakleina-2003) [d](article.md#p5)\n",
        encoding="utf-8",
    )
    assert build_copy(project).returncode == 0
    about.write_text(about.read_text(encoding="utf-8") + "\n[e](timeline.md#ev-nope)\n", encoding="utf-8")
    output = build_copy(project).failure()
    assert "does not contain an anchor '#ev-nope'" in output


# --- cite this ---------------------------------------------------------------------------------


def reader_data(site, path: str) -> dict:
    """The data the reading view's script builds its citations from (one JSON per page)."""
    [script] = site.page(path).xpath('//script[@id="edition-reader-data"]')
    return json.loads(script.text)


def fill(pattern: str, **values: str) -> str:
    for name, value in values.items():
        pattern = pattern.replace(f"⟦{name}⟧", value)
    assert "⟦" not in pattern, pattern
    return pattern


README_GOST_P5 = re.compile(r"^  > (Курмангужин .*Абз\. 5\..*)$", re.M)


def test_paragraph_citation_is_the_readmes_worked_example(site):
    """¶5 in GOST R 7.0.5-2008, as the README writes it out (its host and access date put in)."""
    [example] = README_GOST_P5.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    data = reader_data(site, "article")
    assert data["cites"]["p5"]["url"] == f"{SITE_URL}article/#p5"
    gost = fill(
        data["patterns"]["paragraph"]["gost"], n="5", url="https://your.host/path/article/#p5", accessed="06.12.2026"
    )
    assert gost == example
    assert example.endswith(
        "Абз. 5. Электронное научное издание, версия 0.1.0 (29.11.2026). "
        "URL: https://your.host/path/article/#p5 (дата обращения: 06.12.2026)."
    )
    assert site.page("article").xpath('//a[@href="#p5"]')


def test_paragraph_citation_in_apa_keeps_the_locator_in_the_text(site):
    """APA 7: the reference entry is the article's (no locator, no second work); the paragraph
    goes in the in-text citation: (Author & Author, year, para. n)."""
    data = reader_data(site, "article")
    apa = fill(data["patterns"]["paragraph"]["apa"])
    assert apa.startswith("Kurmanguzhin, R., & Chebotarev, A. (2023). Diplomatiia Respubliki Kazakhstan")
    assert apa.endswith(f"67(7), 74–84. https://doi.org/{META['doi']}")
    assert "para." not in apa and "version" not in apa
    assert fill(data["patterns"]["paragraph"]["apa_intext"], n="5") == "(Kurmanguzhin & Chebotarev, 2023, para. 5)"


@pytest.mark.parametrize(
    "path, anchor, kind, item, item_en",
    [
        (
            "timeline",
            "ev-csto-peacekeeping-2022",
            "event",
            "2022-01: Миротворческий потенциал ОДКБ задействован для стабилизации Казахстана [событие хронологии]",
            "CSTO peacekeeping capacity used to stabilize Kazakhstan [Timeline event, 2022-01]",
        ),
        (
            "glossary",
            "nato",
            "entry",
            "НАТО [статья глоссария]",
            "North Atlantic Treaty Organization (NATO) [Glossary entry]",
        ),
    ],
)
def test_apparatus_items_are_citable(site, path, anchor, kind, item, item_en):
    """GOST in Russian, ending with URL and access date; APA in English only, the group author
    followed by a full stop, the version as APA gives it in parentheses."""
    data = reader_data(site, path)
    cited = data["cites"][anchor]
    assert cited["url"] == f"{SITE_URL}{path}/#{anchor}"
    assert cited["kind"] == kind
    values = {name: str(value) for name, value in cited.items() if name != "kind"}
    gost = fill(data["patterns"][kind]["gost"], **values, accessed="06.12.2026")
    section = {"event": "Хронология 1992–2022", "entry": "Глоссарий"}[kind]
    assert gost == (
        f"{item} // Дипломатия Республики Казахстан: эволюция внешнеполитических концепций : электронное научное "
        f"издание. {section}. Версия 0.1.0 (29.11.2026). URL: {SITE_URL}{path}/#{anchor} (дата обращения: 06.12.2026)."
    )
    apa = fill(data["patterns"][kind]["apa"], **values)
    part = {"event": "timeline 1992–2022", "entry": "glossary"}[kind]
    assert apa == (
        f"The edition's editorial team. (2026). {item_en}. In Diplomacy of the Republic of Kazakhstan: Evolution "
        f"of Foreign Policy Concepts: digital scholarly edition ({part}, version 0.1.0, 2026-11-29). "
        f"{SITE_URL}{path}/#{anchor}"
    )
    assert not re.search("[А-Яа-яЁё]", apa)
    assert fill(data["patterns"][kind]["apa_intext"]) == "(The edition's editorial team, 2026)"


def test_a_bibliography_entry_copies_with_its_doi_as_text(site):
    data = reader_data(site, "bibliography")
    seventh = data["cites"]["avatkov-2019"]
    assert seventh["label"] == "источник 7"
    assert fill(data["patterns"]["reference"]["gost"], text=seventh["text"]) == (
        "Аватков В. А. Идейно-ценностный фактор в тюркских государствах постсоветского пространства // "
        "Мировая политика. 2019. № 4. С. 1–12. DOI: 10.25136/2409-8671.2019.4.31235."
    )


# --- metadata ----------------------------------------------------------------------------------


def meta_tags(page, name):
    return page.xpath(f'//head/meta[@name="{name}"]/@content')


def test_highwire_and_dublin_core_on_the_article_page_only(site):
    page = site.page("article")
    assert meta_tags(page, "citation_title") == [META["title"]["ru"]]
    assert meta_tags(page, "citation_author") == ["Курмангужин, Р. С.", "Чеботарёв, А."]
    assert meta_tags(page, "citation_doi") == [META["doi"]]
    assert meta_tags(page, "citation_firstpage") == ["74"] and meta_tags(page, "citation_lastpage") == ["84"]
    assert meta_tags(page, "citation_issn") == ["0131-2227"]
    assert meta_tags(page, "citation_abstract_html_url") == [f"{SITE_URL}abstract/"]
    assert meta_tags(page, "DC.identifier") == [f"doi:{META['doi']}"]
    for other in ("", "abstract", "bibliography", "timeline", "glossary", "about"):
        assert not site.page(other).xpath('//meta[starts-with(@name, "citation_")]'), other


def test_json_ld_scholarly_article(site):
    [script] = site.page("article").xpath('//script[@type="application/ld+json"]')
    data = json.loads(script.text)
    assert data["@type"] == "ScholarlyArticle" and data["sameAs"] == f"https://doi.org/{META['doi']}"
    assert [a["affiliation"]["name"] for a in data["author"]] == [a["affiliation"]["en"] for a in META["authors"]]
    periodical = data["isPartOf"]["isPartOf"]["isPartOf"]
    assert (data["isPartOf"]["issueNumber"], data["isPartOf"]["isPartOf"]["volumeNumber"]) == ("7", "67")
    assert periodical["@type"] == "Periodical" and periodical["issn"] == "0131-2227"
    [edition] = site.page("").xpath('//script[@type="application/ld+json"]')
    assert json.loads(edition.text)["isBasedOn"]["sameAs"] == f"https://doi.org/{META['doi']}"


def test_coins(site):
    [span] = site.page("article").xpath('//span[@class="Z3988"]')
    query = parse_qs(span.get("title"))
    assert query["rft.atitle"] == [META["title"]["ru"]] and query["rft.spage"] == ["74"]
    assert f"info:doi/{META['doi']}" in query["rft_id"]


def test_every_page_has_canonical_and_opengraph(site):
    for path in ("", "article", "abstract", "bibliography", "timeline", "glossary", "about"):
        page = site.page(path)
        assert page.xpath('//head/link[@rel="canonical"]/@href') == [f"{SITE_URL}{path + '/' if path else ''}"]
        assert page.xpath('//head/meta[@property="og:title"]/@content')
        assert page.xpath('//head/meta[@property="og:url"]/@content') == [f"{SITE_URL}{path + '/' if path else ''}"]


def test_hreflang_pairs_article_and_abstract(site):
    sitemap = site.text("sitemap.xml")
    block = re.search(r"<url>\s*<loc>http://127.0.0.1:8000/article/</loc>(.*?)</url>", sitemap, re.S).group(1)
    assert 'hreflang="en" href="http://127.0.0.1:8000/abstract/"' in block
    assert 'hreflang="ru" href="http://127.0.0.1:8000/article/"' in block


# --- exports -----------------------------------------------------------------------------------


def download(site, name):
    return (site.site / "downloads" / name).read_text(encoding="utf-8")


def test_exports_are_linked_from_landing_and_article(site):
    for path, prefix in (("", "downloads/"), ("article", "../downloads/")):
        hrefs = set(site.page(path).xpath('//ul[@class="edition-downloads"]//a/@href'))
        assert hrefs == {
            prefix + n
            for n in (
                "article.bib",
                "article.ris",
                "article.json",
                "references.bib",
                "references.ris",
                "references.json",
            )
        }


def test_a_build_without_the_pdf_says_where_it_is_and_links_none(site):
    """The tests' build, like `mkdocs serve`, makes no PDF (scripts/dev build prints it, with
    EDITION_PDF=true; tests/test_release.py checks the released pages' link)."""
    for path in ("", "article"):
        page = site.page(path)
        assert not page.xpath('//a[contains(@href, "edition-text.pdf")]')
        [line] = page.xpath('//ul[@class="edition-downloads"]/li[contains(., "PDF")]')
        assert "PDF — в опубликованной версии издания (в этой сборке PDF нет)" in line.text_content()


def test_article_bibtex(site):
    text = download(site, "article.bib")
    [entry] = parse_string(text, "bibtex").entries.values()
    assert entry.type == "article" and entry.fields["doi"] == META["doi"]
    assert entry.fields["pages"] == "74--84" and entry.fields["volume"] == "67"
    library = bibtexparser.parse_string(text)
    assert library.entries[0]["journal"] == META["journal"]["ru"] and not library.failed_blocks


def test_article_ris(site):
    [record] = rispy.loads(download(site, "article.ris"))
    assert record["type_of_reference"] == "JOUR"
    assert record["authors"] == ["Курмангужин, Р. С.", "Чеботарёв, А."]
    assert (record["start_page"], record["end_page"], record["doi"]) == ("74", "84", META["doi"])


def render_csl(items, style="apa"):
    source = CiteProcJSON(items)
    bibliography = CitationStylesBibliography(CitationStylesStyle(style, validate=False), source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_article_csl_json_renders_in_citeproc_py(site):
    items = json.loads(download(site, "article.json"))
    [text] = render_csl(items)
    assert "Курмангужин" in text and "74–84" in text.replace("-", "–")


def test_references_exports(site):
    bib = parse_string(download(site, "references.bib"), "bibtex")
    assert len(bib.entries) == 11
    records = rispy.loads(download(site, "references.ris"))
    assert [r["type_of_reference"] for r in records][:5] == ["THES", "BOOK", "THES", "BOOK", "JOUR"]
    assert records[7]["urls"] == ["http://www.alternativakz.com/index.php?nid=415/"]
    items = json.loads(download(site, "references.json"))
    assert [i["id"] for i in items] == list(bib.entries)
    rendered = render_csl(items)
    assert len(rendered) == 11 and any("Губайдуллина" in r for r in rendered)


def test_a_moved_page_outside_the_site_fails_the_build_and_writes_nothing(project, build_copy, tmp_path):
    edit(project / "anchors.yml", "  pages: {}", '  pages:\n    "../../../escaped.md": article.md')
    output = build_copy(project).failure()
    line = (
        (project / "anchors.yml").read_text(encoding="utf-8").split("\n").index('    "../../../escaped.md": article.md')
    )
    assert (
        f'anchors.yml:{line + 1}: anchors [moved.pages.../../../escaped.md]: the key "../../../escaped.md" has '
        "the wrong form; write old.md: new.md, paths inside docs/ (no '..', no leading '/')"
    ) in output
    assert not any(tmp_path.rglob("escaped*")) and "Traceback" not in output


def test_moves_that_go_round_in_a_circle_are_named(tmp_path):
    path = tmp_path / "anchors.yml"
    path.write_text(
        "anchors:\n  a.md: [p1]\nmoved:\n  pages:\n    b.md: c.md\n    c.md: b.md\n    d.md: a.md\n"
        '  fragments:\n    "a.md#x": y\n    "a.md#y": x\n    "a.md#q": x\n',
        encoding="utf-8",
    )
    _data, problems = registry.read_registry(path)
    assert [str(p) for p in problems] == [
        "anchors.yml:5: moved.pages [b.md]: the moves go round in a circle (b.md -> c.md -> b.md); "
        "map each old name to where it is now",
        "anchors.yml:6: moved.pages [c.md]: the moves go round in a circle (c.md -> b.md -> c.md); "
        "map each old name to where it is now",
        "anchors.yml:9: moved.fragments [a.md#x]: the moves go round in a circle (x -> y -> x); "
        "map each old name to where it is now",
        "anchors.yml:10: moved.fragments [a.md#y]: the moves go round in a circle (y -> x -> y); "
        "map each old name to where it is now",
        "anchors.yml:11: moved.fragments [a.md#q]: the moves go round in a circle (q -> x -> y -> x); "
        "map each old name to where it is now",
    ]
