"""What machines read in a page's head: Google Scholar's citation_* tags and schema.org JSON-LD."""

from __future__ import annotations

from typing import Any

from ..data.kinds import KINDS
from ..data.link_kinds import doi_address, pdf_address
from ..data.site_data import SiteData

# The tag that names where each type of publication appeared, and what it names: the first of these
# publication fields that is given ("venue" is venue_full, else venue). None: Scholar has no tag for it.
CITATION_VENUE_TAGS: dict[str, tuple[str, tuple[str, ...]] | None] = {
    "journal": ("citation_journal_title", ("venue",)),
    "conference": ("citation_conference_title", ("venue",)),
    "workshop": ("citation_conference_title", ("venue",)),
    "poster": ("citation_conference_title", ("venue",)),
    "talk": ("citation_conference_title", ("venue",)),
    # Scholar reads arXiv and other preprint servers from here too, as it always has on this site.
    "preprint": ("citation_conference_title", ("venue",)),
    "thesis": ("citation_dissertation_institution", ("school", "venue")),
    "report": ("citation_technical_report_institution", ("school", "publisher", "venue")),
    "chapter": ("citation_inbook_title", ("venue",)),
    # A book appeared nowhere but at its publisher, which citation_publisher names.
    "book": None,
    "patent": None,
}
# schema.org's type for each type of publication; the others are ScholarlyArticle.
SCHEMA_ORG_TYPES = {"thesis": "Thesis", "chapter": "Chapter", "book": "Book", "report": "Report"}
# What a publication is part of, in schema.org's terms; a book, a thesis and a report stand alone.
PART_OF_TYPES = {"journal": "Periodical", "chapter": "Book", "book": None, "thesis": None, "report": None}
# Who issued a thesis or a report, the institution Scholar names (the first of these fields given), and its schema.org type.
ISSUERS = {"thesis": ("CollegeOrUniversity", ("school", "venue")), "report": ("Organization", ("school", "publisher", "venue"))}
# The schema.org types that have pageStart and pageEnd (an Article, a Chapter); a Thesis and a Book have none.
PAGED_TYPES = frozenset({"ScholarlyArticle", "Report", "Chapter"})


def citation_tags(pub: dict[str, Any], page_url: str) -> list[tuple[str, str]]:
    """Highwire Press tags, the format Google Scholar indexes, in the order its guidelines list them."""
    links = pub["links"]
    tags = [("citation_title", pub["title"])]
    tags += [("citation_author", author) for author in pub["authors"]]
    tags.append(("citation_publication_date", _scholar_date(pub)))
    venue_tag = CITATION_VENUE_TAGS[pub["type"]]
    if venue_tag:
        tags.append((venue_tag[0], _first_given(pub, venue_tag[1])))
    publisher = _publisher(pub)
    if publisher:
        tags.append(("citation_publisher", publisher))
    for tag, field in (("citation_volume", "volume"), ("citation_issue", "number")):
        if pub.get(field) is not None:
            tags.append((tag, str(pub[field])))
    if pub["pages"]:
        first, last = pub["pages"].split("-")
        tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    if links.get("doi"):
        tags.append(("citation_doi", links["doi"]))
    if links.get("arxiv"):
        tags.append(("citation_arxiv_id", links["arxiv"]))
    # Scholar fetches the PDF from elsewhere, so a copy the site keeps is named by its absolute address;
    # CSL-JSON and RIS name the same PDF by the same rule.
    pdf = pdf_address(links, _site_address(pub, page_url))
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    tags.append(("citation_abstract_html_url", page_url))
    return tags


def article_json_ld(pub: dict[str, Any], page_url: str) -> dict[str, Any]:
    links = pub["links"]
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_ORG_TYPES.get(pub["type"], "ScholarlyArticle"),
        "headline": pub["title"],
        "name": pub["title"],
        "author": [{"@type": "Person", "name": author} for author in pub["authors"]],
        "datePublished": _iso_date(pub),
        "url": page_url,
    }
    part_of = PART_OF_TYPES.get(pub["type"], "CreativeWork")
    if part_of:
        article["isPartOf"] = {"@type": part_of, "name": _venue(pub)}
    if pub["pages"] and article["@type"] in PAGED_TYPES:
        first, last = pub["pages"].split("-")
        article["pageStart"], article["pageEnd"] = first, last
    if pub.get("editors"):
        article["editor"] = [{"@type": "Person", "name": editor} for editor in pub["editors"]]
    if pub["type"] in ISSUERS:
        issuer_type, sources = ISSUERS[pub["type"]]
        article["sourceOrganization"] = {"@type": issuer_type, "name": _first_given(pub, sources)}
    if pub["type"] == "thesis" and pub.get("degree"):
        article["inSupportOf"] = pub["degree"]
    publisher = _publisher(pub)
    if publisher:
        article["publisher"] = {"@type": "Organization", "name": publisher}
    if pub["summary"]:
        article["description"] = pub["summary"]  # our summary, not the paper's abstract
    if pub.get("abstract"):
        article["abstract"] = pub["abstract"]
    if links.get("doi"):
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": links["doi"]}
        article["sameAs"] = doi_address(links["doi"])
    return article


def _site_address(pub: dict[str, Any], page_url: str) -> str | None:
    """The site's address, read off the paper page's own (<site>/publications/<key>/); None without a site_url."""
    for page in (f"publications/{pub['key']}/", f"publications/{pub['key']}.html"):
        if page_url.endswith(page) and "://" in page_url:
            return page_url[: -len(page)]
    return None


def _venue(pub: dict[str, Any]) -> str:
    return pub["venue_full"] or pub["venue"]


def _first_given(pub: dict[str, Any], sources: tuple[str, ...]) -> str:
    """The first of these fields the paper gives; the venue, which every paper has, ends each list."""
    return next(value for value in (_venue(pub) if source == "venue" else pub.get(source) for source in sources) if value)


def _publisher(pub: dict[str, Any]) -> str | None:
    """The publisher where known; a book's venue is its publisher when it names none."""
    return pub.get("publisher") or (_venue(pub) if pub["type"] == "book" else None)


def _scholar_date(pub: dict[str, Any]) -> str:
    """The year, or year and month as Scholar reads them ("2025/06")."""
    return f"{pub['year']}/{pub['month']:02d}" if pub.get("month") else str(pub["year"])


def _iso_date(pub: dict[str, Any]) -> str:
    """The year, or year and month as ISO 8601 writes them ("2025-06"), which schema.org takes."""
    return f"{pub['year']}-{pub['month']:02d}" if pub.get("month") else str(pub["year"])


def person_json_ld(data: SiteData, site_url: str) -> dict[str, Any]:
    """The owner as a schema.org Person; each kind that schema.org has a property for adds it, when it has entries."""
    profile = data.profile
    current = profile["experience"][0] if profile["experience"] else None
    person: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": profile["name"],
        "url": site_url,
        "description": profile["lead"],
    }
    if profile["education"]:
        person["alumniOf"] = [{"@type": "CollegeOrUniversity", "name": entry["institution"]} for entry in profile["education"]]
    for kind in KINDS:
        if kind.json_ld and data.entries(kind.name):
            name, describe = kind.json_ld
            person[name] = [value for entry in data.entries(kind.name) for value in describe(entry)]
    if profile["links"]:
        person["sameAs"] = [link["url"] for link in profile["links"]]
    if current:
        person["jobTitle"] = current["role"]
        person["affiliation"] = {"@type": "Organization", "name": current["organization"]}
    return person
