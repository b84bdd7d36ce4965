"""`make upgrade-template FROM=... REF=...` takes a newer release of the template into a fork without a merge.

The module makes an "old release" in a git repository of its own (this
repository's files as they are, tagged v1.0.0), a fork of it (a clone) with
content of its own, and then a "new release" in the template's repository:
a changed template, a data field renamed (software's `repository` becomes
`code`, in the schema, the templates and the fixtures, with its migration),
a removed file, a changelog section and the version 2.0.0 (tagged v2.0.0).
The fork takes it with the real Makefile target, once; the refusals run on
fresh clones. The fork uses this environment's Python (BIN=) and a stamp
outside it (STAMP=), so make installs nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from fork_helpers import OWNER_SITE_TESTS, RENDER_CACHES
from site_helpers import ROOT

from scripts.upgrade_template.checks import OWNER_SITE_TESTS as UPGRADE_OWNER_SITE_TESTS
from scripts.upgrade_template.fields import rename_field
from scripts.upgrade_template.manifest import parse_manifest

OLD_FIELD, NEW_FIELD = "repository", "code"
REMOVED = "tests/machinery/test_import_venues.py"
CHANGED_TEMPLATE = "overrides/404.html"
FORK_SITE_NAME = "Quinn Forkwright"
ADDED_SOFTWARE = {"name": "Forked Tool", "summary": "A tool of the fork's own.", OLD_FIELD: "https://example.org/forked-tool"}
CHANGELOG_ENTRY = (
    "## [2.0.0] - 2027-01-15\n\n"
    "### Changed\n\n"
    "- Software entries name their code's address `code`, not `repository`; the migration renames the field in data/software.yml.\n\n"
)
MIGRATION = '''"""2.0.0: a software entry names its code's address `code`, not `repository`."""

from pathlib import Path

from scripts.upgrade_template.fields import rename_field


def migrate(root: Path) -> list[str]:
    return rename_field(root / "data" / "software.yml", "repository", "code")
