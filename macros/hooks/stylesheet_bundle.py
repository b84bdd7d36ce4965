"""MkDocs hook (see `hooks:` in mkdocs.yml): serves the stylesheets listed in `extra_css` as one file.

Each concern keeps its own stylesheet in docs/assets/css/, but a visitor's
browser downloads a single bundle: one request instead of five.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

BUNDLE = "assets/css/site.css"

# MkDocs loads this hook afresh with each configuration, so this list lives for one build.
_sources: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _sources[:] = [str(path) for path in config.extra_css]
    config.extra_css = [BUNDLE]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    parts = []
    for source in _sources:
        file = files.get_file_from_path(source)
        if file is None:
            raise PluginError(f"mkdocs.yml, extra_css: '{source}' does not exist under docs/")
        parts.append(f"/* {source} */\n{file.content_string.strip()}\n")
        files.remove(file)
    files.append(File.generated(config, BUNDLE, content="\n".join(parts)))
    return files
