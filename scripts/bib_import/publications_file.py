"""Appending publications to data/publications.yml: checked like a build, written atomically, old bytes untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml


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


def appended(existing: str, publications: list[dict[str, Any]]) -> str:
    separator = "" if existing.endswith("\n") or not existing else "\n"
    return existing + separator + as_yaml(publications)


def build_problems(project: Path, new_text: str, site_url: str | None) -> list[str]:
    """The build's own validation, run on a copy of data/ that holds the new file; its problems as lines."""
    from macros.data.errors import DataErrors
    from macros.data.site_data import load_site_data

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(project / "data", data)
        (data / "publications.yml").write_text(new_text, encoding="utf-8")
        try:
            load_site_data(data, site_url=site_url)
        except DataErrors as errors:
            return [*errors.lines(), *errors.notes]
    return []


def write_atomically(path: Path, text: str) -> None:
    """A temporary file in the same folder, flushed to disk, then renamed over the old one: never half a file."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
