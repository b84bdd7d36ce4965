"""Checking a data file against its JSON Schema (data/schemas/<file>.schema.json).

The same schema gives editors completion and hover help through the
`# yaml-language-server: $schema=...` line at the top of each data file.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import difflib
import hashlib
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, entry_at, printable
from .yaml_source import YamlDocument

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from referencing import Registry

# jsonschema (and referencing, which it builds on) are imported where a check runs: a rebuild whose data passed
# before (PassedChecks) only fills in the optional fields, from the schema file as it is, and never loads them.


@cache
def _schema(schema_dir: Path, schema_file: str) -> dict[str, Any]:
    """The schema as its file holds it."""
    schema: dict[str, Any] = json.loads((schema_dir / schema_file).read_text(encoding="utf-8"))
    return schema


@cache
def _registry(schema_dir: Path) -> Registry:
    """Every schema of the folder under its file name, so `common.schema.json#/$defs/...` resolves."""
    from referencing import Registry, Resource

    schemas = {path.name: Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))) for path in sorted(schema_dir.glob("*.schema.json"))}
    return Registry().with_resources(schemas.items()).crawl()


@cache
def _python_pattern(pattern: str) -> re.Pattern[str]:
    """The schema's pattern with the meaning editors give it (ECMA-262): `$` is the very end of the text.

    Python's `$` also matches before a final line break, so "mgit\n" would pass `^[a-z0-9-]+$`
    and become a folder named with a line break. The schema keeps the portable `^...$`.
    """
    converted: list[str] = []
    in_class = escaped = False
    for character in pattern:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif in_class:
            in_class = character != "]"
        elif character == "[":
            in_class = True
        elif character == "$":
            character = r"\Z"
        converted.append(character)
    return re.compile("".join(converted))


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not _python_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator_class() -> Any:
    """JSON Schema 2020-12, with `pattern` as editors read it (_python_pattern)."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(schema_dir: Path, schema_file: str) -> Any:
    return _validator_class()(_schema(schema_dir, schema_file), registry=_registry(schema_dir))


class PassedChecks:
    """The data that passed its schema before, as empty files in `folder` named by a hash of the data, the schemas
    and this check's code.

    Data that passed passes again while none of the three has changed, so a rebuild skips jsonschema for it (over a
    second of a build at 100x the data). Only a pass is kept: every problem is found afresh, with its line.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, data: Any, schema_dir: Path, schema_file: str) -> str:
        return hashlib.sha256(f"{check_version(schema_dir)} {schema_file} {data!r}".encode()).hexdigest()

    def passed(self, key: str) -> bool:
        return (self.folder / key).is_file()

    def record(self, key: str) -> None:
        # A folder that cannot be written costs the next build time, nothing else.
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / key).touch()


@cache
def check_version(schema_dir: Path) -> str:
    """What a check's outcome depends on besides the data: every schema of the folder, this code, jsonschema's release."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(schema_dir.glob("*.schema.json")):
        digest.update(path.name.encode() + path.read_bytes())
    return f"{version('jsonschema')} {digest.hexdigest()}"


def check_against_schema(
    document: YamlDocument, schema_dir: Path, schema_file: str, labels: tuple[str, ...] = (), passed: PassedChecks | None = None
) -> list[DataError]:
    """Every problem in the file (`labels`: the fields that name an entry); when there is none, the optional fields are filled in.

    `passed` remembers the data that passed, so the same data is not checked again.
    """
    schema = _schema(schema_dir, schema_file)
    if document.data is None:
        expected = _describe_type(schema)
        return [DataError(document.name, 1, f"the file is empty; expected {expected}")]
    key = passed.key(document.data, schema_dir, schema_file) if passed else None
    if not (passed and key and passed.passed(key)):
        # Shallow errors first, so a broken entry is named before what breaks inside it.
        errors = sorted(_validator(schema_dir, schema_file).iter_errors(document.data), key=lambda error: len(error.absolute_path))
        if errors:
            problems = [_to_data_error(document, error, labels) for error in errors]
            return [problem for problem in problems if not _explained_by_a_typo(problem, problems)]
        if passed and key:
            passed.record(key)
    _fill_absent_fields(document.data, schema, schema)
    return []