'''
GIT_ENVIRONMENT = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org"}
GIT_ENVIRONMENT |= {"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
MAKE_TIMEOUT = 1200


def git(repository: Path, *arguments: str) -> str:
    command = ["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main", *arguments]
    return subprocess.run(command, cwd=repository, capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENVIRONMENT}).stdout


def commit_all(repository: Path, message: str) -> None:
    git(repository, "add", "--all")
    git(repository, "commit", "--quiet", "--message", message)


def run_make(project: Path, *variables: str) -> subprocess.CompletedProcess[str]:
    """`make upgrade-template` in `project`, with this environment's Python standing in for the project's .venv."""
    stamp = project.parent / f"{project.name}-installed"
    stamp.touch()  # newer than the clone's requirements.txt, so make installs nothing
    drop = ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "FROM", "REF")
    environment = {key: value for key, value in os.environ.items() if key not in drop} | GIT_ENVIRONMENT
    command = ["make", "--no-print-directory", "upgrade-template", f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}", *variables]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=MAKE_TIMEOUT, env=environment)


def tree_state(root: Path) -> dict[str, str]:
    """Every file outside .git, by its path, as a digest of its bytes and its executable bit."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() + ("x" if os.access(path, os.X_OK) else "")
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def listed_files(repository: Path) -> list[str]:
    """The files git tracks or would track (not ignored), that are there."""
    names = git(repository, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    return sorted({name for name in names if name and (repository / name).is_file()})


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line the command wrote to stderr, make's own "Error 2" line left out."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert len(lines) == 1, result.stdout + result.stderr
    return lines[0]


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- the old release, a fork of it, the new release ---------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    repository: Path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """This repository's files as they are (committed or not, git's ignored files left out), committed and tagged v1.0.0."""
    repository = tmp_path_factory.mktemp("upgrade") / "template"
    repository.mkdir()
    for name in listed_files(ROOT):
        (repository / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repository / name, follow_symlinks=False)
    git(repository, "init", "--quiet")
    commit_all(repository, "Release 1.0.0")
    git(repository, "tag", "v1.0.0")
    return Template(repository)


def clone(template: Template, destination: Path, tag: str = "v1.0.0") -> Path:
    git(destination.parent, "clone", "--quiet", "--branch", tag, str(template.repository), destination.name)
    git(destination, "switch", "--quiet", "--create", "site")
    return destination


@pytest.fixture(scope="module")
def fork(template: Template, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of release 1.0.0 made the owner's: another site name, an edited and an added software entry, edited pages."""
    destination = clone(template, tmp_path_factory.mktemp("fork") / "site")
    # The site's name, and the home page's title with it (a page titled as the site shows the name once).
    for path, key in ((destination / "mkdocs.yml", "site_name"), (destination / "docs" / "index.md", "title")):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"^{key}: .*$", f"{key}: {FORK_SITE_NAME}", text, count=1, flags=re.M), encoding="utf-8")
    software = destination / "data" / "software.yml"
    first = yaml.safe_load(software.read_text(encoding="utf-8"))[0]
    replace_text(software, f"- name: {first['name']}\n", f"- name: {first['name']} Edited\n")
    addition = yaml.safe_dump([ADDED_SOFTWARE], allow_unicode=True, sort_keys=False)
    software.write_text(software.read_text(encoding="utf-8") + addition, encoding="utf-8")
    about = destination / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA paragraph the fork's owner wrote.\n", encoding="utf-8")
    commit_all(destination, "The fork's own content")
    # The render caches only save time (a card or a PDF is rendered again when what it shows changes).
    for cache in RENDER_CACHES:
        if (ROOT / ".cache" / cache).is_dir():
            shutil.copytree(ROOT / ".cache" / cache, destination / ".cache" / cache)
    return destination


@dataclass(frozen=True)
class NewRelease:
    repository: Path
    files: dict[str, tuple[str, bytes]]  # path -> (git's mode, bytes), as tagged v2.0.0


@pytest.fixture(scope="module")
def new_release(template: Template, fork: Path) -> NewRelease:
    """Release 2.0.0, made after the fork: software's `repository` renamed `code` with its migration, a changed
    template, a removed file, its changelog section and its version."""
    root = template.repository
    schema = root / "data" / "schemas" / "software.schema.json"
    replace_text(schema, f'"{OLD_FIELD}"', f'"{NEW_FIELD}"')
    replace_text(root / "macros" / "templates" / "software.html", f"entry.{OLD_FIELD}", f"entry.{NEW_FIELD}")
    replace_text(root / "macros" / "templates" / "cv" / "software.typ", f"item.{OLD_FIELD}", f"item.{NEW_FIELD}")
    fixtures = root / "tests" / "fixtures"
    for data in (root / "data" / "software.yml", fixtures / "project" / "data" / "software.yml", fixtures / "hostile_data" / "software.yml"):
        assert rename_field(data, OLD_FIELD, NEW_FIELD), data
    replace_text(root / "README.md", f"`name`, `{OLD_FIELD}` (and", f"`name`, `{NEW_FIELD}` (and")
    (root / "scripts" / "upgrade_template" / "migrations" / "v2_0_0.py").write_text(MIGRATION, encoding="utf-8")
    page = root / CHANGED_TEMPLATE
    page.write_text("{#- Release 2.0.0 changed this template. -#}\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    (root / REMOVED).unlink()
    replace_text(root / "CHANGELOG.md", "## [Unreleased]\n\n", "## [Unreleased]\n\n" + CHANGELOG_ENTRY)
    replace_text(root / "template.yml", "\nversion: 1.0.0\n", "\nversion: 2.0.0\n")
    replace_text(root / "pyproject.toml", '\nversion = "1.0.0"\n', '\nversion = "2.0.0"\n')
    commit_all(root, "Release 2.0.0")
    git(root, "tag", "v2.0.0")
    files = {}
    for line in git(root, "ls-tree", "-r", "v2.0.0").splitlines():
        meta, path = line.split("\t", 1)
        files[path] = (meta.split()[0], (root / path).read_bytes())
    return NewRelease(root, files)


@dataclass(frozen=True)
class Upgrade:
    result: subprocess.CompletedProcess[str]
    before: dict[str, bytes]
    seconds: float


@pytest.fixture(scope="module")
def upgrade(fork: Path, new_release: NewRelease) -> Upgrade:
    before = {name: (fork / name).read_bytes() for name in listed_files(fork)}
    start = time.monotonic()
    result = run_make(fork, f"FROM={new_release.repository}", "REF=v2.0.0")
    return Upgrade(result, before, time.monotonic() - start)


# --- the upgrade ----------------------------------------------------------------------------------------------------


def test_the_upgrade_succeeds_and_leaves_its_changes_uncommitted(fork: Path, upgrade: Upgrade) -> None:
    print(f"make upgrade-template took {upgrade.seconds:.0f} s")
    assert upgrade.result.returncode == 0, upgrade.result.stdout[-8000:] + upgrade.result.stderr[-3000:]
    assert "Traceback" not in upgrade.result.stderr
    assert "Upgrading the template from 1.0.0 to 2.0.0" in upgrade.result.stdout
    assert "nothing is committed yet" in upgrade.result.stdout
    assert 'git add -A && git commit -m "Upgrade the template to 2.0.0"' in upgrade.result.stdout
    assert git(fork, "log", "-1", "--format=%s") == "The fork's own content\n"
    assert git(fork, "status", "--porcelain"), "the changes wait in the work tree"


def test_every_content_file_is_as_the_owner_left_it_but_the_migrated_field(fork: Path, upgrade: Upgrade) -> None:
    manifest = parse_manifest(upgrade.before["template.yml"].decode("utf-8"), "template.yml")
    content = sorted(name for name in upgrade.before if manifest.yours(name))
    assert {"mkdocs.yml", "data/software.yml", "docs/index.md", "docs/about.md"} <= set(content)
    changed = [name for name in content if (fork / name).read_bytes() != upgrade.before[name]]
    assert changed == ["data/software.yml"]
    assert all((fork / name).exists() for name in content)
    assert FORK_SITE_NAME in (fork / "mkdocs.yml").read_text(encoding="utf-8")

    old_lines = upgrade.before["data/software.yml"].decode("utf-8").splitlines(keepends=True)
    new_lines = (fork / "data" / "software.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    root = yaml.compose("".join(old_lines), Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.SequenceNode)
    key_lines = {key.start_mark.line for entry in root.value for key, _ in entry.value if key.value == OLD_FIELD}
    assert len(key_lines) == len(root.value), "every entry, the added one too, names its repository"
    assert len(new_lines) == len(old_lines)
    for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=True)):
        expected = old.replace(f"{OLD_FIELD}:", f"{NEW_FIELD}:", 1) if number in key_lines else old
        assert new == expected, f"line {number + 1}"


def test_every_template_path_is_the_new_releases_and_the_removed_file_is_gone(fork: Path, new_release: NewRelease, upgrade: Upgrade) -> None:
    manifest = parse_manifest(new_release.files["template.yml"][1].decode("utf-8"), "template.yml")
    owned = {path: value for path, value in new_release.files.items() if manifest.owned(path)}
    assert REMOVED not in owned and CHANGED_TEMPLATE in owned
    for path, (mode, data) in owned.items():
        assert (fork / path).read_bytes() == data, path
        assert bool((fork / path).stat().st_mode & stat.S_IXUSR) == (mode == "100755"), path
    assert [name for name in listed_files(fork) if manifest.owned(name) and name not in owned] == []
    assert not (fork / REMOVED).exists()
    assert f"removed: {REMOVED}" in upgrade.result.stdout
    assert f"changed: {CHANGED_TEMPLATE}" in upgrade.result.stdout
    assert "added: scripts/upgrade_template/migrations/v2_0_0.py" in upgrade.result.stdout


def test_the_output_names_each_migrated_entry_and_shows_the_new_changelog_section(fork: Path, upgrade: Upgrade) -> None:
    entries = yaml.safe_load(upgrade.before["data/software.yml"])
    renamed = [line for line in upgrade.result.stdout.splitlines() if f"field '{OLD_FIELD}' renamed to '{NEW_FIELD}'" in line]
    assert len(renamed) == len(entries)
    for entry, line in zip(entries, renamed, strict=True):
        assert line.strip().startswith("v2_0_0.py: data/software.yml line "), line
        assert f"(entry {entry['name']!r})" in line, line
    assert CHANGELOG_ENTRY.strip() in upgrade.result.stdout
    assert "## [1.0.0]" not in upgrade.result.stdout, "the fork's own release is not news to it"


def test_the_strict_build_and_the_owner_site_tests_it_ran_passed(upgrade: Upgrade) -> None:
    lines = upgrade.result.stdout.splitlines()
    assert "  Strict build: passed" in lines
    [tests] = [line for line in lines if line.startswith("  Owner-site tests: ")]
    assert " passed" in tests and "failed" not in tests and "error" not in tests, tests
    assert int(tests.split("Owner-site tests: ")[1].split()[0]) > 0


def test_the_upgrade_runs_the_owner_site_tests_the_fork_tests_run() -> None:
    assert UPGRADE_OWNER_SITE_TESTS == OWNER_SITE_TESTS


# --- refusals, each on a fresh clone ---------------------------------------------------------------------------------


def test_a_dirty_work_tree_is_refused_in_one_line_and_nothing_changes(template: Template, new_release: NewRelease, tmp_path: Path) -> None:
    site = clone(template, tmp_path / "site")
    readme = site / "README.md"
    readme.write_bytes(readme.read_bytes() + b"\nA line not yet committed.\n")
    (site / "notes.txt").write_text("not yet added\n", encoding="utf-8")
    status, before = git(site, "status", "--porcelain"), tree_state(site)

    result = run_make(site, f"FROM={new_release.repository}", "REF=v2.0.0")

    assert result.returncode == 2, result.stdout + result.stderr
    line = one_line(result)
    assert "uncommitted changes (2 paths" in line and "commit or stash them first" in line and "make upgrade-template" in line, line
    assert "nothing was changed" in line
    assert git(site, "status", "--porcelain") == status
    assert tree_state(site) == before


@pytest.mark.parametrize(
    ("tag", "ref", "expected"),
    [("v1.0.0", "v1.0.0", "v1.0.0 is release 1.0.0"), ("v2.0.0", "", "v2.0.0 is release 2.0.0")],
    ids=["same release", "newest tag"],
)
def test_a_release_that_is_not_newer_is_refused_in_one_line(
    template: Template, new_release: NewRelease, tmp_path: Path, tag: str, ref: str, expected: str
) -> None:
    site = clone(template, tmp_path / "site", tag)
    before = tree_state(site)

    result = run_make(site, f"FROM={new_release.repository}", *([f"REF={ref}"] if ref else []))

    assert result.returncode == 2, result.stdout + result.stderr
    line = one_line(result)
    assert line.startswith(expected) and "not newer than this site's" in line and "nothing was changed" in line, line
    assert tree_state(site) == before


def test_without_from_and_without_a_repository_in_the_manifest_it_says_how_to_give_one(template: Template, tmp_path: Path) -> None:
    site = clone(template, tmp_path / "site")
    assert parse_manifest((site / "template.yml").read_text(encoding="utf-8"), "template.yml").repository is None
    before = tree_state(site)

    result = run_make(site)

    assert result.returncode == 2, result.stdout + result.stderr
    line = one_line(result)
    assert "no template repository to upgrade from" in line and "make upgrade-template FROM=" in line, line
    assert tree_state(site) == before


# --- rename_field, on YAML written every way ------------------------------------------------------------------------

ODD = """\ufeff# yaml-language-server: $schema=schemas/software.schema.json
# repository: a comment that names the field
- name: Plain  # repository: in a comment after a value
  repository: https://example.org/plain   # a comment after it
  details:
    repository: https://example.org/nested-stays
- name: "Quoted"\r
  "repository": 'https://example.org/quoted'\r
- {name: Flow, repository: https://example.org/flow, extra: {repository: nested-flow-stays}}
- name: Single
  'repository' : https://example.org/single
- name: Clash
  repository: https://example.org/old
  code: https://example.org/new
- name: Without
  url: https://example.org/without
- &shared
  name: Anchored
  repository: https://example.org/anchored
- *shared
- just a string
- - a nested list
"""
ODD_RENAMED = (
    ODD.replace("  repository: https://example.org/plain", "  code: https://example.org/plain")
    .replace("  \"repository\": 'https://example.org/quoted'", "  \"code\": 'https://example.org/quoted'")
    .replace("{name: Flow, repository:", "{name: Flow, code:")
    .replace("  'repository' : https://example.org/single", "  'code' : https://example.org/single")
    .replace("  repository: https://example.org/anchored", "  code: https://example.org/anchored")
)


def test_rename_field_renames_only_top_level_keys_and_keeps_every_other_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "software.yml"
    path.write_bytes(ODD.encode("utf-8"))
    path.chmod(0o640)

    lines = rename_field(path, OLD_FIELD, NEW_FIELD)

    assert path.read_bytes() == ODD_RENAMED.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert lines == [
        "data/software.yml line 4 (entry 'Plain'): field 'repository' renamed to 'code'",
        "data/software.yml line 8 (entry 'Quoted'): field 'repository' renamed to 'code'",
        "data/software.yml line 9 (entry 'Flow'): field 'repository' renamed to 'code'",
        "data/software.yml line 11 (entry 'Single'): field 'repository' renamed to 'code'",
        "data/software.yml line 13 (entry 'Clash'): field 'repository' not renamed, since the entry has 'code' already; keep one of them by hand",
        "data/software.yml line 19 (entry 'Anchored'): field 'repository' renamed to 'code'",
    ]
    assert os.listdir(tmp_path / "data") == ["software.yml"], "no temporary file left behind"


def test_rename_field_leaves_a_file_without_the_field_or_entries_alone(tmp_path: Path) -> None:
    for text in ["# only the schema line\n", "[]\n", "- name: A\n  url: https://example.org/a\n"]:
        path = tmp_path / "kind.yml"
        path.write_text(text, encoding="utf-8")
        assert rename_field(path, OLD_FIELD, NEW_FIELD) == []
        assert path.read_text(encoding="utf-8") == text
    assert rename_field(tmp_path / "missing.yml", OLD_FIELD, NEW_FIELD) == []
    assert not (tmp_path / "missing.yml").exists()
