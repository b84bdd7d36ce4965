"""Take a newer release of the template (`make upgrade-template FROM=<git URL or path> REF=<tag>`).

Usage: python -m scripts.upgrade_template [--from SOURCE] [--ref TAG] [--project DIR]

Run from the project's root, in a git work tree with nothing uncommitted.
SOURCE is the template's repository (default: template.yml's repository);
TAG a release's tag (default: SOURCE's newest version tag, such as v2.0.0),
which must be newer than the site's release. The paths the template owns
(template.yml's owns, in either release) become the new release's, byte for
byte; the owner's (mkdocs.yml, data/*.yml, docs/ but its stylesheets and
script) are never written, except by the new release's data migrations,
which run next, in version order, each change named in a line. Then the
changelog of the releases in between is shown, and the strict build and the
owner-site tests run. Nothing is committed: the owner reviews the changes
with git diff and commits them.

Exit status: 0 when the site is upgraded and both checks pass; 2 when it
refused to start (nothing changed); 1 when something failed (the line says
whether anything changed and how to undo it); never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from scripts.new_owner.work_tree import require_clean_work_tree, tracked_files

from .changelog import sections_between
from .checks import Outcome, owner_site_tests, strict_build
from .manifest import MANIFEST, Manifest, ManifestProblem, parse_manifest, read_manifest, with_repository
from .migrating import migrations_between, run_migrations
from .problems import COMMAND, FAILED, INTERRUPTED, REFUSED, UNDO, Failed, Refused
from .release import Release, fetch_release, newest_version_tag
from .replacement import Replacement, plan_replacement

ROOT = Path(__file__).resolve().parents[2]
CHANGELOG = "CHANGELOG.md"


def main(arguments: list[str]) -> int:
    options = _parser().parse_args(arguments)
    try:
        return _run(options.project.resolve(), options.source.strip(), options.ref.strip())
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return REFUSED
    except Failed as failure:
        print(failure, file=sys.stderr)
        return FAILED
    except KeyboardInterrupt:
        print(f"interrupted; git status shows what changed, and `{UNDO}` undoes it", file=sys.stderr)
        return INTERRUPTED


def _run(root: Path, source: str, ref: str) -> int:
    require_clean_work_tree(root, COMMAND)
    old = _own_manifest(root)
    source = _source(source or old.repository or "")
    with tempfile.TemporaryDirectory(prefix="upgrade-template-") as workspace:
        ref = ref or newest_version_tag(source, Path(workspace))
        release = fetch_release(source, ref, Path(workspace))
        new = _release_manifest(release)
        if not new.version > old.version:
            raise Refused(f"{ref} is release {new.version}, not newer than this site's {old.version} ({MANIFEST}); nothing was changed")
        tracked = sorted(path.relative_to(root).as_posix() for path in tracked_files(root, ".", COMMAND))
        replacement = plan_replacement(root, old, new, release, tracked)
        changelog = release.text(CHANGELOG) or ""
        replacement.apply()
    kept = _keep_repository(root, old, new)
    print(f"Upgrading the template from {old.version} to {new.version} ({ref} of {source}):")
    _report_replacement(replacement, kept)
    _report_migrations(run_migrations(root, migrations_between(root, old.version, new.version)))
    _report_changelog(sections_between(changelog, old.version, new.version), old, new)
    return _report_checks(root, new)


def _own_manifest(root: Path) -> Manifest:
    try:
        return read_manifest(root)
    except ManifestProblem as problem:
        raise Refused(f"{problem}; an upgrade needs to know the site's release and the template's paths; nothing was changed") from None


def _release_manifest(release: Release) -> Manifest:
    text = release.text(MANIFEST)
    if text is None:
        raise Failed(f"{release.ref} of {release.source} has no {MANIFEST}, so it is not a release this command can take; nothing was changed")
    try:
        return parse_manifest(text, f"{MANIFEST} of {release.ref}")
    except ManifestProblem as problem:
        raise Failed(f"{problem}; nothing was changed") from None


def _source(source: str) -> str:
    """The repository to fetch: FROM, or else the manifest's; a local folder as an absolute path."""
    if not source:
        raise Refused(
            f"no template repository to upgrade from: {MANIFEST} records none (repository: null); "
            f"give it: {COMMAND} FROM=<git URL or path of the template>"
        )
    local = Path(source).expanduser()
    return str(local.resolve()) if "://" not in source and local.exists() else source


