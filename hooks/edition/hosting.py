"""Hosting and releases: the edition's version in the footer, robots.txt, CITATION.cff, the
release archive.

    PYTHONPATH=hooks python -m edition.hosting citation CITATION.cff   # write CITATION.cff
    PYTHONPATH=hooks python -m edition.hosting check-release           # versions, changelog, CFF
    PYTHONPATH=hooks python -m edition.hosting release-epoch           # release date, Unix time
    PYTHONPATH=hooks python -m edition.hosting pack SITE_DIR OUT_DIR   # the archive + checksums

`scripts/dev citation` and `scripts/dev release` run these. Everything here is a pure function of
the repository's files: the release date comes from docs/data/article.yml, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import sys
import tomllib
import zipfile
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from . import pages
from .problems import Problem, fail_if_any

ARTICLE_FILE = "docs/data/article.yml"
CITATION_FILE = "CITATION.cff"
CHANGELOG_PAGE = f"docs/{pages.ABOUT}"  # its "## ... {#changelog}" section
LICENCE_FILES = ("LICENSE", "LICENSE-apparatus")
PDF = "downloads/edition-text.pdf"  # in the site: the PDF of the text (edition.pdf makes it)
PDF_SETTING = "pdf"  # mkdocs.yml extra.pdf (EDITION_PDF): this build's site will hold the PDF
# (SPDX id, file, what it covers): the code, and the editorial apparatus
LICENCES = (("CC-BY-4.0", "LICENSE-apparatus", "the editorial apparatus"), ("MIT", "LICENSE", "the code"))
VERSION = re.compile(r"^\d+\.\d+\.\d+$")
ARCHIVE_PREFIX = "kz-diplomacy-edition"


def pdf_in_build(config) -> bool:
    """Whether the site being built will hold the PDF of the text, so that its pages may link it:
    mkdocs.yml `extra.pdf`, true only when EDITION_PDF=true, which scripts/dev build and release set
    (they print the PDF after MkDocs, edition.pdf). `mkdocs serve` and a plain `mkdocs build` make
    no PDF and link none."""
    return (config.extra or {}).get(PDF_SETTING) is True


# --- the version and its release date --------------------------------------------------------


def release_problems(meta: dict, file: str = ARTICLE_FILE) -> list[Problem]:
    """Problems of `edition.version`, `edition.released` and `edition.year` in article.yml."""
    edition = meta.get("edition") if isinstance(meta, dict) else None
    if not isinstance(edition, dict):
        return [Problem(file, "edition", "", "missing; give version, released and year")]
    problems = []
    version = edition.get("version")
    if not (isinstance(version, str) and VERSION.match(version)):
        problems.append(
            Problem(
                file,
                "edition",
                "version",
                f'{version!r} is not a version; write it as "MAJOR.MINOR.PATCH", e.g. "0.2.0"',
            )
        )
    released = edition.get("released")
    try:
        date = dt.date.fromisoformat(released) if isinstance(released, str) else None
    except ValueError:
        date = None
    if date is None:
        problems.append(
            Problem(
                file,
                "edition",
                "released",
                f'{released!r} is not a date; write the version\'s release date as "YYYY-MM-DD" (quoted)',
            )
        )
    elif edition.get("year") != date.year:
        problems.append(
            Problem(
                file,
                "edition",
                "year",
                f"{edition.get('year')!r} is not the year of released ({released}); set year: {date.year}",
            )
        )
    return problems


def release(meta: dict) -> dict[str, str]:
    """The edition's version and release date, as the footer and the citations print them."""
    fail_if_any(release_problems(meta), ARTICLE_FILE)
    edition = meta["edition"]
    date = dt.date.fromisoformat(edition["released"])
    return {"version": edition["version"], "released": date.isoformat(), "released_ru": date.strftime("%d.%m.%Y")}


def release_epoch(meta: dict) -> int:
    """The release date as a Unix time (midnight UTC): SOURCE_DATE_EPOCH of a release build."""
    date = dt.date.fromisoformat(release(meta)["released"])
    return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp())


# --- what the host serves -------------------------------------------------------------------


