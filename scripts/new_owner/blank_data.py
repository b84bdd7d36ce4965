"""Every data file but the profile, emptied: its schema line, then an empty list; the citation counts removed."""

from __future__ import annotations

import json
from pathlib import Path

from .problems import Refused

PROFILE = "profile"
# Written by a command from the other files (citations.yml by `make citations`): the previous owner's
# numbers go, and the command writes the new owner's.
COMMAND_WRITTEN = ("citations",)


def schema_line(kind: str) -> str:
    """The first line of each data file, which gives editors its schema."""
    return f"# yaml-language-server: $schema=schemas/{kind}.schema.json\n"


def blank_list(kind: str) -> bytes:
    return f"{schema_line(kind)}[]\n".encode()


def blank_data_files(data: Path) -> tuple[dict[Path, bytes], list[Path], list[str]]:
    """The new bytes of each data/<kind>.yml whose schema is a list, the files to remove, and a line for each file
    left as it is, saying why."""
    files: dict[Path, bytes] = {}
    removed: list[Path] = []
    left: list[str] = []
    for path in sorted(data.glob("*.yml")):
        kind = path.stem
        if kind == PROFILE:
            continue
        if kind in COMMAND_WRITTEN:
            removed.append(path)
            continue
        schema = data / "schemas" / f"{kind}.schema.json"
        if _is_a_list(schema):
            files[path] = blank_list(kind)
        else:
            left.append(f"data/{path.name}: left as it is, since data/schemas/{schema.name} does not describe a list; clear it by hand")
    return files, removed, left


def _is_a_list(schema: Path) -> bool:
    try:
        declared = json.loads(schema.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, ValueError) as error:
        raise Refused(f"data/schemas/{schema.name}: cannot read it ({error}); fix it first; nothing was changed") from None
    return isinstance(declared, dict) and declared.get("type") == "array"
