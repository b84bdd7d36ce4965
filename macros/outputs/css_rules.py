"""Where each rule of a stylesheet starts and ends, found without reading its declarations.

Pruning a stylesheet (unused_css.py) needs each rule's selector list and the
span of its block, never what the block declares. A full CSS parser tokenizes
every declaration too: tinycss2 took 90 ms over Material's stylesheet in each
cold build, where one regular expression that stops only at braces, semicolons,
strings, escapes and unquoted url()s takes a few. tests/machinery/test_css_rules.py
holds it to tinycss2's rules, selector lists and spans on the real stylesheets.

The stylesheet comes without comments (unused_css.py takes them out first).
Anything this cannot split with certainty (a brace without its partner, a rule
without a block) is handed back as one unsplit rule running to the end, so a
doubt keeps the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What ends or opens a rule; a string, an escaped character or an unquoted url() is matched whole so that a
# brace or semicolon in it counts for nothing. A string ends at a line break as in CSS (a "bad string").
_STRUCTURE = re.compile(r"""[{};]|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|\\.|(?i:url)\((?![\s]*["'])[^)]*\)?""", re.DOTALL)
_AT_KEYWORD = re.compile(r"@([-\w]+)")


@dataclass(frozen=True)
class RuleSpan:
    """One rule of a rule list: `text[start:end]` is the rule; a rule with a block has it from `block_open`
    (its "{") to `block_close` (its "}"). `at_keyword` is an at-rule's name in lower case, "" for a style rule."""

    start: int
    end: int
    at_keyword: str
    block_open: int | None
    block_close: int | None


def rule_spans(text: str, start: int = 0, end: int | None = None) -> list[RuleSpan]:
    """The rules of the rule list in `text[start:end]`, in order; the white space between them belongs to none."""
    end = len(text) if end is None else end
    spans = []
    position = _after_space(text, start, end)
    while position < end:
        span = _rule_at(text, position, end)
        spans.append(span)
        position = _after_space(text, span.end, end)
    return spans


def _after_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _rule_at(text: str, start: int, end: int) -> RuleSpan:
    at_rule = _AT_KEYWORD.match(text, start, end)
    at_keyword = at_rule[1].lower() if at_rule else ""
    depth = 0
    block_open = None
    for token in _STRUCTURE.finditer(text, start, end):
        character = token[0]
        if character == "{":
            if depth == 0:
                block_open = token.start()
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                return RuleSpan(start, token.end(), at_keyword, block_open, token.start())
            if depth < 0:
                break
        elif character == ";" and depth == 0 and at_rule:
            return RuleSpan(start, token.end(), at_keyword, None, None)
    return RuleSpan(start, len(text[:end].rstrip()), at_keyword, None, None)
