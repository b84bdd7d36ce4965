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
    """`existing` byte for byte (a byte order mark included), then the entries, with the line breaks the file uses."""
    found = _LINE_BREAK.search(existing)
    newline = found.group() if found else b"\n"
    text = existing.removeprefix(codecs.BOM_UTF8)
    separator = b"" if not text or text.endswith((b"\n", b"\r")) else newline
    return existing + separator + as_yaml(publications).encode("utf-8").replace(b"\n", newline)


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
