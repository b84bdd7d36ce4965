"""MkDocs hook (see `hooks:` in macros/machinery.yml): gives each page's template its head metadata.

overrides/main.html turns `head` into the meta description, Open Graph and
Twitter tags, Google Scholar's citation tags and JSON-LD.
"""

from __future__ import annotations

import html
from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def on_page_context(context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    from macros.site_build import site_build

    outputs = site_build(config).outputs
    if outputs is None:  # the data has an error, which every page of the preview is showing
        return context
    head = outputs.page_head(page, config.site_url or "/")
    # Material writes page.meta.description into the page as it is, so it must be escaped text.
    page.meta["description"] = html.escape(head["description"])
    context["head"] = head
    return context
