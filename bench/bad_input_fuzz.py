"""Fuzz the data files with one-change edits and build each variant (not a test: minutes of CPU).

    python bench/bad_input_fuzz.py [article|events|vocabularies|anchors|bib ...]

YAML files: every key and list item (the first two of a list) is deleted or replaced by null,
0, [], {}, "", " ", markup or true. Variants the file's schema and checks reject are counted as
caught at load time (their message is unit-tested); the others are built in a private copy of
the project. bibliography.bib: fields are deleted, emptied, given LaTeX commands, markup,
unescaped specials or unbalanced braces, and every variant is built.

A build fails the fuzz if it prints a traceback, or fails without naming the edited file.
Prints the counts and every bad variant; exit status 1 if there is one.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from conftest import DELETE, MKDOCS, changed, copy_project, mkdocs_env, places  # noqa: E402
from edition import article, datafile  # noqa: E402
from edition import timeline as tl  # noqa: E402

YAML_FILES = {
    "article": "docs/data/article.yml",
    "events": "docs/data/events.yml",
    "vocabularies": "docs/data/vocabularies.yml",
    "anchors": "anchors.yml",
}
VALUES = [DELETE, None, 0, [], {}, "", " ", "<b>x</b>", True]
BIB_VALUES = [None, "{}", "{\\textit{x}}", "{a & b 50% c}", '{<b>x</b> "q"}', "{x}}", "{{x}"]


def caught_on_load(name: str, file: str, text: str) -> bool:
    doc = datafile.parse(text, file)
    where = tl.events_where if name == "events" else datafile.by_file(name)
    if doc.problems or datafile.schema_problems(doc, name, where):
        return True
    return name == "article" and bool(article.check_article(doc))


def build(file: str, text: str) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        (project / file).write_text(text, encoding="utf-8")
        result = subprocess.run(
            [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
            cwd=tmp,
            env=mkdocs_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
    return result.returncode, result.stdout + result.stderr


def judge(file: str, label: str, text: str, counts: dict, bad: list) -> None:
    code, output = build(file, text)
    if "Traceback" in output or (code and file not in output and "anchors.yml" not in output):
        bad.append(f"{file} {label}: exit {code}\n{output[-1500:]}")
    counts["built, failed with a message" if code else "built, passed"] += 1


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
    names = names or [*YAML_FILES, "bib"]
    counts: dict[str, int] = {"caught on load": 0, "built, failed with a message": 0, "built, passed": 0}
    bad: list[str] = []
    for name in names:
        fuzz_bib(counts, bad) if name == "bib" else fuzz_yaml(name, counts, bad)
        print(name, counts, flush=True)
    for report in bad:
        print("BAD:", report)
    print(f"{sum(counts.values())} variants, {len(bad)} without a clear message")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
