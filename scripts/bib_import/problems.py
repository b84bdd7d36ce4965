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


# More lines than this for one problem would hide the others.
MOST_LINES_NAMED = 10


def grouped(problems: list[ImportProblem]) -> list[str]:
    """One line per problem, in the order of the file; a problem many entries share is one line naming them all."""
    by_text: dict[tuple[str, str], list[ImportProblem]] = {}
    for problem in sorted(problems, key=lambda problem: problem.line or 0):
        by_text.setdefault((problem.file, problem.problem), []).append(problem)
    lines = []
    for (file, text), same in by_text.items():
        if len(same) == 1:
            lines.append(str(same[0]))
            continue
        named = ", ".join(f"{problem.entry or '?'} (line {problem.line})" for problem in same[:MOST_LINES_NAMED])
        more = f" and {len(same) - MOST_LINES_NAMED} more" if len(same) > MOST_LINES_NAMED else ""
        lines.append(f"{file}: {len(same)} entries, {named}{more}: {text}")
    return lines


class UpdateRefused(ImportRefused):
    """An entry of data/publications.yml that fields cannot be added to without rewriting what the owner wrote."""
