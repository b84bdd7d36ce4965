"""The conversion changes dozens of files: it runs only where git can show each change and undo them all.

`make upgrade-template` (scripts/upgrade_template/) asks the same of a fork, naming itself in the lines.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .problems import Refused

UNDO = "git checkout -- . && git clean -fd"
COMMAND = "make new-owner"


def require_clean_work_tree(project: Path, command: str = COMMAND) -> None:
    """Refused unless `project` is in a git work tree with nothing uncommitted (`git status --porcelain` is empty).

    `command` names what would change the files, in the line that refuses.
    """
    if not project.is_dir():
        raise Refused(f"{project}: there is no such folder; nothing was changed")
    inside = _git(project, "rev-parse", "--is-inside-work-tree", command=command)
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise Refused(
            f"{project} is not in a git work tree; commit the site first (git init && git add -A && git commit), "
            f"so that every change {command} makes can be seen and undone; nothing was changed"
        )
    status = _git(project, "status", "--porcelain", command=command)
    if status.returncode != 0:
        raise Refused(f"git status failed in {project}: {_first_line(status.stderr)}; nothing was changed")
    changed = status.stdout.splitlines()
    if changed:
        example = changed[0][3:]
        raise Refused(
            f"the git work tree has uncommitted changes ({len(changed)} path{'s' if len(changed) != 1 else ''}, e.g. {example}); "
            f"commit or stash them first, so that what {command} changes can be seen and undone on its own; nothing was changed"
        )


def tracked_files(project: Path, folder: str, command: str = COMMAND) -> set[Path]:
    """The files under `folder` that git keeps, so that a removal can be undone; an ignored file is not among them."""
    listed = _git(project, "ls-files", "-z", "--", folder, command=command)
    if listed.returncode != 0:
        raise Refused(f"git ls-files failed in {project}: {_first_line(listed.stderr)}; nothing was changed")
    return {project / name for name in listed.stdout.split("\0") if name}


def _git(project: Path, *arguments: str, command: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *arguments],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
            # Only reads: no lock on the index, which another git command may be holding.
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except FileNotFoundError:
        raise Refused(
            f"git is not installed; install it and commit the site, so that {command}'s changes can be undone; nothing was changed"
        ) from None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "no message"
