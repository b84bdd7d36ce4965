"""A data file that passed every check is taken as checked on the next build, without reading its YAML again.

Its lines are still there for any message that needs them, and anything the kept data depends on (the
file's bytes, its schema) makes the build read and check the file afresh.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data import site_data
from macros.data.errors import DataErrors
from macros.data.site_data import load_site_data
from macros.data.yaml_source import read_yaml


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files the build parses, by name, in order."""
    names: list[str] = []

    def counted(path: Path, name: str) -> object:
        names.append(name)
        return read_yaml(path, name)

    monkeypatch.setattr(site_data, "read_yaml", counted)
    return names


def kept_files(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "checked-data").iterdir())


def test_a_rebuild_takes_every_unchanged_file_as_checked_without_parsing_it(project: Path, reads: list[str]) -> None:
    first = load_site_data(project / "data")
    parsed_first = len(reads)
    assert parsed_first >= 8 and kept_files(project)

    again = load_site_data(project / "data")
    assert len(reads) == parsed_first, f"parsed again: {reads[parsed_first:]}"
    assert again == first, "the same data, optional fields filled in as before"


def test_an_edited_file_is_parsed_and_checked_again_and_only_it(project: Path, reads: list[str]) -> None:
    load_site_data(project / "data")
    parsed_first = len(reads)
    news = project / "data" / "news.yml"
    news.write_text(news.read_text(encoding="utf-8") + "- date: 2026-06\n  text: One more item.\n", encoding="utf-8")
    data = load_site_data(project / "data")
    assert reads[parsed_first:] == ["data/news.yml"]
    assert any(item["text"] == "One more item." for item in data.news)

    news.write_text(news.read_text(encoding="utf-8") + "- date: 2026-07\n  txet: A misspelled field.\n", encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_site_data(project / "data")
    assert any(line.startswith("data/news.yml:") and "txet" in line for line in raised.value.lines())


def test_kept_data_that_does_not_load_is_ignored_and_the_file_read_again(project: Path, reads: list[str]) -> None:
    first = load_site_data(project / "data")
    parsed_first = len(reads)
    for kept in kept_files(project):
        kept.write_bytes(b"not a pickle")
    assert load_site_data(project / "data") == first
    assert len(reads) == 2 * parsed_first


def test_a_problem_between_files_names_the_line_of_a_file_taken_from_the_cache(project: Path) -> None:
    load_site_data(project / "data")
    news_lines = (project / "data" / "news.yml").read_text(encoding="utf-8").splitlines()
    line = news_lines.index("  publication: widgetgit") + 1
    publications = project / "data" / "publications.yml"
    publications.write_text(publications.read_text(encoding="utf-8").replace("- key: widgetgit\n", "- key: widgetgit-renamed\n"), encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_site_data(project / "data")
    assert any(message.startswith(f"data/news.yml:{line}:") and "'widgetgit'" in message for message in raised.value.lines()), raised.value.lines()
