"""Reading a YAML data file while keeping the line of every value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, unreadable

Path_ = Sequence[str | int]

# libyaml's parser where PyYAML was built with it: the same nodes and line marks, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlDocument:
    """A data file: its plain data plus the node tree that knows the lines.

    A document whose data was kept from an earlier build (checked_data.py) has a `source` instead of a
    `parsed_root`: its nodes are read only when a message asks for a line.
    """

    name: str
    data: Any
    parsed_root: yaml.Node | None = None
    source: Path | None = None

    @cached_property
    def root(self) -> yaml.Node | None:
        if self.parsed_root is not None or self.source is None:
            return self.parsed_root
        return read_yaml(self.source, self.name).parsed_root

    def line_of(self, path: Path_, *, key: bool = False) -> int:
        """The 1-based line of the value at `path`, or of its key when `key` is set.

        Falls back to the deepest node that exists, so a missing field points
        at the entry that lacks it.
        """
        node = self.root
        if node is None:
            return 1
        line = node.start_mark.line
        for step in path:
            child, key_node = _child(node, step)
            if child is None:
                break
            line = (key_node if key and key_node is not None else child).start_mark.line
            node = child
        return line + 1


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return value_node, key_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step], None
    return None, None


# What YAML says when an unquoted value holds ": ", and what the person should do about it.
_COLON_PROBLEM = "mapping values are not allowed"
_COLON_HINT = "; a value that contains ': ' must be put in quotes, e.g. title: \"Name: Subtitle\""


def read_yaml(path: Path, name: str) -> YamlDocument:
    """Parse `path`; `name` is how messages refer to the file (e.g. data/news.yml).

    Raises DataError when the file cannot be read as YAML. A field given twice
    is not an error here: `repeated_fields` reports it, and the file is still
    checked against its schema.
    """
    try:
        # utf-8-sig: a byte order mark, as some Windows editors write, is not part of the first value.
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(name, None, "the file is missing; create it (see README, section Data)") from None
    except UnicodeDecodeError as error:
        raise DataError(name, None, f"the file is not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise DataError(name, None, unreadable(error)) from None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            _refuse_alias_bombs(root, name)
        data = loader.construct_document(root) if root is not None else None
    except RecursionError:
        raise DataError(name, None, "invalid YAML: values are nested hundreds of levels deep; no data file needs that") from None
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct starts, which is where the typo usually is.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 1 if mark else None
        problem = ": ".join(part for part in (error.context, error.problem) if part)
        hint = _COLON_HINT if _colon_in_a_value(text, error) else ""
        raise DataError(name, line, f"invalid YAML: {problem}{hint}") from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise DataError(name, line, f"invalid YAML: the control character U+{error.character:04X} is not allowed; delete it") from None
    except yaml.YAMLError as error:
        raise DataError(name, None, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    return YamlDocument(name=name, data=data, parsed_root=root)


# An alias repeats a whole value; nested aliases multiply (a "billion laughs" file of a few
# hundred bytes stands for billions of values). Data files use aliases rarely and lightly.
MOST_VALUES_FROM_ALIASES = 10_000


def _refuse_alias_bombs(root: yaml.Node, name: str) -> None:
    """Count the values the file stands for without building them; refuse before anything walks them."""
    sizes: dict[int, int] = {}
    counting = -1

    def size(node: yaml.Node) -> int:
        if sizes.get(id(node)) == counting:
            raise DataError(name, node.start_mark.line + 1, "invalid YAML: an alias (*name) stands for a value that contains it")
        if id(node) in sizes:
            return sizes[id(node)]
        sizes[id(node)] = counting
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(key) + size(value) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(item) for item in node.value)
        else:
            total = 1
        sizes[id(node)] = total
        return total

    if size(root) - len(sizes) > MOST_VALUES_FROM_ALIASES:
        raise DataError(
            name,
            None,
            f"invalid YAML: its aliases (*name) repeat more than {MOST_VALUES_FROM_ALIASES:,} values; write the values out instead",
        )


def _colon_in_a_value(text: str, error: yaml.MarkedYAMLError) -> bool:
    """YAML refused a colon after the field's own: `title: MGit: versioning`, not a wrongly indented field."""
    mark = error.problem_mark
    if not (error.problem or "").startswith(_COLON_PROBLEM) or mark is None:
        return False
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    field_colon = line.find(": ")
    return 0 <= field_colon < mark.column


def repeated_fields(document: YamlDocument) -> list[DataError]:
    """A problem for each field given twice in one mapping."""
    return _repeated_fields(document.root, document.name, None) if document.root is not None else []


def _repeated_fields(node: yaml.Node, name: str, entry: str | None) -> list[DataError]:
    """PyYAML keeps the last of two equal keys; we refuse, so no value is lost silently."""
    problems: list[DataError] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.value in seen:
                problems.append(
                    DataError(
                        name,
                        key_node.start_mark.line + 1,
                        "this field appears twice in the same entry; keep one",
                        entry=entry,
                        field=str(key_node.value),
                    )
                )
            seen.add(key_node.value)
            problems += _repeated_fields(value_node, name, entry)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _repeated_fields(item, name, entry or f"entry {index + 1}")
    return problems
