"""MkDocs hook (see `hooks:` in macros/machinery.yml) that tells the macros whether `mkdocs serve` is running,
and makes the preview notice a saved file sooner.

Under `mkdocs serve` a data error is shown in the browser and the preview
keeps running; every other command fails with the error instead. MkDocs says
which command runs only to on_startup, before the macros package is loaded,
so the answer waits in the environment; macros/site_build.py reads it, and
every other part asks the build's SiteBuild (its `preview`).

MkDocs looks for changed files every half second, which was half of the time
from saving a data file to seeing it in the browser (0.55 s of 1.08 s at
the owner's data). The preview looks every POLL_SECONDS instead, with the
same watcher: each look lists the watched folders, a few milliseconds here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

# The same name as macros/site_build.PREVIEW_VARIABLE, which this hook cannot import (see site_build.py).
VARIABLE = "PORTFOLIO_LIVE_PREVIEW"
POLL_SECONDS = 0.1


def on_startup(command: str, dirty: bool) -> None:
    os.environ[VARIABLE] = "1" if command == "serve" else ""


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """The server, with what MkDocs watched so far (the docs, mkdocs.yml, the theme's folders under --watch-theme)
    moved to a watcher that looks every POLL_SECONDS; mkdocs.yml's `watch:` comes after this hook and goes there too.

    Should a plugin have watched something else by now, which this hook cannot move, MkDocs' watcher stays as it is.
    """
    # Imported here, not for every build: only `mkdocs serve` watches files.
    from watchdog.observers.polling import PollingObserver

    moved = [path for path in dict.fromkeys([config.docs_dir, config.config_file_path, *config.theme.dirs]) if path and _unwatched(server, path)]
    if not server.observer.emitters:
        server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path in moved:
        server.watch(path)
    return server


def _unwatched(server: LiveReloadServer, path: str) -> bool:
    """Whether `path` was watched; MkDocs' unwatch raises KeyError for a path it does not watch."""
    try:
        server.unwatch(path)
    except KeyError:
        return False
    return True
