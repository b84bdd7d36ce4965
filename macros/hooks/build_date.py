"""MkDocs hook (see `hooks:` in macros/machinery.yml): makes two builds of one commit byte-identical.

MkDocs stamps the sitemap and sitemap.xml.gz with the build time unless
SOURCE_DATE_EPOCH is set. We set it to the time of the last commit, so the
dates mean "last changed" and do not depend on when or where the build runs.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

# For a copy without git history (a downloaded archive): 2026-01-01T00:00:00Z.
FALLBACK_EPOCH = "1767225600"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = last_commit_epoch(Path(config.config_file_path).parent)
    return config


def last_commit_epoch(project: Path) -> str:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return FALLBACK_EPOCH
    return result.stdout.strip() or FALLBACK_EPOCH