def _fill_absent_fields(instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> None:
    """Give every optional field the schema allows a value (its `default`, else None).

    Templates can then test `{% if pub.summary %}` while still failing loudly
    on a misspelled field name.
    """
    if schema.get("$ref", "").startswith("#/"):
        schema = _local_definition(root, schema["$ref"])
    if isinstance(instance, dict):
        for name, property_schema in schema.get("properties", {}).items():
            if name not in instance:
                instance[name] = copy.deepcopy(property_schema.get("default"))
            _fill_absent_fields(instance[name], property_schema, root)
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for item in instance:
            _fill_absent_fields(item, schema["items"], root)


def _local_definition(root: dict[str, Any], ref: str) -> dict[str, Any]:
    """The schema that a same-file reference such as `#/$defs/person` points to."""
    schema = root
    for part in ref[2:].split("/"):
        schema = schema[part]
    return schema


MISSING = "this required field is missing"


def _explained_by_a_typo(problem: DataError, problems: list[DataError]) -> bool:
    """'title' is missing because it was written 'titel': one problem, reported once, at the typo."""
    return problem.problem == MISSING and any(
        other.entry == problem.entry and f"did you mean '{problem.field}'?" in other.problem for other in problems
    )


def _to_data_error(document: YamlDocument, error: ValidationError, labels: tuple[str, ...]) -> DataError:
    path = list(error.absolute_path)
    entry = entry_at(document.data, path, labels)
    # The part of the schema that failed: an object in every schema of data/schemas/ (none is a bare true or false).
    schema: dict[str, Any] = dict(error.schema) if isinstance(error.schema, Mapping) else {}
    instance: Any = error.instance
    if not path:
        return DataError(
            document.name,
            document.line_of([]),
            f"expected {_describe_type(schema)}, got {_describe_value(instance)}",
        )
    if error.validator == "required":
        # jsonschema reports each missing field as its own error, naming it in the message.
        missing = next(name for name in schema["required"] if name not in instance and repr(name) in error.message)
        return DataError(document.name, document.line_of(path), MISSING, entry=entry, field=missing)
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = sorted(set(instance) - set(allowed))[0]
        suggestion = difflib.get_close_matches(str(unknown), allowed, n=1)
        hint = f"did you mean '{suggestion[0]}'? " if suggestion else ""
        return DataError(
            document.name,
            document.line_of([*path, unknown], key=True),
            f"unknown field; {hint}allowed fields: {', '.join(allowed)}",
            entry=entry,
            field=str(unknown),
        )
    field = next((str(step) for step in reversed(path) if isinstance(step, str)), None)
    expected = schema.get("description") or error.message
    return DataError(
        document.name,
        document.line_of(path),
        f"expected {expected}, got {_describe_value(instance)}",
        entry=entry,
        field=field,
    )


def _describe_type(schema: dict[str, Any]) -> str:
    """'a list of news items' from the schema's type and title."""
    title = schema.get("title", "values")
    if schema.get("type") == "array":
        return f"a list of {title}"
    return f"a mapping of fields ({title})"


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()} (write the month alone, e.g. {value:%Y-%m})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{printable(value)}'"


INLINE_MARKDOWN = "common.schema.json#/$defs/inline_markdown"


def inline_markdown_fields(schema_dir: Path, schema_file: str, within: str | None = None) -> frozenset[str]:
    """The fields of an entry that hold inline Markdown, as its schema declares them; `within` names a list in a mapping file."""
    schema = _schema(schema_dir, schema_file)
    if within is not None:
        schema = schema["properties"][within]
    properties = schema["items"]["properties"]
    return frozenset(name for name, field in properties.items() if field.get("$ref") == INLINE_MARKDOWN)
