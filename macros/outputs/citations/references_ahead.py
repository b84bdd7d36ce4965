"""The papers' references rendered ahead, in a process of their own, while the build renders them in page order.

citeproc-py is pure Python, a few milliseconds per paper and style: a cold build at 100x the data spent most of
its time in it, on one core. A second process renders the papers the cache lacks from the last one back, and
keeps each in the cache (citation_styles.py); the build, going from the first one, reads there the ones it
finds done. Where the two meet, a paper may be rendered twice: the same text, stored atomically. The process is
started afresh ("spawn": nothing of the build's threads or locks is copied into it), which costs a few tenths of
a second, so fewer renders than MIN_RENDERS are left to the build alone. It logs nothing: a style that fails is
not kept, and the build renders that paper again and names the error. It is a daemon: a build that stops early
(an error, Ctrl-C) ends it rather than waiting for it; what it kept by then stays valid.
"""

from __future__ import annotations

import logging
import multiprocessing
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

# About half a second of rendering: below it, starting the process costs about what it saves.
MIN_RENDERS = 200


def render_ahead(styles: tuple[str, ...], project_dir: Path, papers: list[tuple[dict[str, Any], str]]) -> BaseProcess | None:
    """The process that renders `papers` (CSL item, key) from the last one back into the cache; None when too few to pay."""
    if len(papers) * len(styles) < MIN_RENDERS:
        return None
    process = multiprocessing.get_context("spawn").Process(target=_render_backwards, args=(styles, project_dir, papers[::-1]), daemon=True)
    process.start()
    return process


def _render_backwards(styles: tuple[str, ...], project_dir: Path, papers: list[tuple[dict[str, Any], str]]) -> None:
    from .citation_styles import CitationStyles

    logging.getLogger("mkdocs").disabled = True
    renderer = CitationStyles(styles, project_dir)
    for item, key in papers:
        renderer.references(item, key)
