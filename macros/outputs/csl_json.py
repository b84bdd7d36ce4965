"""A publication as CSL-JSON, the citation format Zotero, Mendeley, Pandoc and citeproc read.

One item per paper (publications.json holds them all); the CSL styles on the
paper pages are rendered from these same items, so every citation says what
the export says.
"""

from __future__ import annotations

from typing import Any

from ..data.link_kinds import pdf_address

# Our publication types and the CSL types they are (CSL 1.0.2).
CSL_TYPES = {
    "conference": "paper-conference",
    "workshop": "paper-conference",
    "journal": "article-journal",
    "preprint": "article",
    "thesis": "thesis",
    "chapter": "chapter",
    "book": "book",
    "report": "report",
    "patent": "patent",
    "poster": "speech",
    "talk": "speech",
}
# What a poster or a talk is, in CSL's `genre`.
GENRES = {"poster": "Poster", "talk": "Talk"}
# Who published the types that appeared in no container, as Scholar names them: the first of these fields
# given ("venue" is venue_full, else venue). Any other type's publisher is its `publisher`, when given.
PUBLISHERS = {"thesis": ("school", "venue"), "report": ("school", "publisher", "venue"), "book": ("publisher", "venue")}
# The types whose `number` identifies the item itself rather than an issue of its container.
NUMBERED_TYPES = frozenset({"report", "patent"})


# Lowercase words before a surname that belong to it: "Rafael da Silva" is Silva, with the particle "da".
PARTICLES = frozenset({"da", "de", "del", "della", "der", "di", "du", "la", "le", "van", "von", "dos", "das", "ter", "ten"})


def csl_name(name: str) -> dict[str, str]:
    """'Wei Hao' -> family Hao, given Wei; 'Rafael da Silva' keeps 'da' with Silva; a one-word name stays whole."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    given, family = words[:-1], words[-1]
    particles: list[str] = []
    while len(given) > 1 and given[-1] in PARTICLES:
        particles.insert(0, given.pop())
    parts = {"family": family, "given": " ".join(given)}
    return {**parts, "non-dropping-particle": " ".join(particles)} if particles else parts


def csl_item(pub: dict[str, Any], site_url: str) -> dict[str, Any]:
    """The paper as one CSL-JSON item; fields the paper lacks stay out."""
    links = pub["links"]
    issued: list[int] = [pub["year"], *([pub["month"]] if pub.get("month") else [])]
    venue = pub["venue_full"] or pub["venue"]
    candidates: dict[str, Any] = {
        "id": pub.get("bibtex_key") or pub["key"],
        "type": CSL_TYPES[pub["type"]],
        "title": pub["title"],
        "author": [csl_name(author) for author in pub["authors"]],
        "editor": [csl_name(editor) for editor in pub.get("editors") or []] or None,
        "issued": {"date-parts": [issued]},
        "container-title": venue if pub["type"] not in ("thesis", "book", "report", "patent") else None,
        "publisher": _publisher(pub),
        "publisher-place": pub.get("address"),
        "genre": _genre(pub, venue),
        "event-title": venue if pub["type"] in ("poster", "talk") else None,
        "page": pub["pages"],
        "volume": _optional(pub.get("volume")),
        # A report's or a patent's number is its own (CSL `number`, "Report No. ..."); anything else's is an issue.
        "issue": _optional(pub.get("number")) if pub["type"] not in NUMBERED_TYPES else None,
        "number": _optional(pub.get("number")) if pub["type"] in NUMBERED_TYPES else None,
        "DOI": links.get("doi"),
        "URL": f"{site_url}publications/{pub['key']}/" if site_url and "://" in site_url else None,
        "abstract": pub.get("abstract"),
        "note": f"arXiv:{links['arxiv']}" if links.get("arxiv") else None,
    }
    # The PDF that Scholar's citation_pdf_url names, by the same rule (a copy the site keeps, else arXiv's).
    pdf = pdf_address(links, site_url)
    if pdf:
        candidates["custom"] = {"pdf": pdf}
    return {name: value for name, value in candidates.items() if value not in (None, "", [])}


def _optional(value: str | int | None) -> str | None:
    """A volume or number as text; the data may write either as a YAML number."""
    return None if value is None else str(value)


def _genre(pub: dict[str, Any], venue: str) -> str | None:
    """A thesis's degree ("PhD thesis"), Poster or Talk, or a patent's venue ("US Patent 11,000,001"), which says what it is."""
    if pub.get("degree"):
        return f"{pub['degree']} thesis"
    return GENRES.get(pub["type"]) or (venue if pub["type"] == "patent" else None)


def _publisher(pub: dict[str, Any]) -> str | None:
    """A thesis's university, a report's institution, a book's publisher (its venue stands in), else the publisher given."""
    if pub["type"] not in PUBLISHERS:
        return pub.get("publisher")
    values = (pub["venue_full"] or pub["venue"] if source == "venue" else pub.get(source) for source in PUBLISHERS[pub["type"]])
    return next(value for value in values if value)
