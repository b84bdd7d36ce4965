"""Why the conversion does not start, or where it stopped, as one readable line."""

from __future__ import annotations


class Refused(Exception):
    """A reason not to start, as the one line to print; nothing was changed when it is raised (exit status 2)."""


class Stopped(Exception):
    """A write that failed after others succeeded, as the one line to print (exit status 1)."""
