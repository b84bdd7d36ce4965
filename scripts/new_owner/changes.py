"""The whole conversion as files to remove and files to write, worked out before the first change is made."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Stopped
from .work_tree import UNDO


@dataclass
class Changes:
    project: Path
    removals: list[Path] = field(default_factory=list)
    writes: dict[Path, bytes] = field(default_factory=dict)

    def apply(self) -> None:
        """Remove, then write (a starter page may take a removed page's place), then drop the folders left empty."""
        for path in self.removals:
            self._do(path, path.unlink)
        for path, data in self.writes.items():
            self._do(path, _replace, path, data)
        for folder in sorted({path.parent for path in self.removals}, key=lambda folder: len(folder.parts), reverse=True):
            _remove_if_empty(folder, self.project)

    def _do(self, path: Path, change: Callable[..., None], *arguments: Any) -> None:
        try:
            change(*arguments)
        except OSError as error:
            shown = path.relative_to(self.project) if path.is_relative_to(self.project) else path
            raise Stopped(
                f"{shown}: {error.strerror or error}; make new-owner stopped halfway: "
                f"`{UNDO}` puts the work tree back as it was committed; fix the cause and run it again"
            ) from None


def _replace(path: Path, data: bytes) -> None:
    """The new file in one rename, with the old one's permissions; a link is replaced, its target left alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new-owner.tmp")
    try:
        temporary.write_bytes(data)
        if path.exists() and not path.is_symlink():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _remove_if_empty(folder: Path, project: Path) -> None:
    """Remove `folder` and its parents while they are empty, up to docs/ itself."""
    while folder != project / "docs" and folder.is_relative_to(project / "docs"):
        try:
            if any(folder.iterdir()) or not stat.S_ISDIR(folder.lstat().st_mode):
                return
            folder.rmdir()
        except OSError:
            return  # a folder that cannot go stays; git shows it
        folder = folder.parent
