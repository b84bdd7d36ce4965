"""MkDocs hook (see `hooks:` in macros/machinery.yml) that tells the macros whether `mkdocs serve` is running.

Under `mkdocs serve` a data error is shown in the browser and the preview
keeps running; every other command fails with the error instead. MkDocs says
which command runs only to on_startup, before the macros package is loaded,
so the answer waits in the environment; macros/site_build.py reads it, and
every other part asks the build's SiteBuild (its `preview`).
"""

from __future__ import annotations

import os

# The same name as macros/site_build.PREVIEW_VARIABLE, which this hook cannot import (see site_build.py).
VARIABLE = "PORTFOLIO_LIVE_PREVIEW"


def on_startup(command: str, dirty: bool) -> None:
    os.environ[VARIABLE] = "1" if command == "serve" else ""
