"""Semantic versions (MAJOR.MINOR.PATCH, https://semver.org): the releases' numbers, their tags and their migrations' names."""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
# A release's tag: its version, with or without a leading v (v2.0.0, 2.0.0).
_TAG = re.compile(r"v?" + _VERSION.pattern)
# A migration's module: scripts/upgrade_template/migrations/v2_0_0.py runs on the way to 2.0.0.
_MODULE = re.compile(r"v(0|[1-9][0-9]*)_(0|[1-9][0-9]*)_(0|[1-9][0-9]*)")


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def parse_version(text: object) -> Version | None:
    """'2.0.0' -> Version(2, 0, 0); None for anything else (a pre-release such as 2.0.0-rc.1 too)."""
    match = _VERSION.fullmatch(text) if isinstance(text, str) else None
    return Version(*(int(part) for part in match.groups())) if match else None


def version_of_tag(tag: str) -> Version | None:
    match = _TAG.fullmatch(tag)
    return Version(*(int(part) for part in match.groups())) if match else None


def version_of_module(stem: str) -> Version | None:
    match = _MODULE.fullmatch(stem)
    return Version(*(int(part) for part in match.groups())) if match else None


def newest_tag(tags: list[str]) -> str | None:
    """The tag of the highest version among `tags` (v2.10.0 above v2.9.1); None when no tag is a version."""
    versioned = [(version, tag) for tag in tags if (version := version_of_tag(tag)) is not None]
    return max(versioned)[1] if versioned else None
