"""The timeline as built: events, attestations linked both ways, overview, exports."""

import csv
import io
import json
import re

import yaml
from conftest import ROOT, reader_text

EVENTS = yaml.safe_load((ROOT / "docs/data/events.yml").read_text(encoding="utf-8"))["events"]
PAGE_PATH = {"article.md": "article", "abstract.md": "abstract"}


def events_on_page(site):
    return site.page("timeline").xpath('//article[contains(@class, "tl-event")]')


def test_every_event_is_on_the_page_in_date_order(site):
    found = events_on_page(site)
    assert sorted(e.get("id") for e in found) == sorted(f"ev-{e['id']}" for e in EVENTS)
    dates = [e.xpath(".//time/@datetime")[0] for e in found]
    assert dates == sorted(dates, key=lambda d: d.ljust(10, "~"))
    for element in found:
        year = element.xpath(".//time/@datetime")[0][:4]
        assert element.getparent().get("id") == f"y{year}"
        assert element.xpath(f'.//a[@href="#{element.get("id")}"]'), "permalink"


def test_each_quotation_is_in_the_paragraph_it_links_to(site):
    """The attestation check, on the built site: follow each link and find the words."""
    for element in events_on_page(site):
        quotes = element.xpath('.//blockquote[contains(@class, "tl-quote-block")]')
        assert quotes, element.get("id")
        for quote in quotes:
            [link] = quote.xpath(".//a")
            # the link names the event it comes from: the text marks its words on arrival
            path, event, anchor = re.fullmatch(r"\.\./(\w+)/\?event=([\w-]+)#(.+)", link.get("href")).groups()
            assert f"ev-{event}" == element.get("id")
            [target] = site.page(path).xpath(f'//*[@id="{anchor}"]')
            words = re.fullmatch(r"«(.*)» — .*", " ".join(quote.text_content().split())).group(1)
            assert words in " ".join(reader_text(target).split())


def reader_events(site, path):
    raw = re.search(r'id="edition-reader-data">(.*?)</script>', site.text(f"{path}/index.html"), re.S).group(1)
    return json.loads(raw)["events"]


def test_every_attested_event_is_offered_beside_its_paragraph(site):
    """The text pages carry, for the reader's "события", each event with the words it quotes,
    the paragraph that holds them and the link to the event (docs/assets/reader.js shows them)."""
    expected = {
        (s["page"], e["id"], s["paragraph"], " ".join(s["quote"].split())) for e in EVENTS for s in e["sources"]
    }
    found = set()
    timeline_ids = {e.get("id") for e in events_on_page(site)}
    for src, path in PAGE_PATH.items():
        for event in reader_events(site, path):
            found.add((src, event["id"], event["paragraph"], event["quote"]))
            assert event["url"] == f"../timeline/#ev-{event['id']}"
            assert f"ev-{event['id']}" in timeline_ids
            [target] = site.page(path).xpath(f'//*[@id="{event["paragraph"]}"]')
            assert event["quote"] in " ".join(reader_text(target).split())
    assert found == expected


def test_overview_has_one_marker_per_event_in_its_year_column(site):
    """Drawn at build time: a table of rows (partners) and columns (years with events; gaps of
    years without), one marker per event, linking to it, named by date and title."""
    page = site.page("timeline")
    [table] = page.xpath('//figure[contains(@class, "tl-overview")]//table')
    assert table.get("aria-labelledby") == "tl-overview-title"
    assert page.xpath('//figure[contains(@class, "tl-overview")]/*[@id="tl-overview-title"]')
    headers = [th.text_content().strip() for th in table.xpath("thead/tr/th")][1:]
    years = sorted({int(str(e["date"])[:4]) for e in EVENTS})
    assert [h for h in headers if h.isdigit()] == [str(y) for y in years]
    for before, after in zip(years, years[1:], strict=False):  # every run of empty years is one gap column
        if after - before > 1:
            at = headers.index(str(before))
            assert headers[at + 1].startswith("⋯") and headers[at + 2] == str(after)
    marks = table.xpath('.//a[contains(@class, "tl-dot")]')
    assert sorted(m.get("data-event") for m in marks) == sorted(e["id"] for e in EVENTS)
    ids = {e.get("id") for e in events_on_page(site)}
    for mark in marks:
        assert mark.get("href") == f"#ev-{mark.get('data-event')}" and mark.get("href")[1:] in ids
        [cell] = mark.xpath("ancestor::td")
        column = len(cell.xpath("preceding-sibling::td")) + 1
        event = next(e for e in EVENTS if e["id"] == mark.get("data-event"))
        assert headers[column - 1] == str(event["date"])[:4]
        assert event["title"]["ru"] in mark.get("aria-label")


