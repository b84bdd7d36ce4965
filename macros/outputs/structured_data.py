"""What machines read in a page's head: Google Scholar's citation_* tags and schema.org JSON-LD."""

from __future__ import annotations

from typing import Any

CITATION_VENUE_TAG = {"journal": "citation_journal_title"}


def citation_tags(pub: dict[str, Any], page_url: str) -> list[tuple[str, str]]:
    """Highwire Press tags, the format Google Scholar indexes, in the order its guidelines list them."""
    links = pub["links"]
    tags = [("citation_title", pub["title"])]
    tags += [("citation_author", author) for author in pub["authors"]]
    tags.append(("citation_publication_date", str(pub["year"])))
    tags.append((CITATION_VENUE_TAG.get(pub["type"], "citation_conference_title"), pub["venue_full"] or pub["venue"]))
    if pub["pages"]:
        first, last = pub["pages"].split("-")
        tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    if links.get("doi"):
        tags.append(("citation_doi", links["doi"]))
    if links.get("arxiv"):
        tags.append(("citation_arxiv_id", links["arxiv"]))
    pdf = links.get("pdf") or (f"https://arxiv.org/pdf/{links['arxiv']}" if links.get("arxiv") else None)
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    tags.append(("citation_abstract_html_url", page_url))
    return tags


def article_json_ld(pub: dict[str, Any], page_url: str) -> dict[str, Any]:
    links = pub["links"]
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": pub["title"],
        "name": pub["title"],
        "author": [{"@type": "Person", "name": author} for author in pub["authors"]],
        "datePublished": str(pub["year"]),
        "isPartOf": {
            "@type": "Periodical" if pub["type"] == "journal" else "CreativeWork",
            "name": pub["venue_full"] or pub["venue"],
        },
        "url": page_url,
    }
    if pub["summary"]:
        article["description"] = pub["summary"]  # our summary, not the paper's abstract
    if links.get("doi"):
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": links["doi"]}
        article["sameAs"] = f"https://doi.org/{links['doi']}"
    return article


def person_json_ld(profile: dict[str, Any], awards: list[dict[str, Any]], site_url: str) -> dict[str, Any]:
    current = profile["experience"][0] if profile["experience"] else None
    person: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": profile["name"],
        "url": site_url,
        "description": profile["lead"],
        "alumniOf": [{"@type": "CollegeOrUniversity", "name": entry["institution"]} for entry in profile["education"]],
        "award": [award["name"] for award in awards],
        "sameAs": [link["url"] for link in profile["links"]],
    }
    if current:
        person["jobTitle"] = current["role"]
        person["affiliation"] = {"@type": "Organization", "name": current["organization"]}
    return person
