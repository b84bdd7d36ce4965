"""Reading a .bib file: bibtexparser v2 splits it and expands @string macros; pylatexenc turns LaTeX into Unicode."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import Block, DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, Field, ParsingFailedBlock
from pylatexenc.latex2text import LatexNodes2Text

from .os_errors import cannot_read
from .problems import ImportProblem

# bibtexparser logs each block it cannot read; read_bib reports those as problems of its own.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

# Fields that BibTeX styles and biblatex print verbatim: decoding them as LaTeX would read
# the '%' of 'a%20b' as a comment and the '~' of '/~rowan/' as a space.
VERBATIM_FIELDS = frozenset({"doi", "eprint", "file", "pdf", "url"})
# Fields whose blank lines separate paragraphs, as the abstract shows them.
PARAGRAPH_FIELDS = frozenset({"abstract"})
# The only field whose bare words BibTeX itself defines (jan ... dec), without any @string.
MONTH = "month"

TOO_DEEP = "its braces are nested hundreds of levels deep, more than any title or name needs; remove the extra braces"

_TEXT = LatexNodes2Text(math_mode="text")
# Keeps the braces that group a name ({Barnes and Noble}) so that splitting on 'and' respects them.
_TEXT_KEEPING_GROUPS = LatexNodes2Text(math_mode="text", keep_braced_groups=True)


@dataclass(frozen=True)
class BibEntry:
    """One entry as the exporter wrote it, its values in plain Unicode, its authors as written ("First Last")."""

    key: str
    entry_type: str
    line: int | None
    fields: dict[str, str]
    authors: list[str]
    abridged: bool
    # How many leading authors carry an equal-contribution mark (*, †, \textsuperscript{*}).
    equal_contribution: int = 0


def read_bib(path: Path, shown_as: str) -> tuple[list[BibEntry], list[ImportProblem]]:
    """Every entry of the file, or the problems that stop it from being read.

    Raises ImportRefused when the system cannot read the file at all.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise cannot_read(error, shown_as) from None
    except UnicodeDecodeError as error:
        problem = f"the file is not UTF-8 text (byte {error.object[error.start]:#x} at offset {error.start}); export it as UTF-8"
        return [], [ImportProblem(shown_as, None, None, problem)]
    # After the default stack (@string macros expanded, enclosing braces and quotes removed).
    library = bibtexparser.parse_string(text, append_middleware=[middlewares.NormalizeFieldKeys()])
    problems = [_parse_problem(block, shown_as) for block in library.failed_blocks]
    if not library.entries and not problems:
        problems.append(ImportProblem(shown_as, None, None, "it holds no BibTeX entry (@inproceedings{...}, @article{...})"))
    entries: list[BibEntry] = []
    for entry in library.entries:
        try:
            read, entry_problems = _entry(entry, shown_as)
        except RecursionError:
            # pylatexenc decodes a group inside a group by recursing, one level per brace.
            line = _line_of(entry)
            read, entry_problems = None, [ImportProblem(shown_as, line, entry.key, TOO_DEEP)]
        problems += entry_problems
        if read is not None:
            entries.append(read)
    return entries, problems


def _parse_problem(block: ParsingFailedBlock, shown_as: str) -> ImportProblem:
    line = _line_of(block)
    if isinstance(block, DuplicateBlockKeyBlock):
        return ImportProblem(shown_as, line, block.key, "an earlier entry of the file has the same key; give each entry its own")
    if isinstance(block, DuplicateFieldKeyBlock):
        fields = ", ".join(f"'{name}'" for name in sorted(block.duplicate_keys))
        key = block.ignore_error_block.key if isinstance(block.ignore_error_block, Entry) else None
        return ImportProblem(shown_as, line, key, f"the field {fields} appears twice; keep one")
    reason = block.error.abort_reason if isinstance(block.error, BlockAbortedException) else str(block.error)
    return ImportProblem(shown_as, line, None, f"this is not valid BibTeX ({reason}); check braces, quotes and commas")


def _entry(entry: Entry, shown_as: str) -> tuple[BibEntry | None, list[ImportProblem]]:
    problems = [_unexpanded(field, entry.key, shown_as) for field in entry.fields if _is_unexpanded(field)]
    fields = {field.key: _value(field) for field in entry.fields if field.key != "author"}
    authors: list[str] = []
    abridged = False
    equal = 0
    if author_field := entry.get("author"):
        try:
            authors, abridged, equal = _people(str(author_field.value))
        except InvalidNameError as error:
            line = _line_of(author_field)
            problems.append(ImportProblem(shown_as, line, entry.key, f"field 'author': cannot read the name '{error.name}' ({error.reason})"))
    if problems:
        return None, problems
    return BibEntry(entry.key, entry.entry_type.lower(), _line_of(entry), fields, authors, abridged, equal), []


def _line_of(part: Block | Field) -> int | None:
    """The 1-based line where an entry or field starts; bibtexparser counts from 0, and knows no line for a part it made."""
    return part.start_line + 1 if part.start_line is not None else None


def _is_unexpanded(field: Field) -> bool:
    """A bare word left as it was: a @string macro the file never defines, or a '#' concatenation."""
    return field.enclosing == "no-enclosing" and field.key != MONTH


def _unexpanded(field: Field, key: str, shown_as: str) -> ImportProblem:
    return ImportProblem(
        shown_as,
        _line_of(field),
        key,
        f"field '{field.key}': '{field.value}' is not text in braces or quotes, nor a @string the file defines; write the value in braces",
    )


def _value(field: Field) -> str:
    value = str(field.value)
    if field.key in VERBATIM_FIELDS:
        return value.strip()
    if field.key in PARAGRAPH_FIELDS:
        paragraphs = re.split(r"\n\s*\n", _TEXT.latex_to_text(value))
        return "\n\n".join(text for text in (_plain(paragraph) for paragraph in paragraphs) if text)
    return _plain(_TEXT.latex_to_text(value))


def _people(authors: str) -> tuple[list[str], bool, int]:
    """The names in "First von Last Jr" order, whether the list ends in 'and others', and how many lead with an equal-contribution mark."""
    names = split_multiple_persons_names(_TEXT_KEEPING_GROUPS.latex_to_text(authors))
    abridged = bool(names) and names[-1].strip().lower() == "others"
    people: list[str] = []
    marked: list[bool] = []
    for written in names[:-1] if abridged else names:
        name, mark = _tidy_name(written)
        if name:
            people.append(_plain(_TEXT.latex_to_text(parse_single_name_into_parts(name).merge_first_name_first)))
            marked.append(mark)
    leading = next((index for index, mark in enumerate(marked) if not mark), len(marked))
    return [name for name in people if name], abridged, leading


# al-folio and hand-kept files mark equal contribution on a name: "Agarwal, Navneet*", "Li\textsuperscript{\dag}".
_EQUAL_MARK = re.compile(r"\s*(?:\^?[*†‡])+\s*")


def names_in(field: str) -> list[str]:
    """The people of a field such as editor, "First Last" each; a name that cannot be read stays as written."""
    try:
        return _people(field)[0]
    except InvalidNameError:
        return [_plain(field)]


def _tidy_name(name: str) -> tuple[str, bool]:
    """A name without the slips BibTeX itself forgives (a trailing comma, doubled spaces), and whether it had an equal-contribution mark."""
    marked = bool(_EQUAL_MARK.search(name))
    cleaned = _EQUAL_MARK.sub(" ", name) if marked else name
    return " ".join(cleaned.split()).rstrip(", ").strip(), marked


def _plain(text: str) -> str:
    """One line of text: the line breaks and indentation of a long value become single spaces."""
    return " ".join(text.split())
