"""Two builds of one commit, in two folders at two different times, are byte-identical."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from site_helpers import ROOT, load_data

pytestmark = pytest.mark.expensive


def clone_and_build(destination: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(destination)], check=True, timeout=60)
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=destination,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return destination / "site"


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    first = tree(clone_and_build(tmp_path / "first"))
    time.sleep(1.1)  # a different second, as a later build would have
    second = tree(clone_and_build(tmp_path / "elsewhere" / "second"))

    assert first.keys() == second.keys()
    # The generated files, each where the data has entries for it.
    generated = {"feed.xml": "news", "publications.bib": "publications"}
    assert {"sitemap.xml", "sitemap.xml.gz", "index.html"} | {name for name, kind in generated.items() if load_data(ROOT, kind)} <= first.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []
