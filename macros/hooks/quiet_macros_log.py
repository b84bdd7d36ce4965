"""MkDocs hook (see `hooks:` in macros/machinery.yml): keeps mkdocs-macros' INFO chatter out of `make build` and `make serve`.

mkdocs-macros reports every module and variable it finds at INFO level, which
buries MkDocs' own lines; its warnings and errors still show, and
`mkdocs build --verbose` shows everything.
"""

from __future__ import annotations

import logging

MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros"


def on_startup(command: str, dirty: bool) -> None:
    if not logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG):
        logging.getLogger(MACROS_LOGGER).setLevel(logging.WARNING)
