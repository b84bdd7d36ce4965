"""What the build points out without stopping: a page that shows an empty kind, a placeholder left in the profile.

`mkdocs build --strict` fails on every warning of MkDocs' own loggers. These
lines are advice, not errors (a blank site right after `make new-owner` must
build), so they go to a logger of their own that strict mode does not count,
printed in MkDocs' format.
"""

from __future__ import annotations

import logging

_log = logging.getLogger("portfolio.advice")
if not _log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    _log.addHandler(_handler)
    _log.setLevel(logging.INFO)


def advise(message: str) -> None:
    _log.warning(message)
