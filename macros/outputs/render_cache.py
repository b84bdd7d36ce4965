"""Files rendered by an earlier build, found again by a hash of everything that went into them.

The cache lives in the project's git-ignored `.cache/` folder, one subfolder
per kind of file. A file is written under a temporary name and then renamed,
so a build that stops half-way never leaves a truncated file behind. Stored files
are read-only: the site links to some of them (linked_files.py), and a tool that
rewrote a site file in place must not change what the next build finds here.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..data.cache_folder import CACHE_FOLDER

# Windows refuses to replace or delete a read-only file; there the site gets copies (linked_files.py), not links.
KEPT_READ_ONLY = os.name == "posix"


def content_key(*parts: Any) -> str:
    """A hash of JSON-serializable parts: equal parts, equal key, on any machine."""
    serialized = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(serialized.encode("utf-8")).hexdigest()


class RenderCache:
    def __init__(self, project_dir: Path, kind: str, suffix: str) -> None:
        self.folder = project_dir / CACHE_FOLDER / kind
        self.suffix = suffix

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

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
