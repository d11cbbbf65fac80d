"""Citing in Chromium: copy a citation, old URLs of a moved page, renamed fragments."""

import pytest
from conftest import edit, serve_directory, watched_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("style", ["gost", "apa", "apa_intext", "url"])
def test_margin_number_opens_the_citation_and_copies_it(page, server, style):
    """The paragraph's number is the handle: keyboard-operable, it opens the card, records the
    paragraph in the URL, and each copy button copies its own text."""
    page.clock.set_fixed_time("2027-03-09T10:00:00")
    page.goto(server + "article/")
    number = page.locator('a.pnum[data-cite="p5"]')
    number.focus()
    page.keyboard.press("Enter")
    card = page.locator("#ed-cite-p5")
    card.wait_for(state="visible")
    assert page.url.endswith("/article/#p5")
    assert number.get_attribute("aria-expanded") == "true"
    gost = card.locator('[data-slot="gost"]').inner_text().replace("\u00a0", " ")  # shown: no-break spaces
    apa = card.locator('[data-slot="apa"]').inner_text()
    apa_intext = card.locator('[data-slot="apa_intext"]').inner_text()
    url = card.locator('[data-slot="url"]').inner_text()
    assert gost.startswith("Курмангужин Р. С., Чеботарёв А. Дипломатия Республики Казахстан")
    assert gost.endswith(
        "Абз. 5. Электронное научное издание, версия 0.1.0 (29.11.2026). "
        "URL: http://127.0.0.1:8000/article/#p5 (дата обращения: 09.03.2027)."
    )
    assert apa.startswith("Kurmanguzhin, R., & Chebotarev, A. (2023)") and "para." not in apa
    assert apa_intext == "(Kurmanguzhin & Chebotarev, 2023, para. 5)"
    assert url == "http://127.0.0.1:8000/article/#p5"
    button = card.locator(f'button[data-copy="{style}"]')
    button.focus()
    page.keyboard.press("Enter")
    status = card.locator(".ed-card__status")
    status.filter(has_text="Скопировано").wait_for()
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == {"gost": gost, "apa": apa, "apa_intext": apa_intext, "url": url}[style]
    )
    names = {"gost": "ГОСТ", "apa": "APA, список литературы", "apa_intext": "APA, ссылка в тексте", "url": "ссылка"}
    assert status.inner_text() == f"Скопировано в буфер обмена: {names[style]}."
    assert status.get_attribute("role") == "status"
    page.keyboard.press("Escape")
    card.wait_for(state="detached")
    assert page.evaluate("document.activeElement.dataset.cite") == "p5"


def test_margin_number_without_javascript_links_to_its_paragraph(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + "article/")
        page.locator('a.pnum[href="#p5"]').click()
        assert page.url.endswith("#p5")
        pattern = page.locator(".ed-cite-pattern")
        text = pattern.inner_text()
        assert "Абз. N." in text and "URL: http://127.0.0.1:8000/article/#pN (дата обращения: ДД.ММ.ГГГГ)." in text
        assert "(Kurmanguzhin & Chebotarev, 2023, para. N)" in text
    finally:
        context.close()


def test_paragraph_target_is_marked(page, server):
    page.goto(server + "article/#p5")
    assert page.evaluate("document.querySelector(':target').id") == "p5"


@pytest.fixture
def moved_site(project, build_copy):
    """The About page moved to edition.md, and its #gost heading renamed #gost-r, both mapped."""
    (project / "docs/about.md").rename(project / "docs/edition.md")
    edit(project / "mkdocs.yml", "  - about.md", "  - edition.md")
    edit(project / "docs/index.md", "(about.md)", "(edition.md)")
    edit(project / "docs/glossary.md", "(about.md#apparatus)", "(edition.md#apparatus)")
    edit(project / "docs/glossary.md", "(about.md#apparatus)", "(edition.md#apparatus)")  # its English
    edit(project / "hooks/edition/pages.py", 'ABOUT = "about.md"', 'ABOUT = "edition.md"')
    edit(project / "docs/edition.md", "{#gost}", "{#gost-r}")
    edit(project / "anchors.yml", "  pages: {}", "  pages:\n    about.md: edition.md")
    edit(
        project / "anchors.yml",
        "  fragments:\n",
        "  fragments:\n    about.md#gost: gost-r\n    edition.md#gost: gost-r\n",
    )
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
