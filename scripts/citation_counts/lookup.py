"""Which OpenAlex work each paper is: by DOI (an arXiv id by its DataCite DOI), 50 to a request, else by its title."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .matching import doi_to_ask, match_title, works_by_doi
from .openalex import DOIS_PER_REQUEST, OpenAlex, RequestFailed
from .papers import PUBLICATIONS, Paper
from .records import Counted, NotCounted, Outcome


def look_up(papers: Sequence[Paper], openalex: OpenAlex) -> dict[str, Outcome]:
    """Each paper's outcome by key: one request per 50 DOIs, then one title search per paper the DOIs did not find."""
    outcomes, missed = _by_doi(papers, openalex)
    for paper in papers:
        if paper.key not in outcomes:
            outcomes[paper.key] = _by_title(paper, openalex, missed.get(paper.key))
    return outcomes


def _by_doi(papers: Sequence[Paper], openalex: OpenAlex) -> tuple[dict[str, Outcome], dict[str, str]]:
    """The outcomes the DOI batches settle, and for each paper they did not find, its DOI for the report."""
    asked = {paper.key: doi for paper in papers if (doi := doi_to_ask(paper)) is not None}
    dois = sorted(set(asked.values()))
    outcomes: dict[str, Outcome] = {}
    missed: dict[str, str] = {}
    for start in range(0, len(dois), DOIS_PER_REQUEST):
        batch = set(dois[start : start + DOIS_PER_REQUEST])
        keys = [key for key, doi in asked.items() if doi in batch]
        try:
            found = works_by_doi(openalex.works_with_dois(sorted(batch)))
        except RequestFailed as failure:
            outcomes.update((key, NotCounted(failure.reason)) for key in keys)
            continue
        for key in keys:
            work = found.get(asked[key])
            if work is None:
                missed[key] = asked[key]
            else:
                outcomes[key] = Counted(work.id, work.count)
    return outcomes, missed


def _by_title(paper: Paper, openalex: OpenAlex, missed_doi: str | None) -> Outcome:
    try:
        works = openalex.works_titled(paper.title, paper.year)
    except RequestFailed as failure:
        return NotCounted(failure.reason)
    outcome = match_title(paper, works)
    if isinstance(outcome, NotCounted):
        doi = f"no work has the DOI {missed_doi}, and " if missed_doi else ""
        return NotCounted(f"not found in OpenAlex: {doi}{outcome.reason}")
    return outcome


def still_current(outcomes: Mapping[str, Outcome], asked: Sequence[Paper], now: Sequence[Paper]) -> dict[str, Outcome]:
    """The outcomes for the papers as data/publications.yml holds them now, which may have changed while OpenAlex was asked.

    A count is only written for the paper it was looked up for: one whose DOI
    or title changed meanwhile is not counted this time (its old count stays).
    """
    then = {paper.key: paper for paper in asked}
    current: dict[str, Outcome] = {}
    for paper in now:
        if then.get(paper.key) == paper:
            current[paper.key] = outcomes[paper.key]
        elif paper.key in then:
            current[paper.key] = NotCounted(f"its entry in {PUBLICATIONS} changed while make citations ran; run it again")
        else:
            current[paper.key] = NotCounted(f"added to {PUBLICATIONS} while make citations ran; run it again")
    return current
