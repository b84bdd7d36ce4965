"""What the site derives from a person's name."""

from __future__ import annotations


def monogram(name: str) -> str:
    """'Wei Hao' -> 'WH'."""
    return "".join(part[0] for part in name.split()[:3]).upper()
