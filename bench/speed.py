#!/usr/bin/env python3
"""Build and rebuild time of the edition against stock Material, measured side by side.

    .venv/bin/python bench/speed.py [--repeat 5] [--skip-serve] [--cold-parts]

Measures the project this script lives in (its parent folder), so a copy of the script in a
worktree of an older commit measures that commit the same way.

Two editions: today's pages, and a synthetic full-size one (60 paragraphs, 30 citations, 300
events: the real article is about ten times the publisher's preview). Each is compared with stock
MkDocs + Material building the same Markdown with none of the edition's hooks, plugins or
templates (markers stay comments, citations stay raw). Runs alternate between the two; each row
gives medians of wall time and of CPU time, edition, stock and the ratio edition/stock:

- full build in a fresh process, warm cache (an editor's second build) and cold (`.cache/`
  deleted first, as on CI);
- rebuild in process, as `mkdocs serve` rebuilds (config loaded again, then built, while another
  thread is alive as serve's server is), after a one-word edit of the article, of
  docs/data/events.yml and of bibliography.bib; each repeat changes the word differently, so
  that every rebuild sees a text it has not seen before, as an editor's edits are;
- end to end under a real `mkdocs serve`: from saving the article to the served page showing
  the edit (not with --skip-serve);
- with --cold-parts, where a cold build's time goes: warm builds with one part of `.cache/edition/`
  deleted each (templates compiled and found clean: `jinja`, `template-syntax`; what pandoc
  formatted: `gost`, `apa`, `article-bibtex`).

CPU time is user + system time of the build's process and of every process it starts (pandoc
included): for a build in its own process, the bench's RUSAGE_CHILDREN before and after it (the
bench is the subreaper of the build's descendants, so that one the build does not wait for is
still counted once it ends); for a rebuild in process, `time.process_time()` plus that
process's RUSAGE_CHILDREN, before and after; under `mkdocs serve`, the server's utime, stime,
cutime and cstime from /proc.

pandoc's runs are counted from outside: PYPANDOC_PANDOC (pypandoc's own setting) names a small
shell script that notes each run with `--citeproc` in a file, then runs the bundled pandoc of
pypandoc-binary. Every build of the bench, edition and stock, runs with it.

Budgets (the `budget` column): CPU and wall time at most 1.3× stock's on a warm cache and 2.5×
on an empty one; a rebuild after a one-word edit no slower than stock's (wall time).
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project, fetch  # noqa: E402  (shared with the tests)

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
# file -> (old, new): one word changed, the page still valid; `{}` in new takes a different tag on
# each repeat (an edit the caches have not seen). The article's edit is in its front matter: a word
# of the text is aligned with the translation (docs/data/translation.yml), which would need it too.
EDITS = {
    "docs/article.md": ("ознакомительная версия издателя", "ознакомительная{} версия издателя"),
    "docs/data/events.yml": ("Nazarbayev’s 1992 visit to Russia", "Nazarbayev’s first{} 1992 visit to Russia"),
    "bibliography.bib": ("Концепции внешней политики США", "Концепция{} внешней политики США"),
}
BUDGETS = {"warm cache": 1.3, "cold cache": 2.5, "rebuild": 1.0}


@dataclass
class Timing:
    wall: float  # seconds
    cpu: float  # seconds, user + system, with every process started
    pandoc: int  # runs with --citeproc (0 when not counted)


# --- pandoc, counted -------------------------------------------------------------------------


def bundled_pandoc() -> Path:
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("pypandoc is not installed in this Python")
    binary = Path(next(iter(spec.submodule_search_locations))) / "files" / "pandoc"
    if not binary.is_file():
        sys.exit(f"no bundled pandoc at {binary} (pypandoc-binary)")
    return binary


RUNS_FILE: Path | None = None  # where the counting pandoc notes its runs, once `count_pandoc` ran


def count_pandoc(folder: Path) -> None:
    """Every build from now on runs pandoc through a script that notes each `--citeproc` run."""
    global RUNS_FILE
    RUNS_FILE = folder / "pandoc-runs"
    RUNS_FILE.write_text("", encoding="utf-8")
    wrapper = folder / "pandoc"
    wrapper.write_text(
        f'#!/bin/sh\ncase "$*" in *--citeproc*) echo run >> "{RUNS_FILE}";; esac\nexec "{bundled_pandoc()}" "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    ENV["PYPANDOC_PANDOC"] = str(wrapper)


def pandoc_runs() -> int:
    if RUNS_FILE is None:
        return 0
    return len(RUNS_FILE.read_text(encoding="utf-8").splitlines())


# --- CPU of a process and of what it starts ----------------------------------------------------


def become_subreaper() -> None:
    """Descendants whose parent ends before them are re-parented to this process (not to init),
    so that their CPU time reaches RUSAGE_CHILDREN when `reap_orphans` waits for them."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
        except (OSError, AttributeError):
            pass


