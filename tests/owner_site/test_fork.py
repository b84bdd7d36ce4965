"""A researcher who forks the site and makes it theirs still gets a passing test suite.

The test makes such a fork of a copy of this repository, the way README's
"Make it yours" describes it, and runs the owner-site tests on it (all but
the expensive ones, which read data/ the same way).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import ROOT

pytestmark = pytest.mark.expensive

NEW_NAME = "Quinn Forkwright"
NEW_SITE_URL = "https://quinn-forkwright.example.org/"
NEW_AREA = "renamed-area"
NEW_NEWS = "Forked this site and made it mine."
LEFT_BEHIND = shutil.ignore_patterns(".git", ".venv", ".cache", "site", "test-artifacts", "__pycache__", ".pytest_cache")


def read(root: Path, name: str) -> Any:
    return yaml.safe_load((root / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def write(root: Path, name: str, data: Any) -> None:
    header = f"# yaml-language-server: $schema=schemas/{name}.schema.json\n"
    (root / "data" / f"{name}.yml").write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def replace_in_files(paths: list[Path], old: str, new: str) -> None:
    for path in paths:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new), encoding="utf-8")


def rename_owner(fork: Path) -> None:
    old_name = read(fork, "profile")["name"]
    config = fork / "mkdocs.yml"
    replace_in_files([config, *sorted((fork / "data").glob("*.yml")), *sorted((fork / "docs").rglob("*.md"))], old_name, NEW_NAME)
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_url: .*$", f"site_url: {NEW_SITE_URL}", text, count=1, flags=re.M), encoding="utf-8")


def remove_two_papers(fork: Path) -> None:
    publications = read(fork, "publications")
    removed = {pub["key"] for pub in publications[-2:]}
    write(fork, "publications", publications[:-2])
    for name in ("news", "awards", "press"):
        entries = read(fork, name)
        for entry in entries:
            if entry.get("publication") in removed:
                del entry["publication"]
        write(fork, name, entries)


def remove_news_and_add_one(fork: Path) -> None:
    news = read(fork, "news")
    write(fork, "news", [{"date": "present", "text": NEW_NEWS, "highlight": True}, *news[:-3]])


def rename_first_area(fork: Path) -> None:
    areas = read(fork, "research_areas")
    old = areas[0]["key"]
    areas[0]["key"] = NEW_AREA
    write(fork, "research_areas", areas)
    for name in ("publications", "news"):
        entries = read(fork, name)
        for entry in entries:
            entry["areas"] = [NEW_AREA if area == old else area for area in entry.get("areas", [])]
        write(fork, name, entries)
    (fork / "docs" / "research" / f"{old}.md").rename(fork / "docs" / "research" / f"{NEW_AREA}.md")
    pages = [fork / "mkdocs.yml", *sorted((fork / "docs").rglob("*.md"))]
    replace_in_files(pages, f"research/{old}.md", f"research/{NEW_AREA}.md")
    replace_in_files(pages, f"{old}.md", f"{NEW_AREA}.md")
    replace_in_files(pages, f'area="{old}"', f'area="{NEW_AREA}"')


def make_fork(destination: Path) -> Path:
    shutil.copytree(ROOT, destination, ignore=LEFT_BEHIND)
    rename_owner(destination)
    remove_two_papers(destination)
    remove_news_and_add_one(destination)
    rename_first_area(destination)
    return destination


def test_a_fork_with_another_owner_fewer_papers_and_a_renamed_area_passes_the_owner_site_tests(tmp_path: Path) -> None:
    fork = make_fork(tmp_path / "fork")
    assert read(fork, "profile")["name"] == NEW_NAME
    assert (fork / "docs" / "research" / f"{NEW_AREA}.md").is_file()

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not expensive", "tests/owner_site"],
        cwd=fork,
        capture_output=True,
        text=True,
        timeout=600,
    )

    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    passed = re.search(r"(\d+) passed", summary)
    assert passed and int(passed.group(1)) >= 20, summary
    assert "failed" not in summary and "error" not in summary, summary
