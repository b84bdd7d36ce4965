"""The stylesheet's rules are split where a real CSS parser splits them: tinycss2's rules, at-rules, selector lists
and blocks, on Material's stylesheets, the template's own and hostile text; what cannot be split is kept whole."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import material
import pytest
import tinycss2
from hypothesis import given, settings
from hypothesis import strategies as st
from site_helpers import ROOT

from macros.outputs.css_rules import RuleSpan, rule_spans
from macros.outputs.unused_css import _COMMENT_OR_STRING, _GROUPING_RULES

MATERIAL_STYLESHEETS = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.min.css"))
TEMPLATE_STYLESHEETS = sorted((ROOT / "docs" / "assets" / "css").glob("*.css"))


def without_comments(css: str) -> str:
    return _COMMENT_OR_STRING.sub(lambda found: "" if found[0].startswith("/*") else found[0], css)


def offset(text: str, node: Any) -> int:
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    return line_starts[node.source_line - 1] + node.source_column - 1


def as_tinycss2_reads(text: str, rules: list[Any]) -> list[tuple[Any, ...]]:
    """Each rule as tinycss2 parses it: where it starts, its at-keyword, its prelude and, for a grouping rule,
    the rules inside."""
    read: list[tuple[Any, ...]] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            read.append((offset(text, rule), "", tinycss2.serialize(rule.prelude).strip()))
        elif rule.type == "at-rule":
            inner = None
            if rule.lower_at_keyword in _GROUPING_RULES and rule.content is not None:
                inner = as_tinycss2_reads(text, tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))
            read.append((offset(text, rule), rule.lower_at_keyword, inner))
    return read


def as_split(text: str, spans: list[RuleSpan]) -> list[tuple[Any, ...]]:
    """The same reading of the spans rule_spans finds."""
    read: list[tuple[Any, ...]] = []
    for span in spans:
        if not span.at_keyword:
            assert span.block_open is not None, text[span.start : span.end]
            # Serialized as tinycss2 serializes: the same tokens read the same.
            prelude = tinycss2.parse_component_value_list(text[span.start : span.block_open])
            read.append((span.start, "", tinycss2.serialize(prelude).strip()))
        else:
            inner = None
            if span.at_keyword in _GROUPING_RULES and span.block_open is not None and span.block_close is not None:
                inner = as_split(text, rule_spans(text, span.block_open + 1, span.block_close))
            read.append((span.start, span.at_keyword, inner))
    return read


def assert_split_as_tinycss2_splits(css: str) -> None:
    text = without_comments(css)
    expected = as_tinycss2_reads(text, tinycss2.parse_stylesheet(text, skip_whitespace=True, skip_comments=True))
    assert as_split(text, rule_spans(text)) == expected


def test_the_shipped_stylesheets_are_there_to_be_split() -> None:
    assert [path.name.split(".")[0] for path in MATERIAL_STYLESHEETS] == ["main", "palette"]
    assert TEMPLATE_STYLESHEETS


@pytest.mark.parametrize("stylesheet", [*MATERIAL_STYLESHEETS, *TEMPLATE_STYLESHEETS], ids=lambda path: path.name)
def test_each_shipped_stylesheet_is_split_into_tinycss2s_rules(stylesheet: Path) -> None:
    assert_split_as_tinycss2_splits(stylesheet.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "css",
    [
        '.a[data-x="}"]{content:"{;"}.b{color:red}',
        ".a[data-x='{']{content:'}'}\n\n.b{color:red}",
        r".a\{b{color:red}.c\}{content:'\'}'}",
        ".a{background:url(x{y};z)}.b{color:red}",
        '.a{background:URL( "x}" )}.b{color:red}',
        '@import "one;two.css";@charset "utf-8";.a{color:red}',
        "@media screen{@supports (display:grid){.a{display:grid}}.b{color:red}}.c{color:blue}",
        "@keyframes spin{from{opacity:0}to{opacity:1}}.a{animation:spin 1s}",
        "@layer base;@layer base{.a{color:red}}",
        ".a{color:red;.b &{color:blue}}.c{color:green}",
        "@font-face{font-family:x;src:url(x.woff2)}  \n\t.a{color:red}  ",
    ],
)
def test_braces_and_semicolons_in_strings_escapes_and_urls_do_not_split_a_rule(css: str) -> None:
    assert_split_as_tinycss2_splits(css)


@pytest.mark.parametrize(
    ("css", "kept_whole_from"),
    [
        (".a{color:red}.b{color:blue", ".b"),
        (".a{color:red}} .b{color:blue}", "}"),
        (".a{color:red}.b", ".b"),
        ("@media print{.a{color:red}", "@media"),
    ],
)
def test_a_rule_that_cannot_be_split_is_kept_whole_to_the_end(css: str, kept_whole_from: str) -> None:
    spans = rule_spans(css)
    last = spans[-1]
    assert css[last.start :].startswith(kept_whole_from)
    assert (last.end, last.block_open, last.block_close) == (len(css), None, None)
    # Nothing but white space is left out between the rules.
    assert spans[0].start == 0
    assert all(not css[before.end : after.start].strip() for before, after in itertools.pairwise(spans))


# Pieces of hostile CSS: each is a whole rule or at-rule, with braces, semicolons and quotes where they do not count.
SELECTORS = st.sampled_from([".a", "#b", "p > .c", '[data-x="}{;"]', "[data-y='a,b']", r".d\{", ":is(.e,.f)", "a::before"])
DECLARATIONS = st.sampled_from(["color:red", 'content:"}"', "content:'{;'", "background:url(x{y})", r"content:'\''", "--x:{a:b}"])
PLAIN_RULES = st.builds(
    lambda s, d: f"{','.join(s)}{{{';'.join(d)}}}", st.lists(SELECTORS, min_size=1, max_size=3), st.lists(DECLARATIONS, max_size=3)
)
STATEMENTS = st.sampled_from(['@import "a;b.css";', "@layer x;", '@charset "utf-8";', "@font-face{src:url(a{b})}"])
SPACE = st.sampled_from(["", " ", "\n", "\t\n  "])


def grouped(inner: list[str], keyword: str) -> str:
    return f"@{keyword} (min-width:1px){{{''.join(inner)}}}"


RULES = st.recursive(
    st.one_of(PLAIN_RULES, STATEMENTS),
    lambda children: st.builds(grouped, st.lists(children, max_size=3), st.sampled_from(["media", "supports", "MEDIA", "container"])),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(RULES, SPACE), max_size=8))
def test_any_mix_of_hostile_rules_is_split_into_tinycss2s_rules(rules: list[tuple[str, str]]) -> None:
    assert_split_as_tinycss2_splits("".join(rule + space for rule, space in rules))
