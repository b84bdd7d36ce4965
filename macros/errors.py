"""The one error a data file can cause, phrased for the person editing it."""

from __future__ import annotations

from mkdocs.exceptions import PluginError


class DataError(PluginError):
    """A problem in a file under data/, located by file, line, entry and field.

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
        where = ", ".join(part for part in (entry, f"field '{field}'" if field else None) if part)
        super().__init__(f"{location}: {where}: {problem}" if where else f"{location}: {problem}")


ENTRY_LABEL_FIELDS = ("key", "name", "outlet", "date")


def entry_name(index: int, item: object) -> str:
    """How messages name the entry at `index` of a list file: 'entry 3 (mgit)'."""
    if isinstance(item, dict):
        for field in ENTRY_LABEL_FIELDS:
            if isinstance(item.get(field), (str, int)) and not isinstance(item.get(field), bool):
                return f"entry {index + 1} ({item[field]})"
    return f"entry {index + 1}"
