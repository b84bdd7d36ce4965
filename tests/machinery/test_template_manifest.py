"""template.yml, the manifest `make upgrade-template` reads: one version everywhere, and every file the template's or yours.

The files checked are those git tracks or would track (not ignored), so a
file not yet committed counts too.
"""

from __future__ import annotations

import re
import subprocess
import tomllib

from site_helpers import ROOT

from scripts.upgrade_template.changelog import sections_between
from scripts.upgrade_template.manifest import parse_manifest, read_manifest, with_repository
from scripts.upgrade_template.migrating import MIGRATIONS
from scripts.upgrade_template.versions import Version, version_of_module

MANIFEST = read_manifest(ROOT)


def repository_files() -> list[str]:
    names = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    return sorted(name for name in names if name and (ROOT / name).is_file())


def test_pyproject_has_the_manifests_version() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == str(MANIFEST.version)


def test_every_file_is_either_the_templates_or_yours_and_none_is_both() -> None:
    files = repository_files()
    assert "mkdocs.yml" in files and "template.yml" in files
    neither = [name for name in files if not MANIFEST.owned(name) and not MANIFEST.yours(name)]
    both = [name for name in files if MANIFEST.owned(name) and MANIFEST.yours(name)]
    assert neither == [], "files template.yml gives to no one: add each to owns (the template's) or content (the owner's)"
    assert both == [], "files template.yml gives to both: an upgrade would refuse to touch them"


def test_the_owners_files_are_the_configuration_the_data_and_the_pages() -> None:
    yours = {name for name in repository_files() if MANIFEST.yours(name)}
    assert "mkdocs.yml" in yours and "data/profile.yml" in yours and "docs/index.md" in yours
    assert not {name for name in yours if name.startswith(("docs/assets/css/", "docs/assets/js/", "data/schemas/", "macros/"))}
    for owned in (
        "macros/machinery.yml",
        "docs/assets/css/layout.css",
        "docs/assets/js/page-setup.js",
        "template.yml",
        "CHANGELOG.md",
        "pyproject.toml",
    ):
        assert MANIFEST.owned(owned), owned


def test_the_changelog_has_an_unreleased_section_and_one_for_this_release() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## \[Unreleased\]$", text, re.M)
    newest = sections_between(text, Version(0, 0, 0), MANIFEST.version)[0]
    assert re.match(rf"## \[{re.escape(str(MANIFEST.version))}\] - \d{{4}}-\d{{2}}-\d{{2}}\n", newest), "the newest release's section first"


def test_every_migration_is_named_after_a_release_no_newer_than_this_one() -> None:
    for path in sorted((ROOT / MIGRATIONS).glob("*.py")):
        if path.name == "__init__.py":
            continue
        version = version_of_module(path.stem)
        assert version is not None, f"{path.name}: a migration is named v<major>_<minor>_<patch>.py"
        assert version <= MANIFEST.version, f"{path.name}: a migration for a release after {MANIFEST.version}"


def test_a_forks_repository_setting_is_written_into_the_manifest_with_every_other_line_kept() -> None:
    text = (ROOT / "template.yml").read_text(encoding="utf-8")
    url = "https://example.org/someone/template.git"

    edited = with_repository(text, url)

    assert parse_manifest(edited, "template.yml").repository == url
    changed = [(old, new) for old, new in zip(text.splitlines(), edited.splitlines(), strict=True) if old != new]
    assert changed == [("repository: null", f'repository: "{url}"')]
