"""Reading a YAML file for its data, and finding the line of one of its values when a message names it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from scripts.bib_import.os_errors import cannot_read

from .problems import JOB, DataProblems, at


def read_text(path: Path, shown: str) -> str | None:
    """The file's text, or None when there is no such file (every file this command reads may be absent)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise cannot_read(error, shown, JOB) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataProblems([at(shown, data[: error.start].count(b"\n") + 1, "is not UTF-8 text; save it as UTF-8")]) from None


def load(text: str, shown: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> Any:
    try:
        return yaml.load(text, Loader=loader)  # a SafeLoader, or one derived from it
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise DataProblems([at(shown, mark.line + 1 if mark else None, f"is not valid YAML ({problem}); fix it")]) from None


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the value at `path` (keys and list indexes), or of the deepest part of it that exists."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line
    for step in path:
        child = _child(node, step)
        if child is None:
            break
        node, line = child, child.start_mark.line
    return line + 1


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key, value in node.value if key.value == str(step)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        value: yaml.Node = node.value[step]
        return value
    return None
