"""The second engine: ProperDocs (the maintained fork of MkDocs 1.6, pinned in pyproject.toml's test
extra) builds this edition to the same site as MkDocs, byte for byte, apart from the generator tag.
The day MkDocs or Material stops, the move is the one line of README "A second engine"."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT, mkdocs_env

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_properdocs_builds_the_same_site(site, tmp_path):
    out = tmp_path / "properdocs-site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=tmp_path,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = files(site.site), files(out)
    assert sorted(theirs) == sorted(ours)
    generators = set()
    different = []
    for name, content in ours.items():
        generators.update(GENERATOR.findall(theirs[name]))
        if GENERATOR.sub(b"", content) != GENERATOR.sub(b"", theirs[name]):
            different.append(name)
    assert different == [], f"ProperDocs built these files differently: {different}"
    assert [g.decode() for g in generators] == [
        '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">'
    ]
    assert sum(ours[name] != theirs[name] for name in ours) >= 7  # the pages, whose tag differs
