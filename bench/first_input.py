#!/usr/bin/env python3
"""The reader's first key press and first click, in Chromium with the CPU slowed 4×.

    .venv/bin/python bench/first_input.py SITE [SITE2 ...] [--repeat 5] [--full-size]

For each built site (e.g. this edition's `site/`, and a build of an earlier design for
comparison) and page: open the page, and as soon as it has loaded press "/" (Material's search
key), or click the palette toggle. Reports the Event Timing duration of that interaction (the
longest entry of it: from the input to the next paint, what Interaction to Next Paint measures)
and whether it did what it says (the search box has the focus; the palette changed). Median of
--repeat runs, each in a fresh browser context. --full-size also builds and measures the synthetic
full-size edition of bench/speed.py (60 paragraphs, 30 citations, 300 events).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = ["", "article/", "timeline/", "glossary/"]
OBSERVE = """() => { window.__events = [];
  new PerformanceObserver(list => window.__events.push(...list.getEntries().map(e => ({name: e.name,
    duration: e.duration, id: e.interactionId})))).observe({type: 'event', buffered: true, durationThreshold: 16}); }"""
LONGEST = """() => Math.max(0, ...window.__events.filter(e => e.id).map(e => e.duration))"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def one(browser, url: str, action: str) -> tuple[float, bool]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="light")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script(f"({OBSERVE})()")
    page.goto(url)
    if action == "key":
        page.keyboard.press("/")
        page.wait_for_timeout(1500)
        worked = page.evaluate("!!document.activeElement && document.activeElement.matches('.md-search__input')")
    else:
        page.locator('[data-md-component="palette"] label:visible').first.click()
        page.wait_for_timeout(1500)
        worked = page.evaluate("document.body.dataset.mdColorScheme === 'slate'")
    duration = page.evaluate(LONGEST)
    context.close()
    return duration, worked


def full_size_site(directory: Path) -> Path:
    """The full-size edition of bench/speed.py, built (as speed.py builds it) into its site/."""
    sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "tests")]
    from conftest import copy_project
    from speed import build, full_size

    project = full_size(copy_project(directory / "project"))
    build(project, cold=False)
    return project / "site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--full-size", action="store_true")
    args = parser.parse_args()
    if args.full_size:
        args.sites.append(full_size_site(Path(tempfile.mkdtemp(prefix="full-size-"))))
    header = f"| site | page | first '/' ms (median of {args.repeat}) | opened search | first click on palette ms"
    print(header + " | switched |")
    print("|---|---|---:|---|---:|---|")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for site in args.sites:
            server, base = serve(site)
            for page in PAGES:
                cells = []
                for action in ("key", "click"):
                    runs = [one(browser, base + page, action) for _ in range(args.repeat)]
                    ok = sum(worked for _, worked in runs)
                    cells += [f"{statistics.median(d for d, _ in runs):.0f}", f"{ok}/{len(runs)}"]
                print(f"| {site} | /{page} | " + " | ".join(cells) + " |")
            server.shutdown()
        browser.close()


if __name__ == "__main__":
    main()
