"""`mkdocs gh-deploy` publishes the whole site to the gh-pages branch, and a redeploy replaces it correctly.

The remote is a local bare repository, so nothing leaves the machine.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from site_helpers import ROOT, copy_project, load_data, load_mkdocs_config, nav_sources, page_url, run_mkdocs

pytestmark = pytest.mark.expensive

# Files the published branch must hold besides one page per nav entry, each when the data kind it
# shows has entries (None: always); "{publication}" expands to every key in data/publications.yml.
EXTRA_EXPECTED_FILES: tuple[tuple[str, str | None], ...] = (
    ("feed.xml", "news"),
    ("publications.bib", "publications"),
    ("publications.json", "publications"),
    ("publications.ris", "publications"),
    ("robots.txt", None),
    ("publications/{publication}/index.html", "publications"),
    ("publications/{publication}.bib", "publications"),
    ("publications/{publication}.ris", "publications"),
)

ALWAYS_EXPECTED_FILES = (
    "index.html",
    "404.html",
    ".nojekyll",  # without it GitHub runs Jekyll, which drops folders that start with "_"
    "sitemap.xml",
)
DEPLOY_MESSAGE = "Deploy {sha} with MkDocs {version}"
NEW_LEAD = "Redeployed lead 7c1f, shown by the second deploy."


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout


def built_path(source: str) -> str:
    """Where a page lands with directory URLs: vision.md -> vision/index.html, research/index.md -> research/index.html."""
    return f"{page_url(source)}index.html"


def plugin_names(config: dict) -> set[str]:
    return {next(iter(plugin)) if isinstance(plugin, dict) else plugin for plugin in config.get("plugins", ["search"])}


def expected_files(project: Path) -> set[str]:
    config = load_mkdocs_config(project)
    publications = load_data(project, "publications")
    extras = set()
    for pattern, kind in EXTRA_EXPECTED_FILES:
        if kind is not None and not load_data(project, kind):
            continue
        if "{publication}" in pattern:
            extras |= {pattern.format(publication=pub["key"]) for pub in publications}
        else:
            extras.add(pattern)
    if "search" in plugin_names(config):
        extras.add("search/search_index.json")
    favicon = config.get("theme", {}).get("favicon")
    if favicon:
        extras.add(favicon)
    return set(ALWAYS_EXPECTED_FILES) | {built_path(source) for source in nav_sources(project)} | extras


def published_files(remote: Path) -> set[str]:
    return set(git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines())


def published_text(remote: Path, name: str) -> str:
    return git(remote, "show", f"gh-pages:{name}")


def gh_deploy(clone: Path) -> None:
    result = run_mkdocs(clone, "gh-deploy", "--strict", "--force", "--message", DEPLOY_MESSAGE, timeout=180)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True, timeout=60)
    return bare


@pytest.fixture
def clone(tmp_path: Path, remote: Path) -> Path:
    """A git checkout of the project whose `origin` is the bare remote."""
    work = copy_project(tmp_path / "clone")
    git(work, "init", "--quiet", "--initial-branch=main")
    git(work, "config", "user.name", "Deploy Test")
    git(work, "config", "user.email", "deploy-test@example.invalid")
    git(work, "config", "commit.gpgsign", "false")
    git(work, "add", "--all")
    git(work, "commit", "--quiet", "--message", "site source")
    git(work, "remote", "add", "origin", str(remote))
    git(work, "push", "--quiet", "origin", "main")
    return work


def test_gh_deploy_publishes_every_page_search_index_sitemap_and_nojekyll(clone: Path, remote: Path) -> None:
    gh_deploy(clone)
    files = published_files(remote)
    missing = expected_files(clone) - files
    assert not missing, f"missing on gh-pages: {sorted(missing)}"
    assert published_text(remote, ".nojekyll") == ""
    source_sha = git(clone, "rev-parse", "--short", "HEAD").strip()
    assert source_sha in git(remote, "log", "-1", "--format=%s", "gh-pages")
    # The source branch is untouched; only gh-pages carries the build.
    assert "mkdocs.yml" in git(remote, "ls-tree", "--name-only", "main")
    assert "mkdocs.yml" not in files


def test_a_cname_in_docs_is_published_as_cname_unchanged(clone: Path, remote: Path) -> None:
    cname = "www.example.org\n"
    (clone / "docs" / "CNAME").write_text(cname, encoding="utf-8")
    gh_deploy(clone)
    assert published_text(remote, "CNAME") == cname
    assert {"index.html", ".nojekyll"} <= published_files(remote)


def page_words(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def pages_showing(remote: Path, text: str) -> set[str]:
    """The published HTML pages whose visible words hold `text`."""
    wanted = " ".join(text.split())
    return {name for name in published_files(remote) if name.endswith(".html") and wanted in page_words(published_text(remote, name))}


def test_a_redeploy_after_a_data_change_publishes_the_new_text_and_keeps_nojekyll(clone: Path, remote: Path) -> None:
    gh_deploy(clone)
    # The profile's lead, which every site has, changed as an owner changes it: in the data, whatever the file's layout.
    profile_file = clone / "data" / "profile.yml"
    profile = yaml.safe_load(profile_file.read_text(encoding="utf-8"))
    old_lead = profile["lead"]
    showing = pages_showing(remote, old_lead)
    assert showing, "no published page shows the profile's lead"
    profile["lead"] = NEW_LEAD
    schema_line = profile_file.read_text(encoding="utf-8").splitlines()[0]
    profile_file.write_text(f"{schema_line}\n" + yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    git(clone, "commit", "--quiet", "--all", "--message", "lead")

    gh_deploy(clone)
    assert pages_showing(remote, NEW_LEAD) == showing
    assert pages_showing(remote, old_lead) == set()
    files = published_files(remote)
    assert ".nojekyll" in files
    assert not expected_files(clone) - files
    # History is kept: one commit per deploy.
    assert git(remote, "rev-list", "--count", "gh-pages").strip() == "2"


def test_make_deploy_runs_the_same_strict_forced_gh_deploy() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ndeploy: $(STAMP)\n\t$(BIN)/mkdocs gh-deploy --strict --force" in makefile
