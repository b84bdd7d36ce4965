"""BibTeX entries for publications: one per paper page, all of them in publications.bib."""

from __future__ import annotations

import re
from typing import Any

from mkdocs.exceptions import PluginError

from ...data.link_kinds import doi_address, link_address

# Our publication types and the BibTeX entry type each is cited as; a thesis depends on its degree (_entry_type).
ENTRY_TYPES = {
    "conference": "inproceedings",
    "workshop": "inproceedings",
    "journal": "article",
    "preprint": "misc",
    "chapter": "incollection",
    "book": "book",
    "report": "techreport",
    "patent": "misc",
    "poster": "misc",
    "talk": "misc",
}
# A degree that names a doctorate: PhD, Ph.D., DPhil, Doctor of Philosophy, doctoral.
DOCTORATE = re.compile(r"\bph\.?\s?d\b|\bd\.?\s?phil\b|doctor", flags=re.IGNORECASE)
# Where each entry type cites the venue, and what it cites there: the first of these publication fields that
# is given ("venue" is venue_full, else venue). Every standard style requires that field, so the venue stands in.
VENUE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "inproceedings": ("booktitle", ("venue",)),
    "article": ("journal", ("venue",)),
    "misc": ("howpublished", ("venue",)),
    "incollection": ("booktitle", ("venue",)),
    "book": ("publisher", ("publisher", "venue")),
    "techreport": ("institution", ("school", "publisher", "venue")),
    "phdthesis": ("school", ("school", "venue")),
    "mastersthesis": ("school", ("school", "venue")),
}
# BibTeX's month macros, which every style prints in its own language and form.
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
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


def bibtex_entry(pub: dict[str, Any], site_url: str | None = None) -> str:
    """The paper's entry; fields the schema added later are read with .get, so a paper written before them still cites.

    A PDF the site keeps (links.pdf: assets/papers/<key>.pdf) is cited at its absolute address under `site_url`;
    without a site_url it is left out, never written as a path that means nothing where the entry is pasted.
    """
    entry_type = _entry_type(pub)
    venue_field, venue = _venue(pub, entry_type)
    links = pub["links"]
    pdf = link_address(links["pdf"], site_url) if links.get("pdf") else None
    url = links.get("paper") or pdf or (doi_address(links["doi"]) if links.get("doi") else None)
    authors = " and ".join(_name(author) for author in pub["authors"]) + (" and others" if pub["authors_abridged"] else "")
    # Each field's value as written after `=`: braced text, or a bare macro.
    fields: dict[str, str | None] = {
        "title": _braced(_protect_capitals(_escape(pub["title"]))),
        "author": _braced(authors),
        "editor": _braced(" and ".join(_name(editor) for editor in pub.get("editors") or [])),
        venue_field: _braced(_escape(venue)),
    }
    # A book's venue field is its publisher already.
    fields.setdefault("publisher", _braced(_optional(pub.get("publisher"))))
    fields |= {
        "year": _braced(str(pub["year"])),
        # A macro, unbraced: a style prints it as the month's name in its own form ("June", "Jun."), braces would print "jun".
        "month": MONTHS[pub["month"] - 1] if pub.get("month") else None,
        "volume": _braced(_optional(pub.get("volume"))),
        "number": _braced(_optional(pub.get("number"))),
        "pages": _braced(pub["pages"].replace("-", "--") if pub["pages"] else None),
        "address": _braced(_optional(pub.get("address"))),
        "note": _braced(_optional(pub.get("note"))),
        "doi": _braced(_address(links.get("doi"))),
        "url": _braced(_address(url)),
        "eprint": _braced(_address(links.get("arxiv"))),
        "archiveprefix": "{arXiv}" if links.get("arxiv") else None,
        "abstract": _braced(_optional(pub.get("abstract"))),
    }
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items() if value)
    return f"@{entry_type}{{{entry_key(pub)},\n{body}\n}}"


def entry_key(pub: dict[str, Any]) -> str:
    """The key the owner chose for BibTeX (the schema allows no character that could end it), else the paper's key."""
    return pub.get("bibtex_key") or pub["key"]


def bibtex_file(publications: list[dict[str, Any]], site_url: str | None = None) -> str:
    _check_distinct_keys(publications)
    return "\n\n".join(bibtex_entry(pub, site_url) for pub in publications) + "\n"


def _entry_type(pub: dict[str, Any]) -> str:
    if pub["type"] == "thesis":
        return "phdthesis" if DOCTORATE.search(pub.get("degree") or "") else "mastersthesis"
    return ENTRY_TYPES[pub["type"]]


def _venue(pub: dict[str, Any], entry_type: str) -> tuple[str, str]:
    """The field that cites where the paper appeared, and its text: the first of its sources the paper gives."""
    field, sources = VENUE_FIELDS[entry_type]
    values = [pub["venue_full"] or pub["venue"] if source == "venue" else pub.get(source) for source in sources]
    return field, next(value for value in values if value)


def _check_distinct_keys(publications: list[dict[str, Any]]) -> None:
    """Two entries under one key would make publications.bib cite one of the papers twice; BibTeX ignores case in keys."""
    first_seen: dict[str, str] = {}
    for pub in publications:
        key = entry_key(pub).lower()
        if key in first_seen:
            raise PluginError(
                f"data/publications.yml: the papers '{first_seen[key]}' and '{pub['key']}' would have the same "
                f"BibTeX key '{entry_key(pub)}'; give one of them another bibtex_key"
            )
        first_seen[key] = pub["key"]


def _escape(text: str) -> str:
    """Text as a BibTeX field shows it, on one line: the entry has exactly the fields written here."""
    return " ".join(text.split()).translate(TEXT_ESCAPES)


def _optional(value: str | int | None) -> str | None:
    """An optional field's text, escaped; a volume or number may be written as a YAML number."""
    return None if value is None else _escape(str(value))


def _braced(value: str | None) -> str | None:
    return f"{{{value}}}" if value else None


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
