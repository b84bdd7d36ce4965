"""The classes and ids a page or a script names: what decides which of the stylesheet's rules a page keeps.

Finding them is cheap and runs on every page of every build; parsing the
stylesheet (unused_css.py) runs only when a set of names is new to the cache.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# What a class or id may be called, and where one is named in a page or a script.
NAME = r"-?[_a-zA-Z][\w-]*"
# Each attribute by an expression of its own, as written: `class="md-nav md-nav--primary"`, `id=__toc`. Led by
# the attribute's name, the regular expression engine jumps from one `class=` to the next as str.find does (led by
# the white space before the name, it tried every space of the pages' indentation: 0.93 s against 0.12 s over the
# 43 MB of pages of a large build). A `data-class=` or a `?id=` of a link counts too: a name more only keeps rules.
_ATTRIBUTE_VALUE = r"""("[^"]*"|'[^']*'|[^\s"'>]+)"""
_CLASS_ATTRIBUTE = re.compile("class=" + _ATTRIBUTE_VALUE)
_ID_ATTRIBUTE = re.compile("id=" + _ATTRIBUTE_VALUE)
_SCRIPT_WORD = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class PageNames:
    """The values of the class and id attributes the pages write, as written, quotes and all: a thousand pages
    repeat the same few, so each distinct value is split into names once."""

    class_values: frozenset[str]
    id_values: frozenset[str]

    @classmethod
    def found_in(cls, pages: Iterable[str]) -> PageNames:
        class_values: set[str] = set()
        id_values: set[str] = set()
        for page in pages:
            class_values.update(_CLASS_ATTRIBUTE.findall(page))
            id_values.update(_ID_ATTRIBUTE.findall(page))
        return cls(frozenset(class_values), frozenset(id_values))


@dataclass(frozen=True)
class NamesInUse:
    """Every class and id that the pages write, and every word the scripts hold (a class name a script adds among them)."""

    classes: frozenset[str]
    ids: frozenset[str]

    @classmethod
    def of(cls, page_names: PageNames, script_words: frozenset[str]) -> NamesInUse:
        classes = {name for value in page_names.class_values for name in _unquoted(value).split()}
        ids = {_unquoted(value) for value in page_names.id_values}
        return cls(frozenset(classes | script_words), frozenset(ids | script_words))


def words_in(scripts: Iterable[str]) -> frozenset[str]:
    """Every word the scripts hold: a class or id a script adds is among them."""
    words: set[str] = set()
    for script in scripts:
        words.update(_SCRIPT_WORD.findall(script))
    return frozenset(words)


def _unquoted(value: str) -> str:
    return value[1:-1] if value[:1] in "\"'" else value
