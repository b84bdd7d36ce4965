"""MkDocs hook (see `hooks:` in macros/machinery.yml): writes Material's stylesheets and those listed in `extra_css` into each page.

Each concern keeps its own stylesheet in docs/assets/css/, but a visitor's
browser gets them in the page's own `<style>` element: on a slow phone the
first paint waits for no stylesheet request. Material's own files come first,
in the order its base.html links them, so the cascade is the same;
overrides/main.html leaves out Material's links and holds the placeholder.
Each page keeps the rules that it or a script can use
(macros/outputs/page_stylesheets.py): a third of Material's stylesheet goes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from macros.outputs.page_stylesheets import PageStylesheets

# Must match overrides/partials/page_stylesheet.html.
PLACEHOLDER = "<style>@page-stylesheet@</style>"
# Material's stylesheets, as its base.html links them (their names carry a hash of their content).
MATERIAL_MAIN = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
MATERIAL_PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")
# Where a browser ends a <style> element, whatever comes after.
_STYLE_END = re.compile(r"</style", re.IGNORECASE)

# MkDocs loads this hook afresh with each configuration, so these live for one build.
_sources: list[str] = []
_bundle: list[str] = []
_stylesheets: list[PageStylesheets] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _sources[:] = [str(path) for path in config.extra_css]
    config.extra_css = []
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    stylesheets = {f"Material's {file.src_uri}": file for file in _material_stylesheets(files, config)}
    for source in _sources:
        file = files.get_file_from_path(source)
        if file is None:
            raise PluginError(f"mkdocs.yml, extra_css: '{source}' does not exist under docs/")
        stylesheets[f"docs/{source}"] = file
        files.remove(file)
    parts = []
    for name, file in stylesheets.items():
        text = file.content_string
        if _STYLE_END.search(text):
            raise PluginError(f"{name}: '</style' would end the page's <style> element early; in a string, write it as '<\\/style'")
        parts.append(text.strip())
    _bundle[:] = ["\n".join(parts)]
    return files


def _material_stylesheets(files: Files, config: MkDocsConfig) -> list[File]:
    """Material's main stylesheet, then its palette's when mkdocs.yml sets one, as base.html links them."""
    patterns = [MATERIAL_MAIN, *([MATERIAL_PALETTE] if config.theme.get("palette") else [])]
    found = []
    for pattern in patterns:
        matches = [file for file in files if pattern.fullmatch(file.src_uri)]
        if len(matches) != 1:
            raise PluginError(
                f"expected one of Material's stylesheets matching {pattern.pattern}, found {len(matches)}; "
                "has Material changed how it names them? (macros/hooks/stylesheet_bundle.py)"
            )
        found.append(matches[0])
    return found


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    from macros.outputs.page_stylesheets import PageStylesheets

    # Material's bundle writes the search results, the copy buttons and the tooltips from class names it holds.
    scripts = [file.content_string for file in sorted(files, key=lambda file: file.dest_uri) if file.dest_uri.endswith(".js")]
    # Material's instant navigation puts the next page's <style> into the page the policy came with, which allows
    # no other stylesheet than its own: there every page carries the same, whole.
    per_page = "navigation.instant" not in (config.theme.get("features") or [])
    _stylesheets[:] = [PageStylesheets(_bundle[0], scripts, Path(config.config_file_path).parent, per_page=per_page)]
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_stylesheet(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The pages made from a theme template alone: 404.html."""
    if not template_name.endswith(".html"):
        return output_content
    return with_stylesheet(output_content, template_name)


def with_stylesheet(output: str, name: str) -> str:
    if PLACEHOLDER not in output:
        raise PluginError(
            f"{name}: the page has no place for its stylesheet; a template under overrides/ must keep the `styles` block of overrides/main.html"
        )
    return output.replace(PLACEHOLDER, f"<style>{_stylesheets[0].for_page(output)}</style>", 1)
