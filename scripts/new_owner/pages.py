"""docs/ for the new owner: the previous owner's pages and files out, the starter pages in.

What stays is the machinery under docs/assets/ (the stylesheets and
scripts). Its images are the previous owner's (a portrait, a figure), as is
every Markdown page and every other file under docs/, such as CNAME, which
names the previous owner's domain. Only files that git keeps are removed: a
file git ignores could not be brought back, so it stays, and is named.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import starter_files

ASSETS = "assets"
IMAGES = frozenset({".avif", ".bmp", ".gif", ".ico", ".jpeg", ".jpg", ".png", ".svg", ".tif", ".tiff", ".webp"})


def previous_owners_files(docs: Path, tracked: set[Path]) -> tuple[list[Path], list[Path]]:
    """The files under `docs` but the non-image ones under docs/assets/: those git keeps, and those it does not.

    A link counts as a file and is never followed.
    """
    found: list[Path] = []
    for folder, folders, names in os.walk(docs):
        found += [Path(folder) / name for name in names]
        found += [Path(folder) / name for name in folders if (Path(folder) / name).is_symlink()]
    owners = sorted(path for path in found if not _is_machinery(path.relative_to(docs)))
    return [path for path in owners if path in tracked], [path for path in owners if path not in tracked]


def _is_machinery(path: Path) -> bool:
    return path.parts[0] == ASSETS and path.suffix.lower() not in IMAGES


def starter_pages(docs: Path) -> dict[Path, bytes]:
    """The starter pages, copied as they are into docs/."""
    return {docs / name: starter_files.page(name) for name in starter_files.PAGES}
