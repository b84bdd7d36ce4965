"""The template's paths made the release's: worked out first, then written, the owner's paths never touched.

The paths replaced are those either release owns (the fork's template.yml or
the new one): a file the new release has under them is written byte for byte
with its executable bit; a file git tracks under them that the new release
does not have is removed. A path either template.yml calls the owner's
(content) stops the upgrade before anything is written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .manifest import MANIFEST, Manifest
from .problems import COMMAND, UNDO, Failed
from .release import EXECUTABLE, FILE, LINK, Release

TEMPORARY_SUFFIX = ".upgrade-template.tmp"


@dataclass
class Replacement:
    root: Path
    writes: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path -> (bytes, git's mode)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def apply(self) -> None:
        """Remove, then write (a file may take a removed folder's place), then drop the folders left empty."""
        for path in self.removed:
            self._do(path, Path.unlink)
        umask = _umask()
        for path, (data, mode) in self.writes.items():
            self._do(path, _write, data, mode, umask)
        for folder in sorted({(self.root / path).parent for path in self.removed}, key=lambda folder: len(folder.parts), reverse=True):
            _remove_if_empty(folder, self.root)

    def _do(self, path: str, change: Callable[..., None], *arguments: Any) -> None:
        try:
            change(self.root / path, *arguments)
        except OSError as error:
            raise Failed(
                f"{path}: {error.strerror or error}; the upgrade stopped halfway: `{UNDO}` puts the work tree back "
                "as it was committed; fix the cause and run it again"
            ) from None


def plan_replacement(root: Path, old: Manifest, new: Manifest, release: Release, tracked: list[str]) -> Replacement:
    """What the upgrade writes and removes; Failed, with nothing changed, when a path would be the owner's or cannot be written."""

    def owned(path: str) -> bool:
        return old.owned(path) or new.owned(path)

    incoming = sorted(path for path in release.files if owned(path))
    present = sorted(path for path in tracked if owned(path))
    _refuse_owner_paths(sorted({*incoming, *present}), old, new, release.ref)
    replacement = Replacement(root)
    wanted = release.read(incoming)
    for path in incoming:
        mode = release.files[path].mode
        current = _current(root / path)
        if current == (wanted[path], mode):
            replacement.unchanged += 1
            continue
        if (root / path).is_dir() and not (root / path).is_symlink():
            raise Failed(
                f"{path} is a folder in this site but a file in {release.ref}; move the folder away and run {COMMAND} again; nothing was changed"
            )
        replacement.writes[path] = (wanted[path], mode)
        (replacement.changed if current is not None else replacement.added).append(path)
    replacement.removed = sorted(set(present) - set(incoming))
    return replacement


def _refuse_owner_paths(paths: list[str], old: Manifest, new: Manifest, ref: str) -> None:
    for path in paths:
        for manifest, whose in ((old, f"this site's {MANIFEST}"), (new, f"the {MANIFEST} of {ref}")):
            if manifest.yours(path):
                raise Failed(
                    f"{path} is the template's (owns) but {whose} also lists it as yours (content); "
                    "an upgrade never touches what is yours, so nothing was changed; the template's maintainers should fix its manifest"
                )


def _current(path: Path) -> tuple[bytes, str] | None:
    """A file as git would record it: its bytes (a link's target) and mode; None when there is no file."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(status.st_mode):
        return os.fsencode(os.readlink(path)), LINK
    if not stat.S_ISREG(status.st_mode):
        return None
    return path.read_bytes(), EXECUTABLE if status.st_mode & stat.S_IXUSR else FILE


def _write(path: Path, data: bytes, mode: str, umask: int) -> None:
    """The release's file in one rename, as git checks a file out (0666 or 0777 less the umask); a link as a link."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode == LINK:
        if path.is_symlink() or path.exists():
            path.unlink()
        os.symlink(os.fsdecode(data), path)
        return
    temporary = path.with_name(f".{path.name}{TEMPORARY_SUFFIX}")
    try:
        temporary.write_bytes(data)
        temporary.chmod((0o777 if mode == EXECUTABLE else 0o666) & ~umask)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _remove_if_empty(folder: Path, root: Path) -> None:
    """Remove `folder` and its parents while they are empty, up to the project's root."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:  # not empty (or already gone): it stays
            return
        folder = folder.parent
