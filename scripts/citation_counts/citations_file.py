"""data/citations.yml: reading what an earlier run wrote (or the owner edited), and writing it in one stable shape.

The file is read as strictly as its schema (data/schemas/citations.schema.json)
says, so a count the owner mistyped stops the run rather than being dropped;
it is written sorted by key with every date in quotes, so a run's diff shows
only the counts that changed, and the same data gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from scripts.bib_import.os_errors import cannot_write
from scripts.bib_import.problems import ImportRefused
from scripts.bib_import.safe_write import Snapshot, read_snapshot, replace_checked

from .merging import Merged
from .problems import CITATIONS, JOB, DataProblems, at
from .records import KEY, KEY_LENGTH, WORK_ID, Entry
from .yaml_files import line_of, load, read_text

SCHEMA = Path(__file__).resolve().parents[2] / "data" / "schemas" / "citations.schema.json"
HEADER = (
    "# yaml-language-server: $schema=schemas/citations.schema.json\n"
    '# Citation counts from OpenAlex, written by `make citations`; see README, "Citation counts".\n'
)
_FIX = f"fix {CITATIONS} (or delete it to count every paper anew); nothing was written"


@dataclass(frozen=True)
class Citations:
    fetched: str | None
    papers: dict[str, Entry]


NONE_YET = Citations(None, {})


def read_citations(project: Path) -> Citations:
    """The counts kept so far; none when there is no file yet."""
    text = read_text(project / CITATIONS, CITATIONS)
    return NONE_YET if text is None else parse(text)


def read_locked(project: Path) -> tuple[Snapshot | None, Citations]:
    """The file's bytes as the write will check them, and its counts; to be called under the data folder's lock."""
    path = project / CITATIONS
    if not path.exists() and not path.is_symlink():
        return None, NONE_YET
    snapshot = read_snapshot(path, CITATIONS, JOB)
    try:
        text = snapshot.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataProblems([at(CITATIONS, None, f"is not UTF-8 text; {_FIX}")]) from None
    return snapshot, parse(text)


def parse(text: str) -> Citations:
    data = _dates_as_text(load(text, CITATIONS))
    if data is None:
        return NONE_YET
    problems = [
        at(CITATIONS, line_of(text, list(error.absolute_path)), f"{_where(list(error.absolute_path))}{error.message}; {_FIX}")
        for error in sorted(_validator().iter_errors(data), key=lambda error: [str(step) for step in error.absolute_path])
    ]
    if not problems:
        problems = _exact(data, text)
    if problems:
        raise DataProblems(problems)
    papers = {key: Entry(value["count"], value["work"], value["fetched"]) for key, value in data["papers"].items()}
    return Citations(data["fetched"], papers)


def _validator() -> Draft202012Validator:
    """The schema, with the shared definitions it refers to (common.schema.json) under their file name."""
    common = SCHEMA.with_name("common.schema.json")
    registry: Registry = Registry().with_resource(common.name, Resource.from_contents(_json(common)))
    return Draft202012Validator(_json(SCHEMA), registry=registry)


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _dates_as_text(data: Any) -> Any:
    """An unquoted date, as a hand edit may leave it, is read as the text it was: YAML would make it a date object."""
    if isinstance(data, dict):
        return {key: _dates_as_text(value) for key, value in data.items()}
    return data.isoformat() if isinstance(data, datetime.date) else data


def _exact(data: dict[str, Any], text: str) -> list[str]:
    """What a schema pattern lets through (Python's `$` allows a final line break) or cannot tell: a date that is no day."""
    problems = []
    dates = [(["fetched"], data["fetched"])]
    for key, value in data["papers"].items():
        if not KEY.fullmatch(key) or len(key) > KEY_LENGTH:
            problems.append(at(CITATIONS, line_of(text, ["papers", key]), f"papers: {key!r} is not a publication's key; {_FIX}"))
        if not WORK_ID.fullmatch(value["work"]):
            problems.append(at(CITATIONS, line_of(text, ["papers", key, "work"]), f"papers → {key} → work: not an OpenAlex work; {_FIX}"))
        dates.append((["papers", key, "fetched"], value["fetched"]))
    for path, day in dates:
        if not _is_a_day(day):
            problems.append(at(CITATIONS, line_of(text, path), f"{_where(path)}{day!r} is not a day written as YYYY-MM-DD; {_FIX}"))
    return problems


def _is_a_day(text: str) -> bool:
    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _where(path: list[Any]) -> str:
    return f"{' → '.join(map(str, path))}: " if path else ""


def render(merged: Merged) -> bytes:
    """The whole file, for a merge that has a date (one without has never counted a paper: no file is written)."""
    lines = [HEADER, "source: OpenAlex\n", f'fetched: "{merged.fetched}"\n', "totals:\n"]
    lines += [
        f"  citations: {merged.totals.citations}\n",
        f"  h_index: {merged.totals.h_index}\n",
        f"  i10_index: {merged.totals.i10_index}\n",
    ]
    lines.append("papers:\n" if merged.papers else "papers: {}\n")
    for key, entry in sorted(merged.papers.items()):
        lines += [f"  {_key(key)}:\n", f"    count: {entry.count}\n", f"    work: {entry.work}\n", f'    fetched: "{entry.fetched}"\n']
    return "".join(lines).encode("utf-8")


def _key(key: str) -> str:
    """A key YAML would read as something else (a number such as 2024, or null, yes, on...) is put in quotes."""
    return key if yaml.safe_load(key) == key and not key[0].isdigit() else f'"{key}"'


def write(project: Path, snapshot: Snapshot | None, new: bytes) -> None:
    """Replace the file in one rename (under the lock already held); a first file is created empty, then replaced alike."""
    if snapshot is not None:
        replace_checked(snapshot, new, CITATIONS, JOB)
        return
    path = project / CITATIONS
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        raise ImportRefused(f"{CITATIONS} appeared while make citations ran; nothing was written; run make citations again") from None
    except OSError as error:
        raise cannot_write(error, CITATIONS, JOB) from None
    try:
        replace_checked(read_snapshot(path, CITATIONS, JOB), new, CITATIONS, JOB)
    except BaseException:
        _remove_if_empty(path)
        raise


def _remove_if_empty(path: Path) -> None:
    """Take back the empty file made above; one with content is someone else's save, and stays."""
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:
            path.unlink()