def _keep_repository(root: Path, old: Manifest, new: Manifest) -> str | None:
    """The fork's repository setting, kept when the new release records none (the fork set it, as template.yml asks)."""
    if new.repository is not None or old.repository is None:
        return None
    path = root / MANIFEST
    path.write_text(with_repository(path.read_text(encoding="utf-8"), old.repository), encoding="utf-8")
    return old.repository


def _report_replacement(replacement: Replacement, kept: str | None) -> None:
    changes = len(replacement.added) + len(replacement.changed) + len(replacement.removed)
    print(
        f"  The template's files: {len(replacement.changed)} changed, {len(replacement.added)} added, "
        f"{len(replacement.removed)} removed, {replacement.unchanged} unchanged; yours untouched."
    )
    for word, paths in (("changed", replacement.changed), ("added", replacement.added), ("removed", replacement.removed)):
        for path in paths:
            print(f"    {word}: {path}")
    if not changes:
        print("    (no file of the template differs between the two releases)")
    if kept is not None:
        print(f"    {MANIFEST}: kept repository: {kept} (the new release records none)")


def _report_migrations(lines: list[str]) -> None:
    if not lines:
        print("  Data migrations: none needed; your data is as it was.")
        return
    print(f"  Data migrations: {len(lines)} change{'s' if len(lines) != 1 else ''} to your data:")
    for line in lines:
        print(f"    {line}")


def _report_changelog(sections: list[str], old: Manifest, new: Manifest) -> None:
    if not sections:
        print(f"\n{CHANGELOG} of {new.version} has no section for the releases after {old.version}.")
        return
    print(f"\nWhat changed since {old.version} ({CHANGELOG}):\n")
    print("\n\n".join(sections))


def _report_checks(root: Path, new: Manifest) -> int:
    print("\nChecking the upgraded site: the strict build...", flush=True)
    build = strict_build(root)
    _report_outcome("Strict build", build)
    if build.passed:
        print("Then the owner-site tests (this takes a while):", flush=True)
        tests = owner_site_tests(root)
    else:
        tests = Outcome(False, "not run, since the build failed", [])
    _report_outcome("Owner-site tests", tests)
    commit = f'git add -A && git commit -m "Upgrade the template to {new.version}"'
    if build.passed and tests.passed:
        print(
            f"\nThe site is upgraded to {new.version}; nothing is committed yet. Review the changes (git status, git diff), "
            f"then commit them:\n  {commit}"
        )
        return 0
    failed = "the owner-site tests" if build.passed else "the strict build (so the owner-site tests did not run)"
    print(
        f"\nThe upgrade to {new.version} is in place but {failed} failed; nothing is committed. Fix what the lines above name "
        f"and commit ({commit}), or undo the whole upgrade: {UNDO}",
        file=sys.stderr,
    )
    return FAILED


def _report_outcome(name: str, outcome: Outcome) -> None:
    print(f"  {name}: {outcome.summary}")
    for line in outcome.details:
        print(f"    {line}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scripts.upgrade_template", description="Take a newer release of the template.")
    parser.add_argument(
        "--from", dest="source", default="", metavar="SOURCE", help=f"the template's git URL or path (default: {MANIFEST}'s repository)"
    )
    parser.add_argument("--ref", default="", metavar="TAG", help="the release's tag (default: the newest version tag of SOURCE)")
    parser.add_argument("--project", type=Path, metavar="DIR", default=ROOT, help="the project folder (default: this repository)")
    return parser


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
