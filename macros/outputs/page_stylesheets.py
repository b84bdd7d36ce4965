"""The stylesheet each page carries in its head: the rules of the site's stylesheet that the page can use.

In the page, the stylesheet arrives with the HTML, so a phone paints the page
without waiting for a second request (Lighthouse's first paint went from
0.91 s to 0.82 s on the home page). A page keeps the rules that it or a script
can use (unused_css.py): about 110 KB of Material's and the site's 165 KB,
some 22 KB compressed.

Pages made from one template name the same classes and ids of the
stylesheet's selectors, so a thousand paper pages share a handful of
stylesheets: each distinct one is pruned once and kept in .cache/stylesheet/,
where the next build finds it without parsing the stylesheet at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .css_names import NamesInUse, PageNames, words_in
from .render_cache import RenderCache, content_key

if TYPE_CHECKING:
    from .unused_css import ParsedStylesheet

# The code that prunes: a change to it may change what a page keeps, so it is part of every cache key.
PRUNING_CODE = tuple(Path(__file__).with_name(name) for name in ("unused_css.py", "css_rules.py", "css_names.py"))


@dataclass(frozen=True)
class _SelectorNames:
    """The classes and ids the stylesheet's selectors need, and those of them that the scripts name."""

    needed: NamesInUse
    in_scripts: NamesInUse

    def of_page(self, html: str) -> NamesInUse:
        page = NamesInUse.of(PageNames.found_in([html]), frozenset())
        return NamesInUse(
            (page.classes & self.needed.classes) | self.in_scripts.classes,
            (page.ids & self.needed.ids) | self.in_scripts.ids,
        )


class PageStylesheets:
    """The pruned stylesheet for each page of one build; with `per_page` false, the same one for every page."""

    def __init__(self, stylesheet: str, scripts: Sequence[str], project_dir: Path, *, per_page: bool = True) -> None:
        self._stylesheet = stylesheet
        self._scripts = scripts
        self._key = content_key(
            stylesheet,
            [hashlib.sha256(script.encode("utf-8")).hexdigest() for script in scripts],
            hashlib.sha256(b"".join(path.read_bytes() for path in (Path(__file__), *PRUNING_CODE))).hexdigest(),
        )
        self._cache = RenderCache(project_dir, "stylesheet", ".css")
        self._names_cache = RenderCache(project_dir, "stylesheet", ".json")
        self._parsed: ParsedStylesheet | None = None
        self._selector_names: _SelectorNames | None = None
        self._by_names: dict[NamesInUse, str] = {}
        self._per_page = per_page

    def for_page(self, html: str) -> str:
        names = self._names().of_page(html) if self._per_page else self._names().needed
        if names not in self._by_names:
            self._by_names[names] = self._pruned(names)
        return self._by_names[names]

    def _pruned(self, names: NamesInUse) -> str:
        key = content_key(self._key, sorted(names.classes), sorted(names.ids))
        if not self._cache.has(key):
            self._cache.store(key, self._parse().used_by(names).encode("utf-8"))
        return self._cache.path(key).read_text(encoding="utf-8")

    def _names(self) -> _SelectorNames:
        if self._selector_names is None:
            if not self._names_cache.has(self._key):
                self._names_cache.store(self._key, json.dumps(self._selector_names_found()).encode("utf-8"))
            found = json.loads(self._names_cache.path(self._key).read_text(encoding="utf-8"))
            self._selector_names = _SelectorNames(
                NamesInUse(frozenset(found["classes"]), frozenset(found["ids"])),
                NamesInUse(frozenset(found["script_classes"]), frozenset(found["script_ids"])),
            )
        return self._selector_names

    def _selector_names_found(self) -> dict[str, list[str]]:
        parsed = self._parse()
        words = words_in(self._scripts)
        return {
            "classes": sorted(parsed.classes),
            "ids": sorted(parsed.ids),
            "script_classes": sorted(parsed.classes & words),
            "script_ids": sorted(parsed.ids & words),
        }

    def _parse(self) -> ParsedStylesheet:
        if self._parsed is None:
            # Imported here: the pruner's patterns and types take 2-3 ms to set up, and a build that finds
            # every pruned stylesheet in the cache never parses.
            from .unused_css import ParsedStylesheet

            self._parsed = ParsedStylesheet.of(self._stylesheet)
        return self._parsed
