"""Every dependency is pinned to one version and its hashes, so a tampered or substituted package fails to install."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import ROOT

REQUIREMENT_FILES = ["requirements.txt", "requirements-properdocs.txt"]
WRONG_HASH = "--hash=sha256:" + "0" * 64


def entries(text: str) -> dict[str, str]:
    """name==version -> the whole entry, hash lines included."""
    blocks = re.findall(r"^([A-Za-z0-9_.-]+==\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, flags=re.M)
    return {pin: pin + " \\\n" + hashes for pin, hashes in blocks}


@pytest.mark.parametrize("name", REQUIREMENT_FILES)
def test_every_requirement_has_an_exact_version_and_hashes(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    requirements = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert requirements
    assert all("==" in line for line in requirements), requirements
    assert len(entries(text)) == len(requirements)
    assert "# WARNING" not in text, "pip-compile left a package unpinned"


@pytest.mark.parametrize("name", REQUIREMENT_FILES)
def test_each_requirements_file_is_compiled_from_its_short_in_file(name: str) -> None:
    source = ROOT / name.replace(".txt", ".in")
    assert source.is_file()
    assert f"--output-file={name}" in (ROOT / name).read_text(encoding="utf-8")
    assert f"--output-file {name} {source.name}" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_make_installs_with_require_hashes() -> None:
    assert "pip install --quiet --disable-pip-version-check --require-hashes --requirement requirements.txt" in (ROOT / "Makefile").read_text(
        encoding="utf-8"
    )


def pip_check(requirement: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Let pip fetch (from its cache or the registry) and verify one pinned package, installing nothing."""
    tmp_path.mkdir()
    file = tmp_path / "one-package.txt"
    file.write_text(requirement, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "--dest", str(tmp_path / "d"), "-r", str(file)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_package_whose_hash_does_not_match_is_refused(tmp_path: Path) -> None:
    pinned = entries((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    colorama = next(entry for pin, entry in pinned.items() if pin.lower().startswith("colorama=="))
    assert pip_check(colorama, tmp_path / "good").returncode == 0

    tampered = re.sub(r"--hash=sha256:[0-9a-f]{64}", WRONG_HASH, colorama)
    result = pip_check(tampered, tmp_path / "bad")
    assert result.returncode != 0
    assert "DO NOT MATCH THE HASHES" in result.stderr
