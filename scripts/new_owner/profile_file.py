"""data/profile.yml for the new owner: the starter profile with their name; role and lead are placeholders."""

from __future__ import annotations

import re

import yaml

from . import starter_files
from .owner import NewOwner

PROFILE = "data/profile.yml"
_NAME_LINE = re.compile(r"^name:.*$", re.M)


def new_profile(owner: NewOwner) -> bytes:
    """starter/profile.yml with its name line set to the owner's, written by a YAML emitter so any name reads back as itself."""
    starter = starter_files.profile_text()
    name_line = yaml.safe_dump({"name": owner.name}, allow_unicode=True, width=1_000_000).rstrip("\n")
    text, count = _NAME_LINE.subn(lambda _: name_line, starter, count=1)
    if count != 1 or yaml.safe_load(text).get("name") != owner.name:
        raise AssertionError(f"{starter_files.STARTER / 'profile.yml'} must hold one top-level 'name:' line")
    return text.encode("utf-8")
