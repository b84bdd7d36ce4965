"""The macros page authors call, e.g. {{ news(limit=5) }}; each renders one template."""

from __future__ import annotations

from typing import Any, Callable

from mkdocs.exceptions import PluginError

from ..data.site_data import SiteData
from ..outputs.bibtex import bibtex_entry
from ..outputs.cv_pdf import cv_file_name
from .rendering import Renderer


def monogram(name: str) -> str:
    """'Wei Hao' -> 'WH'."""
    return "".join(part[0] for part in name.split()[:3]).upper()


def build_macros(data: SiteData, renderer: Renderer, current_page_url: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """Every macro by name; `current_page_url` tells which page is being rendered."""

    def render(template: str, **context: Any) -> str:
        return renderer.render(template, current_page_url(), **context)

    def check_area(macro: str, area: str | None) -> None:
        if area is not None and area not in data.areas_by_key:
            known = ", ".join(data.areas_by_key)
            raise PluginError(f"{macro}(area='{area}'): no research area has this key; known keys: {known}")

    def news(limit: int | None = None, area: str | None = None, folding: bool = False) -> str:
        """News, newest first; `folding=True` hides items flagged `fold` behind a button."""
        check_area("news", area)
        items = [item for item in data.news if area is None or area in data.areas_of_news(item)]
        return render("news.html", items=items[:limit], folding=folding, list_id="pf-news")

    def publications(selected: bool | None = None, area: str | None = None, mark_selected: bool = False) -> str:
        """Publications, newest first, optionally only selected ones or one area's."""
        check_area("publications", area)
        items = [
            pub
            for pub in data.publications
            if (selected is None or pub["selected"] == selected) and (area is None or area in pub["areas"])
        ]
        return render("publications.html", items=items, mark_selected=mark_selected)

    def publications_by_year(mark_selected: bool = True) -> str:
        """All publications under one Markdown heading per year, so the years appear in the table of contents."""
        years = sorted({pub["year"] for pub in data.publications}, reverse=True)
        sections = []
        for year in years:
            items = [pub for pub in data.publications if pub["year"] == year]
            sections.append(f"## {year}\n\n" + render("publications.html", items=items, mark_selected=mark_selected))
        return "\n\n".join(sections)

    def publication(key: str) -> dict[str, Any]:
        if key not in data.publications_by_key:
            raise PluginError(f"no publication has the key '{key}'; known keys: {', '.join(data.publications_by_key)}")
        return data.publications_by_key[key]

    return {
        "publication_page": lambda key: render("publication_page.html", pub=publication(key)),
        "bibtex": lambda key: render("bibtex.html", entry=bibtex_entry(publication(key))),
        "news": news,
        "publications": publications,
        "publications_by_year": publications_by_year,
        "awards": lambda: render("awards.html", items=data.awards),
        "press": lambda: render("press.html", items=data.press),
        "research_areas": lambda: render("research_areas.html", areas=data.research_areas),
        "hero": lambda: render("hero.html", monogram=monogram(data.profile["name"]), cv_pdf=cv_file_name(data.profile["name"])),
        "cv_download": lambda: render("cv_download.html", cv_pdf=cv_file_name(data.profile["name"])),
        "vision": lambda: render("vision.html"),
        "education": lambda: render("education.html"),
        "experience": lambda: render("experience.html"),
        "patents": lambda: render("patents.html"),
        "email": lambda: render("email_text.html"),
        "links": lambda: render("links.html"),
    }