def robots_txt(site_url: str) -> str:
    """robots.txt: everything may be crawled; the sitemap's absolute address."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"


# --- CITATION.cff ----------------------------------------------------------------------------

CFF_HEADER = """\
# How to cite this edition, in the Citation File Format 1.2.0 (https://citation-file-format.github.io/).
# Generated from docs/data/article.yml by `scripts/dev citation`: edit that file, not this one.
# tests/test_release.py checks that the two agree and validates this file against the schema.
"""


def citation_cff(meta: dict) -> str:
    """CITATION.cff of the edition: its apparatus and code with their licences; the article it
    edits is credited under `references`, not licensed."""
    info = release(meta)
    edition = meta["edition"]
    article = {
        "type": "article",
        "authors": [{"family-names": a["family"]["ru"], "given-names": a["given"]["ru"]} for a in meta["authors"]],
        "title": meta["title"]["ru"],
        "journal": meta["journal"]["ru"],
        "publisher": {"name": meta["journal"]["publisher"]["en"]},
        "issn": meta["journal"]["issn"],
        "year": int(meta["year"]),
        "volume": int(meta["volume"]),
        "issue": str(meta["issue"]),
        "start": int(meta["pages"]["first"]),
        "end": int(meta["pages"]["last"]),
        "doi": meta["doi"],
        "languages": ["rus" if meta["language"] == "ru" else meta["language"]],
        "notes": (
            "The article this edition publishes, reproduced from the publisher's page (the preview of "
            "its text, the abstract, the references). The rights in it stay with their holders; the "
            "edition's licences do not cover it."
        ),
    }
    data = {
        "cff-version": "1.2.0",
        "message": (
            "To cite the edition, use these metadata and name its version. Its editorial apparatus is "
            "licensed CC-BY-4.0 (LICENSE-apparatus) and its code MIT (LICENSE). The article's text is "
            "not the edition's to license: its rights stay with their holders. Cite the article itself "
            "as given under references."
        ),
        "type": "dataset",
        "title": f"{meta['title']['en']}: {edition['title']['en'].lower()}",
        "version": info["version"],
        "date-released": info["released"],
        "authors": [{"name": edition["editors"]["en"], "alias": edition["editors"]["ru"]}],
        "license": [spdx for spdx, _, _ in LICENCES],
        "keywords": list(meta["keywords"]["en"]),
        "references": [article],
    }
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return CFF_HEADER + body


# --- the release -----------------------------------------------------------------------------


def changelog_versions(about_md: str) -> list[str]:
    """The versions the About page's changelog names (bold `**X.Y.Z**` in its section)."""
    section = about_md.split("{#changelog}", 1)
    if len(section) < 2:
        return []
    body = re.split(r"^## ", section[1], maxsplit=1, flags=re.M)[0]
    return re.findall(r"\*\*(\d+\.\d+\.\d+)\*\*", body)


def read_meta(root: Path) -> dict:
    """docs/data/article.yml of the repository at ``root``, checked as the build checks it."""
    from .article import article_problems

    meta, problems = article_problems(root / ARTICLE_FILE, ARTICLE_FILE)
    fail_if_any(problems, ARTICLE_FILE)
    return meta


def disk_problems(site_dir: Path, needed: int) -> list[Problem]:
    """The disk that will hold ``site_dir``: enough free space for the site (MkDocs' own writes
    would end in a traceback on a full disk)."""
    folder = Path(site_dir)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return []
    if free >= needed:
        return []
    return [
        Problem(
            str(site_dir),
            "disk",
            "",
            f"only {free / 1e6:.0f} MB free where the site is written; free at least {needed / 1e6:.0f} MB",
        )
    ]


def check_release(root: Path) -> list[str]:
    """What stops a release of the repository at ``root`` (empty: ready)."""
    meta = read_meta(root)
    problems = [str(p) for p in release_problems(meta)]
    if problems:
        return problems
    version = meta["edition"]["version"]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    if project["version"] != version:
        problems.append(
            f"pyproject.toml: version is {project['version']!r} but {ARTICLE_FILE} says "
            f"edition.version {version!r}; make them the same"
        )
    if version not in changelog_versions((root / CHANGELOG_PAGE).read_text(encoding="utf-8")):
        problems.append(
            f"{CHANGELOG_PAGE}: the changelog has no entry **{version}**; say what changed "
            "in this version (text, anchors, apparatus) before releasing it"
        )
    cff = root / CITATION_FILE
    if not cff.exists() or cff.read_text(encoding="utf-8") != citation_cff(meta):
        problems.append(
            f"{CITATION_FILE}: does not match {ARTICLE_FILE}; run scripts/dev citation and commit CITATION.cff"
        )
    problems += [f"{name}: missing; restore it from git" for name in LICENCE_FILES if not (root / name).exists()]
    return problems


