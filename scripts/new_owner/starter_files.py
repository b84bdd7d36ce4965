"""The files make new-owner copies in, kept under starter/ beside this module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

STARTER = Path(__file__).resolve().parent / "starter"
# The starter pages, written into docs/ as they are.
PAGES = ("index.md", "publications.md", "news.md", "cv.md", "about.md")


def page(name: str) -> bytes:
    return (STARTER / name).read_bytes()


def profile_text() -> str:
    return (STARTER / "profile.yml").read_text(encoding="utf-8")


def nav() -> list[Any]:
    """starter/nav.yml: the nav of the starter pages, as mkdocs.yml's nav: holds it."""
    return yaml.safe_load((STARTER / "nav.yml").read_text(encoding="utf-8"))
