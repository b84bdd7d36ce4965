"""BibTeX entries for publications: one per paper page, all of them in publications.bib."""

from __future__ import annotations

import re
from typing import Any

ENTRY_TYPES = {"conference": "inproceedings", "workshop": "inproceedings", "journal": "article", "preprint": "misc"}
VENUE_FIELDS = {"inproceedings": "booktitle", "article": "journal", "misc": "howpublished"}
# Every character that means something to BibTeX or LaTeX, written so that it only shows itself.
# BibTeX counts braces without regard to backslashes, so `\{` would leave a field open: braces
# become brace-balanced text commands. `@` is braced so no reader can take it for a new entry.
TEXT_ESCAPES = str.maketrans(
    {
        **{char: f"\\{char}" for char in "&%$#_"},
        "\\": "\\textbackslash{}",
        "{": "\\textbraceleft{}",
        "}": "\\textbraceright{}",
        "~": "\\textasciitilde{}",
        "^": "\\textasciicircum{}",
        "@": "{@}",
    }
)
# An address or identifier is read verbatim by LaTeX's \url; only what would end the field is encoded.
ADDRESS_ESCAPES = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"})


def bibtex_entry(pub: dict[str, Any]) -> str:
    entry_type = ENTRY_TYPES[pub["type"]]
    authors = " and ".join(_name(author) for author in pub["authors"])
    fields = {
        "title": _protect_capitals(_escape(pub["title"])),
        "author": authors + (" and others" if pub["authors_abridged"] else ""),
        VENUE_FIELDS[entry_type]: _escape(pub["venue_full"] or pub["venue"]),
        "year": str(pub["year"]),
        "pages": pub["pages"].replace("-", "--") if pub["pages"] else None,
        "doi": _address(pub["links"].get("doi")),
        "url": _address(
            pub["links"].get("paper")
            or pub["links"].get("pdf")
            or (f"https://doi.org/{pub['links']['doi']}" if pub["links"].get("doi") else None)
        ),
        "eprint": _address(pub["links"].get("arxiv")),
        "archiveprefix": "arXiv" if pub["links"].get("arxiv") else None,
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@{entry_type}{{{pub['key']},\n{body}\n}}"


def bibtex_file(publications: list[dict[str, Any]]) -> str:
    return "\n\n".join(bibtex_entry(pub) for pub in publications) + "\n"


def _escape(text: str) -> str:
    """Text as a BibTeX field shows it, on one line: the entry has exactly the fields written here."""
    return " ".join(text.split()).translate(TEXT_ESCAPES)


def _address(address: str | None) -> str | None:
    return address.translate(ADDRESS_ESCAPES) if address else None


def _name(author: str) -> str:
    """An author as one BibTeX name: 'Widget Makers and Friends' braced whole, or readers would see two people."""
    escaped = _escape(author)
    return f"{{{escaped}}}" if re.search(r"\sand\s|,", escaped, flags=re.IGNORECASE) else escaped


def _protect_capitals(title: str, at_start: bool = True) -> str:
    """Brace every word whose capitals a sentence-case style would lower: MGit, DNNs, Clockwork (not a leading 'Serving').

    A name before the title's colon is braced whole ("{Nazar}: Monitoring ...").
    """
    name, colon, rest = title.partition(": ")
    if colon and " " not in name:
        return f"{{{name}}}: {_protect_capitals(rest, at_start=False)}"

    def protect(match: re.Match[str]) -> str:
        word = match.group(0)
        letters = [character for character in word if character.isalpha()]
        # A style keeps the title's first letter as it is, so only capitals after it need braces there.
        capitals = letters[1:] if at_start and match.start() == 0 else letters
        return f"{{{word}}}" if any(character.isupper() for character in capitals) else word

    return re.sub(r"[^\s:;,.?!()]+", protect, title)
