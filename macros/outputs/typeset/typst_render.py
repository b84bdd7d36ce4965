"""Typst documents from the .typ templates in macros/templates/, with the data passed in as JSON.

The data never becomes Typst markup: a template reads it with
`json(bytes(sys.inputs.data))` and places its strings as text, so a title
holding `#`, `*`, `]` or `$` prints as those characters. Only the fonts
bundled with Typst are used, never the machine's, so every machine renders
the same bytes.
"""

from __future__ import annotations

import json
import logging
import re
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.exceptions import PluginError

from ...shared.paths import TEMPLATE_DIR

if TYPE_CHECKING:
    import typst

log = logging.getLogger("mkdocs.plugins.macros.portfolio")

DATA_INPUT = "data"
# Where a Typst diagnostic points: "┌─ cv.typ:12:5".
_LOCATION = re.compile(r"┌─\s*(?P<file>[^\s:]+):(?P<line>\d+):\d+")


class TypstTemplateError(PluginError):
    """A Typst template failed to compile; the message names the template file and line."""


def display_path(template: str) -> str:
    return f"macros/templates/{template}"


def template_version(template: str) -> str:
    """What besides the data decides the output: the Typst release, the template's text and its parts.

    A template's parts sit in the folder of its name (cv.typ imports cv/*.typ).
    """
    parts = [TEMPLATE_DIR / template, *sorted((TEMPLATE_DIR / Path(template).stem).glob("*.typ"))]
    texts = "\n".join(f"{path.name}\n{path.read_text(encoding='utf-8')}" for path in parts)
    return f"typst {version('typst')}\n{texts}"


def compile_template(template: str, data: Any, output: Literal["pdf", "png"], ppi: float | None = None) -> list[bytes]:
    """The template rendered with `data`: one PDF, or one PNG per page."""
    # Imported here: a build whose cards and PDF are all in the cache never starts Typst.
    import typst

    compiler = typst.Compiler(
        str(TEMPLATE_DIR / template),
        root=str(TEMPLATE_DIR),
        ignore_system_fonts=True,
    )
    try:
        result, warnings = compiler.compile_with_warnings(
            format=output, ppi=ppi, sys_inputs={DATA_INPUT: json.dumps(data, ensure_ascii=False, sort_keys=True)}
        )
    except typst.TypstError as error:
        raise TypstTemplateError(_describe(template, error)) from None
    for warning in warnings:
        log.warning(_describe(template, warning))
    pages = result if isinstance(result, list) else [result]
    if any(page is None for page in pages):
        raise TypstTemplateError(f"macros/templates/{template}: Typst rendered a page as nothing; is the template's page empty?")
    return [page for page in pages if page is not None]


def _describe(template: str, problem: typst.TypstError | typst.TypstWarning) -> str:
    """'macros/templates/cv.typ:12: unknown variable: x (hint: ...)', from Typst's diagnostic."""
    match = _LOCATION.search(problem.diagnostic or "")
    where = f"{display_path(_within_templates(match['file']))}:{match['line']}" if match else display_path(template)
    hints = "".join(f" (hint: {hint})" for hint in problem.hints or [])
    return f"{where}: {problem.message}{hints}"


def _within_templates(reported: str) -> str:
    """The file Typst names (relative to where the build runs, or to its root) as a path inside macros/templates/."""
    path = Path(reported)
    parts = path.parts
    if "templates" in parts:
        return Path(*parts[len(parts) - parts[::-1].index("templates") :]).as_posix()
    return path.as_posix().lstrip("/")
