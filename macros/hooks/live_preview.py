"""MkDocs hook (see `hooks:` in mkdocs.yml) that tells the macros whether `mkdocs serve` is running.

Under `mkdocs serve` a data error is shown in the browser and the preview
keeps running; every other command fails with the error instead.
"""

from __future__ import annotations

import os

VARIABLE = "PORTFOLIO_LIVE_PREVIEW"


def on_startup(command: str, dirty: bool) -> None:
    os.environ[VARIABLE] = "1" if command == "serve" else ""


def is_active() -> bool:
    return os.environ.get(VARIABLE) == "1"
