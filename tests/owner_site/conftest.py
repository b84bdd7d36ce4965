"""Owner-site tests build the repository's own project and take every expectation from its data/ and mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import ROOT, build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The owner's project, built once for the whole session."""
    return build_site(ROOT, tmp_path_factory.mktemp("site"))
