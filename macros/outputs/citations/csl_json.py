"""A publication as CSL-JSON, the citation format Zotero, Mendeley, Pandoc and citeproc read.

One item per paper (publications.json holds them all); the CSL styles on the
paper pages are rendered from these same items, so every citation says what
the export says.
"""

from __future__ import annotations

import re
from typing import Any

from ...data.link_kinds import pdf_address

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
# The types that appeared in a container (proceedings, journal, book): their venue is its container-title. A
# preprint's server is its publisher and a talk's or a poster's meeting its event-title, and nothing else: the
# styles print a container-title as well ("In arXiv", "In WidgetConf 2019 [Talk]. WidgetConf 2019").
CONTAINED_TYPES = frozenset({"conference", "workshop", "journal", "chapter"})
# The types whose editors a style names: a book's, a chapter's book's, a paper's proceedings'.
EDITED_TYPES = frozenset({"chapter", "book", "conference", "workshop"})
# What a poster or a talk is, in CSL's `genre`.
GENRES = {"poster": "Poster", "talk": "Talk"}
# Who published the types that appeared in no container, as Scholar names them: the first of these fields
# given ("venue" is venue_full, else venue); a preprint's server ("arXiv") is its publisher, as Zotero maps a
# preprint's "Repository". Any other type's publisher is its `publisher`, when given.
PUBLISHERS = {
    "thesis": ("school", "venue"),
    "report": ("school", "publisher", "venue"),
    "book": ("publisher", "venue"),
    "preprint": ("venue",),
}
# The types whose `number` identifies the item itself rather than an issue of its container.
NUMBERED_TYPES = frozenset({"report", "patent", "preprint"})
# A patent's venue as the data writes it: "US Patent 11,000,001", "U.S. Patent No. 11,000,001", "US Patent".
PATENT_VENUE = re.compile(r"(?P<authority>.*?)\s*\bPatent\b(?:\s+No\.?)?(?:\s+(?P<number>\S.*))?", re.IGNORECASE)
# The last author of a list that names only some (authors_abridged). CSL-JSON has no mark for it (CSL schema
# issue #34 is open); this is BibTeX's "and others" as pandoc's BibTeX reader writes it, and pandoc's citeproc
# prints the style's et-al term in its place (jgm/citeproc, "finalNameIsOthers"); citeproc_rendering.py makes
# citeproc-py do the same. Zotero, which has no such mark either, imports it as a one-field creator "others".
OTHERS = {"literal": "others"}

# Lowercase words before a surname that belong to it: "Rafael da Silva" is Silva, with the particle "da".
PARTICLES = frozenset({"da", "de", "del", "della", "der", "di", "du", "la", "le", "van", "von", "dos", "das", "ter", "ten"})
# Words that make a name an organisation's or a group's, never split into given and family names
# ("Widget Consortium", "Widgets and Friends").
GROUP_WORDS = frozenset(
    {"and", "&", "Collaboration", "Committee", "Consortium", "Foundation", "Group", "Initiative", "Institute", "Lab", "Laboratory", "Project", "Team"}
)
# What may follow a person's name after a comma ("Martin Luther King, Jr."): CSL's name suffix, not a given name.
SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def csl_name(name: str) -> dict[str, str]:
    """A name as CSL's parts: 'Wei Hao' and 'Hao, Wei' are family Hao, given Wei; 'Rafael da Silva' keeps 'da' with Silva.

    A one-word name, or an organisation's or a group's ("Widget Consortium", "Widgets and Friends"), stays whole.
    """
    words = name.split()
    if len(words) < 2 or not GROUP_WORDS.isdisjoint(words):
        return {"literal": name}
    before, comma, after = (" ".join(part.split()) for part in name.partition(","))
    if comma and after in SUFFIXES:
        return {**csl_name(before), "suffix": after}
    if comma and before and after:
        return _parts(after.split(), before.split())
    return _parts(words[:-1], words[-1:])


def _parts(given: list[str], family: list[str]) -> dict[str, str]:
    """Given and family names; lowercase words between them belong to the family name as its particle."""
    given, family = list(given), list(family)
    while len(given) > 1 and given[-1] in PARTICLES:
        family.insert(0, given.pop())
    particles = []
    while len(family) > 1 and family[0] in PARTICLES:
        particles.append(family.pop(0))
    parts = {"family": " ".join(family), "given": " ".join(given)}
    return {**parts, "non-dropping-particle": " ".join(particles)} if particles else parts


