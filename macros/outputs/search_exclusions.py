"""What Material's search index reads of a page: the page without the blocks marked `data-search-exclude`.

Material's search plugin parses every page with html.parser and, as it goes, skips what an element marked
`data-search-exclude` holds. The publication lists of the Publications page and of the research areas are
marked so: each paper is found once, on its own page. At 100x the data those lists are a third of the HTML
the index parses, so the index is handed each page without them, and makes the same entries for a fraction
of the parse. Two things differ, for the better, where a block holds elements of its own name or headings:
Material's parser tells elements apart by their names alone, so it takes the block back in at the first end
tag of its name inside it (a `</div>` in a `<div>`), and a heading inside the block opens a section, which
Material adds with no text; here the whole block is left out. A heading marked so is left for Material: it
leaves out the heading's whole section (the paper pages' "Cite"), not the heading alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# The attribute, bare (`data-search-exclude`) or with a value, and the opening tag it must sit in. Found by its
# name first, the regular expression engine jumps from one to the next as str.find does; an expression led by
# the tag tried every tag's attributes one character at a time (0.27 s against 0.05 s over a large build's pages).
_EXCLUDE_ATTRIBUTE = re.compile(r"data-search-exclude(?=[\s=/>])")
_START_TAG = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*>")
# Elements with no end tag (the attribute on one of them excludes nothing), and headings, whose section
# Material leaves out.
_VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
_LEFT_FOR_MATERIAL = frozenset([*_VOID, "h1", "h2", "h3", "h4", "h5", "h6"])


def without_excluded_blocks(html: str) -> str:
    """`html` without each element marked `data-search-exclude`, from its opening tag to its end tag.

    A heading, a void element and an element whose end is not found (HTML that does not close it) are left
    in: Material deals with them as it would.
    """
    kept: list[str] = []
    position = 0
    for start in _excluded_start_tags(html):
        if start.start() < position:  # inside a block already left out
            continue
        end = _element_end(html, start)
        if end is None:
            continue
        kept.append(html[position : start.start()])
        position = end
    if not kept:
        return html
    kept.append(html[position:])
    return "".join(kept)


def _excluded_start_tags(html: str) -> Iterator[re.Match[str]]:
    """Each opening tag that carries the attribute (after white space, not as the tail of another name), in order."""
    for attribute in _EXCLUDE_ATTRIBUTE.finditer(html):
        at = attribute.start()
        if not html[at - 1 : at].isspace():
            continue
        tag = _START_TAG.match(html, html.rfind("<", 0, at))
        if tag is not None and tag.end() > at:
            yield tag


def _element_end(html: str, start: re.Match[str]) -> int | None:
    """Where the element that `start` opens ends, past its end tag, counting the elements of its name inside it."""
    name = start[1].lower()
    if name in _LEFT_FOR_MATERIAL or start[0].endswith("/>"):
        return None
    depth = 1
    for tag in _tags_named(name).finditer(html, start.end()):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return tag.end()
    return None


@cache
def _tags_named(name: str) -> re.Pattern[str]:
    """An opening or end tag of `name`; a group holds the slash of an end tag."""
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.IGNORECASE)
