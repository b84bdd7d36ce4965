"""The same mkdocs.yml builds strict and unchanged under ProperDocs 1.6.7, the 1.x fork of MkDocs.

MkDocs 2.0 drops plugins and Material for MkDocs reaches end of life on
2027-05-05; ProperDocs is the way out that needs no rewrite, as long as this
test stays green. ProperDocs gets its own virtual environment (built once,
cached under .cache/, rebuilt when requirements-properdocs.txt changes) so it
never mixes with the main one.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from site_helpers import ROOT, copy_project, run_mkdocs

pytestmark = pytest.mark.expensive

REQUIREMENTS = ROOT / "requirements-properdocs.txt"
VENV = ROOT / ".cache" / "properdocs-venv"
STAMP = VENV / ".installed"
PROPERDOCS_VERSION = "1.6.7"
INSTALL_TIMEOUT = 900
BUILD_TIMEOUT = 180


def pins(path: Path) -> dict[str, str]:
    """name -> version for every `name==version` line, names normalized as pip does."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def requirements_digest() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def properdocs_python() -> Path:
    """The cached ProperDocs environment's python, installing it first if it is missing or stale."""
    python = VENV / "bin" / "python"
    if STAMP.is_file() and STAMP.read_text(encoding="utf-8") == requirements_digest() and python.exists():
        return python
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=120)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes", "--requirement", str(REQUIREMENTS)],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
    )
    assert install.returncode == 0, f"pip could not install {REQUIREMENTS.name}:\n{install.stderr[-4000:]}"
    # Written last, so an interrupted install is redone next time.
    STAMP.write_text(requirements_digest(), encoding="utf-8")
    return python


def html_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def main_content(page: Path) -> str:
    """A page's <article>, the part the macros and Markdown produce."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
    return str(article)


def generator(page: Path) -> str:
    tag = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("meta", attrs={"name": "generator"})
    return str(tag["content"]) if tag else ""


def test_properdocs_requirements_pin_the_same_versions_as_the_main_build() -> None:
    main, fork = pins(ROOT / "requirements.txt"), pins(REQUIREMENTS)
    assert fork["properdocs"] == PROPERDOCS_VERSION
    shared = set(main) & set(fork)
    assert {"mkdocs-material", "mkdocs-macros-plugin", "jsonschema", "pyyaml", "jinja2"} <= shared
    assert {name: fork[name] for name in shared} == {name: main[name] for name in shared}


def test_properdocs_builds_the_unchanged_project_into_the_same_pages_as_mkdocs(tmp_path: Path) -> None:
    python = properdocs_python()
    project = copy_project(tmp_path / "project")
    config_before = (project / "mkdocs.yml").read_bytes()

    fork_site = tmp_path / "properdocs-site"
    result = subprocess.run(
        [str(python), "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(fork_site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    mkdocs_site = tmp_path / "mkdocs-site"
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(mkdocs_site), timeout=BUILD_TIMEOUT)
    assert result.returncode == 0, result.stderr

    assert (project / "mkdocs.yml").read_bytes() == config_before
    # Proof that the fork, not the MkDocs its plugins declare, did the first build.
    assert generator(fork_site / "index.html").startswith(f"mkdocs-ProperDocs {PROPERDOCS_VERSION}")
    assert generator(mkdocs_site / "index.html").startswith("mkdocs-1.")

    pages = html_pages(mkdocs_site)
    assert "index.html" in pages and len(pages) > 1
    assert html_pages(fork_site) == pages
    differing = [page for page in sorted(pages) if main_content(fork_site / page) != main_content(mkdocs_site / page)]
    assert differing == [], f"pages whose content differs between ProperDocs and MkDocs: {differing}"
