"""Files rendered by an earlier build, found again by a hash of everything that went into them.

The cache lives in the project's git-ignored `.cache/` folder, one subfolder
per kind of file. A file is written under a temporary name and then renamed,
so a build that stops half-way never leaves a truncated file behind. Stored files
are read-only: the site links to some of them (linked_files.py), and a tool that
rewrote a site file in place must not change what the next build finds here.

Each file a build asks for, found or made, is noted; once a build is done,
the files of those folders that it never asked for are removed
(hooks/unused_cache_files.py): the cards, references and stylesheets of
pages and data since edited. Without that, every edit of the data left its
old renderings behind for good.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..data.cache_folder import CACHE_FOLDER

# Windows refuses to replace or delete a read-only file; there the site gets copies (linked_files.py), not links.
KEPT_READ_ONLY = os.name == "posix"
# The files asked for in each folder since the package was imported: in one build, as the package is imported
# afresh for each (hooks/package_reload.py).
_ASKED_FOR: dict[Path, set[Path]] = {}


def content_key(*parts: Any) -> str:
    """A hash of JSON-serializable parts: equal parts, equal key, on any machine."""
    serialized = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(serialized.encode("utf-8")).hexdigest()


class RenderCache:
    def __init__(self, project_dir: Path, kind: str, suffix: str) -> None:
        self.folder = project_dir / CACHE_FOLDER / kind
        self.suffix = suffix

    def path(self, key: str) -> Path:
        path = self.folder / f"{key}{self.suffix}"
        _ASKED_FOR.setdefault(self.folder, set()).add(path)
        return path

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def store(self, key: str, content: bytes) -> Path:
        """Write `content` under `key` atomically and return its path."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(key)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".partial-", suffix=self.suffix)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            if KEPT_READ_ONLY:
                os.chmod(temporary, 0o444)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target


def remove_unasked(cache_dir: Path) -> int:
    """Remove the files of the folders under `cache_dir` that this build asked files from, but not for these;
    the number removed. A folder the build never asked from (another kind's, or a tool's) is left alone."""
    removed = 0
    for folder in [folder for folder in _ASKED_FOR if folder.parent == cache_dir]:
        asked = _ASKED_FOR.pop(folder)
        with contextlib.suppress(OSError):
            for path in folder.iterdir():
                # A name with a leading dot is a file another build is writing (store).
                if path not in asked and not path.name.startswith("."):
                    path.unlink(missing_ok=True)
                    removed += 1
    return removed
