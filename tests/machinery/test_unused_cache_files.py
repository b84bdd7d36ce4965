"""A build leaves in .cache/ only what it used: the card, references and stylesheets of a page since edited go,
everything the pages still use stays and is found again, and what other tools keep there is never touched."""

from __future__ import annotations

import os
from pathlib import Path

from site_helpers import build_site

# The folders of rendered files (macros/outputs/render_cache.py) that every build of the fixture uses.
RENDERED = ("social-cards", "citations", "stylesheet", "cv-pdf", "site-files")


def cached_files(project: Path) -> dict[str, set[str]]:
    return {kind: {path.name for path in (project / ".cache" / kind).iterdir()} for kind in RENDERED}


def cached_copy(project: Path, site_file: Path) -> Path:
    """The file in .cache/ that a site file is a link to."""
    return next(path for path in (project / ".cache").rglob("*") if path.is_file() and os.path.samefile(path, site_file))


def test_a_build_removes_the_rendered_files_no_page_uses_and_keeps_the_rest(project: Path, tmp_path: Path) -> None:
    first = build_site(project, tmp_path / "first")
    used = cached_files(project)
    assert all(used.values()), used
    # A page without a title in the nav: its card shows its heading.
    edited_card = cached_copy(project, first / "assets" / "images" / "social" / "research" / "index.png")
    left_behind = [project / ".cache" / kind / f"{'0' * 64}.left-behind" for kind in RENDERED]
    being_written = project / ".cache" / "social-cards" / ".partial-another-build.png"
    other_tool = project / ".cache" / "html-checker" / "vnu.jar"
    for path in [*left_behind, being_written, other_tool]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")

    edited = project / "docs" / "research" / "index.md"
    heading = edited.read_text(encoding="utf-8").splitlines()[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace(heading, f"{heading} and more", 1), encoding="utf-8")
    second = build_site(project, tmp_path / "second")

    assert not edited_card.exists()
    assert not any(path.exists() for path in left_behind)
    assert being_written.exists() and other_tool.exists()
    # Every other page's card, and what the pages render alike, was used again and stays.
    kept = cached_files(project)
    assert used["social-cards"] - kept["social-cards"] == {edited_card.name}
    for page_card in (second / "assets" / "images" / "social").rglob("*.png"):
        assert cached_copy(project, page_card).name in kept["social-cards"]
    assert used["citations"] == kept["citations"] and used["cv-pdf"] == kept["cv-pdf"]
