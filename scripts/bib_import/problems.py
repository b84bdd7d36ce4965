"""One reason an import is refused or an entry is skipped, as one readable line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImportProblem:
    file: str
    line: int | None
    entry: str | None
    problem: str

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line else self.file
        return f"{location}: entry '{self.entry}': {self.problem}" if self.entry else f"{location}: {self.problem}"


class ImportRefused(Exception):
    """What stops the whole import, as the one line to print; nothing was written when it is raised."""
