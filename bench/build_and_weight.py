#!/usr/bin/env python3
"""Build time, rebuild time under `mkdocs serve`, and page weight, against a baseline.

    .venv/bin/python bench/build_and_weight.py [--repeat 3]

Baseline, measured in the same run: the same pages built by stock MkDocs + Material with none of
the edition's hooks, plugins or template overrides (markers stay comments, citations stay raw).
Page weight is what a reader downloads to see the page (HTML plus the CSS and JS it loads, raw and
gzip-compressed). Prints one table: each figure for the edition, the baseline, and their ratio.
(bench/speed.py measures build and rebuild time in more detail, with a full-size edition.)
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project as copy_sources  # noqa: E402  (shared with the tests)
from conftest import fetch  # noqa: E402

PAGES = ["", "article/", "timeline/", "glossary/"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def copy_project(target: Path, baseline: bool) -> Path:
    copy_sources(target)
    if baseline:
        config = (target / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
        config = re.sub(r"  - bibtex:\n(      .*\n)+", "", config)
        config = re.sub(r"  # redirect_maps.*\n  - redirects\n", "", config)
        config = config.replace("  custom_dir: overrides\n", "")
        (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def build_seconds(project: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        env=ENV,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    return time.perf_counter() - start


def rebuild_seconds(project: Path) -> float:
    """Edit docs/about.md under `mkdocs serve`; time until the served page shows the edit."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/about/"
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
    try:
        while "changelog" not in fetch(url):
            time.sleep(0.2)
        about = project / "docs/about.md"
        marker = f"bench-{time.time_ns()}"
        start = time.perf_counter()
        about.write_text(about.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        while marker not in fetch(url):
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait()


def page_weight(site: Path, page: str) -> tuple[int, int]:
    """Bytes of a page's HTML plus the local CSS and JS it loads: raw and gzip-compressed."""
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    files = [html_path]
    refs = re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"]+\.(?:css|js))"', html)
    for ref in dict.fromkeys(refs):
        files.append((html_path.parent / ref).resolve())
    missing = [f for f in files if not f.exists()]
    if missing:
        sys.exit(f"{html_path}: loads missing files {missing}")
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    return raw, packed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for name, baseline in (("edition", False), ("baseline", True)):
            project = copy_project(Path(tmp) / name, baseline)
            builds = [build_seconds(project) for _ in range(args.repeat)]
            rebuilds = [rebuild_seconds(project) for _ in range(args.repeat)]
            results[name] = {"build s": statistics.median(builds), "rebuild s (serve)": statistics.median(rebuilds)}
            for page in PAGES:
                raw, packed = page_weight(project / "site", page)
                results[name][f"/{page} KiB"] = raw / 1024
                results[name][f"/{page} KiB gz"] = packed / 1024
    print(f"| measure (median of {args.repeat}) | edition | baseline | ratio |")
    print("|---|---:|---:|---:|")
    for key in results["edition"]:
        e, b = results["edition"][key], results["baseline"][key]
        print(f"| {key} | {e:.2f} | {b:.2f} | {e / b:.2f} |")


if __name__ == "__main__":
    main()
