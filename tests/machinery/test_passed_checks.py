"""Data that passed its schema is not checked again while it, the schemas and the check are unchanged; a problem is always found.

The build keeps a pass (never a problem) in .cache/schema-checks/, so a
rebuild skips jsonschema for the files that did not change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from macros.data import schema_check
from macros.data.errors import DataErrors
from macros.data.site_data import load_site_data


@pytest.fixture
def schema_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The schema of each jsonschema run, in order; the schemas are read afresh, as in a new process."""
    for cached in (schema_check._schema, schema_check._registry, schema_check._validator, schema_check.check_version):
        cached.cache_clear()
    runs: list[str] = []
    validator_class = schema_check._validator_class()
    real = validator_class.iter_errors

    def counted(validator: Any, instance: Any, *args: Any, **kwargs: Any) -> Any:
        runs.append(validator.schema.get("title", "?"))
        return real(validator, instance, *args, **kwargs)

    monkeypatch.setattr(validator_class, "iter_errors", counted)
    return runs


def test_unchanged_data_is_not_checked_again_and_an_edited_file_is(project: Path, schema_runs: list[str]) -> None:
    first = load_site_data(project / "data")
    checked_first = len(schema_runs)
    assert checked_first >= 8 and (project / ".cache" / "schema-checks").is_dir()

    again = load_site_data(project / "data")
    assert len(schema_runs) == checked_first, "nothing changed, so no file was checked again"
    assert again == first, "the data is the same, optional fields filled in as before"

    news = project / "data" / "news.yml"
    news.write_text(news.read_text(encoding="utf-8") + "- date: 2026-06\n  text: One more item.\n", encoding="utf-8")
    load_site_data(project / "data")
    assert len(schema_runs) == checked_first + 1, "only the edited file was checked"


def test_a_problem_in_data_that_once_passed_is_reported_with_its_line(project: Path, schema_runs: list[str]) -> None:
    load_site_data(project / "data")
    publications = project / "data" / "publications.yml"
    text = publications.read_text(encoding="utf-8")
    assert "  year: 2024\n" in text
    publications.write_text(text.replace("  year: 2024\n", "  year: 1800\n", 1), encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_site_data(project / "data")
    [line] = [line for line in raised.value.lines() if "year" in line]
    assert line.startswith("data/publications.yml:") and "1800" in line


def test_data_that_passed_a_schema_is_checked_against_a_stricter_one(project: Path, schema_runs: list[str]) -> None:
    load_site_data(project / "data")
    schema_file = project / "data" / "schemas" / "profile.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["name"]["maxLength"] = 3
    schema["properties"]["name"]["description"] = "a name of at most three characters"
    schema_file.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    for cached in (schema_check._schema, schema_check._registry, schema_check._validator, schema_check.check_version):
        cached.cache_clear()  # as the next build, a new process, reads the schemas
    with pytest.raises(DataErrors) as raised:
        load_site_data(project / "data")
    assert any("a name of at most three characters" in line for line in raised.value.lines())
