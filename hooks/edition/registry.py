"""The anchor registry (anchors.yml): every published anchor keeps working.

    PYTHONPATH=hooks python -m edition.registry add SITE_DIR    # register the anchors of a build

Adding is routine; removing is never silent: an anchor listed here that is missing from a build
fails it, unless `moved` maps it (a moved page -> mkdocs-redirects; a renamed fragment -> a
small script forwards the old fragment on load).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from . import datafile
from .problems import Problem
from .store import write_atomically

REGISTRY = "anchors.yml"
PAGES_FILE = ".cache/edition-pages.yml"  # source path -> built path, written by each build
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*)</article>', re.S)  # events are <article>s too
ID = re.compile(r'\sid="([^"]+)"')
HEADER = """\
# Published anchors: page (source path) -> fragments. Students cite these: each must keep working.
# Add new ones with `scripts/dev anchors` (never by deleting lines). If an anchor has to go:
#   moved.pages:     {old.md: new.md}         the page moved; old URLs redirect (mkdocs-redirects)
#   moved.fragments: {"page.md#old": new-id}  the fragment was renamed; forwarded on load
"""


def page_anchors(html: str) -> list[str]:
    """The ids in a built page's content (what a citation can point at)."""
    match = ARTICLE.search(html)
    return list(dict.fromkeys(ID.findall(match.group(1)))) if match else []


def read_registry(path: Path, file: str = REGISTRY) -> tuple[dict, list[Problem]]:
    """The registry (normalized: both `moved` maps present) and its problems. No file: empty."""
    data, problems, _lines = read_registry_with_lines(path, file)
    return data, problems


def read_registry_with_lines(path: Path, file: str = REGISTRY) -> tuple[dict, list[Problem], dict[tuple, int]]:
    """`read_registry`, and the line of each page and anchor in the file (`lines_of`), from one read."""
    if not Path(path).exists():
        return normalized({}), [], {}
    doc = datafile.read(path, file, "anchors")
    if doc.problems:
        return normalized({}), doc.problems, {}
    data = normalized(doc.data)
    return data, cycle_problems(data, doc), lines_of(doc)


def cycle_problems(data: dict, doc: datafile.Document) -> list[Problem]:
    """A move that leads back to where it started (`a.md: b.md` and `b.md: a.md`) would send the
    reader round for ever."""
    problems = []
    for kind, moves, split in (
        ("pages", data["moved"]["pages"], lambda key: ("", key)),
        ("fragments", data["moved"]["fragments"], lambda key: key.partition("#")[::2]),
    ):
        for key in moves:
            page, current = split(key)
            seen = [current]
            while True:
                new = moves.get(f"{page}#{current}" if page else current)
                if new is None:
                    break
                if new in seen:
                    chain = " -> ".join([*seen, new])
                    problems.append(
                        Problem(
                            doc.file,
                            f"moved.{kind}",
                            key,
                            f"the moves go round in a circle ({chain}); map each old name to where it is now",
                            line=doc.line(("moved", kind, key)),
                        )
                    )
                    break
                seen.append(new)
                current = new
    return problems


def normalized(data: dict | None) -> dict:
    data = dict(data or {})
    data["anchors"] = {page: list(ids or []) for page, ids in (data.get("anchors") or {}).items()}
    moved = data.get("moved") or {}
    data["moved"] = {"pages": moved.get("pages") or {}, "fragments": moved.get("fragments") or {}}
    return data


def anchor_lines(path: Path) -> dict[tuple, int]:
    """(page,) and (page, anchor) -> their line in anchors.yml (empty if it cannot be read)."""
    if not Path(path).exists():
        return {}
    doc = datafile.parse(Path(path).read_text(encoding="utf-8"), REGISTRY)
    if doc.problems or not isinstance(doc.data, dict):
        return {}
    return lines_of(doc)


def lines_of(doc: datafile.Document) -> dict[tuple, int]:
    """(page,) and (page, anchor) -> their line in the parsed registry."""
    found = {}
    for src, anchors in (doc.data.get("anchors") or {}).items():
        found[(src,)] = doc.line(("anchors", src))
        for index, anchor in enumerate(anchors or []):
            found.setdefault((src, anchor), doc.line(("anchors", src, index)))
    return found


def dropped_anchors(before: dict, now: dict, file: str = REGISTRY) -> list[str]:
    """Messages for anchors listed in an earlier registry (``before``: the last commit's) that
    the current one no longer lists nor maps: a published anchor must never be deleted."""
    messages = []
    for src, anchors in before["anchors"].items():
        kept = set(now["anchors"].get(src, []))
        moved_page = src in now["moved"]["pages"]
        for anchor in anchors:
            if anchor not in kept and not moved_page and f"{src}#{anchor}" not in now["moved"]["fragments"]:
                messages.append(
                    f"{file}: anchor '{src}#{anchor}' was deleted from {file} (the last commit "
                    f"lists it); published anchors are never deleted: restore the line, or map "
                    f"it under moved.fragments ('{src}#{anchor}': new-id)"
                )
    return messages