def csl_item(pub: dict[str, Any], site_url: str) -> dict[str, Any]:
    """The paper as one CSL-JSON item; fields the paper lacks stay out."""
    links = pub["links"]
    kind = pub["type"]
    issued: list[int] = [pub["year"], *([pub["month"]] if pub.get("month") else [])]
    venue = pub["venue_full"] or pub["venue"]
    authority, number = _patent(pub, venue) if kind == "patent" else (None, _number(pub))
    candidates: dict[str, Any] = {
        "id": pub.get("bibtex_key") or pub["key"],
        "type": CSL_TYPES[kind],
        "title": pub["title"],
        "author": [csl_name(author) for author in pub["authors"]] + ([OTHERS] if pub.get("authors_abridged") else []),
        "editor": [csl_name(editor) for editor in pub.get("editors") or []] if kind in EDITED_TYPES else None,
        "issued": {"date-parts": [issued]},
        "container-title": venue if kind in CONTAINED_TYPES else None,
        "event-title": venue if kind in GENRES else None,
        # CSL 1.0.1's name for it, kept by CSL 1.0.2 as a deprecated alias: IEEE's style asks for `event`, and
        # processors older than 1.0.2 (citeproc-py 0.11, pandoc 2.17's citeproc) know no other.
        "event": venue if kind in GENRES else None,
        "publisher": _publisher(pub),
        "publisher-place": pub.get("address"),
        # A talk's place is its meeting's, which styles read as event-place (APA) or publisher-place (IEEE), as
        # Zotero gives a presentation's place as both.
        "event-place": pub.get("address") if kind in GENRES else None,
        "authority": authority,
        "genre": f"{pub['degree']} thesis" if pub.get("degree") else GENRES.get(kind),
        "page": pub["pages"],
        "volume": _optional(pub.get("volume")),
        # A report's, a patent's or a preprint's number is its own (CSL `number`, "Report No. ..."); anything else's is an issue.
        "issue": _optional(pub.get("number")) if kind not in NUMBERED_TYPES else None,
        "number": number,
        "DOI": links.get("doi"),
        "URL": f"{site_url}publications/{pub['key']}/" if site_url and "://" in site_url else None,
        "abstract": pub.get("abstract"),
        # A preprint's arXiv id is its number already.
        "note": f"arXiv:{links['arxiv']}" if links.get("arxiv") and kind != "preprint" else None,
    }
    # The PDF that Scholar's citation_pdf_url names, by the same rule (a copy the site keeps, else arXiv's).
    pdf = pdf_address(links, site_url)
    if pdf:
        candidates["custom"] = {"pdf": pdf}
    return {name: value for name, value in candidates.items() if value not in (None, "", [])}


def _optional(value: str | int | None) -> str | None:
    """A volume or number as text; the data may write either as a YAML number."""
    return None if value is None else str(value)


def _number(pub: dict[str, Any]) -> str | None:
    """A report's number, or a preprint's archive id ("arXiv:2401.00001", Zotero's "Archive ID") else its number."""
    if pub["type"] == "preprint" and pub["links"].get("arxiv"):
        return f"arXiv:{pub['links']['arxiv']}"
    return _optional(pub.get("number")) if pub["type"] in NUMBERED_TYPES else None


def _patent(pub: dict[str, Any], venue: str) -> tuple[str | None, str | None]:
    """A patent's issuing office (CSL `authority`) and its number, which the styles print once each ("US Patent No. ...").

    A venue "US Patent 11,000,001" gives both ("US", "11,000,001"), the paper's `number` first; any other venue
    is the office when a number is given ("USPTO"), else it is the number ("US 2024/0273397 A1").
    """
    given = _optional(pub.get("number"))
    written = PATENT_VENUE.fullmatch(venue)
    if written:
        return written["authority"] or None, given or written["number"]
    if given:
        return (venue if venue != given else None), given
    return None, venue


def _publisher(pub: dict[str, Any]) -> str | None:
    """A thesis's university, a report's institution, a book's publisher (its venue stands in), a preprint's server,
    else the publisher given."""
    if pub["type"] not in PUBLISHERS:
        return pub.get("publisher")
    values = (pub["venue_full"] or pub["venue"] if source == "venue" else pub.get(source) for source in PUBLISHERS[pub["type"]])
    return next(value for value in values if value)
