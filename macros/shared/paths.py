"""Where the package keeps its templates, and the names of files the site is given."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# One folder of templates for every part of the package: Jinja for HTML and XML, Typst for the PDF and cards.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"


def cv_file_name(owner: str) -> str:
    """'Wei Hao' -> 'wei-hao-cv.pdf': a name that still says whose CV it is in a downloads folder."""
    ascii_name = unicodedata.normalize("NFKD", owner).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return f"{slug}-cv.pdf" if slug else "cv.pdf"
