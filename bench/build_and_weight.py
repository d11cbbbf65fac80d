#!/usr/bin/env python3
"""Page weight against stock Material: what a reader downloads to see each page.

    .venv/bin/python bench/build_and_weight.py

The edition and stock MkDocs + Material building the same pages (bench/speed.py `stock`: none of
the edition's hooks, plugins or templates) are built once each; for each page, the HTML plus the
CSS and JS it loads, raw and gzip-compressed. Prints one table: edition, stock, ratio. (Build and
rebuild times: bench/speed.py.)
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from speed import stock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project  # noqa: E402  (shared with the tests)

PAGES = ["", "article/", "timeline/", "glossary/"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def build(project: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        env=ENV,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    return project / "site"


def page_weight(site: Path, page: str) -> tuple[int, int]:
    """Bytes of a page's HTML plus the local CSS and JS it loads: raw and gzip-compressed."""
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    files = [html_path]
    for ref in dict.fromkeys(re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"]+\.(?:css|js))"', html)):
        files.append((html_path.parent / ref).resolve())
    missing = [f for f in files if not f.exists()]
    if missing:
        sys.exit(f"{html_path}: loads missing files {missing}")
    return sum(f.stat().st_size for f in files), sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sites = {
            "edition": build(copy_project(Path(tmp) / "edition")),
            "stock": build(stock(copy_project(Path(tmp) / "stock"))),
        }
        print("| page | edition KiB | stock KiB | ratio | edition KiB gz | stock KiB gz | ratio gz |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for page in PAGES:
            (raw, packed), (raw0, packed0) = page_weight(sites["edition"], page), page_weight(sites["stock"], page)
            print(
                f"| /{page} | {raw / 1024:.1f} | {raw0 / 1024:.1f} | {raw / raw0:.2f} "
                f"| {packed / 1024:.1f} | {packed0 / 1024:.1f} | {packed / packed0:.2f} |"
            )


if __name__ == "__main__":
    main()
