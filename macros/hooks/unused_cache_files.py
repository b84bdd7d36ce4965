"""MkDocs hook (see `hooks:` in macros/machinery.yml): once a build is done, removes the rendered files in
.cache/ that it did not use (macros/outputs/render_cache.py).

Only `mkdocs build` (and `gh-deploy`) removes them. Under `mkdocs serve`, a
build with a data error renders next to nothing, and `--dirty` skips the pages
left unchanged; either would take files the next whole build needs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.plugins.macros.portfolio")


# After the hooks that wait for the files rendered in the background (social_card_files.py), before the
# package is forgotten (package_reload.py).
@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    from macros.data.cache_folder import CACHE_FOLDER
    from macros.outputs.render_cache import remove_unasked
    from macros.site_build import site_build

    build = site_build(config)
    if build.preview or build.outputs is None:
        return
    removed = remove_unasked(Path(config.config_file_path).parent / CACHE_FOLDER)
    if removed:
        log.debug("Removed %d rendered files from %s/ that no page uses any more", removed, CACHE_FOLDER)
