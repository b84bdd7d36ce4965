"""The search index the site's pages get: Material's, reading each page without the blocks it would skip anyway
(search_exclusions.py), and parsing the pages of a large site on a second core.

Material's index parses every page with html.parser as MkDocs writes it: at 100x the data, 3 s of the build's one
busy core, while the second waits. A site of MIN_PAGES pages or more starts a second process ("spawn": nothing of
the build's threads or locks is copied into it) as soon as its pages are known (expect_pages, from the hook's
on_nav), so that the process starts and imports the parser while MkDocs renders the Markdown, not while the build
waits for it. The pages then go to it in batches of BATCH_PAGES as they are written; the last batch, short, is
parsed here once the pages are written. The entries are made here, in page order, from the sections found: the
index is the one Material makes (a machinery test compares them). Should the process fail to start or die, its
batches are parsed here.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from concurrent.futures import BrokenExecutor, Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from material.plugins.search.plugin import Parser, SearchIndex, Section

from .search_exclusions import without_excluded_blocks

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# About a third of a second of parsing here: fewer pages cost less than starting the process does.
MIN_PAGES = 100
# Small, so that little is left to parse here after the last page; a batch costs the process a pickle, no more.
BATCH_PAGES = 20


@dataclass(frozen=True)
class _IndexedPage:
    """What Material's entries take from a page besides its sections."""

    toc: Any
    url: str
    meta: dict[str, Any]
    title: str | None


_Parsed = Future[list[list[Section]]] | list[list[Section]]


def sections_of(contents: list[str]) -> list[list[Section]]:
    """Each page's sections, as Material's parser divides it."""
    found = []
    for content in contents:
        parser = Parser()
        parser.feed(content)
        parser.close()
        found.append(parser.data)
    return found


class IndexWithoutExcludedBlocks(SearchIndex):
    """Material's search index, reading each page without the blocks it would skip anyway, a large site's on a second core."""

    def __init__(self, **config: Any) -> None:
        super().__init__(**config)
        self._pages: list[_IndexedPage] = []
        self._batch: list[str] = []
        # Each batch's sections (or their future), with its pages' contents to parse here should the process fail.
        self._parsed: list[tuple[_Parsed, list[str]]] = []
        self._pool: ProcessPoolExecutor | None = None

    def expect_pages(self, count: int) -> None:
        """Start the second process now when `count` pages are to come: enough to pay for it."""
        if count < MIN_PAGES or self._pool is not None:
            return
        try:
            # Named through the package, which imports its process pool (3 ms) only for a site that starts one.
            self._pool = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            # A first call, so the process starts and imports the parser now rather than at the first batch.
            self._pool.submit(sections_of, [])
        except (BrokenExecutor, OSError):
            self._pool = None

    def add_entry_from_context(self, page: Any) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        self._pages.append(_IndexedPage(page.toc, page.url, page.meta, page.title))
        self._batch.append(without_excluded_blocks(page.content))
        if self._pool is not None and len(self._batch) == BATCH_PAGES:
            self._parsed.append((self._parse_elsewhere(self._batch), self._batch))
            self._batch = []

    def generate_search_index(self, prev: Any) -> str:
        self._add_entries()
        return super().generate_search_index(prev)

    def _parse_elsewhere(self, contents: list[str]) -> _Parsed:
        assert self._pool is not None
        try:
            return self._pool.submit(sections_of, contents)
        except (BrokenExecutor, OSError):
            return sections_of(contents)

    def _add_entries(self) -> None:
        """The entries of every page given so far, in their order; the pages are then forgotten."""
        pages = iter(self._pages)
        for parsed, contents in [*self._parsed, (sections_of(self._batch), self._batch)]:
            for sections in _sections(parsed, contents):
                page = next(pages)
                for section in sections:
                    if not section.is_excluded():
                        self.create_entry_for_section(section, page.toc, page.url, page)
        if self._pool is not None:
            self._pool.shutdown()
        self._pages, self._batch, self._parsed, self._pool = [], [], [], None


def _sections(parsed: _Parsed, contents: list[str]) -> list[list[Section]]:
    if not isinstance(parsed, Future):
        return parsed
    try:
        return parsed.result()
    except BrokenExecutor:
        return sections_of(contents)
