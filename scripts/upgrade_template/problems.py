"""What stops `make upgrade-template`, as the one line to print, and the exit status of each kind."""

from __future__ import annotations

# A refusal before anything changed (exit status 2), as make new-owner's work tree check raises it.
from scripts.new_owner.problems import Refused

COMMAND = "make upgrade-template"
UNDO = "git checkout -- . && git clean -fd"

REFUSED = 2
FAILED = 1
INTERRUPTED = 130

__all__ = ["COMMAND", "FAILED", "INTERRUPTED", "REFUSED", "UNDO", "Failed", "Refused"]


class Failed(Exception):
    """Something went wrong (a fetch, a release without a manifest, a write, a migration, the checks): the one line
    to print (exit status 1); the line says whether anything changed and how to undo it."""
