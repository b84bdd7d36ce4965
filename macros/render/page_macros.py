"""The macros page authors call, e.g. {{ news(limit=5) }}; each renders one template.

Every kind in data/kinds.py with a template gets a macro of its name, and
`cv_sections()` shows every kind marked `cv` that has entries. A page that calls
the macro of a kind with no entries builds, with a line of advice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from mkdocs.exceptions import PluginError

from ..data.kinds import KINDS, KINDS_BY_NAME, DataKind
from ..data.site_data import SiteData
from ..shared.paths import cv_file_name
from ..shared.people import monogram
from .advice import advise
from .rendering import Renderer


class PaperExports(Protocol):
    """A paper's reference as its page shows it: made in outputs/, handed in by the macros module."""

    def bibtex(self, pub: dict[str, Any]) -> str:
        """The paper's BibTeX entry."""

    def references(self, pub: dict[str, Any]) -> Sequence[Any]:
        """The paper's reference in each citation style the site offers, each with `label` and `text`."""


# A publication's `type` in words, for the Publications page's filters, in the schema's order.
PUBLICATION_TYPE_LABELS = {
    "conference": "Conference",
    "journal": "Journal",
    "workshop": "Workshop",
    "preprint": "Preprint",
    "thesis": "Thesis",
    "chapter": "Book chapter",
    "book": "Book",
    "report": "Report",
    "patent": "Patent",
    "poster": "Poster",
    "talk": "Talk",
}


