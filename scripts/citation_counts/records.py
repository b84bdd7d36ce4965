"""The values that pass between the modules: a look-up's outcome, a count's entry in data/citations.yml, the totals."""

from __future__ import annotations

import re
from dataclasses import dataclass

# An OpenAlex work's id, as OpenAlex writes it and data/citations.yml keeps it.
WORK_ID = re.compile(r"https://openalex\.org/W[0-9]+")
# A publication's key (common.schema.json's `key`): it names the paper's entry in data/citations.yml.
KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
KEY_LENGTH = 64


@dataclass(frozen=True)
class Counted:
    """OpenAlex's work for the paper, and how many works cite it."""

    work: str
    count: int


@dataclass(frozen=True)
class NotCounted:
    """Why there is no count for the paper this time, in words for the report."""

    reason: str


Outcome = Counted | NotCounted


@dataclass(frozen=True)
class Entry:
    """One paper's count as data/citations.yml keeps it; `fetched` is the day that count was first seen."""

    count: int
    work: str
    fetched: str  # YYYY-MM-DD


@dataclass(frozen=True)
class Totals:
    citations: int
    h_index: int
    i10_index: int
