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
SHORT_ENOUGH = 24
# A series as the ACM writes it ("EuroSys '25"); DBLP's "Proceedings of Machine Learning Research" is no badge.
SHORT_SERIES = 16
MINOR_WORDS = {"proceedings", "of", "on", "the", "and", "for", "in", "at", "to", "a", "an"}


def venue_badge(venue: str, series: str | None) -> str:
    """A short series ("EuroSys '25"), an acronym with a year, a known venue, else a short form of the name; never empty."""
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
    if len(venue) <= SHORT_ENOUGH:
        return venue
    initials = "".join(word[0].upper() for word in re.findall(r"[A-Za-z]+", venue) if word.lower() not in MINOR_WORDS)
    return initials if len(initials) >= 2 else venue[:SHORT_ENOUGH].rstrip() + "…"
