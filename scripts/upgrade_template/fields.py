"""What a release's migrations are made of: a data field renamed in a data file, every other byte kept.

A migration (migrations/v<major>_<minor>_<patch>.py) calls these on the
owner's data files; each returns one line per change, for the owner to read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def rename_field(path: Path, old: str, new: str) -> list[str]:
    """Field `old` of each entry of the list in data file `path` renamed `new`, one line per entry renamed.

    Only a key at an entry's top level is renamed (a nested mapping's key of
    the same name stays), and only its text, found by the YAML parser's marks:
    quotes, comments, flow style, line breaks and every other byte stay as
    they were. An entry that already has `new` keeps both and is named in a
    line instead. A missing file, or one without entries, is left alone.
    """
    for name in (old, new):
        if not _FIELD_NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a field name (letters, digits and _)")
    target = path.resolve()
    if not target.is_file():
        return []
    raw = target.read_bytes()
    text = raw.decode("utf-8")
    shown = _shown(path)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise ValueError(f"{shown}: expected a list of entries, so field {old!r} cannot be renamed in it")
    edits, lines = _renames(root, old, new, shown)
    if not edits:
        return lines
    renamed = text
    for start, end, written in sorted(edits, reverse=True):
        renamed = renamed[:start] + written + renamed[end:]
    _check(text, renamed, old, new, shown)
    _replace(target, renamed.encode("utf-8"))
    return lines


def _renames(root: yaml.SequenceNode, old: str, new: str, shown: str) -> tuple[list[tuple[int, int, str]], list[str]]:
    """(start, end, new text) of each key to rewrite, and the lines that report them."""
    edits: list[tuple[int, int, str]] = []
    lines: list[str] = []
    seen: set[int] = set()
    for entry in root.value:
        if not isinstance(entry, yaml.MappingNode) or id(entry) in seen:
            continue  # an alias (*name) is its anchor's entry, renamed once
        seen.add(id(entry))
        keys = [key for key, _ in entry.value if isinstance(key, yaml.ScalarNode) and key.tag == "tag:yaml.org,2002:str"]
        found = [key for key in keys if key.value == old]
        if not found:
            continue
        key = found[0]
        where = f"{shown} line {key.start_mark.line + 1} (entry {_label(entry)!r})"
        if any(other.value == new for other in keys):
            lines.append(f"{where}: field {old!r} not renamed, since the entry has {new!r} already; keep one of them by hand")
            continue
        edits.append((key.start_mark.index, key.end_mark.index, _quoted(new, key.style)))
        lines.append(f"{where}: field {old!r} renamed to {new!r}")
    return edits, lines


def _label(entry: yaml.MappingNode) -> str:
    """What names an entry in a line: its key, else the value of its first field (name, title, date...)."""
    scalars = [(key.value, value.value) for key, value in entry.value if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)]
    for name, value in scalars:
        if name == "key":
            return str(value)
    return str(scalars[0][1]) if scalars else "?"


def _quoted(name: str, style: str | None) -> str:
    """The new key in the old one's quotes (a field name needs no escaping)."""
    return f"{style}{name}{style}" if style in ("'", '"') else name


def _check(before: str, after: str, old: str, new: str, shown: str) -> None:
    """The rewritten file reads as the old one with the field renamed and nothing else changed."""
    expected: Any = yaml.safe_load(before)
    for entry in expected:
        if isinstance(entry, dict) and old in entry and new not in entry:
            entry[new] = entry.pop(old)
    if not _same(yaml.safe_load(after), expected):
        raise ValueError(f"{shown}: renaming field {old!r} would change more than the field's name; rename it by hand")


def _same(left: Any, right: Any) -> bool:
    """Equal data, mappings compared without their order."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same(left[key], right[key]) for key in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(_same(a, b) for a, b in zip(left, right, strict=True))
    return bool(left == right) and type(left) is type(right)


def _shown(path: Path) -> str:
    """The file as the owner knows it: data/software.yml, from the project's root (the folder the upgrade runs in)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _replace(path: Path, data: bytes) -> None:
    """The new bytes in one rename, with the file's permissions."""
    temporary = path.with_name(f".{path.name}.upgrade-template.tmp")
    try:
        temporary.write_bytes(data)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
