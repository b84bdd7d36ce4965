"""The search index the site's pages get: Material's, reading each page without the blocks it would skip anyway
(search_exclusions.py)."""

from __future__ import annotations

from typing import Any

from material.plugins.search.plugin import SearchIndex

from .search_exclusions import without_excluded_blocks


class IndexWithoutExcludedBlocks(SearchIndex):
    """Material's search index, reading each page without the blocks it would skip anyway."""

    def add_entry_from_context(self, page: Any) -> None:
        content = page.content
        page.content = without_excluded_blocks(content)
        try:
            super().add_entry_from_context(page)
        finally:
            page.content = content
