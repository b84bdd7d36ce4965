"""MkDocs hook (see `hooks:` in macros/machinery.yml): adds the pages and files made from data/ to the build.

One page per publication (publications/<key>/), publications.bib (when there
are papers), the Atom feed feed.xml (when there is news) and robots.txt. The content comes from the build's SiteOutputs
(macros/site_build.py), made while the macros module loaded the data. Under
`make serve` with broken data, the same addresses answer with the problems.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    from macros.outputs.linked_files import KeptFiles
    from macros.site_build import site_build

    build = site_build(config)
    # Under `make serve` with broken data, the error outputs answer the same addresses with the problems.
    outputs = build.outputs or build.error_outputs
    if outputs is None:
        return files
    pages = [file for file in files.documentation_pages() if not file.generated_by]
    kept = KeptFiles(Path(config.config_file_path).parent)
    for path, content in outputs.generated_files(config.site_url or "/", config.site_name, pages).items():
        if path.endswith(".md"):  # a page, which MkDocs reads and converts, and never copies
            files.append(File.generated(config, path, content=content))
        else:
            files.append(kept.site_file(config, path, content))
    kept.prune()
    return files
