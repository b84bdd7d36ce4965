"""Turning one BibTeX entry into a publication of data/publications.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .comparing import comparable
from .problems import ImportProblem
from .reading import BibEntry, names_in
from .venues import ARXIV, known_venue, venue_badge

ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", flags=re.I)
PAGE_RANGE = re.compile(r"^(\d+)\s*(?:-+|–|—)\s*(\d+)$")
# What an entry without a venue is, in words; other entry types fall back to the publication type.
BADGES_BY_ENTRY_TYPE = {
    "phdthesis": "PhD thesis",
    "mastersthesis": "Master's thesis",
    "techreport": "Technical report",
    "book": "Book",
    "unpublished": "Manuscript",
}
# The longest key the schema allows (data/schemas/common.schema.json, $defs/key): it names the paper's page and .bib entry.
KEY_LENGTH = 64
# Title words that make a poor key: "muller2026robust", not "muller2026a".
MINOR_TITLE_WORDS = {
    "a",
    "an",
    "the",
    "on",
    "of",
    "for",
    "and",
    "in",
    "to",
    "with",
    "towards",
    "toward",
    "via",
    "from",
    "is",
    "are",
    "do",
    "does",
    "can",
    "how",
    "what",
    "when",
    "why",
    "using",
    "at",
    "by",
}


@dataclass(frozen=True)
class Owner:
    """The profile's name and the other spellings of it that author lists may use."""

    name: str
    variants: tuple[str, ...]

    def matches(self, author: str) -> bool:
        return comparable(author) in {comparable(self.name), *(comparable(variant) for variant in self.variants)}


class FieldReader:
    """An entry's fields that remembers which ones the conversion read, so every other one can be reported."""

    def __init__(self, fields: dict[str, str]) -> None:
        self._fields = fields
        self.read: set[str] = set()

    def get(self, name: str, default: str = "") -> str:
        self.read.add(name)
        return self._fields.get(name, default).strip()

    def unread(self) -> set[str]:
        return set(self._fields) - self.read


@dataclass(frozen=True)
class Converted:
    """One entry as a publication, the fields it read and left out on purpose, and those it could not import."""

    publication: dict[str, Any]
    not_imported: frozenset[str]
    ignored: frozenset[str]
    # A `pdf` that names a file, as al-folio writes it ("paper.pdf"): the importer looks for it and copies it.
    pdf_file: str | None = None


def to_publication(entry: BibEntry, owner: Owner, shown_as: str) -> tuple[Converted | None, list[ImportProblem]]:
    """The publication, or the reasons this entry cannot be imported."""

    def problem(text: str) -> ImportProblem:
        return ImportProblem(shown_as, entry.line, entry.key, text)

    fields = FieldReader(entry.fields)
    title, year = fields.get("title"), fields.get("year")
    missing = [name for name, value in (("title", title), ("author", entry.authors), ("year", year)) if not value]
    problems = [problem(f"it has no {name}; every paper needs a title, authors and a year") for name in missing]
    if year and not re.fullmatch(r"\d{4}", year):
        problems.append(problem(f"its year '{year}' is not a four-digit year"))
    if entry.authors and not any(owner.matches(author) for author in entry.authors):
        problems.append(problem(OWNER_MISSING.format(owner=owner.name)))
    kind = entry_kind(entry, fields)
    if kind == "chapter" and not fields.get("publisher"):
        problems.append(problem("a chapter needs its publisher (BibTeX styles print it); add publisher = {...} to the entry"))
    if problems:
        return None, problems
    venue_full = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished")
    found_links = links(fields)
    abbr = fields.get("abbr")
    if kind in ("talk", "poster") and not abbr:
        badge = kind.capitalize()
    elif venue_full or abbr:
        badge = venue_badge(venue_full, fields.get("series") or None, abbr=abbr or None)
    else:
        badge = _badge_without_venue(entry, kind, found_links)
    equal = entry.equal_contribution
    candidates: dict[str, Any] = {
        "key": "",
        "title": title,
        "authors": [owner.name if owner.matches(author) else author for author in entry.authors],
        "equal_contribution": equal if equal >= 2 else None,
        "authors_abridged": entry.abridged or None,
        "venue": badge,
        "venue_full": venue_full or None,
        "type": kind,
        "year": int(year),
        "month": _month(fields.get("month")),
        "pages": _pages(fields.get("pages")),
        "volume": fields.get("volume") or None,
        "number": fields.get("number") or None,
        "editors": names_in(fields.get("editor")) or None,
        "publisher": fields.get("publisher") or None,
        "address": fields.get("address") or None,
        "degree": _degree(entry, fields) if kind == "thesis" else None,
        "school": fields.get("school") or fields.get("institution") or None,
        "note": fields.get("note") or None,
        "award": fields.get("award") or fields.get("award_name") or None,
        "selected": fields.get("selected").lower() in TRUE_WORDS,
        "abstract": fields.get("abstract") or None,
        "links": found_links or None,
    }
    # The file's order of fields; what the entry does not give stays out.
    publication = {name: value for name, value in candidates.items() if value is not None}
    unread = fields.unread()
    ignored = frozenset(unread & set(IGNORED_FIELDS))
    written_pdf = fields.get("pdf")
    pdf_file = written_pdf if written_pdf and not _is_web_address(written_pdf) else None
    return Converted(publication, frozenset(unread - ignored), ignored, pdf_file), []


