"""The errors a data file can cause, phrased for the person editing it."""

from __future__ import annotations

import errno
from typing import Any

from mkdocs.exceptions import PluginError

# More lines than this would scroll the first problems out of sight.
MOST_SHOWN = 20


class DataError(PluginError):
    """One problem in a file under data/, located by file, line, entry and field.

    MkDocs prints a PluginError as a single `ERROR - <message>` line and aborts
    the build without a traceback, which is exactly what an editor needs.
    """

    def __init__(
        self,
        file: str,
        line: int | None,
        problem: str,
        *,
        entry: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.entry = entry
        self.field = field
        self.problem = problem
        location = f"{file}:{line}" if line else file
        where = ", ".join(part for part in (printable(entry) if entry else None, f"field '{printable(field)}'" if field else None) if part)
        super().__init__(f"{location}: {where}: {problem}" if where else f"{location}: {problem}")

    def sort_key(self) -> tuple[str, int]:
        return (self.file, self.line or 0)


class DataErrors(PluginError):
    """Every problem found in data/ in one build, sorted by file and line.

    Its message is the summary line; `lines()` is what to show above it.
    `notes` say which checks could not run because a file they need has problems.
    """

    def __init__(self, problems: list[DataError], notes: list[str] | None = None) -> None:
        self.problems = sorted(_distinct(problems), key=DataError.sort_key)
        self.notes = notes or []
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in data/; nothing was built")

    def lines(self) -> list[str]:
        """The problems to print, at most MOST_SHOWN of them; the notes come separately."""
        shown = [str(problem) for problem in self.problems[:MOST_SHOWN]]
        hidden = len(self.problems) - len(shown)
        return shown + ([f"… and {hidden} more"] if hidden else [])


def _distinct(problems: list[DataError]) -> list[DataError]:
    """One problem per field: a value that breaks several rules of its schema is reported once, by the first."""
    first: dict[tuple[object, ...], DataError] = {}
    for problem in problems:
        key = (problem.file, problem.line, problem.field) if problem.field else (str(problem),)
        first.setdefault(key, problem)
    return list(first.values())


# What to do about a file the system would not read, by the error it gave; the build and the importer say the same.
_READ_FIXES = {
    errno.ENOENT: "there is no such file or folder; check the path",
    errno.EISDIR: "this is a folder, not a file; put the file in its place",
    errno.ENOTDIR: "a part of the path is a file, not a folder; check the path",
    errno.EACCES: "the file cannot be read (permission denied); make it readable, e.g. chmod u+r",
    errno.EPERM: "the file cannot be read (operation not permitted); make it readable, e.g. chmod u+r",
    errno.ELOOP: "the file is a symbolic link that leads back to itself; point it at a real file",
}


def unreadable(error: OSError) -> str:
    """What to do about a file the system cannot read, in one line."""
    return _READ_FIXES.get(error.errno or 0, f"the file cannot be read ({error.strerror or error}); check that it is a readable file")


def printable(text: str) -> str:
    """Text for a one-line message: line breaks and other invisible characters written as escapes (\\n, \\u200b)."""
    return "".join(character if character.isprintable() else _escape(character) for character in text)


def _escape(character: str) -> str:
    code = ord(character)
    if character in "\n\r\t":
        return repr(character)[1:-1]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def entry_name(index: int, item: object, labels: tuple[str, ...] = ()) -> str:
    """How messages name the entry at `index` of a list file: 'entry 3 (mgit)'; `labels` are the fields that may name it."""
    if isinstance(item, dict):
        for field in labels:
            if isinstance(item.get(field), (str, int)) and not isinstance(item.get(field), bool):
                return f"entry {index + 1} ({item[field]})"
    return f"entry {index + 1}"


def entry_at(data: Any, path: list[str | int], labels: tuple[str, ...] = ()) -> str | None:
    """'entry 3 (mgit)' for list files, 'education 2' inside the profile."""
    if isinstance(data, list) and path and isinstance(path[0], int):
        return entry_name(path[0], data[path[0]], labels)
    if isinstance(data, dict) and len(path) >= 2 and isinstance(path[1], int):
        return f"{path[0]} {path[1] + 1}"
    return None
