"""Refusing text that no output can carry: control characters, non-characters, and text that shows nothing.

XML 1.0 (the feed, the sitemap) forbids most control characters and a feed
with one is not well-formed; a lone surrogate cannot be written as UTF-8 at
all; a title of zero-width spaces is a blank link. YAML lets all of them in
through escapes such as "\\x01" or "\\uFFFE", so every string of every file
is checked here, where its line is still known.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import yaml

from .errors import DataError, entry_at
from .yaml_source import YamlDocument

# The last two code points of each of Unicode's 17 planes are non-characters, as are U+FDD0..U+FDEF.
_NON_CHARACTERS = "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
# C0 controls but tab and line breaks, DEL, C1 controls, surrogates, and the non-characters.
_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NON_CHARACTERS}]")
# Shown as nothing: spaces of every width, and format characters such as U+200B (zero width space) or U+FEFF.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
# Letters that Unicode classes as letters but fonts draw as blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def text_problems(document: YamlDocument, labels: tuple[str, ...] = ()) -> list[DataError]:
    """A problem for each string of the file that holds a forbidden character or shows nothing; `labels` name entries."""
    if document.root is None:
        return []
    problems = []
    for path, node in _strings(document.root, []):
        problem = _problem(node.value)
        if problem:
            problems.append(
                DataError(
                    document.name,
                    node.start_mark.line + 1,
                    problem,
                    entry=entry_at(document.data, path, labels),
                    field=next((str(step) for step in reversed(path) if isinstance(step, str)), None),
                )
            )
    return problems


def _problem(text: str) -> str | None:
    forbidden = _FORBIDDEN.search(text)
    if forbidden:
        return f"the character U+{ord(forbidden.group()):04X} (a control or non-character) cannot be shown or written to the feed; delete it"
    if text and all(_invisible(character) for character in text):
        return "the text shows nothing (only spaces or invisible characters); write the text, or leave the field out"
    return None


def _invisible(character: str) -> bool:
    return character.isspace() or character in _BLANK_LETTERS or unicodedata.category(character) in _INVISIBLE_CATEGORIES


def _strings(node: yaml.Node, path: list[str | int]) -> Iterator[tuple[list[str | int], yaml.ScalarNode]]:
    """Every string value with its path; mapping keys are checked by the schema's field names."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str":
            yield path, node
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield from _strings(value_node, [*path, str(key_node.value)])
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _strings(item, [*path, index])
