"""Browser fixtures: the built site on a local HTTP server, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_helpers import chromium, served
from site_helpers import SCREENSHOTS

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests are expensive: the fork test leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.expensive)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """Every built page as a site-relative URL ('' is the home page), plus the 404 page."""
    pages = sorted(str(path.parent.relative_to(built_site)) for path in built_site.rglob("index.html"))
    return ["" if page == "." else f"{page}/" for page in pages] + ["404.html"]


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
