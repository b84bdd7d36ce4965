"""The sections of CHANGELOG.md (Keep a Changelog: `## [2.0.0] - 2027-01-15`) between two releases."""

from __future__ import annotations

import re

from .versions import Version, parse_version

_HEADING = re.compile(r"^## \[([^\]]+)\]")
# A link reference at the end of the file, `[2.0.0]: https://...`: not part of the last section.
_LINK_REFERENCE = re.compile(r"^\[[^\]]+\]: ")


def sections_between(text: str, after: Version, up_to: Version) -> list[str]:
    """Each section of a release newer than `after` and not newer than `up_to`, as written, in the file's order."""
    sections: list[tuple[Version | None, list[str]]] = []
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            sections.append((parse_version(heading.group(1)), [line]))
        elif line.startswith(("## ", "# ")):
            sections.append((None, [line]))
        elif sections and not _LINK_REFERENCE.match(line):
            sections[-1][1].append(line)
    return ["\n".join(lines).strip() for version, lines in sections if version is not None and after < version <= up_to]
