"""Inline Markdown for text fields in data/: emphasis and links, never raw HTML."""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

SAFE_SCHEMES = {"http", "https", "mailto"}
# Every block-level construct of Python-Markdown but the paragraph.
BLOCK_PROCESSORS = ("empty", "indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote", "reference")


class _SafeLinks(Treeprocessor):
    """Drops link and image targets whose scheme could run code (javascript:, data:)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                target = element.get(attribute)
                if target is not None and urlsplit(target).scheme.lower() not in SAFE_SCHEMES:
                    del element.attrib[attribute]


class _InlineOnly(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Without these two, raw HTML in data would pass through to the page;
        # without them it is serialized as escaped text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # A text field is one run of text: "2025. A year" is not a list, "#1" is not a heading.
        for block in BLOCK_PROCESSORS:
            md.parser.blockprocessors.deregister(block)
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


_converter = markdown.Markdown(extensions=[_InlineOnly()])


def render_inline(text: str) -> Markup:
    """Convert one text field to HTML without the surrounding paragraph."""
    _converter.reset()
    # Line breaks in a text field are where the YAML was wrapped, not paragraphs.
    html = _converter.convert(" ".join(text.split()))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


JINJA_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def html_safe_from_jinja(text: str) -> Markup:
    """Text as HTML that mkdocs-macros will not read as Jinja, even where it renders a page or a title again."""
    return Markup(html.escape(text).translate(JINJA_BRACES))


MARKDOWN_SPECIALS = str.maketrans({char: f"\\{char}" for char in "\\`*_[]"})


def escape_for_markdown(value: object) -> object:
    """A copy of data whose strings are safe to drop into a Markdown page as `{{ profile.name }}`.

    mkdocs-macros does not autoescape, so HTML is escaped here and the Markdown
    characters that could make links or emphasis are backslash-escaped.
    """
    if isinstance(value, str):
        return str(escape(value)).translate(MARKDOWN_SPECIALS)
    if isinstance(value, dict):
        return {key: escape_for_markdown(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_for_markdown(item) for item in value]
    return value
