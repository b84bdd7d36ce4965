"""Everything make new-owner changes, worked out from the project as it is, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import starter_files
from .blank_data import blank_data_files
from .changes import Changes
from .config_file import CONFIG, new_config
from .owner import NewOwner
from .pages import previous_owners_files, starter_pages
from .problems import Refused
from .profile_file import PROFILE, new_profile
from .work_tree import tracked_files


@dataclass
class Conversion:
    changes: Changes
    emptied: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    untracked: list[Path] = field(default_factory=list)


def plan_conversion(project: Path, owner: NewOwner) -> Conversion:
    """The files to remove and write; Refused, with nothing changed, when a file cannot be read."""
    try:
        return _plan(project, owner)
    except OSError as error:
        shown = Path(error.filename).relative_to(project) if error.filename and Path(error.filename).is_relative_to(project) else error.filename
        raise Refused(f"{shown or 'a file of the project'}: {error.strerror or error}; nothing was changed") from None
    except UnicodeDecodeError as error:
        raise Refused(f"a file of the project is not UTF-8 text ({error.reason}); nothing was changed") from None


def _plan(project: Path, owner: NewOwner) -> Conversion:
    config = project / CONFIG
    docs = project / "docs"
    changes = Changes(project)
    changes.writes[config] = new_config(config.read_bytes().decode("utf-8"), owner, starter_files.nav()).encode("utf-8")
    changes.writes[project / PROFILE] = new_profile(owner)
    data_files, data_removals, left = blank_data_files(project / "data")
    changes.writes.update(data_files)
    changes.removals, untracked = previous_owners_files(docs, tracked_files(project, "docs")) if docs.is_dir() else ([], [])
    changes.removals += data_removals
    changes.writes.update(starter_pages(docs))
    return Conversion(changes, emptied=[path.stem for path in data_files], left=left, untracked=untracked)
