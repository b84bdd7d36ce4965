"""MkDocs hook (see `hooks:` in mkdocs.yml): puts the macros' HTML into each converted page.

The macros leave tokens in the Markdown (see HtmlBlocks in rendering.py); this
swaps each token for its HTML once Markdown is done with the page.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def on_page_content(html: str, page: Any, config: MkDocsConfig, files: Any) -> str:
    blocks = getattr(config.plugins["macros"], "html_blocks", None)
    return blocks.splice(html) if blocks is not None else html