def publication_facets(papers: list[dict[str, Any]], areas_by_key: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """What publication_filters() offers: {"total", "facets": [{"name", "label", "options": [{"value", "label", "count"}]}]}.

    Only values that occur are options, each with the number of papers it holds, in the data's order (areas
    as research_areas.yml lists them, types as the schema does, years newest first). A facet whose options all
    hold every paper could not narrow the list, so it is left out; fewer than two papers get None.
    """
    if len(papers) < 2:
        return None

    def facet(name: str, label: str, options: list[tuple[str, str, int]]) -> dict[str, Any]:
        found = [{"value": value, "label": text, "count": count} for value, text, count in options if count]
        return {"name": name, "label": label, "options": found}

    years = sorted({pub["year"] for pub in papers}, reverse=True)
    facets = [
        facet("area", "Research area", [(key, area["title"], sum(key in pub["areas"] for pub in papers)) for key, area in areas_by_key.items()]),
        facet("type", "Type", [(kind, label, sum(pub["type"] == kind for pub in papers)) for kind, label in PUBLICATION_TYPE_LABELS.items()]),
        facet("year", "Year", [(str(year), str(year), sum(pub["year"] == year for pub in papers)) for year in years]),
        facet("selected", "Selected", [("1", "Selected only", sum(bool(pub["selected"]) for pub in papers))]),
    ]
    narrowing = [found for found in facets if any(option["count"] < len(papers) for option in found["options"])]
    return {"total": len(papers), "facets": narrowing}


def build_macros(data: SiteData, renderer: Renderer, current_page: Callable[[], Any], exports: PaperExports) -> dict[str, Callable[..., Any]]:
    """Every macro by name; `current_page` tells which page is being rendered."""

    def render(template: str, **context: Any) -> str:
        return renderer.render(template, current_page().url, **context)

    def entries(kind: DataKind, macro: str) -> list[dict[str, Any]]:
        """The kind's entries; when there are none, advice naming the page, so an empty section is not a surprise."""
        found = data.entries(kind.name)
        if not found:
            page = current_page().file.src_uri
            advise(
                f"docs/{page}: {macro}() shows nothing, because {_source(kind)} has no entries; "
                f'add some, wrap the call in {{% if has("{kind.name}") %}}, or remove it (README: Make it yours)'
            )
        return found

    def check_area(macro: str, area: str | None) -> None:
        if area is not None and area not in data.areas_by_key:
            known = ", ".join(data.areas_by_key) or "none (data/research_areas.yml has no entries)"
            raise PluginError(f"{macro}(area='{area}'): no research area has this key; known keys: {known}")

    def has(kind: str, **fields: Any) -> bool:
        """Whether a kind has entries, e.g. {% if has("awards") %}; has("publications", selected=True) asks for those."""
        if kind not in data.lists:
            known = ", ".join(data.lists)
            raise PluginError(f"has('{kind}'): there is no such kind of entry; known kinds: {known}")
        return any(all(entry.get(name) == value for name, value in fields.items()) for entry in data.entries(kind))

    def news(limit: int | None = None, area: str | None = None, folding: bool = False) -> str:
        """News, newest first; `folding=True` hides items flagged `fold` behind a button."""
        check_area("news", area)
        items = [item for item in entries(KINDS_BY_NAME["news"], "news") if area is None or area in data.areas_of_news(item)]
        return render("news.html", items=items[:limit], folding=folding, list_id="pf-news")

    def publications(selected: bool | None = None, area: str | None = None, mark_selected: bool = False) -> str:
        """Publications, newest first, optionally only selected ones or one area's."""
        check_area("publications", area)
        items = [
            pub
            for pub in entries(KINDS_BY_NAME["publications"], "publications")
            if (selected is None or pub["selected"] == selected) and (area is None or area in pub["areas"])
        ]
        return render("publications.html", items=items, mark_selected=mark_selected)

    def publications_by_year(mark_selected: bool = True) -> str:
        """All publications under one Markdown heading per year, so the years appear in the table of contents."""
        every = entries(KINDS_BY_NAME["publications"], "publications_by_year")
        years = sorted({pub["year"] for pub in every}, reverse=True)
        sections = []
        for year in years:
            items = [pub for pub in every if pub["year"] == year]
            sections.append(f"## {year}\n\n" + render("publications.html", items=items, mark_selected=mark_selected))
        return "\n\n".join(sections)

    def kind_macro(kind: DataKind) -> Callable[[], str]:
        def macro() -> str:
            return render(kind.template or "", items=entries(kind, kind.name), kind=kind.name)

        macro.__doc__ = f"Every entry of {_source(kind)}."
        return macro

    def cv_sections() -> str:
        """Every CV kind that has entries, each under a heading of its own; a kind with none leaves no trace."""
        sections = []
        for kind in KINDS:
            items = data.entries(kind.name) if kind.cv else []
            if items:
                body = render(kind.template or "", items=items, kind=kind.name, mark_selected=False, on_cv=True)
                sections.append(f"## {kind.title} {{ #{kind.name} }}\n\n{body}")
        return "\n\n".join(sections)

    def publication(key: str) -> dict[str, Any]:
        if key not in data.publications_by_key:
            raise PluginError(f"no publication has the key '{key}'; known keys: {', '.join(data.publications_by_key)}")
        return data.publications_by_key[key]

    def citations(key: str) -> str:
        """One paper's reference in each citation style the site offers, each in a code block with a copy button."""
        return render("citations.html", references=exports.references(publication(key)))

    cv_pdf = cv_file_name(data.profile["name"])
    macros: dict[str, Callable[..., Any]] = {kind.name: kind_macro(kind) for kind in KINDS if kind.template}
    macros |= {
        "has": has,
        "cv_sections": cv_sections,
        "publication_page": lambda key: render("publication_page.html", pub=publication(key)),
        "bibtex": lambda key: render("bibtex.html", entry=exports.bibtex(publication(key))),
        "citations": citations,
        "news": news,
        "publications": publications,
        "publications_by_year": publications_by_year,
        "publication_filters": lambda: render(
            "publication_filters.html",
            filters=publication_facets(data.entries("publications"), data.areas_by_key),
            # Most cited first, an order to offer when data/citations.yml counts any paper.
            by_citations=bool(data.citations.papers),
        ),
        "hero": lambda: render("hero.html", monogram=monogram(data.profile["name"]), cv_pdf=cv_pdf),
        "cv_download": lambda: render("cv_download.html", cv_pdf=cv_pdf),
        "vision": lambda: render("vision.html"),
        "email": lambda: render("email_text.html"),
        "links": lambda: render("links.html"),
    }
    return macros


def _source(kind: DataKind) -> str:
    return f"'{kind.name}' in data/profile.yml" if kind.in_profile else f"data/{kind.file}"
