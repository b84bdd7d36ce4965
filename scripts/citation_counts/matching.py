"""When an OpenAlex work is the paper: the same DOI, or exactly the same title in the same year with an author in common."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .openalex import Work
from .papers import Paper
from .records import Counted, NotCounted

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)
# An arXiv id's version (2307.07507v2): the DataCite DOI names the paper, whatever its version.
_ARXIV_VERSION = re.compile(r"v[0-9]+$")
# Characters that separate the values of an OpenAlex filter: a DOI holding one cannot be asked for in a batch.
_FILTER_SEPARATORS = re.compile(r"[|,]")
_TAG = re.compile(r"<[^>]+>")  # OpenAlex keeps some titles' markup, e.g. <i>in vivo</i>
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


def normal_doi(doi: str) -> str:
    """DOIs are case-insensitive, and OpenAlex writes them as https://doi.org/ addresses."""
    return _DOI_PREFIX.sub("", doi.strip()).lower()


def arxiv_doi(arxiv_id: str) -> str:
    """The DOI arXiv registers with DataCite for every paper; OpenAlex has no arXiv id of its own to ask by."""
    return normal_doi(f"10.48550/arXiv.{_ARXIV_VERSION.sub('', arxiv_id.strip())}")


def doi_to_ask(paper: Paper) -> str | None:
    """The DOI to look the paper up by: its own, else its arXiv DOI; None when it has neither or its DOI cannot be batched."""
    if paper.doi:
        doi = normal_doi(paper.doi)
    elif paper.arxiv:
        doi = arxiv_doi(paper.arxiv)
    else:
        return None
    return None if _FILTER_SEPARATORS.search(doi) else doi


def works_by_doi(works: Iterable[Work]) -> dict[str, Work]:
    """Each DOI's work; of two works with one DOI (OpenAlex has a few), the more cited, which is the one people cite."""
    found: dict[str, Work] = {}
    for work in works:
        if work.doi is None:
            continue
        doi = normal_doi(work.doi)
        if doi not in found or (work.count, work.id) > (found[doi].count, found[doi].id):
            found[doi] = work
    return found


def normal_title(title: str) -> str:
    """Case, accents, markup, punctuation and spacing aside: "Über-Fast  Widgets!" and "uber fast widgets" are one title."""
    decomposed = unicodedata.normalize("NFKD", _TAG.sub("", title))
    unaccented = "".join(character for character in decomposed if not unicodedata.combining(character))
    return _NOT_ALPHANUMERIC.sub(" ", unaccented.casefold()).strip()


def family_name(name: str) -> str:
    """The last word of a name, normalised as titles are: "M. H. Afifi" and "Mohammed Afifi" share "afifi"."""
    words = normal_title(name).split()
    return words[-1] if words else ""


def match_title(paper: Paper, works: Iterable[Work]) -> Counted | NotCounted:
    """The work with exactly the paper's title and year and at least one of its authors' family names; else why none is."""
    titled = [work for work in works if work.year == paper.year and normal_title(work.title) == normal_title(paper.title)]
    if not titled:
        return NotCounted(f"no work titled exactly so in {paper.year}")
    families = {family_name(name) for name in paper.authors} - {""}
    shared = [work for work in titled if families & {family_name(name) for name in work.authors}]
    if not shared:
        return NotCounted(f"title matches {titled[0].id} but no shared author")
    best = max(shared, key=lambda work: (work.count, work.id))
    return Counted(best.id, best.count)
