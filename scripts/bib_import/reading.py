"""Reading a .bib file with bibtexparser v2, LaTeX turned into Unicode by pylatexenc (through bibtexparser's middleware)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares

from .problems import ImportProblem

# bibtexparser logs each block it cannot read; read_bib reports those as problems of its own.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

@dataclass(frozen=True)
class BibEntry:
    """One entry as the exporter wrote it, its values in plain Unicode, its authors as written ("First Last")."""

    key: str
    entry_type: str
    line: int
    fields: dict[str, str]
    authors: list[str]
    abridged: bool


def read_bib(path: Path, shown_as: str) -> tuple[list[BibEntry], list[ImportProblem]]:
    """Every entry of the file, or the problems that stop it from being read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [ImportProblem(shown_as, None, None, f"cannot read the file ({error})")]
    # After the default stack (@string macros expanded, enclosing braces and quotes removed).
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    problems = [
        ImportProblem(shown_as, block.start_line + 1, None, "this is not valid BibTeX; check braces, quotes and commas")
        for block in library.failed_blocks
    ]
    entries = [_entry(entry) for entry in library.entries]
    return entries, problems


def _entry(entry: bibtexparser.model.Entry) -> BibEntry:
    fields: dict[str, str] = {}
    authors: list[str] = []
    abridged = False
    for field in entry.fields:
        name = field.key.lower()
        if name == "author":
            for parts in field.value if isinstance(field.value, list) else []:
                written = " ".join(" ".join(part) for part in (parts.first, parts.von, parts.last, parts.jr) if part)
                if written.lower() == "others":
                    abridged = True
                elif written:
                    authors.append(_plain(written))
        else:
            fields[name] = _plain(str(field.value))
    return BibEntry(entry.key, entry.entry_type.lower(), entry.start_line + 1, fields, authors, abridged)


def _plain(value: str) -> str:
    """One line of text, without the braces that only protect capitals ({LLMs}, {MG}it)."""
    return " ".join(value.replace("{", "").replace("}", "").split())
