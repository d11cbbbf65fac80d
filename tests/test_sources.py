"""The repository's copy of the source is the publisher's page, unchanged."""

import pytest
from conftest import ROOT, SHARED_SOURCE


def test_kept_copy_equals_the_shared_source():
    if not SHARED_SOURCE.exists():
        pytest.skip(
            "would compare sources/article-preview.txt byte for byte with the editors' shared copy of the "
            f"publisher's page, ../shared/source/article-preview.txt beside the repository ({SHARED_SOURCE}); "
            "that folder is kept on the editors' workplace, outside git, so a plain clone has none, and the "
            "tests read sources/article-preview.txt alone"
        )
    assert (ROOT / "sources" / "article-preview.txt").read_bytes() == SHARED_SOURCE.read_bytes()
