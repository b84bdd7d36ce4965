"""Files the data names under docs/: a paper's PDF kept in the site (links.pdf: assets/papers/mgit.pdf) must be there."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from .errors import DataError, entry_name
from .kinds import KINDS_BY_NAME
from .link_kinds import PUBLICATION_LINKS, site_file
from .yaml_source import YamlDocument


def missing_site_files(document: YamlDocument, docs_dir: Path | None) -> list[DataError]:
    """A problem for each publication link that names a file under docs/ that is not there.

    The name must match letter for letter: a laptop's file system may not mind
    `Paper.PDF` for `paper.pdf`, but the host that serves the site does. Without
    `docs_dir` (a check of data/ alone) nothing is checked.
    """
    if docs_dir is None:
        return []
    found: list[DataError] = []
    for index, pub in enumerate(document.data):
        links = pub.get("links") or {}
        for kind, _, prefix in PUBLICATION_LINKS:
            value = links.get(kind)
            path = site_file(value) if isinstance(value, str) and not prefix else None
            if path is None or _present_as_written(docs_dir, path):
                continue
            shown = f"{docs_dir.name}/{path}"
            found.append(
                DataError(
                    document.name,
                    document.line_of([index, "links", kind]),
                    f"there is no file {shown}, so the link would lead nowhere; put the file there, "
                    "or write the path of one that is (as it is spelt, capitals included), or its https:// address",
                    entry=entry_name(index, pub, KINDS_BY_NAME["publications"].label),
                    field=kind,
                )
            )
    return found


def _present_as_written(docs_dir: Path, path: str) -> bool:
    """Whether docs/<path> is a file whose every part is named exactly as written."""
    folder = docs_dir
    parts = PurePosixPath(path).parts
    for part in parts:
        try:
            if part not in os.listdir(folder):
                return False
        except OSError:
            return False
        folder = folder / part
    return bool(parts) and folder.is_file()
