"""MkDocs hook (see `hooks:` in macros/machinery.yml): puts the macros' HTML into each converted page.

The macros leave tokens in the Markdown (see HtmlBlocks in rendering.py); this
swaps each token for its HTML once Markdown is done with the page.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def on_page_content(html: str, page: Any, config: MkDocsConfig, files: Any) -> str:
    from macros.site_build import site_build

    return site_build(config).html_blocks.splice(html)