OWNER_MISSING = (
    "none of its authors is the owner '{owner}' (data/profile.yml, name); if an author is the owner "
    "under another spelling, add that spelling to name_variants in data/profile.yml"
)
TRUE_WORDS = {"true", "yes", "1"}
# Fields read on purpose and left out, with the reason the owner is told.
IGNORED_FIELDS = {
    "bibtex_show": "al-folio's switch for a BibTeX button; every paper page here shows its BibTeX",
    "preview": "al-folio's thumbnail image; the cards here show none",
    "altmetric": "al-folio's badge loads from another host, which this site never contacts",
    "dimensions": "al-folio's badge loads from another host, which this site never contacts",
    "file": "a path on the exporter's own computer",
    "biburl": "the address of the exporter's own record of the entry",
    "bibsource": "the exporter's note of where its record came from",
    "timestamp": "when the exporter last changed its record",
    "numpages": "the page count; the page range says it",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# What @misc's howpublished says a talk or a poster is.
_TALK = re.compile(r"\b(?:talk|keynote|presentation|seminar|lecture|colloquium)\b", flags=re.I)
_POSTER = re.compile(r"\bposter\b", flags=re.I)
_DOCTORATE = re.compile(r"\b(?:ph\.?\s?d|doctor|doctoral|dphil)", flags=re.I)


def entry_kind(entry: BibEntry, fields: FieldReader) -> str:
    """The publication type that the entry type (and, for @misc, its howpublished) says."""
    venue = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished")
    match entry.entry_type:
        case "inproceedings" | "conference" | "proceedings":
            known = known_venue(venue)
            workshop = known.is_workshop if known else bool(re.search(r"\bworkshops?\b", venue, flags=re.I))
            return "workshop" if workshop else "conference"
        case "article":
            return "preprint" if ARXIV.search(venue) else "journal"
        case "phdthesis" | "mastersthesis" | "thesis":
            return "thesis"
        case "incollection" | "inbook":
            return "chapter"
        case "book":
            return "book"
        case "techreport" | "report":
            return "report"
        case "patent":
            return "patent"
        case "misc":
            how = fields.get("howpublished")
            return "poster" if _POSTER.search(how) else "talk" if _TALK.search(how) else "preprint"
    return "preprint"


def _degree(entry: BibEntry, fields: FieldReader) -> str:
    """'PhD' for a @phdthesis, "Master's" for a @mastersthesis, else what its `type` field says."""
    written = fields.get("type")
    if written:
        return "PhD" if _DOCTORATE.search(written) else written
    return "Master's" if entry.entry_type == "mastersthesis" else "PhD"


def _month(written: str) -> int | None:
    """'jun', 'June', '6' or '06' -> 6; anything else is no month."""
    word = written.lower()[:3]
    if word in _MONTHS:
        return _MONTHS.index(word) + 1
    return int(written) if written.isdigit() and 1 <= int(written) <= 12 else None


def _badge_without_venue(entry: BibEntry, kind: str, found_links: dict[str, str]) -> str:
    """What the entry is, when it names no venue: 'arXiv' only for a paper that is on arXiv."""
    if "arxiv" in found_links:
        return "arXiv"
    return BADGES_BY_ENTRY_TYPE.get(entry.entry_type) or kind.capitalize()


def _pages(pages: str) -> str | None:
    match = PAGE_RANGE.match(pages.strip())
    return f"{match.group(1)}-{match.group(2)}" if match else None


# al-folio's link fields and the link each becomes ("html" is the paper's own page there).
LINK_FIELDS = (("code", "code"), ("video", "video"), ("slides", "slides"), ("poster", "poster"), ("website", "website"), ("blog", "blog"))


def links(fields: FieldReader) -> dict[str, str]:
    """Every link the entry gives, each once: doi, arxiv, pdf, the paper's page, and al-folio's code, video, ... links."""
    found: dict[str, str] = {}
    url = fields.get("url") or fields.get("html")
    if doi := DOI_PREFIX.sub("", fields.get("doi") or (url if DOI_PREFIX.match(url) else "")).strip():
        found["doi"] = doi
    if arxiv := arxiv_id(fields):
        found["arxiv"] = arxiv
    pdf = fields.get("pdf") or (url if url.lower().endswith(".pdf") else "")
    if _is_web_address(pdf) and not ARXIV.search(pdf):
        found["pdf"] = pdf
    if _is_web_address(url) and url != pdf and not _is_doi_or_arxiv(url):
        found["paper"] = url
    for field, kind in LINK_FIELDS:
        if _is_web_address(address := fields.get(field)):
            found[kind] = address
    return found


def arxiv_id(fields: FieldReader) -> str | None:
    """From al-folio's `arxiv`, from eprint with archivePrefix arXiv, or from an arXiv address or venue."""
    if match := ARXIV_ID.fullmatch(fields.get("arxiv")):
        return match.group(1)
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype")).lower()
    if prefix == "arxiv" and (match := ARXIV_ID.search(fields.get("eprint"))):
        fields.get("primaryclass")  # the arXiv category comes with the id; the link needs none
        return match.group(1)
    for name in ("journal", "url", "howpublished", "note", "volume"):
        value = fields.get(name)
        if ARXIV.search(value) and (match := ARXIV_ID.search(value)):
            return match.group(1)
    return None


def _is_web_address(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _is_doi_or_arxiv(url: str) -> bool:
    return bool(DOI_PREFIX.match(url)) or "arxiv.org/" in url.lower()


def publication_key(publication: dict[str, Any], taken: set[str]) -> str:
    """First author's surname, year, first significant title word (muller2026robust), not among `taken`.

    At most KEY_LENGTH characters, as the schema allows: a long surname or word is cut, never the number
    that tells two keys apart; the surname gets half at most, so that the year stays in the key.
    """
    surname = (_key_words(publication["authors"][0]) or ["paper"])[-1][: KEY_LENGTH // 2]
    words = [word for word in _key_words(publication["title"]) if word not in MINOR_TITLE_WORDS]
    return _unique(f"{surname}{publication['year']}{words[0] if words else ''}", taken)


# What data/schemas/publications.schema.json allows as bibtex_key.
BIBTEX_KEY = re.compile(r"[A-Za-z0-9_:.\-]{1,100}")


def kept_key(written: str, taken: set[str]) -> str:
    """The file's own key as a key may be written ('Agarwal_2024:Analyzing' -> 'agarwal-2024-analyzing'), numbered if taken."""
    return _unique("-".join(_key_words(written)).strip("-") or "paper", taken)


def _unique(base: str, taken: set[str]) -> str:
    """`base` cut to KEY_LENGTH, or numbered (-2, -3...) when taken; the number is never cut."""
    key, number = base[:KEY_LENGTH].rstrip("-"), 2
    while key in taken:
        suffix = f"-{number}"
        key, number = f"{base[: KEY_LENGTH - len(suffix)].rstrip('-')}{suffix}", number + 1
    return key


def _key_words(text: str) -> list[str]:
    """The words of `text` as a key may spell them: lowercase ASCII letters and digits."""
    return [word for word in (re.sub(r"[^a-z0-9]", "", word) for word in comparable(text).split(" ")) if word]
