"""Each data file declares its schema once; editors and the build read the same file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from site_helpers import ROOT

DATA = ROOT / "data"
SCHEMAS = sorted((DATA / "schemas").glob("*.schema.json"))


@pytest.mark.parametrize("data_file", sorted(DATA.glob("*.yml")), ids=lambda path: path.name)
def test_each_data_file_points_editors_at_its_schema(data_file: Path) -> None:
    first_line = data_file.read_text(encoding="utf-8").splitlines()[0]
    schema = f"schemas/{data_file.stem}.schema.json"
    assert first_line == f"# yaml-language-server: $schema={schema}"
    assert (DATA / schema).is_file()


@pytest.mark.parametrize("schema_file", SCHEMAS, ids=lambda path: path.name)
def test_every_schema_is_valid_json_schema(schema_file: Path) -> None:
    Draft202012Validator.check_schema(json.loads(schema_file.read_text(encoding="utf-8")))


def test_icons_allowed_in_data_exist_in_the_icon_set() -> None:
    from macros.icons import ICONS, icon

    common = json.loads((DATA / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    allowed = common["$defs"]["icon"]["enum"]
    assert set(allowed) <= set(ICONS)
    for name in ICONS:
        assert icon(name).startswith("<svg")
