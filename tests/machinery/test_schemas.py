"""The schemas in data/schemas/ are valid, and what they allow the machinery can render."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from site_helpers import ROOT

SCHEMAS = sorted((ROOT / "data" / "schemas").glob("*.schema.json"))


@pytest.mark.parametrize("schema_file", SCHEMAS, ids=lambda path: path.name)
def test_every_schema_is_valid_json_schema(schema_file: Path) -> None:
    Draft202012Validator.check_schema(json.loads(schema_file.read_text(encoding="utf-8")))


def test_icons_allowed_in_data_exist_in_the_icon_set() -> None:
    from macros.render.icons import ICONS, icon

    common = json.loads((ROOT / "data" / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    allowed = common["$defs"]["icon"]["enum"]
    assert set(allowed) <= set(ICONS)
    for name in ICONS:
        assert icon(name).startswith("<svg")
