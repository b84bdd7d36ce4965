"""Every kind of link a publication may have (`links` in data/schemas/publications.schema.json), and where a link leads.

In the order the chips and the PDF CV show them: (kind, label, address). The
address is empty for a kind whose value is an address already, and the start
of the address for an identifier (arXiv, DOI). Each kind's icon is ICONS[kind]
in macros/render/icons.py.

A link's value is an address (https://...) or, for the kinds whose schema allows
it (pdf, poster, slides), the path of a file the site keeps under docs/, such as
assets/papers/mgit.pdf; `link_address` is the one rule that tells them apart
and says where each leads.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

PUBLICATION_LINKS: tuple[tuple[str, str, str], ...] = (
    ("paper", "Paper", ""),
    ("pdf", "PDF", ""),
    ("code", "Code", ""),
    ("video", "Talk", ""),
    ("slides", "Slides", ""),
    ("poster", "Poster", ""),
    ("data", "Data", ""),
    ("website", "Website", ""),
    ("blog", "Blog", ""),
    ("arxiv", "arXiv", "https://arxiv.org/abs/"),
    ("doi", "DOI", "https://doi.org/"),
)
_PREFIXES = {kind: prefix for kind, _, prefix in PUBLICATION_LINKS if prefix}


def doi_address(doi: str) -> str:
    """The DOI's address at its resolver, as the paper's chip links it."""
    return _PREFIXES["doi"] + doi


def site_file(value: str) -> str | None:
    """The path under docs/ that a link names when it is a file the site keeps (no scheme), else None (an address).

    The schema admits nothing else without a scheme: a path under assets/, without `..`, a leading slash or spaces.
    """
    return None if urlsplit(value).scheme else value


def link_address(value: str, site: str | Callable[[str], str] | None) -> str | None:
    """Where a link written in the data leads.

    An address (https://..., an identifier with its prefix) is itself. A file the
    site keeps leads to `site(path)` when `site` is a page's `url()` (a link
    relative to that page, for the pages), or to the site's address + path when
    `site` is site_url (an absolute address, for what is read away from the site:
    Scholar, BibTeX, the PDF CV); without a site_url there is no such address, and
    None says to leave the link out.
    """
    path = site_file(value)
    if path is None:
        return value
    if callable(site):
        return site(path)
    return f"{site.rstrip('/')}/{path}" if site else None


def pdf_address(links: dict[str, str], site_url: str | None) -> str | None:
    """The paper's PDF as read away from the site, the one rule for Scholar's citation_pdf_url, CSL-JSON and RIS.

    `links.pdf` at its absolute address (a file the site keeps, under `site_url`), else arXiv's PDF of
    `links.arxiv` (https://arxiv.org/pdf/<id>, where Scholar finds the full text), else None. Without an
    absolute site_url a file the site keeps has no such address, and the arXiv PDF (if any) stands in.
    """
    site = site_url if site_url and "://" in site_url else None
    pdf = link_address(links["pdf"], site) if links.get("pdf") else None
    return pdf or (f"https://arxiv.org/pdf/{links['arxiv']}" if links.get("arxiv") else None)
