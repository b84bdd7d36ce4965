"""MkDocs hook (see `hooks:` in macros/machinery.yml): Jinja keeps the theme's templates compiled between builds.

Compiling Material's templates (base.html and its partials) and the site's
overrides is a good part of a small site's build. Kept in .cache/jinja-theme/,
a template compiled by an earlier build is used again as long as its source
is the same (Jinja compares a checksum of it), so an edited override is
compiled afresh. What the pages say does not change.

MkDocs makes the environment afresh for each build, so within one it need not
ask whether a template's file changed each time a page includes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig


def on_env(env: Environment, config: MkDocsConfig, files: Any) -> Environment:
    from macros.data.cache_folder import CACHE_FOLDER

    folder = Path(config.config_file_path).parent / CACHE_FOLDER / "jinja-theme"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    env.auto_reload = False
    return env
