"""Shared fixtures: the real site built once, and a throwaway copy of the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_helpers import ROOT, build_site, copy_project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once for the whole session."""
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the browser tests left their screenshots."""
    screenshots = ROOT / "test-artifacts" / "screenshots"
    if screenshots.is_dir() and any(screenshots.glob("*.png")):
        terminalreporter.write_line(f"screenshots of the home page: {screenshots}")