def test_event_links_name_terms_and_references(site):
    page = site.page("timeline")
    [links] = page.xpath(
        '//*[@id="ev-us-liberal-conservative-leadership-1996"]//p[contains(@class, "tl-event__links")][2]'
    )
    assert " ".join(links.text_content().split()) == "Литература: [1] Шаклеина Т. А., 2003"
    [terms] = page.xpath('//*[@id="ev-kz-ru-visit-1992"]//p[contains(@class, "tl-event__links")]')
    assert [a.text for a in terms.xpath(".//a")] == ["Назарбаев Н.А.", "РФ"]


def test_events_are_cited_from_one_pattern_and_the_page_is_light(site):
    html = site.text("timeline/index.html")
    # the reader's page within 100 KB, and 500 bytes an event for the English reader (its title,
    # its quote's English, the interface's words); the JSON-LD for machines (events, exports)
    # apart, compact
    [json_ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(html.encode("utf-8")) - len(json_ld.encode("utf-8")) <= 100_000 + 500 * len(EVENTS)
    assert len(json_ld.encode("utf-8")) <= 600 * len(EVENTS)  # about 520 bytes an event today
    raw = re.search(r'id="edition-reader-data">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert set(data["patterns"]) == {"event"}
    assert len(data["cites"]) == len(EVENTS)
    assert html.count("ГОСТ Р 7.0.5-2008") <= 2  # the card's template and the no-script pattern


def test_page_reads_without_javascript(site):
    page = site.page("timeline")
    [form] = page.xpath('//form[contains(@class, "tl-filters")]')
    assert form.get("hidden") is not None  # filters appear only with JavaScript
    assert not page.xpath('//article[contains(@class, "tl-event")][@hidden]')


def test_exports(site):
    page = site.page("timeline")
    links = {a.text: a.get("href") for a in page.xpath('//ul[contains(@class, "tl-exports")]//a')}
    data = json.loads((site.site / "timeline" / links["events.json"]).read_text(encoding="utf-8"))
    assert [e["id"] for e in data["events"]] == [e.get("id")[3:] for e in events_on_page(site)]
    first = data["events"][0]
    assert first["sources"][0]["url"].startswith("http://127.0.0.1:8000/")
    rows = list(csv.DictReader(io.StringIO((site.site / "timeline" / links["events.csv"]).read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [e["id"] for e in data["events"]]
    assert rows[0]["title_ru"] == first["title"]["ru"]
    tjs = json.loads((site.site / "timeline" / links["timelinejs.json"]).read_text(encoding="utf-8"))
    assert len(tjs["events"]) == len(data["events"])
    assert all("year" in e["start_date"] and e["text"]["headline"] for e in tjs["events"])
    schema = json.loads((site.site / "timeline" / "events.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["events"]["items"]["required"]) <= set(first)


def test_data_text_is_escaped(project, build_copy):
    path = project / "docs/data/events.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'ru: "Хартия о демократическом партнерстве"', 'ru: "Хартия <script>alert(1)</script> & партнерство"'
        ),
        encoding="utf-8",
    )
    build = build_copy(project)
    assert build.returncode == 0, build.output
    html = (build.site / "timeline/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "Хартия &lt;script&gt;alert(1)&lt;/script&gt; &amp; партнерство" in html


def test_bad_event_fails_the_build_naming_file_event_and_field(project, build_copy):
    path = project / "docs/data/events.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('date: "1994"\n    kind: charter', 'date: "1994-13"\n    kind: charter')
    text = text.replace("находясь с визитом в Брюсселе", "находясь с визитом в Париже")
    path.write_text(text, encoding="utf-8")
    output = build_copy(project).failure()
    lines = text.split("\n")
    date_line = next(n for n, line in enumerate(lines, 1) if '"1994-13"' in line)
    quote_line = next(n for n, line in enumerate(lines, 1) if "в Париже" in line)
    assert "2 problems in the edition's sources:" in output
    assert (
        f"docs/data/events.yml:{date_line}: event 'kz-us-charter-1994' [date]: '1994-13' is an impossible "
        "date: month 13 does not exist"
    ) in output
    assert (
        f"docs/data/events.yml:{quote_line}: event 'kz-eu-visit-1995' [sources[1].quote]: quote not found in "
        "article.md#p5: 'находясь с визитом в Париже'; copy the words exactly from that paragraph"
    ) in output