def archive_name(meta: dict) -> str:
    return f"{ARCHIVE_PREFIX}-{release(meta)['version']}"


def release_files(root: Path, site: Path) -> dict[str, bytes]:
    """The archive's content: path inside it -> bytes (the site, the citation, the licences)."""
    files = {
        f"site/{path.relative_to(site).as_posix()}": path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }
    for name in (CITATION_FILE, *LICENCE_FILES, "README.md"):
        files[name] = (root / name).read_bytes()
    return files


def checksums(files: dict[str, bytes]) -> str:
    """A SHA256SUMS text (`sha256sum -c` reads it)."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))


def zip_bytes(prefix: str, files: dict[str, bytes], date: dt.date) -> bytes:
    """A reproducible zip: sorted entries, every timestamp the release date, fixed permissions."""
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def pack(root: Path, site: Path, out: Path, variant: str = "") -> tuple[Path, str]:
    """Write OUT/<name>-<version>.zip (with SHA256SUMS inside) and its .sha256 beside it; a
    ``variant`` (`offline`: the copy read from file://) is named after the version."""
    meta = read_meta(root)
    name = archive_name(meta) + (f"-{variant}" if variant else "")
    files = release_files(root, site)
    files["SHA256SUMS"] = checksums(files).encode("utf-8")
    data = zip_bytes(name, files, dt.date.fromisoformat(release(meta)["released"]))
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"{name}.zip"
    archive.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (out / f"{name}.zip.sha256").write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
    return archive, digest


def publish_pdf(root: Path, site: Path, out: Path) -> tuple[Path, str]:
    """OUT/<name>-<version>.pdf: the site's PDF of the text beside the archives, with its .sha256."""
    data = (site / PDF).read_bytes()
    target = out / f"{archive_name(read_meta(root))}.pdf"
    out.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (out / f"{target.name}.sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    return target, digest


def main(argv: list[str]) -> int:
    try:
        return _main(argv)
    except PluginError as error:  # a data problem: its message names the file and the field
        print(f"scripts/dev: {error}", file=sys.stderr)
        return 1


def _main(argv: list[str]) -> int:
    root = Path.cwd()
    command = argv[0] if argv else ""
    if command == "citation" and len(argv) == 2:
        meta = read_meta(root)
        (root / argv[1]).write_text(citation_cff(meta), encoding="utf-8")
        print(f"wrote {argv[1]} from {ARTICLE_FILE}", file=sys.stderr)
        return 0
    if command == "check-release" and len(argv) == 1:
        problems = check_release(root)
        for problem in problems:
            print(f"scripts/dev release: {problem}", file=sys.stderr)
        return 1 if problems else 0
    if command == "release-epoch" and len(argv) == 1:
        print(release_epoch(read_meta(root)))
        return 0
    if command == "pack" and len(argv) in (3, 4):
        archive, digest = pack(root, root / argv[1], root / argv[2], *argv[3:])
        size = archive.stat().st_size / 1e6
        print(
            f"scripts/dev release: {archive.relative_to(root)} ({size:.1f} MB), sha256 {digest}\n"
            f"  checksums of every file inside it: SHA256SUMS; of the archive: {archive.name}.sha256\n"
            "  deposit the archive (e.g. a new version on Zenodo) with the metadata of CITATION.cff",
            file=sys.stderr,
        )
        return 0
    if command == "pdf" and len(argv) == 3:
        target, digest = publish_pdf(root, root / argv[1], root / argv[2])
        print(f"scripts/dev release: {target.relative_to(root)}, sha256 {digest}", file=sys.stderr)
        return 0
    print(
        "usage: python -m edition.hosting citation FILE | check-release | release-epoch | pdf SITE_DIR OUT_DIR "
        "| pack SITE_DIR OUT_DIR [offline]",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
