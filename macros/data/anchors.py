"""Stable ids for news items: the timeline's anchors and the Atom feed's entry ids."""

from __future__ import annotations

import re
from typing import Any

WORDS_IN_ID = 6


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", re.sub(r"\([^)]*\)", "", text.lower()))
    return "-".join(words[:WORDS_IN_ID])


def news_anchor(item: dict[str, Any]) -> str:
    """'news-2026-05-officially-received-the-phd-degree-from'; depends only on the item's date and text."""
    return f"news-{item['date']}-{slug(item['text'])}"
