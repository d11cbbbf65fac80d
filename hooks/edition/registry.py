"""The anchor registry (anchors.yml): every published anchor keeps working.

    PYTHONPATH=hooks python -m edition.registry add SITE_DIR    # register the anchors of a build

Adding is routine; removing is never silent: an anchor listed here that is missing from a build
fails it, unless `moved` maps it (a moved page -> mkdocs-redirects; a renamed fragment -> a
small script forwards the old fragment on load).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

REGISTRY = "anchors.yml"
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


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    data = data or {}
    data.setdefault("anchors", {})
    moved = data.setdefault("moved", {}) or {}
    data["moved"] = {"pages": moved.get("pages") or {}, "fragments": moved.get("fragments") or {}}
    return data


def missing_anchors(registry: dict, built: dict[str, list[str]], file: str = REGISTRY) -> list[str]:
    """Messages for registered anchors the build lacks. ``built``: source path -> ids."""
    pages, fragments = registry["moved"]["pages"], registry["moved"]["fragments"]
    messages = []
    for src, anchors in registry["anchors"].items():
        target = pages.get(src, src)
        ids = built.get(target)
        if ids is None:
            messages.append(f"{file}: page '{src}' is published but not built; restore it or map it "
                            f"under moved.pages ('{src}': new-page.md)")
            continue
        for anchor in anchors:
            new = fragments.get(f"{src}#{anchor}", anchor)
            if new not in ids:
                messages.append(f"{file}: anchor '{src}#{anchor}' is published but missing from "
                                f"the built '{target}'; restore it, or map it under moved.fragments "
                                f"('{src}#{anchor}': new-id) or moved.pages ('{src}': new-page.md)")
    return messages


def unregistered(registry: dict, built: dict[str, list[str]]) -> dict[str, list[str]]:
    """Anchors of the build that the registry does not list yet."""
    known = registry["anchors"]
    return {src: [a for a in ids if a not in (known.get(src) or [])]
            for src, ids in built.items() if any(a not in (known.get(src) or []) for a in ids)}


def fragment_moves(registry: dict, src: str) -> dict[str, str]:
    """old -> new fragment for one page (for the forwarding script)."""
    return {key.split("#", 1)[1]: new for key, new in registry["moved"]["fragments"].items()
            if key.split("#", 1)[0] == src}


def save(path: Path, registry: dict) -> None:
    body = yaml.safe_dump({"anchors": registry["anchors"], "moved": registry["moved"]},
                          allow_unicode=True, sort_keys=False, width=100)
    path.write_text(HEADER + body, encoding="utf-8")


def built_anchors(site_dir: Path, pages: dict[str, str]) -> dict[str, list[str]]:
    """source path -> ids, for ``pages`` (source path -> built HTML path relative to site)."""
    return {src: page_anchors((site_dir / html).read_text(encoding="utf-8"))
            for src, html in pages.items() if (site_dir / html).exists()}


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] != "add":
        print(__doc__)
        return 2
    site = Path(argv[2])
    root = Path(__file__).resolve().parents[2]
    pages = yaml.safe_load((site / "edition-pages.yml").read_text(encoding="utf-8"))
    registry = load(root / REGISTRY)
    new = unregistered(registry, built_anchors(site, pages))
    for src, anchors in new.items():
        registry["anchors"].setdefault(src, []).extend(anchors)
        print(f"added {len(anchors)} anchors of {src}: {', '.join(anchors)}")
    save(root / REGISTRY, registry)
    missing = missing_anchors(registry, built_anchors(site, pages))
    for message in missing:
        print(message, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
