"""Helpers for tests: a throwaway copy of the project, builds in-process and on the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_project(destination: Path) -> Path:
    """A copy of everything a build reads, so a test can break it freely."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def build_site(project: Path, site_dir: Path) -> Path:
    """Build like `mkdocs build --strict`, in this process, into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def run_mkdocs(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the mkdocs command line of this virtual environment in `project`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def read_page(site: Path, url: str) -> BeautifulSoup:
    """The built page at a site URL such as 'publications/'."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
