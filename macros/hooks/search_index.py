"""MkDocs hook (see `hooks:` in macros/machinery.yml): Material's search index reads each page without the
blocks marked `data-search-exclude`, a large site's on a second core (macros/outputs/site_search_index.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation


# After Material's search plugin has made its index in its own on_config.
@event_priority(-50)
def on_config(config: MkDocsConfig) -> None:
    from material.plugins.search.plugin import SearchPlugin

    from macros.outputs.site_search_index import IndexWithoutExcludedBlocks

    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            plugin.search_index = IndexWithoutExcludedBlocks(**plugin.config)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    from macros.outputs.site_search_index import IndexWithoutExcludedBlocks

    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(index, IndexWithoutExcludedBlocks):
            index.expect_pages(len(files.documentation_pages()))
