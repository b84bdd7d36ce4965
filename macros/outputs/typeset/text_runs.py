"""Inline Markdown from data/ as a list of styled text runs, for documents that are not HTML (the PDF CV).

The runs come from the same converter as the site's HTML (inline_markdown.py),
so a field means the same thing in both: emphasis, strong emphasis and safe
links, with any raw HTML kept as plain text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from ...shared.inline_markdown import render_inline

Run = dict[str, Any]


class _RunCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self._emphasis = 0
        self._strong = 0
        self._links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "em":
            self._emphasis += 1
        elif tag == "strong":
            self._strong += 1
        elif tag == "a":
            self._links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "em":
            self._emphasis -= 1
        elif tag == "strong":
            self._strong -= 1
        elif tag == "a" and self._links:
            self._links.pop()

    def handle_data(self, data: str) -> None:
        if data:
            link = next((target for target in reversed(self._links) if target), None)
            self.runs.append({"text": data, "emph": self._emphasis > 0, "strong": self._strong > 0, "link": link})


def text_runs(text: str | None) -> list[Run]:
    """'A *b* [c](https://x)' -> runs of plain, emphasized and linked text; [] for no text."""
    if not text:
        return []
    collector = _RunCollector()
    collector.feed(str(render_inline(text)))
    collector.close()
    return collector.runs
