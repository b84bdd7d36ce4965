"""The owner's PDF CV: linked from the home and CV pages, short enough to read, small enough to send."""

from __future__ import annotations

from pathlib import Path

import pypdf
from site_helpers import ROOT, load_data, read_page

MAX_PAGES = 4
MAX_BYTES = 400 * 1024


def pdf_links(site: Path, page_url: str) -> list[Path]:
    page_dir = site / page_url
    return [(page_dir / link["href"]).resolve() for link in read_page(site, page_url).select('a[type="application/pdf"]')]


def test_home_and_cv_pages_link_the_owners_pdf_cv(built_site: Path) -> None:
    name = load_data(ROOT, "profile")["name"]
    expected = (built_site / ("-".join(name.lower().split()) + "-cv.pdf")).resolve()
    assert pdf_links(built_site, "") == [expected]
    assert pdf_links(built_site, "cv") == [expected]
    assert expected.is_file()


def test_the_owners_pdf_cv_fits_four_pages_and_400_kib_with_every_paper(built_site: Path) -> None:
    name = load_data(ROOT, "profile")["name"]
    pdf = built_site / ("-".join(name.lower().split()) + "-cv.pdf")
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) <= MAX_PAGES
    assert pdf.stat().st_size <= MAX_BYTES
    text = "".join("".join(page.extract_text() for page in reader.pages).split())
    titles = [pub["title"] for pub in load_data(ROOT, "publications")]
    assert all("".join(title.split()) in text for title in titles)
    assert reader.metadata.author == name
