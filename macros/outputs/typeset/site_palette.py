"""The site's light-scheme colours, read from docs/assets/css/palette.css for the PDF CV and the social cards.

Reading them from the stylesheet keeps one place to change the colours.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

PALETTE_FILE = "assets/css/palette.css"
LIGHT_SCHEME = '[data-md-color-scheme="default"]'
# Name in the templates -> CSS custom property of the light scheme.
COLOURS = {
    "primary": "--md-primary-fg-color",
    "primary_dark": "--md-primary-fg-color--dark",
    "accent": "--md-accent-fg-color",
    "background": "--pf-soft-bg",
    "muted": "--pf-muted",
    "rule": "--pf-card-border",
}
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def site_colours(docs_dir: Path) -> dict[str, str]:
    """Template name -> '#rrggbb', from the light scheme's block of palette.css."""
    shown = f"docs/{PALETTE_FILE}"
    path = docs_dir / PALETTE_FILE
    if not path.is_file():
        raise PluginError(f"{shown}: missing; the PDF CV and the social cards take the site's colours from it")
    css = path.read_text(encoding="utf-8")
    start = css.find(LIGHT_SCHEME)
    block = css[start : css.find("}", start)] if start >= 0 else ""
    colours = {}
    for name, variable in COLOURS.items():
        match = re.search(rf"{re.escape(variable)}\s*:\s*([^;]+);", block)
        value = match[1].strip() if match else ""
        if not _HEX.fullmatch(value):
            raise PluginError(f"{shown}: the {LIGHT_SCHEME} block needs {variable} as a colour like #26338f (the PDF CV and the social cards use it)")
        colours[name] = value.lower()
    return colours
