"""Fuzz the data files with one-change edits and build each variant (not a test: minutes of CPU).

    python bench/bad_input_fuzz.py [article|events|vocabularies|editorial|anchors|bib|caches ...]

YAML files: every key and list item (the first two of a list) is deleted or replaced by null,
0, [], {}, "", " ", markup, script (an `<img onerror>`, the end of a Markdown link to
`javascript:`, an attribute list with a handler), an invisible direction override or true.
Variants the file's schema and checks reject are counted as caught at load time (their message
is unit-tested); the others are built in a private copy of the project. bibliography.bib: fields
(text fields and those kept as written: pages, number, volume…) are deleted, emptied, given LaTeX
commands (`\\href{javascript:…}`, `\\includegraphics{https://…}`), markup, unescaped specials or
unbalanced braces, and every variant is built. caches: one byte of each kept entry of
`.cache/edition/` flipped, then built: the site must equal the clean build, byte for byte.

A build fails the fuzz if it prints a traceback, or fails without naming the edited file, or
passes with script in the site: a `javascript:` link, an `on…=` handler in any page, raw markup
of the data in the search index.
Prints the counts and every bad variant; exit status 1 if there is one.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from conftest import DELETE, changed, copy_project, places, run_build  # noqa: E402
from edition import article, datafile, editorial  # noqa: E402
from edition import timeline as tl  # noqa: E402

YAML_FILES = {
    "article": "docs/data/article.yml",
    "events": "docs/data/events.yml",
    "vocabularies": "docs/data/vocabularies.yml",
    "editorial": "docs/data/editorial.yml",
    "anchors": "anchors.yml",
}
SCRIPT = "<img src=x onerror=alert(1)>"
VALUES = [
    DELETE,
    None,
    0,
    [],
    {},
    "",
    " ",
    "<b>x</b>",
    SCRIPT,
    "x](javascript:alert(1)) [y",
    "*x*{: onmouseover=alert(1) }",
    "x\u202ey",
    True,
]
BIB_VALUES = [
    None,
    "{}",
    "{\\textit{x}}",
    "{a & b 50% c}",
    '{<b>x</b> "q"}',
    "{x}}",
    "{{x}",
    "{1 \\href{javascript:alert(1)}{x}}",
    "{1 \\includegraphics{https://example.org/x.png}}",
    f"{{{SCRIPT}}}",
]
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def caught_on_load(name: str, file: str, text: str) -> bool:
    doc = datafile.parse(text, file)
    where = {"events": tl.events_where, "editorial": editorial.label}.get(name, datafile.by_file(name))
    if doc.problems or datafile.schema_problems(doc, name, where):
        return True
    return name == "article" and bool(article.check_article(doc))


def build(file: str, text: str) -> tuple[int, str, list[str]]:
    """(exit status, output, script found in the built site)."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        (project / file).write_text(text, encoding="utf-8")
        result = run_build(project, Path(tmp))
        script = script_in(project / "site") if result.returncode == 0 else []
    return result.returncode, result.output, script


def script_in(site: Path) -> list[str]:
    """Where the built site would run script from the data: a `javascript:` link, an event
    handler in a tag, the data's markup raw in the search index."""
    found = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "javascript:" in html.lower().replace("javascript:void", "") and 'href="javascript:' in html.lower():
            found.append(f"{page.relative_to(site)}: a javascript: link")
        if HANDLER.search(html):
            found.append(f"{page.relative_to(site)}: {HANDLER.search(html).group(0)}")
    index = site / "search/search_index.json"
    if index.exists() and "<img" in index.read_text(encoding="utf-8"):
        found.append("search/search_index.json: raw <img")
    return found


def judge(file: str, label: str, text: str, counts: dict, bad: list) -> None:
    code, output, script = build(file, text)
    if "Traceback" in output or (code and file not in output and "anchors.yml" not in output):
        bad.append(f"{file} {label}: exit {code}\n{output[-1500:]}")
    if script:
        bad.append(f"{file} {label}: script in the site: {script[:3]}")
    counts["built, failed with a message" if code else "built, passed"] += 1


def fuzz_caches(counts: dict, bad: list) -> None:
    """Flip one byte of each kept entry (pandoc's texts, compiled templates); the next build must
    make the same site as a clean one, byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        assert run_build(project, Path(tmp)).returncode == 0
        clean = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
        for entry in sorted(p for p in (project / ".cache/edition").rglob("*") if p.is_file()):
            data = bytearray(entry.read_bytes())
            original = bytes(data)
            data[len(data) // 2] ^= 0x20
            entry.write_bytes(bytes(data))
            result = run_build(project, Path(tmp))
            site = {
                p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()
            }
            changed_files = [
                str(path) for path in clean if site.get(path) != clean[path] and "sitemap" not in str(path)
            ]
            if result.returncode or "Traceback" in result.output or changed_files:
                bad.append(f"cache {entry.relative_to(project)}: exit {result.returncode}, changed {changed_files[:3]}")
            key = "cache entry damaged, site unchanged" if not changed_files else "cache entry damaged, site changed"
            counts[key] = counts.get(key, 0) + 1
            entry.write_bytes(original)


def fuzz_yaml(name: str, counts: dict, bad: list) -> None:
    file = YAML_FILES[name]
    data = datafile.parse((ROOT / file).read_text(encoding="utf-8"), file).data
    for path in places(data):
        for value in VALUES:
            text = yaml.safe_dump(changed(data, path, value), allow_unicode=True, sort_keys=False)
            label = f"{datafile.field_name(path)} = {'(deleted)' if value is DELETE else repr(value)}"
            if caught_on_load(name, file, text):
                counts["caught on load"] += 1
            else:
                judge(file, label, text, counts, bad)


def fuzz_bib(counts: dict, bad: list, sample: int = 24) -> None:
    lines = (ROOT / "bibliography.bib").read_text(encoding="utf-8").split("\n")
    field = re.compile(r"^(\s+)(\w+)(\s*=\s*)\{(.*)\},$")
    chosen = [i for i, line in enumerate(lines) if field.match(line)]
    random.Random(1).shuffle(chosen)
    for index in chosen[:sample]:
        match = field.match(lines[index])
        for value in BIB_VALUES:
            new = lines[:]
            if value is None:
                del new[index]
            else:
                new[index] = f"{match.group(1)}{match.group(2)}{match.group(3)}{value},"
            judge("bibliography.bib", f"{match.group(2)} = {value}", "\n".join(new), counts, bad)


def main(names: list[str]) -> int:
    names = names or [*YAML_FILES, "bib", "caches"]
    counts: dict[str, int] = {"caught on load": 0, "built, failed with a message": 0, "built, passed": 0}
    bad: list[str] = []
    for name in names:
        if name == "bib":
            fuzz_bib(counts, bad)
        elif name == "caches":
            fuzz_caches(counts, bad)
        else:
            fuzz_yaml(name, counts, bad)
        print(name, counts, flush=True)
    for report in bad:
        print("BAD:", report)
    print(f"{sum(counts.values())} variants, {len(bad)} without a clear message")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
