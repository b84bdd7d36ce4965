"""The date the outputs carry: SOURCE_DATE_EPOCH, which build_date.py sets to the last commit's time."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def source_date() -> datetime | None:
    """When the source last changed, so two builds of one commit print the same date; None outside a build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() else None
