"""A paper's BibTeX and its references in the citation styles, as the paper page shows them.

The macros module hands this to the page macros (render/page_macros.PaperExports),
so render/ shows what outputs/ makes without importing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .bibtex import bibtex_entry
from .citation_styles import CitationStyles, Reference
from .csl_json import csl_item


class PaperExports:
    def __init__(self, site_url: str | None, styles: tuple[str, ...], project_dir: Path) -> None:
        self._site_url = site_url
        self._styles = CitationStyles(styles, project_dir)

    def bibtex(self, pub: dict[str, Any]) -> str:
        """The paper's BibTeX entry, its addresses whole with the site's."""
        return bibtex_entry(pub, self._site_url)

    def render_ahead(self, publications: list[dict[str, Any]]) -> None:
        """Start rendering the papers' references the cache lacks, from the last one back, in a second process."""
        self._styles.render_ahead([(csl_item(pub, self._site_url or ""), pub["key"]) for pub in publications])

    def references(self, pub: dict[str, Any]) -> list[Reference]:
        """The paper's reference in each citation style the site offers."""
        return self._styles.references(csl_item(pub, self._site_url or ""), pub["key"])
