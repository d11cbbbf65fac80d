"""Mutation testing of the edition's pure code (a habit, not CI): how many one-line bugs do the
unit tests notice?

    python bench/mutation.py [--minutes 30] [--venv /tmp/edition-mutmut] [module ...]

Runs mutmut 3 in a private copy of the project (under the system's temporary directory): the
repository is never written to, and mutmut is not a project dependency. The venv must hold
mutmut and see the project's packages; create one with

    .venv/bin/python -m venv /tmp/edition-mutmut
    echo "$PWD/.venv/lib/python3.11/site-packages" > /tmp/edition-mutmut/lib/python3.11/site-packages/project.pth
    /tmp/edition-mutmut/bin/pip install mutmut==3.8.1

Modules are paths under hooks/edition/ (default: the checkers and renderers below). The tests
are the fast unit tests that import them (the built-site tests run the hooks in a subprocess,
out of mutmut's sight). Prints the score: killed / (killed + survived), mutants that timed
out counted as killed, those no test covers listed apart; `mutmut results` in the printed
folder lists each survivor and `mutmut show NAME` shows it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODULES = [
    "article.py",
    "exports.py",
    "metadata.py",
    "datafile.py",
    "structure.py",
    "problems.py",
    "references.py",
    "registry.py",
    "bibfile.py",
]
# Fast unit tests only: mutmut runs them in-process against each mutant.
UNIT_TESTS = [
    "test_validators.py",
    "test_timeline_data.py",
    "test_references.py",
    "test_bad_input_structure.py",
    "test_bad_input_units.py",
]
# hooks/edition/ becomes the top-level package edition/: mutmut names mutants by file path, and
# the tests import `edition.x` (pytest's pythonpath is hooks/ in the project).
# Tests that build the site run the hooks in a subprocess, out of mutmut's reach: left out.
BUILD_TESTS_OFF = """


def pytest_collection_modifyitems(config, items):
    builds = {"site", "project", "build_copy", "server", "browser", "page"}
    items[:] = [item for item in items if not builds & set(getattr(item, "fixturenames", ()))]


@pytest.fixture(autouse=True)
def _forget_caches():
    # mutmut forks each run from a warm process: a cached result would hide the mutated code
    import sys as _sys

    for name, module in list(_sys.modules.items()):
        if name.startswith("edition"):
            for value in list(vars(module).values()):
                if hasattr(value, "cache_clear"):
                    value.cache_clear()
            for cache in ("_VALID", "_CHECKED", "_DECODED"):
                if isinstance(getattr(module, cache, None), (set, dict)):
                    getattr(module, cache).clear()
    yield
"""
COPY = ["docs", "sources", "bibliography.bib", "anchors.yml", "mkdocs.yml", "overrides"]


def prepare(workdir: Path, modules: list[str]) -> None:
    for part in COPY:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, workdir / part, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        elif source.exists():
            shutil.copy2(source, workdir / part)
    shutil.copytree(ROOT / "hooks/edition", workdir / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    (workdir / "tests").mkdir()
    shutil.copytree(ROOT / "tests/data", workdir / "tests/data")
    shutil.copy2(ROOT / "tests/conftest.py", workdir / "tests/conftest.py")
    with open(workdir / "tests/conftest.py", "a", encoding="utf-8") as conftest:
        conftest.write(BUILD_TESTS_OFF)
    tests = [name for name in UNIT_TESTS if (ROOT / "tests" / name).exists()]
    for name in tests:
        shutil.copy2(ROOT / "tests" / name, workdir / "tests" / name)
    paths = [f"edition/{m}" for m in modules]
    listed = ", ".join(tests)
    (workdir / "pyproject.toml").write_text(
        "[tool.pytest.ini_options]\n"
        'pythonpath = ["."]\n'
        'addopts = "-p no:cacheprovider"\n'
        'markers = ["browser: chromium", "slow: real mkdocs processes"]\n\n'
        "[tool.mutmut]\n"
        f"paths_to_mutate = {paths!r}\n"
        'tests_dir = ["tests/"]\n'
        f"also_copy = {[*COPY, 'edition']!r}\n",
        encoding="utf-8",
    )
    print(f"tests: {listed}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", default=DEFAULT_MODULES)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--venv", default="/tmp/edition-mutmut")
    args = parser.parse_args()
    mutmut = Path(args.venv) / "bin" / "mutmut"
    if not mutmut.exists():
        print(f"{mutmut} is missing: see the instructions at the top of {Path(__file__).name}", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="edition-mutation-"))
    prepare(workdir, args.modules)
    print(f"mutating {', '.join(args.modules)} in {workdir} (at most {args.minutes:g} minutes, nice 19)")
    started = time.monotonic()
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    try:
        subprocess.run(
            ["nice", "-n", "19", str(mutmut), "run", "--max-children", "2"],
            cwd=workdir,
            env=env,
            timeout=args.minutes * 60,
        )
    except subprocess.TimeoutExpired:
        print(f"time box of {args.minutes:g} minutes reached: the score covers the mutants run so far")
    results = subprocess.run(
        [str(mutmut), "results", "--all", "true"], cwd=workdir, env=env, capture_output=True, text=True
    ).stdout
    counts: dict[str, int] = {}
    for line in results.splitlines():
        status = line.rsplit(":", 1)[-1].strip()
        if line.strip() and ":" in line:
            counts[status] = counts.get(status, 0) + 1
    killed = counts.get("killed", 0) + counts.get("timeout", 0)
    survived = counts.get("survived", 0)
    print(f"after {(time.monotonic() - started) / 60:.1f} minutes: {counts}")
    if killed + survived:
        print(f"score: {killed}/{killed + survived} = {100 * killed / (killed + survived):.1f} % killed")
    print(f"survivors: cd {workdir} && {mutmut} results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
