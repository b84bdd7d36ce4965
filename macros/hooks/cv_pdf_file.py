"""MkDocs hook (see `hooks:` in macros/machinery.yml): adds the PDF CV, e.g. wei-hao-cv.pdf, to the build.

The PDF is rendered from data/ (see outputs/typeset/cv_pdf.py) while the pages are converted, and
copied into the site once it is done, before any page is written: a Typst error stops the build with
one line and no PDF half-written. Under `mkdocs serve` every data edit rebuilds it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    from macros.outputs.linked_files import linked_file
    from macros.site_build import site_build

    outputs = site_build(config).outputs
    if outputs is None:  # the data has an error, which every page of the preview is showing
        return files
    pdf = outputs.cv_pdf(config)
    files.append(linked_file(config, pdf.name, pdf.path, ready=pdf.rendering))
    return files
