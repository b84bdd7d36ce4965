"""The files the build makes from data/ (a paper's BibTeX and RIS, the feed, the social cards, the PDF CV) enter
the site as hard links to the copies kept in .cache/, not as files made anew.

MkDocs empties the site folder at the start of every build, so each of those files used to be made again: at 100x
the data, over 3,000 beside the pages. Making a file means allocating its blocks, which on this project's build
machine costs about 1 ms (and freeing them again at the next clean), while a link costs about 10 µs and frees
nothing: a fifth of a warm build. The kept copies are read-only (render_cache.py), so a tool that rewrote a site
file in place would be refused rather than change them. Where no link can be made (the site on another disk, a
file system without links, a kept copy another build just pruned), the file is written or copied as before; and
always on Windows, which refuses to delete a read-only file, as MkDocs does when it empties the site.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from concurrent.futures import Future
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .render_cache import KEPT_READ_ONLY, RenderCache, content_key


class _LinkedFile(File):
    kept: str
    ready: Future[None] | None

    def copy_file(self, dirty: bool = False) -> None:
        if self.ready is not None:
            # The kept copy is still being rendered; its error, if it failed, is the build's.
            self.ready.result()
        if not KEPT_READ_ONLY:
            super().copy_file(dirty)
            return
        if dirty and not self.is_modified():
            return
        destination = self.abs_dest_path
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(destination)
        try:
            os.link(self.kept, destination)
        except OSError:
            super().copy_file()


def linked_file(config: MkDocsConfig, path: str, kept: Path, content: str | bytes | None = None, ready: Future[None] | None = None) -> File:
    """The site file at `path`, linked to `kept`; with `content` (the same bytes), written from it if the link fails.

    `ready`: the rendering of `kept`, which copying the file waits for.
    """
    source = {"content": content} if content is not None else {"abs_src_path": str(kept)}
    file = _LinkedFile.generated(config, path, **source)
    assert isinstance(file, _LinkedFile)
    file.kept = str(kept)
    file.ready = ready
    return file


def _holds(kept: Path, data: bytes) -> bool:
    """Whether the kept copy holds `data`. Its name is a hash of those bytes, and it is written whole (by a rename)
    and read-only: one still read-only and of their size holds them, and a stat is all it takes. A copy made
    writable, as a tool must before it changes one, is read again; so is every copy where none is read-only."""
    try:
        status = kept.stat()
    except OSError:
        return False
    if KEPT_READ_ONLY and not status.st_mode & 0o222 and stat.S_ISREG(status.st_mode):
        return status.st_size == len(data)
    return stat.S_ISREG(status.st_mode) and kept.read_bytes() == data


class KeptFiles:
    """The generated files' content kept in .cache/site-files/, each under a hash of its address and bytes."""

    def __init__(self, project_dir: Path) -> None:
        self._cache = RenderCache(project_dir, "site-files", "")
        self._used: set[Path] = set()

    def site_file(self, config: MkDocsConfig, path: str, content: str | bytes) -> File:
        """The site file at `path` holding `content`: kept here, and linked into the site."""
        return linked_file(config, path, self.keep(path, content), content)

    def keep(self, path: str, content: str | bytes) -> Path:
        data = content.encode("utf-8") if isinstance(content, str) else content
        key = content_key(path, hashlib.sha256(data).hexdigest())
        kept = self._cache.path(key)
        if not _holds(kept, data):
            kept = self._cache.store(key, data)
        self._used.add(kept)
        return kept

    def prune(self) -> None:
        """Forget what this build did not keep: the files of data since edited or removed."""
        with contextlib.suppress(OSError):
            for path in self._cache.folder.iterdir():
                if path not in self._used and not path.name.startswith(".partial-"):
                    path.unlink(missing_ok=True)
