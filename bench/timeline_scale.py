#!/usr/bin/env python3
"""How the timeline hook's cost grows: build time with 100, 1,000 and 10,000 synthetic events
against the real data's build, measured in the same run.

    .venv/bin/python bench/timeline_scale.py [--repeat 3]

Synthetic events reuse the real events' sources (so every one passes the attestation check)
with new ids and dates spread over 1992–2022. Prints a table: events, median build seconds,
ratio to the real build, seconds per 1,000 events above the baseline, timeline page weight.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project as copy_sources  # noqa: E402  (shared with the tests)


def synthetic_events(real: list[dict], count: int) -> list[dict]:
    events = []
    for index in range(count):
        model = real[index % len(real)]
        event = dict(model, id=f"synthetic-{index:05d}", date=str(1992 + index % 31))
        event["title"] = {"ru": f"Событие {index}", "en": f"Event {index}"}
        events.append(event)
    return events


def timed_build(project: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(project / "site"),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    args = parser.parse_args()
    real = yaml.safe_load((ROOT / "docs/data/events.yml").read_text(encoding="utf-8"))["events"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in [None, *args.sizes]:
            project = copy_sources(Path(tmp) / f"p{size or 'real'}")
            if size is not None:
                # the real events stay: their anchors are registered (anchors.yml)
                data = {"events": real + synthetic_events(real, size)}
                (project / "docs/data/events.yml").write_text(
                    yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
                )
            times = [timed_build(project) for _ in range(args.repeat)]
            weight = (project / "site/timeline/index.html").stat().st_size
            rows.append((len(real) + (size or 0), statistics.median(times), weight, size is None))
    base_events, base_time = rows[0][0], rows[0][1]
    print(
        f"| events | build s (median of {args.repeat}) | × real build | s per 1,000 extra events | timeline page KiB |"
    )
    print("|---:|---:|---:|---:|---:|")
    for events, seconds, weight, is_real in rows:
        per_k = "—" if is_real else f"{(seconds - base_time) / (events - base_events) * 1000:.3f}"
        label = f"{events} (real)" if is_real else f"{events:,}"
        print(f"| {label} | {seconds:.2f} | {seconds / base_time:.2f} | {per_k} | {weight / 1024:.0f} |")


if __name__ == "__main__":
    main()
