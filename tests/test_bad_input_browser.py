"""Hostile or malformed fragments in Chromium: docs/assets/anchors.js forwards only real moves."""

import pytest
from conftest import edit, serve_directory, watched_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    from conftest import copy_project, run_build

    project = copy_project(tmp_path_factory.mktemp("renamed") / "project")
    edit(project / "docs/about.md", "{#gost}", "{#gost-r}")
    edit(project / "anchors.yml", "  fragments:\n", "  fragments:\n    about.md#gost: gost-r\n")
    build = run_build(project, tmp_path_factory.mktemp("cwd"))
    assert build.returncode == 0, build.output
    with serve_directory(build.site) as url:
        yield url


def test_a_renamed_fragment_is_forwarded(browser, renamed_site):
    context, page = watched_page(browser, renamed_site)
    try:
        page.goto(renamed_site + "about/#gost")
        page.wait_for_url("**/about/#gost-r")
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("fragment", ["constructor", "__proto__", "toString", "hasOwnProperty", "%E0%A4%A"])
def test_inherited_names_and_broken_escapes_are_left_alone(browser, renamed_site, fragment):
    context, page = watched_page(browser, renamed_site)
    try:
        page.goto(renamed_site + f"about/#{fragment}")
        page.wait_for_load_state("load")
        page.evaluate("new Promise(resolve => setTimeout(resolve, 300))")
        assert page.url == renamed_site + f"about/#{fragment}"
        assert page.errors == []
        page.evaluate("location.hash = '#gost'")
        page.wait_for_url("**/about/#gost-r")
    finally:
        context.close()


PAYLOAD = '"><script>window.__pwned = (window.__pwned || 0) + 1</script><img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    import json

    from conftest import copy_project, run_build

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    article_yml = project / "docs/data/article.yml"
    edit(
        article_yml,
        'ru: "Дипломатия Республики Казахстан: эволюция внешнеполитических концепций"',
        "ru: " + json.dumps("Дипломатия" + PAYLOAD, ensure_ascii=False),
    )
    edit(article_yml, 'family: {ru: "Курмангужин"', "family: {ru: " + json.dumps("Курмангужин" + PAYLOAD))
    edit(
        project / "docs/data/events.yml",
        'ru: "Два варианта Концепции внешней политики России"',
        "ru: " + json.dumps("Два варианта" + PAYLOAD, ensure_ascii=False),
    )
    build = run_build(project, tmp_path_factory.mktemp("cwd"))
    assert build.returncode == 0, build.output
    with serve_directory(build.site) as url:
        yield url


@pytest.mark.parametrize("path", ["", "article/", "abstract/", "timeline/", "bibliography/"])
def test_markup_in_the_data_never_runs(browser, hostile_site, path):
    context, page = watched_page(browser, hostile_site)
    try:
        page.goto(hostile_site + path)
        page.wait_for_load_state("load")
        page.mouse.move(2, 2)  # the first gesture loads Material's bundle
        page.evaluate("new Promise(resolve => setTimeout(resolve, 500))")
        assert page.evaluate("window.__pwned === undefined")
        assert page.evaluate("document.querySelectorAll('img[src=x]').length") == 0
        if path == "article/":
            title = page.evaluate("document.querySelector('meta[name=citation_title]').content")
            assert title == "Дипломатия" + PAYLOAD
    finally:
        context.close()


def test_markup_in_the_data_never_runs_from_the_search(browser, hostile_site):
    """Material's search shows an entry's title and text as HTML: the hostile event is found by
    its words and shown as text."""
    from conftest import start_material
    from test_browser_site import type_query

    context, page = watched_page(browser, hostile_site)
    try:
        page.goto(hostile_site)
        start_material(page)
        type_query(page, "Два варианта")
        page.evaluate("new Promise(resolve => setTimeout(resolve, 500))")
        assert page.evaluate("window.__pwned === undefined")
        assert page.evaluate("document.querySelectorAll('.md-search-result img').length") == 0
        texts = page.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.textContent)")
        assert any("<script>" in text for text in texts)  # the title's markup, as characters
    finally:
        context.close()
