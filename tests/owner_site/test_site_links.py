"""Every link in the owner's built site leads somewhere, every image has alt text, and no link is unsafe."""

from __future__ import annotations

from pathlib import Path

from scripts.check_links import check_site


def test_the_site_has_no_broken_link_missing_alt_or_unsafe_link(built_site: Path) -> None:
    assert check_site(built_site) == []
