"""Shared fixtures: the real site built once, and a throwaway copy of the project."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from site_helpers import ROOT, SCREENSHOTS, build_site, copy_project

HOSTILE_DATA = Path(__file__).parent / "fixtures" / "hostile_data"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once for the whole session."""
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real pages built over tests/fixtures/hostile_data: a small data set full of markup."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for data_file in HOSTILE_DATA.glob("*.yml"):
        shutil.copy2(data_file, project / "data" / data_file.name)
    return build_site(project, project / "site")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


_session_start: list[float] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    _session_start.append(time.time())


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the browser tests left this run's screenshots."""
    fresh = [shot for shot in SCREENSHOTS.glob("*.png") if _session_start and shot.stat().st_mtime >= _session_start[0]]
    if fresh:
        terminalreporter.write_line(f"{len(fresh)} screenshots of the home page: {SCREENSHOTS}")
