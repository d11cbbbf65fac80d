#!/usr/bin/env python3
"""Build and rebuild time of the edition against stock Material, measured side by side.

    .venv/bin/python bench/speed.py [--repeat 5] [--skip-serve] [--cold-parts]

Two editions: today's pages, and a synthetic full-size one (60 paragraphs, 30 citations, 300
events: the real article is about ten times the publisher's preview). Each is compared with stock
MkDocs + Material building the same Markdown with none of the edition's hooks, plugins or
templates (markers stay comments, citations stay raw). Runs alternate between the two and the
table gives medians:

- full build in a fresh process, warm cache (an editor's second build) and cold (`.cache/`
  deleted first, as on CI);
- rebuild in process, as `mkdocs serve` rebuilds (config loaded again, then built), after a
  one-word edit of the article, of docs/data/events.yml and of bibliography.bib;
- pandoc runs on a cold build and on each rebuild (edition.formatting counts its conversions, in
  the build's process or the child that formats ahead);
- end to end under a real `mkdocs serve`: from saving the article to the served page showing
  the edit (not with --skip-serve);
- with --cold-parts, where a cold build's time goes: warm builds with one part of `.cache/edition/`
  deleted each (compiled templates; what pandoc formatted).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project, fetch  # noqa: E402  (shared with the tests)

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
EDITS = {  # file -> (old, new): one word changed, the page still valid
    "docs/article.md": ("Намного легче", "Значительно легче"),
    "docs/data/events.yml": ('en: "Nazarbayev’s visit to Russia"', 'en: "Nazarbayev’s first visit to Russia"'),
    "bibliography.bib": ("Концепции внешней политики США", "Концепция внешней политики США"),
}


def stock(project: Path) -> Path:
    """The same project configured as stock MkDocs + Material."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"  # redirect_maps.*\n  - redirects\n", "", config)
    config = config.replace("  custom_dir: overrides\n", "")
    config = config.replace("strict: true", "strict: false")  # links to the edition's generated anchors
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def full_size(project: Path) -> Path:
    """60 publisher paragraphs (the preview's p2–p6 repeated, without note markers), 30 of them
    ending with a citation, and 300 events (the real ones and synthetic ones quoting them)."""
    article = project / "docs/article.md"
    text = article.read_text(encoding="utf-8")
    bodies = {n: re.search(rf"\n\n([^\n]+)\n\{{#p{n}\}}", text).group(1) for n in range(2, 7)}
    keys = re.findall(r"^@\w+\{([^,]+),", (project / "bibliography.bib").read_text(encoding="utf-8"), re.M)
    extra = []
    for number in range(7, 61):
        body = re.sub(r"\[\^note-\d\]|\s*\[@[^\]]+\]", "", bodies[2 + number % 5])
        if number % 2:
            body = body.rstrip(".") + f" [@{keys[number % len(keys)]}]."
        extra.append(f"{body}\n{{#p{number}}}\n")
    text = text.replace("\n## Примечания и ссылки", "\n" + "\n".join(extra) + "\n## Примечания и ссылки", 1)
    article.write_text(text, encoding="utf-8")
    events_file = project / "docs/data/events.yml"
    header = "".join(line for line in events_file.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
    real = yaml.safe_load(events_file.read_text(encoding="utf-8"))["events"]
    events = list(real)
    for index in range(300 - len(real)):
        model = real[index % len(real)]
        events.append(
            dict(
                model,
                id=f"synthetic-{index:04d}",
                date=str(1992 + index % 31),
                title={"ru": f"Событие {index}", "en": f"Event {index}"},
            )
        )
    events_file.write_text(
        header + yaml.safe_dump({"events": events}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return project


def build(project: Path, cold: bool) -> float:
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        env=ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"{project}: build failed\n{result.stdout}{result.stderr}")
    return elapsed


REBUILDER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    project, edits, repeat = Path(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
    def pandoc_runs():
        module = sys.modules.get("edition.formatting")
        return module.runs() if module else 0
    def rebuild():
        start = time.perf_counter()
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=False), dirty=False)
        return time.perf_counter() - start
    rebuild(); rebuild()  # warm, as a running `mkdocs serve` is
    out = {}
    for path, (old, new) in edits.items():
        file = project / path
        original = file.read_text(encoding="utf-8")
        times, runs = [], []
        for index in range(repeat):
            edited = original.replace(old, new, 1) if index % 2 == 0 else original
            file.write_text(edited, encoding="utf-8")
            before = pandoc_runs()
            times.append(rebuild())
            runs.append(pandoc_runs() - before)
        file.write_text(original, encoding="utf-8")
        out[path] = {"seconds": sorted(times)[len(times) // 2], "pandoc": max(runs)}
    print(json.dumps(out))
""")


def rebuilds(project: Path, repeat: int) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", REBUILDER, str(project), json.dumps(EDITS), str(repeat)],
        env=dict(ENV, PYTHONPATH=str(project / "hooks")),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"{project}: rebuild failed\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


COLD_RUNS = textwrap.dedent("""
    import sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    project = Path(sys.argv[1])
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    module = sys.modules.get("edition.formatting")
    print(module.runs() if module else 0)
""")


def cold_pandoc_runs(project: Path) -> int:
    """Pandoc's runs in a build with an empty cache (edition.formatting counts them)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-c", COLD_RUNS, str(project)],
        env=dict(ENV, PYTHONPATH=str(project / "hooks")),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"{project}: cold build failed\n{result.stdout}{result.stderr}")
    return int(result.stdout.strip().splitlines()[-1])


COLD_PARTS = {  # a part of the cache -> its folders under .cache/edition/
    "compiled templates (Jinja)": ["jinja"],
    "what pandoc formatted (mkdocs-bibtex, pandoc)": ["gost", "apa", "pandoc-version", "article-bibtex"],
}


def cold_parts(project: Path, repeat: int) -> list[tuple[str, float]]:
    """Median build time with the whole cache warm, then with each part of it deleted."""
    times: dict[str, list[float]] = {"nothing (warm)": [], **{name: [] for name in COLD_PARTS}}
    for _ in range(repeat):
        for name in times:
            build(project, cold=False)
            for folder in COLD_PARTS.get(name, []):
                shutil.rmtree(project / ".cache/edition" / folder, ignore_errors=True)
            times[name].append(build(project, cold=False))
    return [(name, statistics.median(values)) for name, values in times.items()]


def serve_seconds(project: Path) -> float:
    """Save a one-word edit of the article under `mkdocs serve`; time until the served page shows it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article/"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(project / "mkdocs.yml"),
        ],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    article = project / "docs/article.md"
    original = article.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + 60
        while "легче" not in fetch(url):
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"{project}: mkdocs serve did not serve the article")
            time.sleep(0.2)
        time.sleep(1)
        marker = f"Бенчмарк{time.time_ns() % 100000}"
        start = time.perf_counter()
        article.write_text(original.replace("Намного легче", f"{marker} легче", 1), encoding="utf-8")
        while marker not in fetch(url):
            if process.poll() is not None or time.monotonic() > deadline + 60:
                sys.exit(f"{project}: mkdocs serve did not show the edit")
            time.sleep(0.02)
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait()
        article.write_text(original, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--cold-parts", action="store_true")
    args = parser.parse_args()
    if args.cold_parts:
        with tempfile.TemporaryDirectory() as tmp:
            parts = cold_parts(copy_project(Path(tmp) / "edition"), args.repeat)
        print(f"| part of the cache deleted (median of {args.repeat}) | build s | over warm s |")
        print("|---|---:|---:|")
        for name, seconds in parts:
            print(f"| {name} | {seconds:.3f} | {seconds - parts[0][1]:+.3f} |")
        return
    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size, shape in (("today", lambda p: p), ("full size", full_size)):
            edition = shape(copy_project(Path(tmp) / f"{size}-edition"))
            baseline = stock(shape(copy_project(Path(tmp) / f"{size}-stock")))
            for cold in (False, True):
                build(edition, cold=False)
                build(baseline, cold=False)
                pairs = [(build(edition, cold), build(baseline, cold)) for _ in range(args.repeat)]
                label = "cold cache" if cold else "warm cache"
                rows.append(
                    (
                        f"{size}: full build, {label}",
                        statistics.median(p[0] for p in pairs),
                        statistics.median(p[1] for p in pairs),
                        "",
                    )
                )
            if size == "today":
                mine, theirs = rebuilds(edition, args.repeat), rebuilds(baseline, args.repeat)
                for path in EDITS:
                    rows.append(
                        (
                            f"rebuild in process after editing {path}",
                            mine[path]["seconds"],
                            theirs["docs/article.md"]["seconds"],
                            f"pandoc runs: {mine[path]['pandoc']}",
                        )
                    )
                rows.append(("pandoc runs, cold build", cold_pandoc_runs(edition), 0, ""))
                if not args.skip_serve:
                    pairs = [(serve_seconds(edition), serve_seconds(baseline)) for _ in range(max(1, args.repeat // 2))]
                    rows.append(
                        (
                            "save to served page (mkdocs serve, article)",
                            statistics.median(p[0] for p in pairs),
                            statistics.median(p[1] for p in pairs),
                            "",
                        )
                    )
    print(f"| measure (median of {args.repeat}, alternating runs) | edition s | stock Material s | ratio | note |")
    print("|---|---:|---:|---:|---|")
    for name, mine, theirs, note in rows:
        if name.startswith("pandoc runs"):
            print(f"| {name} | {mine} | — | — | {note} |")
            continue
        print(f"| {name} | {mine:.3f} | {theirs:.3f} | {mine / theirs:.2f} | {note} |")


if __name__ == "__main__":
    main()
