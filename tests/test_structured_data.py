"""The JSON-LD of the built pages, checked against schema.org's types: schema-dts (schema.org's
vocabulary as TypeScript types) and the TypeScript compiler with --strict, from tests/package.json.
A property schema.org does not have, or a value of the wrong type, is a compiler error."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import ROOT

TSC = ROOT / "tests/node_modules/typescript/bin/tsc"
SITE_URL = "http://127.0.0.1:8000/"
PAGES = ("", "article", "glossary", "timeline")  # the pages that carry JSON-LD


def json_ld(site, path: str) -> dict:
    [script] = site.page(path).xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def typescript(name: str, data: dict) -> str:
    """A TypeScript constant holding ``data`` typed by its schema.org @type (an @graph: Graph)."""
    kind = "Graph" if "@graph" in data else f"WithContext<{data['@type']}>"
    imports = "Graph" if "@graph" in data else f"WithContext, {data['@type']}"
    return (
        f'import type {{ {imports} }} from "schema-dts";\n'
        f"export const {name}: {kind} = {json.dumps(data, ensure_ascii=False, indent=1)};\n"
    )


def compile_errors(folder, files: dict[str, str]) -> dict[str, list[str]]:
    """Run tsc --strict once over ``files`` (name -> TypeScript); the errors of each file."""
    assert TSC.exists(), "run scripts/dev test: it installs tests/package.json (TypeScript, schema-dts)"
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "node_modules").symlink_to(ROOT / "tests/node_modules")
    result = subprocess.run(
        [
            "node",
            str(TSC),
            "--strict",
            "--noEmit",
            "--skipLibCheck",
            "--target",
            "es2022",
            "--module",
            "nodenext",
            "--moduleResolution",
            "nodenext",
            "--pretty",
            "false",
            *files,
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors: dict[str, list[str]] = {name: [] for name in files}
    for line in result.stdout.splitlines():
        name = line.split("(", 1)[0]
        if name in errors:
            errors[name].append(line)
    assert result.returncode == (1 if any(errors.values()) else 0), result.stdout + result.stderr
    return errors


def mistakes(site) -> dict[str, dict]:
    """One wrong property per kind of record: each must fail to compile."""
    article, glossary, timeline = json_ld(site, "article"), json_ld(site, "glossary"), json_ld(site, "timeline")
    wrong = {}
    # the two errors this edition once published: an abstract that is not Text, an Organization as editor
    wrong["bad_abstract.ts"] = {**article, "abstract": {"@type": "CreativeWork", "url": f"{SITE_URL}abstract/"}}
    edition = json_ld(site, "")
    wrong["bad_editor.ts"] = {**edition, "editor": {"@type": "Organization", "name": "x"}}
    term = {**glossary["hasDefinedTerm"][0], "definition": "DefinedTerm has no `definition`"}
    wrong["bad_term.ts"] = {**glossary, "hasDefinedTerm": [term]}
    [items, dataset] = timeline["@graph"]
    event = {**items["itemListElement"][0]["item"], "subjectOf": "абз. 5"}  # an Event's subjectOf is a CreativeWork
    item = {**items["itemListElement"][0], "item": event}
    wrong["bad_event.ts"] = {**timeline, "@graph": [{**items, "itemListElement": [item]}, dataset]}
    wrong["bad_dataset.ts"] = {**timeline, "@graph": [items, {**dataset, "licence": dataset["license"]}]}
    return wrong


@pytest.mark.slow  # tsc over schema.org's types: 7-20 s, outside the everyday subset
def test_json_ld_type_checks_against_schema_org(site, tmp_path):
    files = {f"page_{i}.ts": typescript(f"page{i}", json_ld(site, path)) for i, path in enumerate(PAGES)}
    files.update({name: typescript(name.removesuffix(".ts"), data) for name, data in mistakes(site).items()})
    errors = compile_errors(tmp_path, files)
    for i, path in enumerate(PAGES):
        assert errors[f"page_{i}.ts"] == [], f"/{path}: JSON-LD that is not schema.org: {errors[f'page_{i}.ts']}"
    for name in mistakes(site):
        assert len(errors[name]) == 1, f"{name}: the wrong property was not caught alone: {errors[name]}"
    assert any('"abstract"' in line for line in errors["bad_abstract.ts"]), errors["bad_abstract.ts"]
    assert any('"editor"' in line for line in errors["bad_editor.ts"]), errors["bad_editor.ts"]
    assert any('"definition"' in line for line in errors["bad_term.ts"]), errors["bad_term.ts"]
    assert any('"licence"' in line for line in errors["bad_dataset.ts"]), errors["bad_dataset.ts"]


def test_glossary_is_a_defined_term_set(site):
    data = json_ld(site, "glossary")
    assert data["@type"] == "DefinedTermSet" and data["url"] == f"{SITE_URL}glossary/"
    terms = data["hasDefinedTerm"]
    page = site.page("glossary")
    entries = page.xpath("//dl/dt[@id]")
    assert [t["@id"] for t in terms] == [f"{SITE_URL}glossary/#{dt.get('id')}" for dt in entries]
    assert len(terms) == 29
    by_id = {t["termCode"]: t for t in terms}
    odkb = by_id["odkb"]
    assert odkb["name"] == "ОДКБ"
    assert odkb["alternateName"] == [
        "Организация Договора о коллективной безопасности",
        "Collective Security Treaty Organization (CSTO)",
    ]
    for term in terms:
        [dd] = page.xpath(f'//dt[@id="{term["termCode"]}"]/following-sibling::dd[1]')
        words = " ".join(dd.text_content().split())
        assert term["description"] and " ".join(term["description"].split()[:6]) in words, term["termCode"]
        assert term["alternateName"][-1] in words, term["termCode"]  # the English equivalent, as printed
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_timeline_is_a_list_of_events_with_their_dataset(site):
    data = json_ld(site, "timeline")
    [items, dataset] = data["@graph"]
    events = [item["item"] for item in items["itemListElement"]]
    records = json.loads(site.text("timeline/events.json"))["events"]
    assert items["numberOfItems"] == len(events) == len(records) == 31
    assert [i["position"] for i in items["itemListElement"]] == list(range(1, 32))
    for event, record in zip(events, records, strict=True):
        assert event["@type"] == "Event" and event["url"] == record["url"] == f"{SITE_URL}timeline/#ev-{record['id']}"
        assert event["startDate"] == record["date"]  # the source's precision: 1994, 1995-02
        assert re.fullmatch(r"\d{4}(-\d\d){0,2}", event["startDate"])
        assert event["name"] == record["title"]["ru"] and event["alternateName"] == record["title"]["en"]
        assert [s["url"] for s in event["subjectOf"]] == [s["url"] for s in record["sources"]]
    assert {len(e["startDate"]) for e in events} > {4}, "some events are dated to the month"
    visit = next(e for e in events if e["url"].endswith("#ev-kz-ru-visit-1992"))
    assert visit["subjectOf"] == [{"@type": "CreativeWork", "url": f"{SITE_URL}article/#p5"}]
    assert (site.site / "article/index.html").read_text(encoding="utf-8").count('id="p5"') == 1
    assert dataset["@type"] == "Dataset" and dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    downloads = {d["contentUrl"]: d["encodingFormat"] for d in dataset["distribution"]}
    assert downloads[f"{SITE_URL}timeline/events.csv"] == "text/csv"
    for url in downloads:
        assert (site.site / url.removeprefix(SITE_URL)).is_file(), url


def test_article_and_edition_records_keep_to_their_types(site):
    article = json_ld(site, "article")
    [abstract] = site.page("abstract").xpath('//p[@id="abstract"]')
    assert article["abstract"] == " ".join(abstract.text_content().split())  # Text, not a link
    edition = json_ld(site, "")
    assert "editor" not in edition and edition["creator"]["@type"] == "Organization"
