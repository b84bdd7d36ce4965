"""A publication as CSL-JSON, the citation format Zotero, Mendeley, Pandoc and citeproc read.

One item per paper (publications.json holds them all); the CSL styles on the
paper pages are rendered from these same items, so every citation says what
the export says.
"""

from __future__ import annotations

from typing import Any

from ..data.link_kinds import link_address

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
        "publisher": pub.get("publisher") or (pub.get("school") if pub["type"] in ("thesis", "report") else None),
        "publisher-place": pub.get("address"),
        "genre": pub.get("degree") and f"{pub['degree']} thesis" or GENRES.get(pub["type"]),
        "event-title": venue if pub["type"] in ("poster", "talk") else None,
        "page": pub["pages"],
        "volume": pub.get("volume") and str(pub["volume"]),
        "issue": pub.get("number") and str(pub["number"]),
        "DOI": links.get("doi"),
        "URL": f"{site_url}publications/{pub['key']}/" if site_url else None,
        "abstract": pub.get("abstract"),
        "note": f"arXiv:{links['arxiv']}" if links.get("arxiv") else None,
    }
    pdf = link_address(links["pdf"], site_url) if links.get("pdf") else None
    if pdf:
        candidates["custom"] = {"pdf": pdf}
    return {name: value for name, value in candidates.items() if value not in (None, "", [])}
