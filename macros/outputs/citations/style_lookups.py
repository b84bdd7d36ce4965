"""citeproc-py's lookups, each answered once: its XPath expressions into a style and whether an element of the
style calls a variable, per element; the reference a citation item stands for, per item.

citeproc-py 0.11.1 finds a style's macros and its locale's terms by evaluating
an XPath expression every time it meets them: half of the time it takes to
render a reference went to evaluating the same few hundred expressions over
and over. Each cs:group of a style also asks each of its children, for every
reference, whether it calls a variable, and the child asks its whole subtree
and the macros it names; and each variable an element reads is looked up
through the item's citation, its bibliography and its source. Together these
took half of the time that was left (1.9 ms a reference, 1.0 ms without).
A style's tree does not change while it renders (load_style and abridged
change it before), so each answer about it is kept in the tree's root element,
where citeproc-py keeps its own per-style state (the `locales` of a Style), and
lives as long as the parsed style; an item's reference is kept in the item.

The kept answers hold their elements, and lxml hands out the same Python
object for an element as long as one is alive, so a later lookup from the same
element finds its answer under the same key.
"""

from __future__ import annotations

from typing import Any

from citeproc.model import CitationStylesElement, Parent, Text
from citeproc.source import CitationItem


def _own(method: Any) -> Any:
    """citeproc-py's own method, also where an earlier import of this module left its remembering one (each build
    imports the package afresh, macros/hooks/package_reload.py): one never wraps another."""
    return getattr(method, "__wrapped__", method)


# citeproc-py's own lookups, which a remembered answer comes from once.
evaluate = _own(CitationStylesElement.xpath_search)
# Every other class answers calls_variable with a constant (cs:date, cs:names, cs:number, cs:group: yes;
# cs:label: whether it labels the locator).
ASKS_CALLS_VARIABLE = {Parent: _own(Parent.calls_variable), Text: _own(Text.calls_variable)}
finds_reference = _own(CitationItem.reference.fget)
# Where an item keeps its reference: CitationItem is a dict, and keeps its attributes as keys too.
REFERENCE_KEY = "_remembered_reference"


def remembered_xpath_search(element: Any, expression: str) -> list[Any]:
    """What citeproc-py's xpath_search answers, evaluated once per element and expression."""
    answers: dict[tuple[Any, str], list[Any]] = element.get_root().__dict__.setdefault("_xpath_answers", {})
    key = (element, expression)
    if key not in answers:
        answers[key] = evaluate(element, expression)
    # A copy, as a new evaluation would give: no caller can change a kept answer.
    return list(answers[key])


remembered_xpath_search.__wrapped__ = evaluate  # type: ignore[attr-defined]


def remembered_calls_variable(asks: Any) -> Any:
    """A class's calls_variable, asked once per element."""

    def calls_variable(element: Any) -> bool:
        answers: dict[Any, bool] = element.get_root().__dict__.setdefault("_calls_variable_answers", {})
        if element not in answers:
            answers[element] = asks(element)
        return answers[element]

    calls_variable.__wrapped__ = asks  # type: ignore[attr-defined]
    return calls_variable


def remembered_reference(item: Any) -> Any:
    """The reference the citation item stands for, found in its bibliography's source once."""
    if REFERENCE_KEY not in item:
        dict.__setitem__(item, REFERENCE_KEY, finds_reference(item))
    return dict.__getitem__(item, REFERENCE_KEY)


remembered_reference.__wrapped__ = finds_reference  # type: ignore[attr-defined]


def remember_style_lookups() -> None:
    """Make citeproc-py keep its answers; rendering with and without gives the same text (a machinery test checks)."""
    CitationStylesElement.xpath_search = remembered_xpath_search
    for element_class, asks in ASKS_CALLS_VARIABLE.items():
        element_class.calls_variable = remembered_calls_variable(asks)
    CitationItem.reference = property(remembered_reference)
