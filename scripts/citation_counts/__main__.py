"""Count each paper's citations in OpenAlex into data/citations.yml (`make citations`).

Usage: python -m scripts.citation_counts [--dry-run] [--project DIR] [--api-url URL]
       [--today YYYY-MM-DD] [--timeout SECONDS] [--rate REQUESTS_PER_SECOND]

Run from the repository's root. Every paper of data/publications.yml is
looked up by DOI (50 to a request; an arXiv id by its DOI 10.48550/arXiv.<id>),
else by its exact title, year and an author in common. A count is never
lost: a paper whose look-up fails keeps its count, and so does one whose
count would fall below half; each is reported. The file is written in one
rename, under the importer's lock on data/, and only when a count changed.
--dry-run reports the same and writes nothing. An OpenAlex key in the
environment variable OPENALEX_API_KEY raises OpenAlex's daily limits.

Exit status: 0 when the counts are written or nothing changed; 1 when a data
file is broken or cannot be written (one line per problem on stderr, nothing
written); 2 for a wrong command line; 3 when OpenAlex cannot be reached at
all (no network); never a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import httpx

from scripts.bib_import.problems import ImportRefused
from scripts.bib_import.safe_write import exclusive_lock

from .citations_file import read_citations, read_locked, render, write
from .identity import identify
from .lookup import look_up, still_current
from .merging import Merged, merge
from .openalex import OpenAlex
from .pacing import RateLimiter
from .papers import read_papers
from .problems import CITATIONS, DATA_PROBLEM, JOB, UNREACHABLE, DataProblems, Unreachable

ROOT = Path(__file__).resolve().parents[2]
OPENALEX = "https://api.openalex.org"
INTERRUPTED = 130


def main(arguments: list[str]) -> int:
    options = _parser().parse_args(arguments)
    try:
        return _run(options)
    except DataProblems as problems:
        return _refuse(problems.lines)
    except ImportRefused as refusal:
        return _refuse([str(refusal)])
    except Unreachable as reason:
        print(f"cannot reach {options.api_url} ({reason}); {CITATIONS} is unchanged", file=sys.stderr)
        return UNREACHABLE
    except OSError as error:
        return _refuse([f"{error.filename or 'a file the command needs'}: {error.strerror or error}; {CITATIONS} is unchanged"])
    except RecursionError:
        return _refuse([f"a data file holds a value nested too deeply to read; {CITATIONS} is unchanged"])
    except KeyboardInterrupt:
        print(f"interrupted; {CITATIONS} is unchanged", file=sys.stderr)
        return INTERRUPTED


def _run(options: argparse.Namespace) -> int:
    project: Path = options.project.resolve()
    asked = read_papers(project)
    read_citations(project)  # a broken file stops the run before OpenAlex is asked anything
    with OpenAlex(options.api_url, identify(project), options.timeout, RateLimiter(options.rate)) as openalex:
        # Outside the lock: an import need not wait for OpenAlex. What changed meanwhile is caught below.
        outcomes = look_up(asked, openalex)
    with exclusive_lock(project / "data", "data/", JOB):
        papers = read_papers(project)
        snapshot, previous = read_locked(project)
        merged = merge(previous.papers, previous.fetched, still_current(outcomes, asked, papers), options.today)
        # No date means no count ever: nothing worth a file yet.
        new = render(merged) if merged.fetched is not None else None
        changed = new is not None and (snapshot is None or snapshot.data != new)
        if new is not None and changed and not options.dry_run:
            write(project, snapshot, new)
    _report(merged, len(asked), openalex.requests, _outcome(new is not None, changed, options.dry_run))
    return 0


def _outcome(counted: bool, changed: bool, dry_run: bool) -> str:
    if not counted:
        return f"no paper was counted; {CITATIONS} not written"
    if not changed:
        return f"{CITATIONS} is unchanged"
    return f"dry run, {CITATIONS} not written" if dry_run else f"{CITATIONS} written"


def _report(merged: Merged, papers: int, requests: int, outcome: str) -> None:
    for line in merged.lines:
        print(line)
    totals = merged.totals
    print(f"Totals: {totals.citations} citations, h-index {totals.h_index}, i10-index {totals.i10_index}.")
    tally = merged.tally
    print(
        f"Looked up {papers} paper{'s' if papers != 1 else ''} in {requests} request{'s' if requests != 1 else ''} to OpenAlex: "
        f"{tally['updated']} updated, {tally['kept']} kept, {tally['added']} added, {tally['removed']} removed "
        f"({tally['unchanged']} unchanged, {tally['not counted']} not counted); {outcome}."
    )


def _refuse(lines: list[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return DATA_PROBLEM


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.citation_counts", description="Count each paper's citations in OpenAlex into data/citations.yml."
    )
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    parser.add_argument("--project", type=Path, metavar="DIR", default=ROOT, help="the project folder (default: this repository)")
    parser.add_argument("--api-url", type=_api_url, metavar="URL", default=OPENALEX, help=f"OpenAlex's API (default: {OPENALEX})")
    today = datetime.date.today().isoformat()
    parser.add_argument("--today", type=_day, metavar="YYYY-MM-DD", default=today, help="the day new counts are dated (default: today)")
    parser.add_argument("--timeout", type=_positive, metavar="SECONDS", default=20.0, help="seconds to wait for each answer (default: 20)")
    parser.add_argument("--rate", type=_positive, metavar="REQUESTS_PER_SECOND", default=5.0, help="at most this many requests a second (default: 5)")
    return parser


def _api_url(text: str) -> str:
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s):// address such as {OPENALEX}")
    return text


def _day(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day written as YYYY-MM-DD") from None


def _positive(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number above 0")
    return number


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
