"""The macros page authors call, e.g. {{ news(limit=5) }}; each renders one template.

Every kind in data/kinds.py with a template gets a macro of its name, and
`cv_sections()` shows every kind marked `cv` that has entries. A page that calls
the macro of a kind with no entries builds, with a line of advice.
"""

from __future__ import annotations

from typing import Any, Callable

from mkdocs.exceptions import PluginError

from ..data.kinds import KINDS, KINDS_BY_NAME, DataKind
from ..data.site_data import SiteData
from ..outputs.bibtex import bibtex_entry
from ..outputs.cv_pdf import cv_file_name
from .advice import advise
from .rendering import Renderer


def monogram(name: str) -> str:
    """'Wei Hao' -> 'WH'."""
    return "".join(part[0] for part in name.split()[:3]).upper()


def build_macros(
    data: SiteData, renderer: Renderer, current_page: Callable[[], Any], site_url: str | None = None
) -> dict[str, Callable[..., Any]]:
    """Every macro by name; `current_page` tells which page is being rendered, `site_url` makes the BibTeX's addresses whole."""

    def render(template: str, **context: Any) -> str:
        return renderer.render(template, current_page().url, **context)

    def entries(kind: DataKind, macro: str) -> list[dict[str, Any]]:
        """The kind's entries; when there are none, advice naming the page, so an empty section is not a surprise."""
        found = data.entries(kind.name)
        if not found:
            page = current_page().file.src_uri
            advise(
                f"docs/{page}: {macro}() shows nothing, because {_source(kind)} has no entries; "
                f"add some, wrap the call in {{% if has(\"{kind.name}\") %}}, or remove it (README: Make it yours)"
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
                body = render(kind.template or "", items=items, kind=kind.name, mark_selected=False)
                sections.append(f"## {kind.title} {{ #{kind.name} }}\n\n{body}")
        return "\n\n".join(sections)

    def publication(key: str) -> dict[str, Any]:
        if key not in data.publications_by_key:
            raise PluginError(f"no publication has the key '{key}'; known keys: {', '.join(data.publications_by_key)}")
        return data.publications_by_key[key]

    cv_pdf = cv_file_name(data.profile["name"])
    macros: dict[str, Callable[..., Any]] = {kind.name: kind_macro(kind) for kind in KINDS if kind.template}
    macros |= {
        "has": has,
        "cv_sections": cv_sections,
        "publication_page": lambda key: render("publication_page.html", pub=publication(key)),
        "bibtex": lambda key: render("bibtex.html", entry=bibtex_entry(publication(key), site_url)),
        "news": news,
        "publications": publications,
        "publications_by_year": publications_by_year,
        "hero": lambda: render("hero.html", monogram=monogram(data.profile["name"]), cv_pdf=cv_pdf),
        "cv_download": lambda: render("cv_download.html", cv_pdf=cv_pdf),
        "vision": lambda: render("vision.html"),
        "email": lambda: render("email_text.html"),
        "links": lambda: render("links.html"),
    }
    return macros


def _source(kind: DataKind) -> str:
    return f"'{kind.name}' in data/profile.yml" if kind.in_profile else f"data/{kind.file}"
