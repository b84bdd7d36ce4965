"""MkDocs hook (see `hooks:` in macros/machinery.yml): adds a link-preview card to the build for every page.

The cards are made once the pages are converted, when their titles and
descriptions are known, and before MkDocs writes the pages, whose og:image and
twitter:image tags (page_head.py) then point at their own card. Typst renders
the missing ones while the pages are written, and they enter the site once the
build has written everything else.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    from macros.site_build import site_build

    outputs = site_build(config).outputs
    if outputs is None:  # the data has an error, which every page of the preview is showing
        return env
    # Pages left unread (`mkdocs serve --dirty` skips unchanged ones) keep the card they have.
    pages = [file.page for file in files.documentation_pages() if file.page is not None and file.page.content is not None]
    outputs.add_social_cards(pages, config)
    return env


def on_post_build(config: MkDocsConfig) -> None:
    from macros.outputs.linked_files import linked_file
    from macros.site_build import site_build

    outputs = site_build(config).outputs
    if outputs is None:
        return
    for path, rendered in outputs.social_card_files().items():
        linked_file(config, path, rendered).copy_file()
