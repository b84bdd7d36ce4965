"""The CV as a PDF, rendered by Typst from data/ with macros/templates/cv.typ.

Two settings under `extra:` in mkdocs.yml (macros/settings.py checks them)
give its layout: `cv_paper` (a4, the default, or us-letter) and `cv_email`
(spelled, the default, writes the address as "name at example dot org" like
the site; link writes it whole as a mailto link; none leaves it out). The date printed in the CV and stored in the PDF
comes from SOURCE_DATE_EPOCH (the last commit, see build_date.py), so two
builds of one commit give the same bytes.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig

from ...data import dates
from ...data.kinds import KINDS, DataKind
from ...data.link_kinds import PUBLICATION_LINKS, link_address
from ...data.schema_check import inline_markdown_fields
from ...data.site_data import SiteData
from ...shared.addresses import email_parts, shown_url
from ...shared.paths import cv_file_name
from ..render_cache import RenderCache, content_key
from ..source_date import source_date
from .background import done, in_background
from .site_palette import site_colours
from .text_runs import text_runs
from .typst_render import compile_template, template_version

log = logging.getLogger("mkdocs.plugins.macros.portfolio")

TEMPLATE = "cv.typ"
PAPER_SIZES = ("a4", "us-letter")
EMAIL_STYLES = ("spelled", "link", "none")


@dataclass(frozen=True)
class CvLayout:
    paper: str = PAPER_SIZES[0]
    email: str = EMAIL_STYLES[0]


class CvPdf(NamedTuple):
    name: str  # the PDF's file name in the site
    path: Path  # the file in the cache that holds it, once `rendering` is done
    rendering: Future[None]  # its Typst run, on a thread of its own (background.py); done when it was cached


def cv_pdf(data: SiteData, config: MkDocsConfig, layout: CvLayout) -> CvPdf:
    """The PDF, from the cache when nothing it shows has changed, else rendering on a thread of its own."""
    document = cv_document(data, config, layout)
    cache = RenderCache(Path(config.config_file_path).parent, "cv-pdf", ".pdf")
    key = content_key(template_version(TEMPLATE), document)
    name = cv_file_name(data.profile["name"])

    def render() -> None:
        started = time.perf_counter()
        [pdf] = compile_template(TEMPLATE, document, "pdf")
        cache.store(key, pdf)
        log.info(f"Rendered the PDF CV {name} in {time.perf_counter() - started:.2f} s")

    return CvPdf(name, cache.path(key), done(None) if cache.has(key) else in_background(render))


def cv_document(data: SiteData, config: MkDocsConfig, layout: CvLayout) -> dict[str, Any]:
    """Everything the CV template shows, as plain JSON-ready data."""
    profile = data.profile
    site_url = config.site_url or ""
    updated = source_date()
    return {
        "paper": layout.paper,
        "colours": site_colours(Path(config.docs_dir)),
        "date": [updated.year, updated.month, updated.day] if updated else None,
        "updated": f"{dates.MONTH_NAMES[updated.month - 1]} {updated.year}" if updated else None,
        "metadata": {
            "title": f"{profile['name']}: Curriculum Vitae",
            "author": profile["name"],
            "subject": f"Curriculum vitae of {profile['name']}, {profile['role']}",
            "keywords": [area["title"] for area in data.research_areas],
        },
        "name": profile["name"],
        "role": profile["role"],
        "contact": _contact(profile, site_url, layout.email),
        "sections": [
            {
                "kind": kind.name,
                "title": kind.title,
                "summary": _summary(data, kind),
                "entries": _entries(data, kind, site_url, Path(config.config_file_path).parent),
            }
            for kind in KINDS
            if kind.cv and data.entries(kind.name)
        ],
    }


def _summary(data: SiteData, kind: DataKind) -> str | None:
    """A line under the section's heading: the citation totals, under Publications, when data/citations.yml has them."""
    totals = data.citations.totals
    return totals.summary if kind.name == "publications" and totals else None


def _entries(data: SiteData, kind: DataKind, site_url: str, project: Path) -> list[dict[str, Any]]:
    """A kind's entries as its Typst section reads them: each field as it is, inline Markdown as runs, and `when` as shown."""
    if kind.name == "publications":
        return [_publication(data, pub, site_url) for pub in data.publications]
    markdown = inline_markdown_fields(project / "data" / "schemas", kind.schema, kind.name if kind.in_profile else None)
    return [
        {
            **{name: text_runs(value) if name in markdown else value for name, value in entry.items()},
            "when": dates.when(entry),
        }
        for entry in data.entries(kind.name)
    ]


def _contact(profile: dict[str, Any], site_url: str, email_style: str) -> list[dict[str, str | None]]:
    """The site first, then the owner's other links, then the e-mail address as the owner chose to show it."""
    entries: list[dict[str, str | None]] = [{"label": "Website", "text": shown_url(site_url), "url": site_url}] if site_url else []
    shown = {shown_url(site_url)}
    for link in profile["links"]:
        if shown_url(link["url"]) not in shown:
            shown.add(shown_url(link["url"]))
            entries.append({"label": link["name"], "text": shown_url(link["url"]), "url": link["url"]})
    if not profile["email"]:
        return entries
    if email_style == "spelled":
        entries.append({"label": "E-mail", "text": email_parts(profile["email"]).spelled, "url": None})
    elif email_style == "link":
        entries.append({"label": "E-mail", "text": profile["email"], "url": f"mailto:{profile['email']}"})
    return entries


def _venue(pub: dict[str, Any]) -> str:
    """'OSDI 2020' as cited, with the year added where the venue's name lacks it."""
    venue = pub.get("venue_full") or pub["venue"]
    return venue if str(pub["year"]) in venue else f"{venue}, {pub['year']}"


def _publication(data: SiteData, pub: dict[str, Any], site_url: str) -> dict[str, Any]:
    links = pub.get("links") or {}
    # An identifier (arXiv, DOI) becomes an address with its kind's prefix; the other kinds are addresses already,
    # or a file the site keeps (assets/papers/<key>.pdf), at its address under site_url (left out without one).
    addresses = [(label, link_address(address + links[kind], site_url)) for kind, label, address in PUBLICATION_LINKS if links.get(kind)]
    shown_links = [{"label": label, "url": url} for label, url in addresses if url]
    awards = [award["name"] for award in data.awards_for(pub["key"])]
    if pub.get("award") and pub["award"] not in awards:
        awards.append(pub["award"])  # the paper's own award, unless awards.yml already names it
    editors = pub.get("editors") or []
    editor_names = f"{', '.join(editors[:-1])} and {editors[-1]}" if len(editors) > 1 else "".join(editors)
    # What the venue leaves out, as the paper page's byline (partials/publication_details.html) says it.
    details = [
        (f"{pub['degree']} thesis" if pub.get("degree") else "Thesis") if pub["type"] == "thesis" else None,
        pub.get("school"),
        f"edited by {editor_names}" if editors else None,
        pub.get("publisher"),
    ]
    equal = pub.get("equal_contribution") or 0
    return {
        "title": pub["title"],
        "url": f"{site_url}publications/{pub['key']}/" if site_url else None,
        "authors": [{"name": author, "owner": author == data.profile["name"], "equal": index < equal} for index, author in enumerate(pub["authors"])],
        "abridged": bool(pub.get("authors_abridged")),
        "equal_contribution": equal > 0,
        "venue": ", ".join([_venue(pub), *(detail for detail in details if detail)]),
        "pages": pub.get("pages"),
        "links": shown_links,
        "awards": awards,
    }
