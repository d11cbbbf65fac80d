"""The repository's copy of the source is the publisher's page, unchanged."""

import pytest
from conftest import ROOT, SHARED_SOURCE


def test_kept_copy_equals_the_shared_source():
    if not SHARED_SOURCE.exists():
        pytest.skip("no shared source on this machine: tests use sources/article-preview.txt")
    assert (ROOT / "sources" / "article-preview.txt").read_bytes() == SHARED_SOURCE.read_bytes()
