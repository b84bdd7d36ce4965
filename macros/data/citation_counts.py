"""data/citations.yml as the build reads it: each paper's citation count, its source and day, and the totals.

`make citations` (scripts/citation_counts) writes the file; the build never
fetches. A site without the file shows no count anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import dates
from .kinds import DataKind

CITATIONS = DataKind("citations", "Citation counts", "citation count", label=("key",))


@dataclass(frozen=True)
class PaperCount:
    count: int
    work: str
    fetched: str
    source: str

    @property
    def note(self) -> str:
        """What a reader may want to know of the number: who counted, and when."""
        return f"Counted by {self.source} on {dates.day_label(self.fetched)}"


@dataclass(frozen=True)
class CitationTotals:
    citations: int
    h_index: int
    i10_index: int
    source: str
    fetched: str

    @property
    def summary(self) -> str:
        """The sentence the CV page and the PDF CV show under Publications."""
        times = "once" if self.citations == 1 else f"{self.citations} times"
        return f"Cited {times}; h-index {self.h_index}, i10-index {self.i10_index} ({self.source}, {dates.month_of_day(self.fetched)})."


@dataclass(frozen=True)
class CitationCounts:
    """The counts of the papers the site has; counts of papers it no longer has are left out (with advice)."""

    papers: dict[str, PaperCount]
    totals: CitationTotals | None

    def of(self, key: str) -> PaperCount | None:
        return self.papers.get(key)


NO_COUNTS = CitationCounts({}, None)


def citation_counts(data: dict[str, Any] | None, publication_keys: set[str]) -> CitationCounts:
    """The file's counts for the site's papers; no file, no counts."""
    if not data:
        return NO_COUNTS
    source = data["source"]
    papers = {
        key: PaperCount(entry["count"], entry["work"], entry["fetched"], source) for key, entry in data["papers"].items() if key in publication_keys
    }
    totals = data["totals"]
    return CitationCounts(papers, CitationTotals(totals["citations"], totals["h_index"], totals["i10_index"], source, data["fetched"]))


def stale_keys(data: dict[str, Any] | None, publication_keys: set[str]) -> list[str]:
    """Counted papers that data/publications.yml no longer has: a renamed key, say, until `make citations` runs again."""
    return sorted(set((data or {}).get("papers", {})) - publication_keys)
