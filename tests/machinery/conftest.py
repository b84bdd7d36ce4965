"""Machinery tests build the fictional project under tests/fixtures/, never the owner's data or pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import HOSTILE_DATA, build_site, fixture_project


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built once for the whole session."""
    project = fixture_project(tmp_path_factory.mktemp("fixture") / "project")
    return build_site(project, project / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project over tests/fixtures/hostile_data: a small data set full of markup."""
    project = fixture_project(tmp_path_factory.mktemp("hostile") / "project", HOSTILE_DATA)
    return build_site(project, project / "site")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project that a test may break."""
    return fixture_project(tmp_path / "project")
