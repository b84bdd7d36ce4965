"""Inline SVG icons taken from the icon sets that ship with Material for MkDocs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import material
from markupsafe import Markup

ICON_DIR = Path(material.__file__).resolve().parent / "templates" / ".icons"

# Names usable in data files (the `icon` definition in data/schemas/common.schema.json)
# and in templates, mapped to Material's icon files.
ICONS = {
    "rocket": "material/rocket-launch-outline",
    "school": "material/school-outline",
    "location": "material/map-marker-outline",
    "github": "fontawesome/brands/github",
    "home": "material/home-outline",
    "server": "material/server-network",
    "shield": "material/shield-check-outline",
    "search": "material/text-search",
    "mail": "material/email-outline",
    "scholar": "fontawesome/brands/google-scholar",
    "linkedin": "fontawesome/brands/linkedin",
    "paper": "material/file-document-outline",
    "pdf": "material/download",
    "code": "material/code-braces",
    "video": "material/play-circle-outline",
    "slides": "material/presentation",
    "poster": "material/image-outline",
    "data": "material/database-outline",
    "website": "material/web",
    "blog": "material/post-outline",
    "arxiv": "material/file-document-outline",
    "doi": "material/format-quote-close",
    "award": "material/trophy-outline",
    "cite": "material/format-quote-close",
    "arrow": "material/arrow-right",
}


@cache
def icon(name: str) -> Markup:
    """The icon as inline SVG, hidden from screen readers (its text sits beside it)."""
    svg = (ICON_DIR / f"{ICONS[name]}.svg").read_text(encoding="utf-8")
    return Markup(svg.replace("<svg ", '<svg class="pf-icon" aria-hidden="true" focusable="false" ', 1))
