"""template.yml, the manifest: the release's version, the template's repository, its paths and the owner's.

A path is a file's path from the project's root, as git lists it. An entry
ending in / is a folder and takes everything under it; an entry may hold the
wildcards * and ? within one level (requirements*.txt); a content entry
starting with ! leaves its paths out of the entries before it (docs/ is the
owner's, but "!docs/assets/css/" is not).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from .versions import Version, parse_version

MANIFEST = "template.yml"


class ManifestProblem(Exception):
    """What is wrong with a template.yml, as one line naming it."""


@dataclass(frozen=True)
class Manifest:
    version: Version
    repository: str | None
    owns: tuple[str, ...]
    content: tuple[str, ...]

    def owned(self, path: str) -> bool:
        """The template's path: an upgrade replaces it."""
        return any(matches(entry, path) for entry in self.owns)

    def yours(self, path: str) -> bool:
        """The owner's path (content): an upgrade never writes or removes it."""
        found = False
        for entry in self.content:
            if entry.startswith("!"):
                found = found and not matches(entry[1:], path)
            elif matches(entry, path):
                found = True
        return found


def matches(entry: str, path: str) -> bool:
    """`path` is the file `entry` names, or lies in the folder it names, level by level with * and ? inside a level."""
    wanted, parts = entry.rstrip("/").split("/"), path.split("/")
    if entry.endswith("/"):
        return len(parts) > len(wanted) and all(fnmatchcase(part, pattern) for part, pattern in zip(parts, wanted, strict=False))
    return len(parts) == len(wanted) and all(fnmatchcase(part, pattern) for part, pattern in zip(parts, wanted, strict=False))


def read_manifest(root: Path) -> Manifest:
    """The project's own template.yml; ManifestProblem when it is missing or not a manifest."""
    path = root / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestProblem(f"{MANIFEST} is missing: this site predates the template's releases (README, Upgrading, says how to start)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestProblem(f"{MANIFEST}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
    return parse_manifest(text, MANIFEST)


def parse_manifest(text: str, shown: str) -> Manifest:
    """A manifest's text, checked field by field; `shown` names the file in the problem's line."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ManifestProblem(f"{shown}: not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise ManifestProblem(f"{shown}: expected the settings version, repository, owns and content")
    version = parse_version(data.get("version"))
    if version is None:
        raise ManifestProblem(f"{shown}: version: expected a semantic version such as 1.0.0, got {data.get('version')!r}")
    repository = data.get("repository")
    if repository is not None and (not isinstance(repository, str) or not repository.strip()):
        raise ManifestProblem(f"{shown}: repository: expected a git URL or path, or null, got {repository!r}")
    return Manifest(version, repository, _paths(data, "owns", shown), _paths(data, "content", shown))


def _paths(data: dict[str, object], key: str, shown: str) -> tuple[str, ...]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries:
        raise ManifestProblem(f"{shown}: {key}: expected a list of paths (a folder ends in /)")
    for entry in entries:
        bare = entry[1:] if isinstance(entry, str) and key == "content" and entry.startswith("!") else entry
        if not isinstance(bare, str) or not bare.strip("/") or bare.startswith("/") or ".." in bare.split("/") or "\\" in bare:
            raise ManifestProblem(f"{shown}: {key}: {entry!r} is not a path inside the project (such as macros/ or Makefile)")
    return tuple(entries)


def with_repository(text: str, repository: str) -> str:
    """The manifest's text with its top-level repository: set to `repository`, every other character kept."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return text
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "repository":
            written = json.dumps(repository, ensure_ascii=False)
            if value.start_mark.index == value.end_mark.index:  # `repository:` with nothing after it
                written = " " + written
            return text[: value.start_mark.index] + written + text[value.end_mark.index :]
    return text