def dropped_problems(root: Path, now: dict) -> list[str]:
    """``dropped_anchors`` against the last commit's anchors.yml (none outside a git checkout)."""
    before = committed_registry(root)
    return dropped_anchors(before, now) if before else []


def committed_registry(root: Path) -> dict | None:
    """anchors.yml as of the last commit, or None outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "show", f"HEAD:./{REGISTRY}"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    doc = datafile.parse(result.stdout, f"HEAD:{REGISTRY}")
    if doc.problems or not isinstance(doc.data, dict):
        return None
    if datafile.check(doc, "anchors", datafile.by_file("anchors")):
        return None
    return normalized(doc.data)


def missing_anchors(
    registry: dict, built: dict[str, list[str]], file: str = REGISTRY, lines: dict | None = None
) -> list[str]:
    """Messages for registered anchors the build lacks. ``built``: source path -> ids;
    ``lines``: (page, anchor) and (page,) -> line in the registry, named at the end."""
    pages, fragments = registry["moved"]["pages"], registry["moved"]["fragments"]
    messages = []
    lines = lines or {}

    def at(*key) -> str:  # the registry's line, after the message (its start stays `anchors.yml: ...`)
        return f" (listed on line {lines[key]} of {file})" if key in lines else ""

    for src, anchors in registry["anchors"].items():
        target = pages.get(src, src)
        ids = built.get(target)
        if ids is None:
            messages.append(
                f"{file}: page '{src}' is published but not built; restore it or map it "
                f"under moved.pages ('{src}': new-page.md){at(src)}"
            )
            continue
        for anchor in anchors:
            new = fragments.get(f"{src}#{anchor}", anchor)
            if new not in ids:
                messages.append(
                    f"{file}: anchor '{src}#{anchor}' is published but missing from "
                    f"the built '{target}'; restore it, or map it under moved.fragments "
                    f"('{src}#{anchor}': new-id) or moved.pages ('{src}': new-page.md){at(src, anchor)}"
                )
    return messages


def unregistered(registry: dict, built: dict[str, list[str]]) -> dict[str, list[str]]:
    """Anchors of the build that the registry does not list yet."""
    known = registry["anchors"]
    return {
        src: [a for a in ids if a not in (known.get(src) or [])]
        for src, ids in built.items()
        if any(a not in (known.get(src) or []) for a in ids)
    }


def fragment_moves(registry: dict, src: str) -> dict[str, str]:
    """old -> new fragment for one page (for the forwarding script)."""
    moves = {}
    for key, new in registry["moved"]["fragments"].items():
        page, sep, old = key.partition("#")
        if sep and page == src:
            moves[old] = new
    return moves


def write_pages(root: Path, pages: dict[str, str]) -> bool:
    """Record which built file each page became, for `python -m edition.registry add`
    (under the project's .cache/, never in the site). False if it could not be written
    (a read-only or full disk, a .cache that is not a folder)."""
    path = Path(root) / PAGES_FILE
    text = yaml.safe_dump(pages, sort_keys=True)
    try:
        if path.read_text(encoding="utf-8") == text:
            return True
    except (OSError, UnicodeDecodeError):
        pass
    return write_atomically(path, text.encode("utf-8"))


def save(path: Path, registry: dict) -> None:
    body = yaml.safe_dump(
        {"anchors": registry["anchors"], "moved": registry["moved"]}, allow_unicode=True, sort_keys=False, width=100
    )
    path.write_text(HEADER + body, encoding="utf-8")


def built_anchors(site_dir: Path, pages: dict[str, str]) -> dict[str, list[str]]:
    """source path -> ids, for ``pages`` (source path -> built HTML path relative to site)."""
    return {
        src: page_anchors((site_dir / html).read_text(encoding="utf-8"))
        for src, html in pages.items()
        if (site_dir / html).exists()
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] != "add":
        print(__doc__)
        return 2
    site = Path(argv[2])
    root = Path(__file__).resolve().parents[2]
    pages_file = root / PAGES_FILE
    if not pages_file.exists():
        print(f"{PAGES_FILE} is missing: build the site first (scripts/dev anchors does)", file=sys.stderr)
        return 1
    pages = yaml.safe_load(pages_file.read_text(encoding="utf-8"))
    registry, problems = read_registry(root / REGISTRY)
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    new = unregistered(registry, built_anchors(site, pages))
    for src, anchors in new.items():
        registry["anchors"].setdefault(src, []).extend(anchors)
        print(f"added {len(anchors)} anchors of {src}: {', '.join(anchors)}")
    save(root / REGISTRY, registry)
    missing = missing_anchors(registry, built_anchors(site, pages), REGISTRY, anchor_lines(root / REGISTRY))
    for message in missing:
        print(message, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
