#!/usr/bin/env python3
"""Lighthouse scores of the built site, served with gzip as a host would, in Debian's chromium.

    (cd bench && npm ci) && .venv/bin/python bench/lighthouse.py [--runs 5] [--site site]

Builds the site (unless --site points at a build), serves it on 127.0.0.1 with gzip, runs npm
`lighthouse` on the landing, article, timeline and glossary pages, mobile and desktop, and prints
the median of the runs for performance, accessibility, best practices and SEO. Target: 100.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench/node_modules/.bin/lighthouse"
PAGES = ["", "article/", "timeline/", "glossary/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it, cacheable like a CDN's."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "public, max-age=31536000" if "/assets/" in self.path else "no-cache")
        self.end_headers()
        import io

        return io.BytesIO(body)


def serve(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def scores(url: str, form_factor: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        args = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=" + ",".join(CATEGORIES),
        ]
        if form_factor == "desktop":
            args.append("--preset=desktop")
        env = dict(os.environ, CHROME_PATH=shutil.which("chromium") or "/usr/bin/chromium")
        subprocess.run(args, env=env, check=True, capture_output=True, timeout=300)
        report = json.loads(out.read_text(encoding="utf-8"))
    return {c: report["categories"][c]["score"] * 100 for c in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse is missing: run `npm ci` in bench/")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            httpd, url = serve(Path(tmp))  # reserve the port first: SITE_URL must match it
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "-q",
                    "-f",
                    str(ROOT / "mkdocs.yml"),
                    "-d",
                    str(site),
                ],
                env=env,
                check=True,
            )
            httpd.shutdown()
            httpd.server_close()
            httpd = http.server.ThreadingHTTPServer(
                ("127.0.0.1", int(url.rsplit(":", 1)[1].strip("/"))),
                functools.partial(GzipHandler, directory=str(site)),
            )
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
        else:
            httpd, url = serve(site)
        print(f"| page | form factor | {' | '.join(CATEGORIES)} | performance, lowest run |")
        print("|---|---|" + "---:|" * (len(CATEGORIES) + 1))
        for page in PAGES:
            for form_factor in ("mobile", "desktop"):
                runs = [scores(url + page, form_factor) for _ in range(args.runs)]
                medians = [statistics.median(r[c] for r in runs) for c in CATEGORIES]
                lowest = min(r["performance"] for r in runs)
                print(
                    f"| /{page} | {form_factor} | " + " | ".join(f"{m:.0f}" for m in medians) + f" | {lowest:.0f} |",
                    flush=True,
                )
        httpd.shutdown()


if __name__ == "__main__":
    main()
