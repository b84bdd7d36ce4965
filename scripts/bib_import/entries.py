"""Turning one BibTeX entry into a publication of data/publications.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .comparing import comparable
from .problems import ImportProblem
from .reading import BibEntry
from .venues import ARXIV, venue_badge

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
    "a", "an", "the", "on", "of", "for", "and", "in", "to", "with", "towards", "toward", "via", "from",
    "is", "are", "do", "does", "can", "how", "what", "when", "why", "using", "at", "by",
}


@dataclass(frozen=True)
class Owner:
    """The profile's name and the other spellings of it that author lists may use."""

    name: str
    variants: tuple[str, ...]

    def matches(self, author: str) -> bool:
        return comparable(author) in {comparable(self.name), *(comparable(variant) for variant in self.variants)}


def to_publication(entry: BibEntry, owner: Owner, shown_as: str) -> tuple[dict[str, Any] | None, list[ImportProblem]]:
    """The publication, or the reasons this entry cannot be imported."""
    def problem(text: str) -> ImportProblem:
        return ImportProblem(shown_as, entry.line, entry.key, text)

    fields = entry.fields
    missing = [name for name, value in (("title", fields.get("title")), ("author", entry.authors), ("year", fields.get("year"))) if not value]
    problems = [problem(f"it has no {name}; every paper needs a title, authors and a year") for name in missing]
    year = fields.get("year", "")
    if year and not re.fullmatch(r"\d{4}", year):
        problems.append(problem(f"its year '{year}' is not a four-digit year"))
    if entry.authors and not any(owner.matches(author) for author in entry.authors):
        problems.append(
            problem(
                f"none of its authors is the owner '{owner.name}' (data/profile.yml, name); if an author is the owner "
                "under another spelling, add that spelling to name_variants in data/profile.yml"
            )
        )
    if problems:
        return None, problems
    venue_full = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished") or ""
    kind = _kind(entry, venue_full)
    found_links = links(fields)
    badge = venue_badge(venue_full, fields.get("series")) if venue_full else _badge_without_venue(entry, kind, found_links)
    candidates: dict[str, Any] = {
        "key": "",
        "title": fields["title"],
        "authors": [owner.name if owner.matches(author) else author for author in entry.authors],
        "authors_abridged": entry.abridged or None,
        "venue": badge,
        "venue_full": venue_full or None,
        "type": kind,
        "year": int(year),
        "pages": _pages(fields.get("pages", "")),
        "selected": False,
        "links": found_links or None,
    }
    # The file's order of fields; what the entry does not give stays out.
    publication = {name: value for name, value in candidates.items() if value is not None}
    return publication, []


def _kind(entry: BibEntry, venue_full: str) -> str:
    if entry.entry_type in ("inproceedings", "conference", "proceedings"):
        return "workshop" if re.search(r"\bworkshops?\b", venue_full, flags=re.I) else "conference"
    if entry.entry_type == "article" and not ARXIV.search(venue_full):
        return "journal"
    return "preprint"


def _badge_without_venue(entry: BibEntry, kind: str, found_links: dict[str, str]) -> str:
    """What the entry is, when it names no venue: 'arXiv' only for a paper that is on arXiv."""
    if "arxiv" in found_links:
        return "arXiv"
    return BADGES_BY_ENTRY_TYPE.get(entry.entry_type) or kind.capitalize()


def _pages(pages: str) -> str | None:
    match = PAGE_RANGE.match(pages.strip())
    return f"{match.group(1)}-{match.group(2)}" if match else None


def links(fields: dict[str, str]) -> dict[str, str]:
    """doi, arxiv, pdf and paper, each only where the entry gives it; the same address is never given twice."""
    found: dict[str, str] = {}
    url = fields.get("url", "").strip()
    if doi := DOI_PREFIX.sub("", fields.get("doi") or (url if DOI_PREFIX.match(url) else "")).strip():
        found["doi"] = doi
    if arxiv := arxiv_id(fields):
        found["arxiv"] = arxiv
    pdf = fields.get("pdf", "").strip() or (url if url.lower().endswith(".pdf") else "")
    if pdf.startswith(("http://", "https://")) and not ARXIV.search(pdf):
        found["pdf"] = pdf
    if url.startswith(("http://", "https://")) and url != pdf and not _is_doi_or_arxiv(url):
        found["paper"] = url
    return found


def arxiv_id(fields: dict[str, str]) -> str | None:
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    if prefix == "arxiv" and (match := ARXIV_ID.search(fields.get("eprint", ""))):
        return match.group(1)
    for name in ("journal", "url", "howpublished", "note", "volume"):
        value = fields.get(name, "")
        if ARXIV.search(value) and (match := ARXIV_ID.search(value)):
            return match.group(1)
    return None


def _is_doi_or_arxiv(url: str) -> bool:
    return bool(DOI_PREFIX.match(url)) or "arxiv.org/" in url.lower()


def publication_key(publication: dict[str, Any], taken: set[str]) -> str:
    """First author's surname, year, first significant title word (muller2026robust), not among `taken`.

    At most KEY_LENGTH characters, as the schema allows: a long surname or word is cut, never the number
    that tells two keys apart; the surname gets half at most, so that the year stays in the key.
    """
    surname = (_key_words(publication["authors"][0]) or ["paper"])[-1][: KEY_LENGTH // 2]
    words = [word for word in _key_words(publication["title"]) if word not in MINOR_TITLE_WORDS]
    base = f"{surname}{publication['year']}{words[0] if words else ''}"
    key, number = base[:KEY_LENGTH], 2
    while key in taken:
        suffix = f"-{number}"
        key, number = f"{base[: KEY_LENGTH - len(suffix)]}{suffix}", number + 1
    return key


def _key_words(text: str) -> list[str]:
    """The words of `text` as a key may spell them: lowercase ASCII letters and digits."""
    return [word for word in (re.sub(r"[^a-z0-9]", "", word) for word in comparable(text).split(" ")) if word]
