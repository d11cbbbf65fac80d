"""Citing in Chromium: copy a citation, old URLs of a moved page, renamed fragments."""

import pytest

from conftest import edit, serve_directory, watched_page

pytestmark = pytest.mark.browser


def test_copy_citation_puts_the_text_on_the_clipboard(page, server):
    page.goto(server + "article/#p5")
    details = page.locator("#p5 + details.edition-cite-this")
    summary = details.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")                      # keyboard operable
    button = details.locator('button[data-copy="gost"]')
    button.wait_for(state="visible")                  # shown when its box opens (cite.js)
    button.focus()
    page.keyboard.press("Enter")
    status = details.locator(".edition-cite-this__status")
    status.filter(has_text="скопирована").wait_for()
    expected = details.locator('[data-style="gost"]').inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert expected.endswith("Абз. 5. URL: http://127.0.0.1:8000/article/#p5")
    assert status.get_attribute("role") == "status"


def test_paragraph_target_is_marked(page, server):
    page.goto(server + "article/#p5")
    assert page.evaluate("document.querySelector(':target').id") == "p5"


@pytest.fixture
def moved_site(project, build_copy):
    """The About page moved to edition.md, and its #gost heading renamed #gost-r, both mapped."""
    (project / "docs/about.md").rename(project / "docs/edition.md")
    edit(project / "mkdocs.yml", "  - about.md", "  - edition.md")
    edit(project / "docs/index.md", "(about.md)", "(edition.md)")
    edit(project / "docs/edition.md", "{#gost}", "{#gost-r}")
    edit(project / "anchors.yml", "  pages: {}", "  pages:\n    about.md: edition.md")
    edit(project / "anchors.yml", "  fragments: {}", "  fragments:\n    about.md#gost: gost-r\n    edition.md#gost: gost-r")
    build = build_copy(project)
    assert build.returncode == 0, build.output
    with serve_directory(build.site) as url:
        yield url


def test_moved_page_and_renamed_fragment_keep_old_links_working(browser, moved_site):
    context, page = watched_page(browser, moved_site)
    try:
        page.goto(moved_site + "about/#principles")
        page.wait_for_url("**/edition/#principles")
        assert page.evaluate("document.querySelector(':target').id") == "principles"
        page.goto(moved_site + "about/#gost")
        page.wait_for_url("**/edition/#gost-r")
        assert page.evaluate("document.querySelector(':target').id") == "gost-r"
        assert page.foreign == [] and page.errors == []
    finally:
        context.close()


def test_a_missing_mapping_fails_the_build(project, build_copy):
    edit(project / "docs/about.md", "{#gost}", "{#gost-r}")
    output = build_copy(project).failure()
    assert "anchors.yml: anchor 'about.md#gost' is published but missing from the built 'about.md'" in output
