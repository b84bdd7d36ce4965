"""citeproc-py's XPath lookups into a style, each evaluated once per element and expression.

citeproc-py 0.11.1 finds a style's macros and its locale's terms by evaluating
an XPath expression every time it meets them: half of the time it takes to
render a reference went to evaluating the same few hundred expressions over
and over. A style's tree does not change while it renders (load_style and
abridged change it before), so each answer is kept in the tree's root element,
where citeproc-py keeps its own per-style state (the `locales` of a Style), and
lives as long as the parsed style.

The kept answers hold their elements, and lxml hands out the same Python
object for an element as long as one is alive, so a later lookup from the same
element finds its answer under the same key.
"""

from __future__ import annotations

from typing import Any

from citeproc.model import CitationStylesElement

# citeproc-py's own lookup, which a remembered answer comes from once.
evaluate = CitationStylesElement.xpath_search


def remembered_xpath_search(element: Any, expression: str) -> list[Any]:
    """What citeproc-py's xpath_search answers, evaluated once per element and expression."""
    answers: dict[tuple[Any, str], list[Any]] = element.get_root().__dict__.setdefault("_xpath_answers", {})
    key = (element, expression)
    if key not in answers:
        answers[key] = evaluate(element, expression)
    # A copy, as a new evaluation would give: no caller can change a kept answer.
    return list(answers[key])


def remember_style_lookups() -> None:
    """Make citeproc-py keep its answers; rendering with and without gives the same text (a machinery test checks)."""
    CitationStylesElement.xpath_search = remembered_xpath_search
