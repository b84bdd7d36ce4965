"""A release of the template, fetched from its repository into a temporary bare repository, and its files.

Only the repository given (FROM) is contacted, by git itself: `git ls-remote`
for its tags and one shallow `git fetch` of the commit the tag names. Files
are read from git's objects, so their bytes and executable bits are the
release's exactly.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .problems import Failed, Refused
from .versions import Version, newest_tag, version_of_tag

GIT_TIMEOUT = 600
# The kinds of file a release may hold (git's modes): a file, an executable file, a symbolic link.
FILE, EXECUTABLE, LINK = "100644", "100755", "120000"


@dataclass(frozen=True)
class ReleaseFile:
    mode: str
    blob: str


@dataclass(frozen=True)
class Release:
    source: str
    ref: str
    repository: Path
    files: dict[str, ReleaseFile]

    def read(self, paths: list[str]) -> dict[str, bytes]:
        """The bytes of each of `paths` (a link's bytes are its target), in one call to git."""
        wanted = [self.files[path].blob for path in paths]
        if not wanted:
            return {}
        result = _git(["cat-file", "--batch"], self.repository, "read the release's files", stdin="\n".join(wanted) + "\n")
        contents, offset = [], 0
        for _ in wanted:
            header_end = result.index(b"\n", offset)
            size = int(result[offset:header_end].split()[2])
            contents.append(result[header_end + 1 : header_end + 1 + size])
            offset = header_end + 1 + size + 1
        return dict(zip(paths, contents, strict=True))

    def text(self, path: str) -> str | None:
        """A file of the release as text; None when it has no such file."""
        if path not in self.files:
            return None
        return self.read([path])[path].decode("utf-8", errors="replace")


def version_tags(source: str, workspace: Path) -> list[str]:
    """The tags of `source` that are versions (v1.2.0 or 1.2.0)."""
    listed = _git(["ls-remote", "--tags", "--refs", source], workspace, f"list the tags of {source}").decode("utf-8", errors="replace")
    tags = [line.split("\t", 1)[1].removeprefix("refs/tags/") for line in listed.splitlines() if "\t" in line]
    return [tag for tag in tags if version_of_tag(tag) is not None]


def newest_version_tag(source: str, workspace: Path) -> str:
    tag = newest_tag(version_tags(source, workspace))
    if tag is None:
        raise Refused(f"{source} has no tag that is a version (such as v1.2.0); give the release to take: REF=<tag>; nothing was changed")
    return tag


def fetch_release(source: str, ref: str, workspace: Path) -> Release:
    """The commit `ref` names in `source`, fetched into a bare repository under `workspace`, with its list of files."""
    repository = workspace / "release.git"
    _git(["init", "--quiet", "--bare", str(repository)], workspace, "make a temporary repository")
    try:
        _run(["fetch", "--quiet", "--depth", "1", "--no-tags", source, ref], repository)
    except _GitError as error:
        tags = version_tags(source, workspace)  # Failed in its turn when the repository cannot be reached at all
        known = f"its version tags are {', '.join(_by_version(tags))}" if tags else "it has no version tag"
        raise Refused(f"could not fetch {ref} from {source} ({error}); {known}; give one as REF=; nothing was changed") from None
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", "FETCH_HEAD"], repository, f"list the files of {ref}")
    files = {}
    for record in listing.decode("utf-8", errors="surrogateescape").split("\0"):
        if not record:
            continue
        meta, path = record.split("\t", 1)
        mode, kind, blob = meta.split()
        if kind != "blob" or mode not in (FILE, EXECUTABLE, LINK):
            raise Failed(f"{ref} of {source} holds {path}, a {kind} (mode {mode}), which an upgrade cannot copy; nothing was changed")
        files[path] = ReleaseFile(mode, blob)
    return Release(source, ref, repository, files)


def _by_version(tags: list[str]) -> list[str]:
    return sorted(tags, key=lambda tag: version_of_tag(tag) or Version(0, 0, 0))


class _GitError(Exception):
    """git's own reason for failing, its last line."""


def _git(arguments: list[str], where: Path, doing: str, stdin: str | None = None) -> bytes:
    """git's output as bytes; Failed, with what it was doing and git's reason, when it fails."""
    try:
        return _run(arguments, where, stdin)
    except _GitError as error:
        raise Failed(f"could not {doing}: {error}; nothing was changed") from None


def _run(arguments: list[str], where: Path, stdin: str | None = None) -> bytes:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        result = subprocess.run(
            ["git", *arguments],
            cwd=where,
            input=stdin.encode("utf-8") if stdin is not None else None,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env=environment,
        )
    except FileNotFoundError:
        raise Failed("git is not installed; install it and run make upgrade-template again; nothing was changed") from None
    except subprocess.TimeoutExpired:
        raise _GitError(f"git did not finish in {GIT_TIMEOUT} s") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise _GitError(message[-1].removeprefix("fatal: ") if message else f"git exited with {result.returncode}")
    return result.stdout
