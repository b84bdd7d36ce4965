"""mkdocs.yml for the new owner: its owner settings and nav set by editing their lines, every other byte kept.

A YAML dump would lose the file's comments and layout, so each top-level key
is found as text: its line at the start of the file's lines, then the lines
that continue its value (indented, or list items), with the comments and
blank lines between them. Comments and blank lines after a value belong to
what follows. The edited text is read back with MkDocs' own YAML loader and
must hold exactly the values set, or nothing is written.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils import get_yaml_loader, yaml_load

from .owner import NewOwner
from .problems import Refused

CONFIG = "mkdocs.yml"
_TOP_LEVEL_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|\r|\n|$)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def new_config(text: str, owner: NewOwner, nav: list[Any]) -> str:
    """`text` with site_name, site_url, site_description, site_author, copyright and nav set; the rest as it was."""
    settings: dict[str, Any] = {
        "site_name": owner.name,
        "site_url": owner.site_url,
        "site_description": owner.description,
        "site_author": owner.name,
        "copyright": owner.copyright,
    }
    _read(text)  # a file MkDocs cannot read is the owner's to fix before anything changes
    byte_order_mark, text = ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)
    found = _LINE_BREAK.search(text)
    newline = found.group() if found else "\n"
    lines = _with_nav(_with_settings(text.splitlines(keepends=True), settings, newline), nav, newline)
    edited = byte_order_mark + "".join(lines)
    _check(edited, {**settings, "nav": nav})
    return edited


def _with_settings(lines: list[str], settings: dict[str, Any], newline: str) -> list[str]:
    """Each setting's lines replaced; those the file lacks go together, in this order, before its first key."""
    missing: list[str] = []
    for key, value in settings.items():
        lines = _replaced(lines, key, _emitted(key, value, newline), missing)
    first_key = next((index for index, line in enumerate(lines) if _TOP_LEVEL_KEY.match(line)), len(lines))
    return [*lines[:first_key], *missing, *lines[first_key:]]


def _with_nav(lines: list[str], nav: list[Any], newline: str) -> list[str]:
    """The nav's lines replaced; a file without a nav gets it at the end."""
    missing: list[str] = []
    lines = _replaced(lines, "nav", _emitted("nav", nav, newline), missing)
    if missing and lines and not lines[-1].endswith(("\n", "\r")):
        lines = [*lines[:-1], lines[-1] + newline]
    return [*lines, *missing]


def _emitted(key: str, value: Any, newline: str) -> list[str]:
    """`key: value` as YAML lines, quoted where YAML needs it; a list in block style, indented under its key."""
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000)
    first, *rest = dumped.splitlines()
    return [first + newline, *(f"  {line}{newline}" for line in rest)]


def _replaced(lines: list[str], key: str, replacement: list[str], missing: list[str]) -> list[str]:
    """The lines with `key`'s own replaced; when the file has no such key, the new lines go to `missing` instead."""
    span = _span_of(lines, key)
    if span is None:
        missing += replacement
        return lines
    start, end = span
    return [*lines[:start], *replacement, *lines[end:]]


def _span_of(lines: list[str], key: str) -> tuple[int, int] | None:
    """The first line of `key` at the top level and the line after its value's last line."""
    for start, line in enumerate(lines):
        match = _TOP_LEVEL_KEY.match(line)
        if match and match.group(1) == key:
            end = start + 1
            for index in range(start + 1, len(lines)):
                if _continues_value(lines[index]):
                    end = index + 1
                elif not _is_comment_or_blank(lines[index]):
                    break
            return start, end
    return None


def _continues_value(line: str) -> bool:
    """An indented line, or an item of a list written at the key's own indentation (`nav:` then `- Home: index.md`)."""
    if _is_comment_or_blank(line):
        return False
    return line.startswith((" ", "\t")) or (line.startswith("-") and not line.startswith("---"))


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _read(text: str) -> dict[str, Any]:
    try:
        # MkDocs' loader, with its !ENV tag; INHERIT stays a plain key, since only this file's own lines are edited.
        loaded = yaml_load(text, loader=get_yaml_loader())
    except ConfigurationError as error:
        raise Refused(f"{CONFIG}: {error}; fix it first; nothing was changed") from None
    if not isinstance(loaded, dict):
        raise Refused(f"{CONFIG} does not hold settings (key: value lines); fix it first; nothing was changed")
    return loaded


def _check(edited: str, expected: dict[str, Any]) -> None:
    """The edit did what it meant to, or Refused: a layout this text edit does not follow is the owner's to change by hand."""
    loaded = _read(edited)
    wrong = [key for key, value in expected.items() if loaded.get(key) != value]
    if wrong:
        raise Refused(
            f"{CONFIG}: could not set {', '.join(wrong)} by editing its lines (written in a layout this tool does not follow); "
            f"write {'it' if len(wrong) == 1 else 'each'} as 'key: value' at the start of a line and run make new-owner again; nothing was changed"
        )
