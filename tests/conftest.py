"""Fixtures for both kinds of tests; each kind's own live in machinery/conftest.py and owner_site/conftest.py."""

from __future__ import annotations

import time

import pytest
from site_helpers import SCREENSHOTS

_session_start: list[float] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    _session_start.append(time.time())


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the browser tests left this run's screenshots."""
    fresh = [shot for shot in SCREENSHOTS.glob("*.png") if _session_start and shot.stat().st_mtime >= _session_start[0]]
    if fresh:
        terminalreporter.write_line(f"{len(fresh)} screenshots of the home page: {SCREENSHOTS}")
