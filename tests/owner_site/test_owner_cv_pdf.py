"""The owner's PDF CV: linked from the home and CV pages, with every entry of each kind the CV shows, dense and small enough to send.

What it must hold is read from data/ at run time: every entry of every kind
that has entries, and no section for a kind that has none.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from site_helpers import CV_KINDS, ROOT, attribute, load_data, load_entries, macro_calls, nav_sources, read_page

MAX_BYTES = 400 * 1024
# However much the data holds, the layout packs it: at least this many entries per page on average.
ENTRIES_PER_PAGE = 8
# The site's title for each kind's section, for kinds that have no entries and so no heading on the CV page to read it from.
SECTION_TITLES = {
    "education": "Education",
    "experience": "Experience",
    "publications": "Publications",
    "awards": "Honors",
    "talks": "Talks",
    "teaching": "Teaching",
    "service": "Service",
    "software": "Software",
    "mentoring": "Mentoring",
    "patents": "Patents",
    "press": "Press",
    "languages": "Languages",
    "skills": "Skills",
}


def cv_pdf(site: Path) -> Path:
    name = load_data(ROOT, "profile")["name"]
    return site / ("-".join(name.lower().split()) + "-cv.pdf")


def pdf_links(site: Path, page_url: str) -> list[Path]:
    page_dir = site / page_url
    return [(page_dir / attribute(link, "href")).resolve() for link in read_page(site, page_url).select('a[type="application/pdf"]')]


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_home_and_cv_pages_link_the_owners_pdf_cv(built_site: Path) -> None:
    expected = cv_pdf(built_site).resolve()
    assert expected.is_file()
    pages = {"": "index.md", "cv": "cv.md"}
    for url, source in pages.items():
        if source != "index.md" and source not in nav_sources(ROOT):
            continue
        calls = macro_calls((ROOT / "docs" / source).read_text(encoding="utf-8"), {"hero": (), "cv_download": ()})
        assert pdf_links(built_site, url) == [expected] * len(calls), source


@pytest.fixture(scope="module")
def pdf_text(built_site: Path) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(cv_pdf(built_site))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_owners_pdf_cv_is_small_dense_and_by_the_owner(built_site: Path, pdf_text: tuple[pypdf.PdfReader, str]) -> None:
    reader, _ = pdf_text
    entries = sum(len(load_entries(ROOT, kind)) for kind in CV_KINDS)
    assert len(reader.pages) <= 1 + entries // ENTRIES_PER_PAGE, f"{len(reader.pages)} pages for {entries} entries"
    assert cv_pdf(built_site).stat().st_size <= MAX_BYTES
    assert reader.metadata is not None, "the PDF has no document information"
    assert reader.metadata.author == load_data(ROOT, "profile")["name"]


@pytest.mark.parametrize("kind", CV_KINDS)
def test_the_owners_pdf_cv_names_every_entry_of_each_kind_and_has_no_section_for_an_empty_one(
    built_site: Path, pdf_text: tuple[pypdf.PdfReader, str], kind: str
) -> None:
    _, text = pdf_text
    lines = {line.strip().casefold() for line in text.splitlines()}
    entries = load_entries(ROOT, kind)
    heading = read_page(built_site, "cv").find(id=kind) if "cv.md" in nav_sources(ROOT) else None
    title = heading.get_text().replace("¶", "").strip() if heading is not None else SECTION_TITLES[kind]
    if not entries:
        assert title.casefold() not in lines, f"a section {title!r} in the PDF, but {kind} has no entries"
        return
    assert title.casefold() in lines, f"no section {title!r} in the PDF"
    field = CV_KINDS[kind]
    all_text = squeezed(text)
    for entry in entries:
        if isinstance(entry.get(field), str):
            assert squeezed(entry[field].replace("*", "")) in all_text, (kind, entry[field])
