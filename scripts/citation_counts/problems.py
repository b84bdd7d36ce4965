"""What stops `make citations`, as the lines to print; each kind has its exit status."""

from __future__ import annotations

from scripts.bib_import.os_errors import Job

CITATIONS = "data/citations.yml"
# How the importer's safe write (scripts/bib_import/safe_write.py) names this command in its refusals.
JOB = Job("make citations", "run make citations", "nothing was written")

# Exit statuses: 0 written or nothing to change, 2 a wrong command line (argparse's own).
DATA_PROBLEM = 1
UNREACHABLE = 3


class DataProblems(Exception):
    """A data file the command cannot use, one line per problem (file and line first); nothing was written."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class Unreachable(Exception):
    """OpenAlex cannot be reached at all (no network, no name resolution): the one line to print."""


def at(file: str, line: int | None, problem: str) -> str:
    """`data/citations.yml:12: problem`, or without the line when it is not known."""
    return f"{file}:{line}: {problem}" if line else f"{file}: {problem}"
