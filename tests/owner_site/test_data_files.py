"""Each of the owner's data files declares its schema once; editors and the build read the same file."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import ROOT

DATA = ROOT / "data"


@pytest.mark.parametrize("data_file", sorted(DATA.glob("*.yml")), ids=lambda path: path.name)
def test_each_data_file_points_editors_at_its_schema(data_file: Path) -> None:
    first_line = data_file.read_text(encoding="utf-8").splitlines()[0]
    schema = f"schemas/{data_file.stem}.schema.json"
    assert first_line == f"# yaml-language-server: $schema={schema}"
    assert (DATA / schema).is_file()
