"""MkDocs hook (see `hooks:` in macros/machinery.yml): serves Material's stylesheets and those listed in `extra_css` as one file.

Each concern keeps its own stylesheet in docs/assets/css/, but a visitor's
browser downloads a single bundle: one request instead of seven, and on a
slow phone the first paint waits for one stylesheet, not three in parallel.
Material's own files come first, in the order its base.html links them, so
the cascade is the same; overrides/main.html leaves out Material's links.
Once every page is written, the rules that no page or script can use are
left out of the bundle (macros/outputs/unused_css.py): a third of Material's stylesheet.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

BUNDLE = "assets/css/site.css"
# Material's stylesheets, as its base.html links them (their names carry a hash of their content).
MATERIAL_MAIN = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
MATERIAL_PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")

# MkDocs loads this hook afresh with each configuration, so this list lives for one build.
_sources: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _sources[:] = [str(path) for path in config.extra_css]
    config.extra_css = [BUNDLE]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    parts = [f"/* Material: {file.src_uri} */\n{file.content_string.strip()}\n" for file in _material_stylesheets(files, config)]
    for source in _sources:
        file = files.get_file_from_path(source)
        if file is None:
            raise PluginError(f"mkdocs.yml, extra_css: '{source}' does not exist under docs/")
        parts.append(f"/* {source} */\n{file.content_string.strip()}\n")
        files.remove(file)
    files.append(File.generated(config, BUNDLE, content="\n".join(parts)))
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


def on_post_build(config: MkDocsConfig) -> None:
    from macros.outputs.render_cache import RenderCache, content_key
    from macros.outputs.unused_css import NamesInUse, PageNames, used_rules

    site = Path(config.site_dir)
    bundle = site / BUNDLE
    # Every page of the site dir: under `mkdocs serve --dirty` the pages not rebuilt are still there.
    page_names = PageNames.found_in(page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    scripts = [script.read_text(encoding="utf-8") for script in sorted(site.rglob("*.js"))]
    stylesheet = bundle.read_text(encoding="utf-8")
    # Parsing Material's stylesheet and reading a megabyte of scripts for words are most of the pruning's time;
    # the same stylesheet, pages' names and scripts give the same rules, so a rebuild that changed none of them
    # (a text edit under `make serve`) reads them back.
    cache = RenderCache(Path(config.config_file_path).parent, "stylesheet", ".css")
    key = content_key(
        stylesheet,
        sorted(page_names.class_values),
        sorted(page_names.id_values),
        [hashlib.sha256(script.encode("utf-8")).hexdigest() for script in scripts],
    )
    if not cache.has(key):
        cache.store(key, used_rules(stylesheet, NamesInUse.of(page_names, scripts)).encode("utf-8"))
    bundle.write_bytes(cache.path(key).read_bytes())