def reap_orphans(timeout: float = 120) -> None:
    """Wait for descendants re-parented here (none is expected: the bench's own children are waited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], what: str, env: dict | None = None) -> tuple[Timing, str]:
    """Run a command; its wall time, its CPU time and its descendants', pandoc's runs; its stdout."""
    runs, cpu = pandoc_runs(), children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, env=env or ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    reap_orphans()
    if result.returncode:
        sys.exit(f"{what} failed\n{result.stdout}{result.stderr}")
    return Timing(wall, children_cpu() - cpu, pandoc_runs() - runs), result.stdout


# --- the projects ------------------------------------------------------------------------------


def stock(project: Path) -> Path:
    """The same project configured as stock MkDocs + Material."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"  # redirect_maps.*\n  - redirects\n", "", config)
    config = config.replace("  custom_dir: overrides\n", "")
    config = config.replace("strict: true", "strict: false")  # links to the edition's generated anchors
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


class NoAliases(yaml.SafeDumper):
    """Each value written out (the synthetic events share their models' lists; the edition's data
    allows no YAML alias)."""

    def ignore_aliases(self, data) -> bool:
        return True


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
    translation_file = project / "docs/data/translation.yml"  # each new paragraph aligned as its model is
    translation = yaml.safe_load(translation_file.read_text(encoding="utf-8"))
    pairs = translation["pairs"]
    for number in range(7, 61):
        model = f"p{2 + number % 5}-"
        pairs += [
            dict(pair, id=f"p{number}-{pair['id'].removeprefix(model)}")
            for pair in pairs
            if pair["id"].startswith(model)
        ]
    translation_file.write_text(
        yaml.dump(translation, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
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
                title={"ru": f"{model['title']['ru']} (копия {index})", "en": f"{model['title']['en']} (copy {index})"},
            )
        )
    events_file.write_text(
        header + yaml.dump({"events": events}, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return project


# --- the measures ------------------------------------------------------------------------------


def build(project: Path, cold: bool = False) -> Timing:
    """A full build in a fresh process (cold: `.cache/` deleted first)."""
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    timing, _out = run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        f"{project}: build",
    )
    return timing


REBUILDER = textwrap.dedent("""
    import json, resource, sys, threading, time
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    project, edits, repeat = Path(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
    runs_file = Path(sys.argv[4]) if sys.argv[4] else None
    threading.Thread(target=threading.Event().wait, daemon=True).start()  # as serve's server thread
    def cpu():
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + usage.ru_utime + usage.ru_stime
    def runs():
        return len(runs_file.read_text(encoding="utf-8").splitlines()) if runs_file else 0
    def rebuild():
        before = (time.perf_counter(), cpu(), runs())
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=False), dirty=False)
        after = (time.perf_counter(), cpu(), runs())
        return [b - a for a, b in zip(before, after)]
    rebuild(); rebuild()  # warm, as a running `mkdocs serve` is
    out = {}
    for path, (old, new) in edits.items():
        file = project / path
        original = file.read_text(encoding="utf-8")
        assert old in original, (old, path)
        out[path] = []
        for index in range(repeat):
            file.write_text(original.replace(old, new.format(index + 1), 1), encoding="utf-8")
            out[path].append(rebuild())
        file.write_text(original, encoding="utf-8")
        rebuild()  # back to the original, not measured
    print(json.dumps(out))
""")


def rebuilds(project: Path, repeat: int) -> dict[str, list[Timing]]:
    """Per edited file, the timings of `repeat` rebuilds in one process, each after a one-word edit."""
    _timing, out = run(
        [sys.executable, "-c", REBUILDER, str(project), json.dumps(EDITS), str(repeat), str(RUNS_FILE or "")],
        f"{project}: rebuild",
    )
    return {path: [Timing(*values) for values in timings] for path, timings in json.loads(out.splitlines()[-1]).items()}


COLD_PARTS = {  # a part of the cache -> its folders under .cache/edition/
    "templates: compiled and found clean (jinja, template-syntax)": ["jinja", "template-syntax", "template-syntax-all"],
    "what pandoc formatted (gost, apa, article-bibtex)": ["gost", "apa", "article-bibtex"],
}


def cold_parts(project: Path, repeat: int) -> list[tuple[str, list[Timing]]]:
    """Build times with the whole cache warm, then with each part of it deleted."""
    times: dict[str, list[Timing]] = {"nothing (warm)": [], **{name: [] for name in COLD_PARTS}}
    for _ in range(repeat):
        for name in times:
            build(project)
            for folder in COLD_PARTS.get(name, []):
                shutil.rmtree(project / ".cache/edition" / folder, ignore_errors=True)
            times[name].append(build(project))
    return list(times.items())


def process_cpu(pid: int) -> float:
    """A process's CPU time and its waited children's, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def serve_timing(project: Path) -> Timing:
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
        runs, cpu = pandoc_runs(), process_cpu(process.pid)
        start = time.perf_counter()
        article.write_text(original.replace("ознакомительная версия", f"{marker} версия", 1), encoding="utf-8")
        while marker not in fetch(url):
            if process.poll() is not None or time.monotonic() > deadline + 60:
                sys.exit(f"{project}: mkdocs serve did not show the edit")
            time.sleep(0.02)
        wall = time.perf_counter() - start
        return Timing(wall, process_cpu(process.pid) - cpu, pandoc_runs() - runs)
    finally:
        process.terminate()
        process.wait()
        reap_orphans()
        article.write_text(original, encoding="utf-8")


# --- the table ---------------------------------------------------------------------------------


def row(name: str, mine: list[Timing], theirs: list[Timing], budget: str = "") -> str:
    wall = statistics.median(t.wall for t in mine), statistics.median(t.wall for t in theirs)
    cpu = statistics.median(t.cpu for t in mine), statistics.median(t.cpu for t in theirs)
    runs = sorted({t.pandoc for t in mine})
    limit = BUDGETS.get(budget)
    if limit is None:
        verdict = ""
    elif budget == "rebuild":
        verdict = f"wall ≤ {limit}×: {'met' if wall[0] <= limit * wall[1] else 'NOT met'}"
    else:
        met = ["met" if pair[0] <= limit * pair[1] else "NOT met" for pair in (wall, cpu)]
        verdict = f"≤ {limit}×: wall {met[0]}, CPU {met[1]}"
    return (
        f"| {name} | {wall[0]:.3f} | {wall[1]:.3f} | {wall[0] / wall[1]:.2f} "
        f"| {cpu[0]:.3f} | {cpu[1]:.3f} | {cpu[0] / cpu[1]:.2f} | {'/'.join(map(str, runs))} | {verdict} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--cold-parts", action="store_true")
    args = parser.parse_args()
    become_subreaper()
    with tempfile.TemporaryDirectory() as tmp:
        count_pandoc(Path(tmp))
        if args.cold_parts:
            parts = cold_parts(copy_project(Path(tmp) / "edition"), args.repeat)
            warm = parts[0][1]
            print(f"| part of the cache deleted (median of {args.repeat}) | wall s | over warm | CPU s | over warm |")
            print("|---|---:|---:|---:|---:|")
            for name, timings in parts:
                wall, cpu = statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
                over_wall = wall - statistics.median(t.wall for t in warm)
                over_cpu = cpu - statistics.median(t.cpu for t in warm)
                print(f"| {name} | {wall:.3f} | {over_wall:+.3f} | {cpu:.3f} | {over_cpu:+.3f} |")
            return
        rows: list[str] = []
        for size, shape in (("today", lambda p: p), ("full size", full_size)):
            edition = shape(copy_project(Path(tmp) / f"{size}-edition"))
            baseline = stock(shape(copy_project(Path(tmp) / f"{size}-stock")))
            for cold in (False, True):
                build(edition)
                build(baseline)
                mine, theirs = [], []
                for _ in range(args.repeat):
                    mine.append(build(edition, cold))
                    theirs.append(build(baseline, cold))
                label = "cold cache" if cold else "warm cache"
                rows.append(row(f"{size}: full build, {label}", mine, theirs, label))
            edited, edited_stock = rebuilds(edition, args.repeat), rebuilds(baseline, args.repeat)
            for path in EDITS:
                name = f"{size}: rebuild in process, {path} edited"
                rows.append(row(name, edited[path], edited_stock[path], "rebuild"))
            if size == "today" and not args.skip_serve:
                mine, theirs = [], []
                for _ in range(max(1, args.repeat // 2)):
                    mine.append(serve_timing(edition))
                    theirs.append(serve_timing(baseline))
                rows.append(row("today: save to served page (mkdocs serve, article)", mine, theirs, "rebuild"))
    print(
        f"| measure (median of {args.repeat}, alternating runs) | edition wall s | stock wall s | ratio "
        "| edition CPU s | stock CPU s | ratio | pandoc runs | budget |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
