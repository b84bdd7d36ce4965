"""A publication as RIS, the tagged format that EndNote, Zotero, Mendeley and RefWorks import.

One record per paper (publications.ris holds them all, publications/<key>.ris
one each). Each record is written from the paper's CSL-JSON item
(csl_json.py), so the RIS, the CSL-JSON and the citations rendered from it
name the same title, authors, date, venue, pages, DOI and PDF.

RIS is read line by line: a line that starts with two capitals, two spaces and
"- " is a new tag. Every value is written on one line (its line breaks and other
whitespace runs become one space), so no text in the data can end a record or
start a tag; lines end in CR LF, as the RIS specification writes them.
"""

from __future__ import annotations

from typing import Any

from .csl_json import OTHERS, csl_item

# Our publication types and the RIS type (TY) each is, chosen by what Zotero's RIS importer makes of it:
# CPAPER is a conferencePaper, JOUR a journalArticle, THES a thesis, CHAP a bookSection, BOOK a book,
# RPRT a report, PAT a patent and SLIDE a presentation (its meeting in T2, Poster or Talk in M3); GEN would
# be read as a journal article. Zotero's RIS has no preprint: UNPB (unpublished work, as EndNote and
# Mendeley read it) becomes a journal article there, with the server (arXiv) as its publication.
RIS_TYPES = {
    "conference": "CPAPER",
    "workshop": "CPAPER",
    "journal": "JOUR",
    "preprint": "UNPB",
    "thesis": "THES",
    "chapter": "CHAP",
    "book": "BOOK",
    "report": "RPRT",
    "patent": "PAT",
    "poster": "SLIDE",
    "talk": "SLIDE",
}
# Where each RIS type names what the paper appeared in (the CSL item's container-title, the event of a
# poster or talk, a preprint's server): a conference's name and, for Zotero, its proceedings (C3); a journal,
# a book's title for a chapter. A thesis, a report and a book name their university, institution or
# publisher in PB instead.
VENUE_TAGS: dict[str, tuple[str, ...]] = {"CPAPER": ("T2", "C3"), "JOUR": ("T2",), "UNPB": ("T2",), "CHAP": ("T2",), "SLIDE": ("T2",)}
# The types whose CSL publisher is the server they are on, named in T2 above, not a publisher.
SERVED_TYPES = frozenset({"UNPB"})
# The types whose own number goes in SN (Zotero: report number, patent number); a preprint's archive id has no tag.
NUMBERED_TYPES = frozenset({"RPRT", "PAT"})
# The tag of the editors of the types whose CSL item names them (csl_json.EDITED_TYPES); Zotero reads A2 of a
# book as its series editor, A3 as its editor.
EDITOR_TAGS = {"CPAPER": "A2", "CHAP": "A2", "BOOK": "A3"}
# The types whose kind of work goes in M3: "PhD thesis", "Poster", "Talk" (Zotero: thesis type, presentation type).
WORK_TYPE_TAGS = frozenset({"THES", "SLIDE"})
# For a book and a thesis, SP is their number of pages, not a range.
UNPAGED_TYPES = frozenset({"BOOK", "THES"})
LINE_END = "\r\n"


def ris_record(pub: dict[str, Any], site_url: str | None) -> str:
    """The paper as one RIS record, from TY to ER, each line ending in CR LF; tags the paper has no value for stay out."""
    item = csl_item(pub, site_url or "")
    ris_type = RIS_TYPES[pub["type"]]
    year, *month = item["issued"]["date-parts"][0]
    tags: list[tuple[str, Any]] = [("TY", ris_type), ("TI", item["title"])]
    # RIS has no mark for a list that names only some authors: the CSL item's "others" stays out.
    tags += [("AU", _name(name)) for name in item["author"] if name != OTHERS]
    if ris_type in EDITOR_TAGS:
        tags += [(EDITOR_TAGS[ris_type], _name(name)) for name in item.get("editor", [])]
    tags += [("PY", year), ("DA", f"{year}/{month[0]:02d}//" if month else None)]
    publisher = item.get("publisher")
    venue = item.get("event-title") or item.get("container-title") or (publisher if ris_type in SERVED_TYPES else None)
    tags += [(tag, venue) for tag in VENUE_TAGS.get(ris_type, ())]
    if ris_type in WORK_TYPE_TAGS:
        tags.append(("M3", item.get("genre")))
    if item.get("page") and ris_type not in UNPAGED_TYPES:
        first, _, last = item["page"].partition("-")
        tags += [("SP", first), ("EP", last)]
    tags += [
        ("VL", item.get("volume")),
        ("IS", item.get("issue")),
        ("SN", item.get("number") if ris_type in NUMBERED_TYPES else None),
        ("PB", publisher if ris_type not in SERVED_TYPES else None),
        ("CY", item.get("publisher-place")),
        ("DO", item.get("DOI")),
        ("UR", item.get("URL")),
        ("L1", item.get("custom", {}).get("pdf")),
        ("AB", item.get("abstract")),
        ("ID", item["id"]),
    ]
    lines = [f"{tag}  - {text}" for tag, value in tags if value is not None for text in [_one_line(value)] if text]
    return LINE_END.join([*lines, "ER  - "]) + LINE_END


def ris_file(publications: list[dict[str, Any]], site_url: str | None) -> str:
    """Every paper's record, in the order given, a blank line between records."""
    return LINE_END.join(ris_record(pub, site_url) for pub in publications)


def _name(name: dict[str, str]) -> str:
    """A CSL name as RIS writes it: "Family, Given" ("da Silva, Rafael"), "Family, Given, Suffix"; a literal name stays whole."""
    if "literal" in name:
        return name["literal"]
    family = " ".join(filter(None, (name.get("non-dropping-particle"), name["family"])))
    return ", ".join(filter(None, (family, name["given"], name.get("suffix"))))


def _one_line(value: Any) -> str:
    """The value on one line: every run of whitespace, line breaks included (CR, LF, U+2028...), is one space."""
    return " ".join(str(value).split())
