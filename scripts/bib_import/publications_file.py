"""The bytes an import appends to data/publications.yml, and the build's checks of the file they make."""

from __future__ import annotations

import codecs
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .os_errors import cannot_write

PUBLICATIONS = "publications.yml"
# The first line break of the file tells its style: Windows editors write CRLF, and every new line follows it.
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


class _FlowList(list):  # type: ignore[type-arg]
    """A list written on one line, as the data files write authors: [A, B]."""


class _Dumper(yaml.SafeDumper):
    def choose_scalar_style(self) -> str:
        """Double quotes wherever a value needs quotes, as the data files write titles and arXiv ids."""
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


_Dumper.add_representer(_FlowList, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True))


def as_yaml(publications: list[dict[str, Any]]) -> str:
    """The entries in the file's own style; a YAML emitter quotes whatever needs quoting."""
    shaped = [{**publication, "authors": _FlowList(publication["authors"])} for publication in publications]
    return yaml.dump(shaped, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)


def appended(existing: bytes, publications: list[dict[str, Any]]) -> bytes:
    """`existing` byte for byte (a byte order mark included), with the entries added in the line breaks the file uses.

    The entries go at the end; in a file that holds only an empty list (`[]`,
    as `make new-owner` writes it) they take the place of that `[]`, since a
    block list cannot follow a flow one. Every other byte, comments and the
    schema line included, stays where it was.
    """
    found = _LINE_BREAK.search(existing)
    newline = found.group() if found else b"\n"
    head, tail = _around_new_entries(existing, newline)
    return head + as_yaml(publications).encode("utf-8").replace(b"\n", newline) + tail


def first_new_line(existing: bytes) -> int:
    """The line of the file that the first new entry starts on."""
    head, _ = _around_new_entries(existing, b"\n")
    return lines_in(head) + 1


def _around_new_entries(existing: bytes, newline: bytes) -> tuple[bytes, bytes]:
    """The bytes before and after the new entries: the whole file and nothing, unless the file's only value is `[]`."""
    start = len(codecs.BOM_UTF8) if existing.startswith(codecs.BOM_UTF8) else 0
    empty_list = _empty_list_line(existing, start)
    if empty_list is None:
        separator = b"" if len(existing) == start or existing.endswith((b"\n", b"\r")) else newline
        return existing + separator, b""
    line_start, line_end, comment = empty_list
    # A comment after the `[]` stays, on its own line above the entries.
    kept = comment + newline if comment else b""
    return existing[:line_start] + kept, existing[line_end:]


# A line holding only `[]` (spaces allowed inside and around it), maybe followed by a comment.
_EMPTY_LIST_LINE = re.compile(rb"[ \t]*\[[ \t]*\][ \t]*(?P<comment>#[^\r\n]*?)?[ \t]*(\r\n|\r|\n)?")


def _empty_list_line(existing: bytes, start: int) -> tuple[int, int, bytes] | None:
    """Where the line holding `[]` starts and ends, and the comment after it, if every other line is a comment or blank."""
    found = None
    offset = start
    for line in existing[start:].splitlines(keepends=True):
        code = line.strip(b" \t\r\n")
        if code and not code.startswith(b"#") and code != b"---":
            match = _EMPTY_LIST_LINE.fullmatch(line)
            if match is None or found is not None:
                return None
            found = (offset, offset + len(line), match.group("comment") or b"")
        offset += len(line)
    return found


def build_problems(data: Path, new_file: bytes, site_url: str | None, docs_dir: Path) -> list[str]:
    """The build's own validation, run on a data/ that holds the new file; its problems as lines.

    The other files are linked, not copied: only the new file is written, and
    whatever else data/ holds is read where it is, as the build reads it.
    """
    from macros.data.errors import DataErrors
    from macros.data.site_data import load_site_data

    with tempfile.TemporaryDirectory() as folder:
        checked = Path(folder) / "data"
        checked.mkdir()
        for entry in data.iterdir():
            if entry.name != PUBLICATIONS:
                (checked / entry.name).symlink_to(entry.absolute())
        try:
            (checked / PUBLICATIONS).write_bytes(new_file)
        except OSError as error:
            raise cannot_write(error, f"the copy of data/{PUBLICATIONS} that the import checks ({checked / PUBLICATIONS})") from None
        try:
            load_site_data(checked, site_url=site_url, docs_dir=docs_dir)
        except DataErrors as errors:
            return [*errors.lines(), *errors.notes]
    return []


def lines_in(data: bytes) -> int:
    """How many lines the file holds; the last one may lack its line break."""
    breaks = len(_LINE_BREAK.findall(data))
    return breaks + (1 if data.removeprefix(codecs.BOM_UTF8) and not data.endswith((b"\n", b"\r")) else 0)
