"""Leaving out the style rules a page cannot use: a smaller stylesheet in every page.

Material's stylesheet styles every feature it has (tabs, annotations,
admonitions, versions, tags, ...), and a page uses some. A rule is left out
only when one of its selectors' classes or ids is named nowhere: not in the
page and in no script (Material's bundle builds the search results, the copy
buttons and the tooltips from class names written in it; css_names.py finds them). Whatever is inside
:is(), :where(), :not() or :has(), attributes, element names and pseudo-classes
never rule a selector out, so a doubt always keeps the rule. The rules kept
keep their order, so the cascade is unchanged.

One selector is left out of every page by design (LEFT_OUT): the price of
what it does is paid on every page, and it buys nothing worth it.

macros/outputs/page_stylesheets.py applies it to each page as MkDocs writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .css_names import NAME, NamesInUse
from .css_rules import RuleSpan, rule_spans

# The classes and ids a selector cannot match without, named as a page names them.
_SELECTOR_CLASS = re.compile(rf"\.({NAME})")
_SELECTOR_ID = re.compile(rf"#({NAME})")
# Functional pseudo-classes whose argument is a selector list; it is never held against a selector.
_SELECTOR_FUNCTION = re.compile(r":(?:is|where|not|has|matches|-webkit-any|-moz-any)\(", re.IGNORECASE)
_ATTRIBUTE_SELECTOR = re.compile(r"\[[^\]]*\]")
# A comment, or a string (which may hold "/*"), to leave as it is.
_COMMENT_OR_STRING = re.compile(r"""/\*.*?(?:\*/|$)|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'""", re.DOTALL)
# At-rules whose body is more rules, to look into; any other at-rule (@font-face, @keyframes, @page) is kept whole.
_GROUPING_RULES = frozenset({"media", "supports", "layer", "container", "document"})
# Selectors no page keeps, by how they start. Material's palette script sets data-md-color-switching on <body>
# as every page starts and takes it away a frame later; its rule for every element under it (`*`, `::before`,
# `::after`: no transitions while the colours change) made the browser restyle the whole page both times,
# about 50 ms of a throttled phone's start. Without it, a switch of scheme fades the links' colours for 0.125 s.
LEFT_OUT = ("[data-md-color-switching]",)


@dataclass(frozen=True)
class _Selector:
    """One selector of a rule's list, with the classes and ids it cannot match without."""

    text: str
    classes: frozenset[str]
    ids: frozenset[str]
    left_out: bool

    @classmethod
    def of(cls, text: str) -> _Selector:
        plain = _ATTRIBUTE_SELECTOR.sub("", _without_selector_functions(text))
        return cls(text, frozenset(_SELECTOR_CLASS.findall(plain)), frozenset(_SELECTOR_ID.findall(plain)), text.startswith(LEFT_OUT))

    def usable_with(self, names: NamesInUse) -> bool:
        return not self.left_out and self.classes <= names.classes and self.ids <= names.ids


@dataclass(frozen=True)
class _StyleRule:
    """A rule with selectors, as written: `text` runs to the next rule, its block starts at `block_start`."""

    selectors: tuple[_Selector, ...]
    text: str
    block_start: int


@dataclass(frozen=True)
class _GroupingRule:
    """An @media, @supports, ... rule: its head up to the "{", the rules inside, and the rest from its "}"."""

    head: str
    rules: tuple[_Rule, ...]
    tail: str


# Any other rule (@font-face, @keyframes, @page, @import) is kept as written.
_Rule = _StyleRule | _GroupingRule | str


@dataclass(frozen=True)
class ParsedStylesheet:
    """A stylesheet parsed once into its rules, so that any set of names can prune it without parsing again.

    `classes` and `ids` are the names its selectors cannot match without: two pages that name the same of
    these keep the same rules, whatever else they name.
    """

    rules: tuple[_Rule, ...]
    classes: frozenset[str]
    ids: frozenset[str]

    @classmethod
    def of(cls, stylesheet: str) -> ParsedStylesheet:
        # Comments are for the stylesheets' authors; in every page they would be bytes to send, and words.
        stylesheet = _COMMENT_OR_STRING.sub(lambda found: "" if found[0].startswith("/*") else found[0], stylesheet)
        rules = _parsed(stylesheet, rule_spans(stylesheet))
        selectors = list(_all_selectors(rules))
        return cls(rules, frozenset().union(*(s.classes for s in selectors)), frozenset().union(*(s.ids for s in selectors)))

    def used_by(self, names: NamesInUse) -> str:
        """The rules kept for `names`, cut from the stylesheet as written, byte for byte (only a selector list
        that loses a selector is written anew), so no value changes its spelling."""
        return "".join(_kept(self.rules, names))


def _parsed(text: str, spans: list[RuleSpan]) -> tuple[_Rule, ...]:
    parsed: list[_Rule] = []
    for span in spans:
        rule = text[span.start : span.end]
        if span.block_open is None or span.block_close is None:
            parsed.append(rule)
        elif not span.at_keyword:
            selectors = _selectors(text[span.start : span.block_open])
            parsed.append(_StyleRule(tuple(_Selector.of(selector) for selector in selectors), rule, span.block_open - span.start))
        elif span.at_keyword in _GROUPING_RULES:
            inner = rule_spans(text, span.block_open + 1, span.block_close)
            parsed.append(_GroupingRule(text[span.start : span.block_open + 1], _parsed(text, inner), text[span.block_close : span.end]))
        else:
            parsed.append(rule)
    return tuple(parsed)


def _all_selectors(rules: tuple[_Rule, ...]) -> Iterable[_Selector]:
    for rule in rules:
        if isinstance(rule, _StyleRule):
            yield from rule.selectors
        elif isinstance(rule, _GroupingRule):
            yield from _all_selectors(rule.rules)


def _kept(rules: tuple[_Rule, ...], names: NamesInUse) -> list[str]:
    kept = []
    for rule in rules:
        if isinstance(rule, _StyleRule):
            used = [selector for selector in rule.selectors if selector.usable_with(names)]
            if len(used) == len(rule.selectors):
                kept.append(rule.text)
            elif used:
                kept.append(",".join(selector.text for selector in used) + rule.text[rule.block_start :])
        elif isinstance(rule, _GroupingRule):
            inner = _kept(rule.rules, names)
            if inner:
                kept.append(rule.head + "".join(inner) + rule.tail)
        else:
            kept.append(rule)
    return kept


def _selectors(prelude: str) -> list[str]:
    """A rule's selector list, split at its top-level commas (not those inside :is(...) or [...])."""
    selectors: list[str] = []
    current: list[str] = []
    depth = 0
    for character in prelude:
        if character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        if character == "," and depth == 0:
            selectors.append("".join(current).strip())
            current = []
        else:
            current.append(character)
    selectors.append("".join(current).strip())
    return selectors


def _without_selector_functions(selector: str) -> str:
    """The selector with the arguments of :is(), :where(), :not() and :has() taken out."""
    kept, position = [], 0
    for match in _SELECTOR_FUNCTION.finditer(selector):
        if match.start() < position:
            continue  # inside an argument already taken out
        kept.append(selector[position : match.start()])
        depth, position = 1, match.end()
        while position < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[position], 0)
            position += 1
    kept.append(selector[position:])
    return "".join(kept)
