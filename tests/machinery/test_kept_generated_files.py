"""The files made from data/ are made once for the same data and code, and made afresh when either changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from site_helpers import build_site, edit_data

from macros.outputs import kept_generated_files as kept
from macros.outputs.kept_generated_files import kept_generated_files

FOLDER = Path(".cache") / "generated-files"


class Maker:
    """Makes one file whose text is what it was asked for, and counts how often it was asked."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str) -> Any:
        def make() -> dict[str, str | bytes]:
            self.calls += 1
            return {"publications.bib": text, "publications.ris": text.encode("utf-8")}

        return make


def test_the_same_data_gives_the_kept_files_without_making_them_again(tmp_path: Path) -> None:
    maker = Maker()
    first = kept_generated_files(tmp_path, ["site", {"title": "Widgets"}], maker("one"))
    again = kept_generated_files(tmp_path, ["site", {"title": "Widgets"}], maker("two"))
    assert maker.calls == 1
    assert again == first == {"publications.bib": "one", "publications.ris": b"one"}


def test_other_data_makes_the_files_afresh_and_only_the_newest_are_kept(tmp_path: Path) -> None:
    maker = Maker()
    kept_generated_files(tmp_path, ["site", {"title": "Widgets"}], maker("one"))
    changed = kept_generated_files(tmp_path, ["site", {"title": "Gadgets"}], maker("two"))
    assert maker.calls == 2 and changed["publications.bib"] == "two"
    assert len(list((tmp_path / FOLDER).iterdir())) == 1


def test_other_code_makes_the_files_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    maker = Maker()
    kept_generated_files(tmp_path, ["site"], maker("one"))
    monkeypatch.setattr(kept, "_code_version", lambda: "a release with other templates")
    assert kept_generated_files(tmp_path, ["site"], maker("two"))["publications.bib"] == "two"
    assert maker.calls == 2


def test_a_damaged_kept_file_is_ignored_and_the_files_are_made_again(tmp_path: Path) -> None:
    maker = Maker()
    kept_generated_files(tmp_path, ["site"], maker("one"))
    [stored] = (tmp_path / FOLDER).iterdir()
    stored.chmod(0o644)
    stored.write_bytes(b"not a pickle")
    assert kept_generated_files(tmp_path, ["site"], maker("two"))["publications.bib"] == "two"
    assert maker.calls == 2


def test_an_edited_paper_reaches_the_bibtex_file_on_the_next_build(project: Path) -> None:
    site = build_site(project, project / "site")
    before = (site / "publications.bib").read_text(encoding="utf-8")
    edit_data(project, "publications", lambda papers: papers[0].update(title="Widgets seen again after an edit"))
    after = (build_site(project, project / "site") / "publications.bib").read_text(encoding="utf-8")
    assert "seen again after an edit" not in before and "seen again after an edit" in after
    assert len(list((project / FOLDER).iterdir())) == 1
