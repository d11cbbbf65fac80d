"""bibliography.bib parses cleanly in pybtex and in Debian's biber (documented warnings only)."""

import re
import shutil
import subprocess

import pybtex.errors
from conftest import ROOT
from pybtex.database import parse_file


def test_pybtex_parses_without_warnings(recwarn, capsys):
    pybtex.errors.set_strict_mode(True)  # any pybtex warning becomes an exception
    data = parse_file(str(ROOT / "bibliography.bib"))
    assert len(data.entries) == 11
    assert {entry.type for entry in data.entries.values()} == {"book", "thesis", "article", "online"}
    assert all(re.fullmatch(r"[a-z0-9-]+", key) for key in data.entries)
    assert all(entry.fields["langid"] == "russian" for entry in data.entries.values())
    assert "Warning" not in capsys.readouterr().err


def test_biber_reports_only_the_documented_warnings(tmp_path):
    biber = shutil.which("biber")
    assert biber, "biber is missing: scripts/dev test installs Debian's biber package"
    shutil.copy(ROOT / "bibliography.bib", tmp_path / "bibliography.bib")
    result = subprocess.run(
        [biber, "--tool", "--validate-datamodel", "bibliography.bib"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warnings = [line for line in output.splitlines() if line.startswith("WARN")]
    assert warnings == [
        "WARN - Datamodel: Entry 'shakleina-2003' (bibliography.bib): Missing mandatory field 'institution'",
        "WARN - Datamodel: Entry 'tokaev-2009' (bibliography.bib): Missing mandatory field 'institution'",
    ]
    assert "WARNINGS: 2" in output
