"""ruff, as configured in pyproject.toml, on hooks, tests and bench: lint rules and formatting."""

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

PATHS = ["hooks", "tests", "bench"]


def ruff() -> list[str]:
    found = shutil.which("ruff", path=str(ROOT / ".venv/bin")) or shutil.which("ruff")
    if found:
        return [found]
    return [sys.executable, "-m", "ruff"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff(command):
    result = subprocess.run([*ruff(), *command, *PATHS], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
