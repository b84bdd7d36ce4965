"""A paper's BibTeX and its references in the citation styles, as the paper page shows them.

The macros module hands this to the page macros (render/page_macros.PaperExports),
so render/ shows what outputs/ makes without importing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .bibtex import bibtex_entry
from .citation_styles import CitationStyles, Reference, build_styles
from .csl_json import csl_item


class PaperExports:
    def __init__(self, site_url: str | None) -> None:
        self._site_url = site_url
        # The styles of mkdocs.yml's extra.citation_styles, read and checked at the build's first reference.
        self._styles: CitationStyles | None = None

    def bibtex(self, pub: dict[str, Any]) -> str:
        """The paper's BibTeX entry, its addresses whole with the site's."""
        return bibtex_entry(pub, self._site_url)

    def references(self, pub: dict[str, Any], config: Mapping[str, Any]) -> list[Reference]:
        if self._styles is None:
            self._styles = build_styles(config)
        return self._styles.references(csl_item(pub, self._site_url or ""), pub["key"])
