"""The glossary as built: entries, tooltips in the text, inflected links, computed back-links."""

import re

from conftest import ROOT, edit
from edition import glossary

ENTRIES = glossary.parse_glossary((ROOT / "docs/glossary.md").read_text(encoding="utf-8"))


def test_every_entry_has_its_ascii_id_and_group(site):
    page = site.page("glossary")
    ids = [dt.get("id") for dt in page.xpath("//article//dl/dt")]
    assert ids == [e.id for e in ENTRIES]
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", i) for i in ids)
    groups = [h.get("id") for h in page.xpath("//article//h2")]
    assert groups[:4] == ["organizations", "documents", "people", "concepts"]
    assert groups[4:] == ["editorial-sources"]  # the editorial bibliography the definitions cite
    assert "формы:" not in page.xpath("//article")[0].text_content()


def test_abbreviations_show_their_expansion(site):
    page = site.page("article")
    titles = {a.text: a.get("title") for a in page.xpath('//*[@id="p6"]//abbr')}
    assert titles["ДКБ"] == "Договор о коллективной безопасности"
    assert titles["ОДКБ"] == "Организация Договора о коллективной безопасности"
    [mid] = page.xpath('//*[@id="p2"]//abbr[starts-with(text(), "МИД")]')
    assert mid.text == "МИД РК" and mid.get("title") == "Министерство иностранных дел Республики Казахстан"
    english = {a.text: a.get("title") for a in site.page("abstract").xpath('//*[@id="abstract"]//abbr')}
    assert english["NATO"] == "North Atlantic Treaty Organization"
    # the abstract does not expand OIC, and its name changed in 2011: the edition expands nothing
    assert "OIC" not in english
    [oic] = site.page("glossary").xpath('//*[@id="oic"]')
    assert oic.text_content().strip().startswith("OIC") and "Islamic" not in site.page("glossary").text_content()


def test_every_abbreviation_in_the_text_is_explained(site):
    for path, anchors in (("article", [f"p{n}" for n in range(2, 7)]), ("abstract", ["abstract"])):
        for anchor in anchors:
            [element] = site.page(path).xpath(f'//*[@id="{anchor}"]')
            words = set(re.findall(r"(?<![\w.-])[A-ZА-ЯЁ]{2,}(?![\w-])", element.text_content()))
            explained = {a.text for a in element.xpath(".//abbr")} | {
                w for a in element.xpath(".//abbr") for w in a.text.split()
            }
            unexpanded = {"OIC"}  # the glossary's entry says the abstract gives no expansion
            assert words <= explained | unexpanded, (path, anchor, words - explained)


def test_inflected_form_is_marked_for_its_entry(site):
    """Terms are marked in the text (inert until the reader's "термины" toggle sets the link)."""
    page = site.page("article")
    links = {
        a.text_content(): a.get("data-href") for a in page.xpath('//*[@id="p6"]//span[contains(@class, "ed-term")]')
    }
    assert links["Организации договора о коллективной безопасности"] == "../glossary/#odkb"
    assert links["Россией"] == "../glossary/#rf"
    p5 = {a.text_content(): a.get("data-href") for a in page.xpath('//*[@id="p5"]//span[contains(@class, "ed-term")]')}
    assert p5["Назарбаева"] == "../glossary/#nazarbayev"
    assert not page.xpath('//a[contains(@class, "ed-term")]'), "no term is a link by default"


def test_only_the_first_occurrence_per_paragraph_is_marked(site):
    page = site.page("article")
    for anchor in ("p5", "p6"):
        terms = [a.get("data-term") for a in page.xpath(f'//*[@id="{anchor}"]//span[contains(@class, "ed-term")]')]
        assert terms and len(terms) == len(set(terms))
        assert not page.xpath(f'//*[@id="{anchor}"]//span[contains(@class, "ed-term")]//a')


def test_computed_back_links(site):
    page = site.page("glossary")
    [dkb] = page.xpath('//dt[@id="dkb"]/following-sibling::dd[1]')
    hrefs = [a.get("href") for a in dkb.xpath(".//a")]
    assert "../article/?term=dkb#p6" in hrefs
    assert "../timeline/#ev-collective-security-treaty-1992" in hrefs
    # each place listed really contains the term
    for entry in ENTRIES:
        [dd] = page.xpath(f'//dt[@id="{entry.id}"]/following-sibling::dd[1]')
        places = dd.xpath(
            './/a[starts-with(@href, "../article/") or starts-with(@href, "../abstract/")][contains(@href, "#")]'
        )
        for link in places:
            # a place the term occurs names the entry: the text marks that word on arrival
            path, term, anchor = re.fullmatch(r"\.\./(\w+)/(?:\?term=([\w-]+))?#(.+)", link.get("href")).groups()
            assert term in (None, entry.id)
            [target] = site.page(path).xpath(f'//*[@id="{anchor}"]')
            assert target.xpath(f'.//*[@data-href="../glossary/#{entry.id}"]'), (entry.id, anchor)


def test_timeline_events_link_to_their_terms(site):
    [event] = site.page("timeline").xpath('//*[@id="ev-csto-peacekeeping-2022"]')
    assert event.xpath('.//a[@href="../glossary/#odkb"]')


def test_abbreviation_without_entry_fails(project, build_copy):
    edit(project / "docs/article.md", "разработало ряд", "разработало (с ЦРУ) ряд")
    output = build_copy(project).failure()
    assert ("docs/article.md:29: #p2: abbreviation 'ЦРУ' has no glossary entry; add one to docs/glossary.md") in output


def test_duplicate_glossary_id_fails(project, build_copy):
    edit(project / "docs/glossary.md", "ЕС {#eu}", "ЕС {#dkb}")
    output = build_copy(project).failure()
    lines = (project / "docs/glossary.md").read_text(encoding="utf-8").split("\n")
    line = lines.index("ЕС {#dkb}") + 1
    assert f"docs/glossary.md:{line}: entry 'ЕС' [id]: duplicate id 'dkb'; give each entry its own id" in output


def test_unreferenced_entry_fails(project, build_copy):
    edit(
        project / "docs/glossary.md",
        "## Понятия и места {#concepts}\n",
        "## Понятия и места {#concepts}\n\nАтлантида {#atlantis}\n:   *Atlantis*\n\n    Миф.\n",
    )
    output = build_copy(project).failure()
    lines = (project / "docs/glossary.md").read_text(encoding="utf-8").split("\n")
    assert f"docs/glossary.md:{lines.index('Атлантида {#atlantis}') + 1}: entry 'Атлантида': " in output
    assert "nothing references this entry" in output
