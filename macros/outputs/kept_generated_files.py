"""The files made from data/ (paper pages, BibTeX, RIS, CSL-JSON, the feed), kept from the build that made them.

Writing them is pure: the same data, settings and code give the same files. At 100x the data writing them
took over a second of every build, for files that had not changed. So the files a build made are kept in
the project's git-ignored .cache/, under a hash of everything they are made from: the data as loaded (every
paper, news item and the profile), the site's address and name, the page the feed links to, the code and
templates of the whole macros package, and the releases of the libraries that write text (Markdown, PyYAML,
Jinja, MarkupSafe, MkDocs). A build whose key differs writes them afresh; only the newest are kept.

They are a pickle in the project's own .cache/, as checked data is (macros/data/checked_data.py): whoever
can write there can also write macros/, so it trusts nothing it did not already.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..data.checked_data import UNPICKLING_FAILURES
from ..shared.paths import PACKAGE_DIR
from .render_cache import RenderCache

# The libraries whose output is in the files: inline Markdown in the feed, front matter, templates, escaping, URLs.
_WRITERS = ("Markdown", "PyYAML", "Jinja2", "MarkupSafe", "mkdocs")
_KIND = "generated-files"
_SUFFIX = ".pickle"


def kept_generated_files(project_dir: Path, made_from: Any, make: Callable[[], dict[str, str | bytes]]) -> dict[str, str | bytes]:
    """`make()`, or what it returned in an earlier build from the same `made_from` and the same code."""
    cache_ = RenderCache(project_dir, _KIND, _SUFFIX)
    key = _key(made_from)
    if cache_.has(key):
        try:
            files: dict[str, str | bytes] = pickle.loads(cache_.path(key).read_bytes())
            return files
        # A truncated or foreign file only means making the files again.
        except UNPICKLING_FAILURES:
            pass
    files = make()
    _keep_only(cache_, key, pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL))
    return files


def _key(made_from: Any) -> str:
    digest = hashlib.sha256(_code_version().encode("utf-8"))
    # default=str: dates as ISO text. Anything whose text is not stable (a set) only costs a miss.
    digest.update(json.dumps(made_from, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    return digest.hexdigest()


@cache
def _code_version() -> str:
    """Every file of the macros package (its Python and its templates), and the writers' releases."""
    digest = hashlib.sha256(" ".join(f"{name} {version(name)}" for name in _WRITERS).encode("utf-8"))
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"\n{path.relative_to(PACKAGE_DIR).as_posix()}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _keep_only(cache_: RenderCache, key: str, content: bytes) -> None:
    """Store `content` under `key` and remove the files of earlier keys, which no build will ask for again."""
    kept = cache_.store(key, content)
    for older in cache_.folder.glob(f"*{_SUFFIX}"):
        # A name with a leading dot is another build's file being written (RenderCache.store).
        if older != kept and not older.name.startswith("."):
            older.unlink(missing_ok=True)
