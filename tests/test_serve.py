"""Editors: under `mkdocs serve`, editing the data rebuilds the served pages."""

import subprocess
import time

import pytest
from conftest import MKDOCS, fetch, free_port, mkdocs_env


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def served(project, tmp_path):
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    process = subprocess.Popen(
        [*MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=tmp_path,
        env=mkdocs_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "Хартия о демократическом партнерстве" in fetch(url + "timeline/"), 120), (
            tmp_path / "serve.log"
        ).read_text()
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.mark.slow
def test_editing_the_events_rebuilds_the_timeline(served, project):
    path = project / "docs/data/events.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('"Хартия о демократическом партнерстве"', '"Хартия о демократическом партнерстве (правка)"'),
        encoding="utf-8",
    )
    assert wait_for(lambda: "Хартия о демократическом партнерстве (правка)" in fetch(served + "timeline/"), 90)


@pytest.mark.slow
def test_editing_the_bibliography_rebuilds_the_references(served, project):
    path = project / "bibliography.bib"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{Под стягом независимости:", "{Под стягом независимости (правка):"), encoding="utf-8")
    assert wait_for(lambda: "Под стягом независимости (правка)" in fetch(served + "bibliography/"), 90)


@pytest.mark.slow
def test_a_still_broken_file_is_reported_again_on_every_save(served, project, tmp_path):
    """MkDocs' duplicate-message filter would print the error once, then only "Aborted"."""
    log = tmp_path / "serve.log"
    path = project / "docs/data/events.yml"
    text = path.read_text(encoding="utf-8")
    line = text.split("\n").index('    date: "1992"') + 1
    message = f"docs/data/events.yml:{line}: event 'ru-concept-variants-1992' [date]: '1992-13' is an impossible date"

    def reported() -> int:
        return log.read_text(encoding="utf-8").count(message)

    path.write_text(text.replace('    date: "1992"', '    date: "1992-13"', 1), encoding="utf-8")
    assert wait_for(lambda: reported() == 1, 90), log.read_text(encoding="utf-8")
    time.sleep(1)
    path.write_text(text.replace('    date: "1992"', '    date: "1992-13"', 1) + "\n", encoding="utf-8")
    assert wait_for(lambda: reported() == 2, 90), log.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert wait_for(lambda: "Хартия о демократическом партнерстве" in fetch(served + "timeline/"), 90)
