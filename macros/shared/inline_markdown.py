"""Inline Markdown for text fields in data/: emphasis, code and links, never images or raw HTML."""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from functools import lru_cache
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = {"http", "https", "mailto"}
# An image in a text field would be fetched from its host by every visitor and feed reader.
IMAGE_PATTERNS = ("image_link", "image_reference", "short_image_ref")
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
        for pattern in IMAGE_PATTERNS:
            md.inlinePatterns.deregister(pattern)
        # A text field is one run of text: "2025. A year" is not a list, "#1" is not a heading.
        for block in BLOCK_PROCESSORS:
            md.parser.blockprocessors.deregister(block)
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


_converter = markdown.Markdown(extensions=[_InlineOnly()])


# A paper's title, venue and summary are shown on several pages and in the feed: each text is converted once.
@lru_cache(maxsize=16384)
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


# Every character that can start or end a Markdown construct (emphasis, code, links, headings,
# lists, tables, attribute lists `{ #id }`, Jinja `{{`) or an HTML tag or entity. As numeric
# character references they are plain text to Markdown and show as themselves.
MARKDOWN_ACTIVE = "&<>\"'\\`*_{}[]()#+-.!|~:=^"
AS_TEXT = str.maketrans({character: f"&#{ord(character)};" for character in MARKDOWN_ACTIVE})


def escape_for_markdown(value: object) -> object:
    """A copy of data whose strings are inert where a page drops them into Markdown: `{{ profile.role }}`.

    mkdocs-macros pastes the text into the page's Markdown before Markdown reads it,
    so the text must not be able to start a block (a line break, then `# ` or `- `),
    close a code fence, add attributes (`{ .x onclick=... }`), or form a macro's
    placeholder; line breaks become spaces, as in every other text field.
    """
    if isinstance(value, str):
        return Markup(" ".join(value.split()).translate(AS_TEXT))
    if isinstance(value, dict):
        return {key: escape_for_markdown(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_for_markdown(item) for item in value]
    return value
