"""The short badge of a venue ("OSDI", "EuroSys '25"), found in what the exporter wrote."""

from __future__ import annotations

import re

# Words in a venue's full name that identify a well-known venue, and its usual short name.
KNOWN_VENUES = (
    ("operating systems design and implementation", "OSDI"),
    ("symposium on operating systems principles", "SOSP"),
    ("networked systems design and implementation", "NSDI"),
    ("european conference on computer systems", "EuroSys"),
    ("usenix annual technical conference", "USENIX ATC"),
    ("architectural support for programming languages", "ASPLOS"),
    ("machine learning and systems", "MLSys"),
    ("international conference on machine learning", "ICML"),
    ("neural information processing systems", "NeurIPS"),
    ("international conference on learning representations", "ICLR"),
    ("north american chapter of the association for computational linguistics", "NAACL"),
    ("empirical methods in natural language processing", "EMNLP"),
    ("annual meeting of the association for computational linguistics", "ACL"),
    ("findings of the association for computational linguistics", "Findings of ACL"),
    ("computer vision and pattern recognition", "CVPR"),
    ("international conference on computer vision", "ICCV"),
    ("european conference on computer vision", "ECCV"),
    ("aaai conference on artificial intelligence", "AAAI"),
    ("knowledge discovery and data mining", "KDD"),
    ("internet measurement conference", "IMC"),
    ("computer and communications security", "CCS"),
    ("symposium on security and privacy", "IEEE S&P"),
    ("network and distributed system security", "NDSS"),
    ("usenix security symposium", "USENIX Security"),
    ("international symposium on biomedical imaging", "ISBI"),
    ("very large data bases", "VLDB"),
    ("management of data", "SIGMOD"),
    ("the web conference", "WWW"),
)
ARXIV = re.compile(r"\barxiv\b|\bcorr\b", flags=re.I)
# "(OSDI 26)", "(EuroSys '25)", "(ICML 2024)": an acronym of two or more capitals, maybe with a year.
ACRONYM_IN_PARENTHESES = re.compile(r"\(([A-Z][A-Za-z&]*[A-Z][A-Za-z]*)(?:\s*['’]?\d{2,4})?\)")
# "OSDI 2026", "ICML 2024" inside a longer name, as DBLP writes it.
ACRONYM_WITH_YEAR = re.compile(r"\b([A-Z][A-Za-z&]*[A-Z][A-Za-z]*)\s+['’]?(?:19|20)?\d{2}\b")
# A series as the ACM writes it ("EuroSys '25"); DBLP's "Proceedings of Machine Learning Research" is no badge.
SHORT_SERIES = 16


def venue_badge(venue: str, series: str | None) -> str:
    """A short series ("EuroSys '25"), an acronym with a year, a known venue, else the venue's own name, shortened; never empty."""
    if series and len(series) <= SHORT_SERIES:
        return series
    if match := ACRONYM_IN_PARENTHESES.search(venue) or ACRONYM_WITH_YEAR.search(venue):
        return match.group(1)
    if ARXIV.search(venue):
        return "arXiv"
    lowered = venue.lower()
    for words, badge in KNOWN_VENUES:
        if words in lowered:
            return badge
    return _short_name(venue)


def _short_name(venue: str) -> str:
    """The venue's own words, less what a badge beside the year does not need; never an acronym it does not use.

    'Proceedings of the 3rd Widget Safety Workshop (WSW-3), Testville, 2023' becomes 'Widget Safety Workshop'.
    """
    name = re.sub(r"\([^()]*\)", " ", venue).split(",")[0]
    name = re.sub(r"^\s*proceedings\s+of\s+(?:the\s+)?", "", name, flags=re.I)
    name = re.sub(r"\b(?:\d+(?:st|nd|rd|th)|(?:19|20)\d{2})\b", " ", name, flags=re.I)
    return " ".join(name.split()) or venue
