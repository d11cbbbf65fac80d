"""hooks/loading.py: where Material's bundle is, for the loader template."""

import pytest
from mkdocs.exceptions import PluginError

from loading import material_bundle


def bundle(folder, name):
    path = folder / "assets/javascripts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("/* bundle */", encoding="utf-8")


def test_the_bundle_is_found_in_the_first_theme_folder_that_has_it(tmp_path):
    overrides, theme = tmp_path / "overrides", tmp_path / "material"
    overrides.mkdir()
    bundle(theme, "bundle.1234abcd.min.js")
    assert material_bundle([str(overrides), str(theme)]) == "assets/javascripts/bundle.1234abcd.min.js"


def test_no_bundle_is_an_error(tmp_path):
    with pytest.raises(PluginError) as error:
        material_bundle([str(tmp_path)])
    assert str(error.value) == (f"hooks/loading.py: no assets/javascripts/bundle.*.min.js in the theme folders "
                                f"['{tmp_path}']; is the theme mkdocs-material?")


def test_two_bundles_are_an_error(tmp_path):
    bundle(tmp_path, "bundle.1111.min.js")
    bundle(tmp_path, "bundle.2222.min.js")
    with pytest.raises(PluginError) as error:
        material_bundle([str(tmp_path)])
    assert str(error.value) == (f"hooks/loading.py: {tmp_path} has 2 files matching assets/javascripts/bundle.*.min.js; "
                                "expected Material's one bundle (reinstall mkdocs-material)")
