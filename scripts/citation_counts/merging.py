"""Setting what OpenAlex says against the counts already kept, so that no count is ever lost, and the totals.

A paper keeps its count when this run found none (a failed or refused
look-up) and when the new count is less than half the old one, which is
more likely OpenAlex mistaking the work than the world forgetting it; the
owner accepts such a drop by editing data/citations.yml. An unchanged count
keeps its entry as it is, date and all, so a run that changes nothing
rewrites nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .papers import PUBLICATIONS
from .problems import CITATIONS
from .records import Counted, Entry, NotCounted, Outcome, Totals

# A paper with at least this many citations counts toward the i10-index.
I10 = 10
# What became of each paper's entry, as the summary counts them.
Status = Literal["added", "updated", "kept", "removed", "unchanged", "not counted"]


@dataclass(frozen=True)
class Merged:
    papers: dict[str, Entry]  # sorted by key
    fetched: str | None  # the day of the newest count, or the old file's when no paper is left
    totals: Totals
    lines: list[str]  # one per paper whose entry is not simply unchanged, by key
    tally: Counter[Status]


def merge(previous: Mapping[str, Entry], previous_fetched: str | None, outcomes: Mapping[str, Outcome], today: str) -> Merged:
    """The entries to write for the papers of `outcomes` (every paper now in data/publications.yml)."""
    papers: dict[str, Entry] = {}
    lines: list[str] = []
    tally: Counter[Status] = Counter()
    for key in sorted({*previous, *outcomes}):
        old, outcome = previous.get(key), outcomes.get(key)
        status, entry, line = _settle(key, old, outcome, today)
        tally[status] += 1
        if entry is not None:
            papers[key] = entry
        if line is not None:
            lines.append(line)
    fetched = max((entry.fetched for entry in papers.values()), default=previous_fetched)
    return Merged(papers, fetched, totals([entry.count for entry in papers.values()]), lines, tally)


def _settle(key: str, old: Entry | None, outcome: Outcome | None, today: str) -> tuple[Status, Entry | None, str | None]:
    """The paper's status, the entry to write (None for none) and its line in the report (None for an unchanged one)."""
    if outcome is None:
        assert old is not None
        return "removed", None, f"{key}: removed, no longer in {PUBLICATIONS} (it had {_citations(old.count)})"
    if isinstance(outcome, NotCounted):
        if old is None:
            return "not counted", None, f"{key}: no count: {outcome.reason}"
        return "kept", old, f"{key}: kept {old.count} from {old.fetched}: {outcome.reason}"
    if old is None:
        return "added", Entry(outcome.count, outcome.work, today), f"{key}: added, {_citations(outcome.count)} ({outcome.work})"
    if outcome.count * 2 < old.count:
        return (
            "kept",
            old,
            (
                f"{key}: OpenAlex now says {outcome.count}, less than half of {old.count} from {old.fetched}; kept {old.count}; "
                f"edit {CITATIONS} to accept it (set its count to {outcome.count}, or delete its entry)"
            ),
        )
    if (outcome.count, outcome.work) == (old.count, old.work):
        return "unchanged", old, None
    return "updated", Entry(outcome.count, outcome.work, today), _updated(key, old, outcome)


def _updated(key: str, old: Entry, new: Counted) -> str:
    if new.work == old.work:
        return f"{key}: updated, {old.count} -> {_citations(new.count)}"
    counts = f"still {_citations(new.count)}" if new.count == old.count else f"{old.count} -> {_citations(new.count)}"
    return f"{key}: updated, {counts}, now {new.work} (was {old.work})"


def totals(counts: Sequence[int]) -> Totals:
    """The sum; the h-index, the largest h with h papers cited at least h times each; the i10-index."""
    ranked = sorted(counts, reverse=True)
    h_index = sum(1 for rank, count in enumerate(ranked, start=1) if count >= rank)
    return Totals(sum(ranked), h_index, sum(1 for count in ranked if count >= I10))


def _citations(count: int) -> str:
    return f"{count} citation" if count == 1 else f"{count} citations"
