"""`mkdocs build` writes the CV as a PDF from data/: every paper and honor, fonts embedded, the same bytes every time."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from io import BytesIO
from pathlib import Path
from typing import TypeVar

import pypdf
import pytest
import yaml
from preview_helpers import RELOAD_DEADLINE, STARTUP_DEADLINE, running_preview, save
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject
from site_helpers import (
    HOSTILE_DATA,
    attribute,
    build_site,
    cv_path,
    fixture_project,
    load_data,
    one,
    pdf_href,
    pdf_text,
    read_page,
    run_mkdocs,
    set_extra,
    site_url,
    squeezed,
)

# What pdf_object() checks a PDF object to be.
PdfKind = TypeVar("PdfKind", bound=PdfObject)
# Page sizes in PDF points.
A4 = (595, 842)
US_LETTER = (612, 792)
# Characters that are markup in Typst; a title holding them must print as itself.
TYPST_MARKUP_TITLE = "Cost #1: *Fast* ] [Proofs] for $5 and $x^2$ // @ref <label> _under_ `raw` \\ = done"


def pdf_object(value: PdfObject | None, kind: type[PdfKind]) -> PdfKind:
    """A PDF object, an indirect reference followed, checked to be of `kind` (a dictionary, an array)."""
    found = value.get_object() if value is not None else None
    assert isinstance(found, kind), f"expected a PDF {kind.__name__}, found {found!r}"
    return found


def embedded_font_files(pdf: Path) -> dict[str, bool]:
    """Base font name -> whether the font program is embedded, for every font the pages use."""
    fonts: dict[str, bool] = {}
    for page in pypdf.PdfReader(pdf).pages:
        for value in pdf_object(pdf_object(page["/Resources"], DictionaryObject)["/Font"], DictionaryObject).values():
            font = pdf_object(value, DictionaryObject)
            descriptor_owner = (
                pdf_object(pdf_object(font["/DescendantFonts"], ArrayObject)[0], DictionaryObject) if "/DescendantFonts" in font else font
            )
            descriptor = pdf_object(descriptor_owner["/FontDescriptor"], DictionaryObject)
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def page_size(pdf: Path) -> tuple[int, int]:
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_home_and_cv_pages_link_the_pdf_named_after_the_owner(fixture_site: Path, tmp_path: Path) -> None:
    name = load_data(fixture_project(tmp_path / "project"), "profile")["name"]
    expected = "-".join(name.lower().split()) + "-cv.pdf"
    assert pdf_href(fixture_site, "") == expected
    assert pdf_href(fixture_site, "cv") == f"../{expected}"
    assert (fixture_site / expected).read_bytes().startswith(b"%PDF-")


def test_the_download_button_does_not_become_the_cv_pages_description(fixture_site: Path) -> None:
    description = attribute(one(read_page(fixture_site, "cv"), 'meta[name="description"]'), "content")
    assert "PDF" not in description, description


def test_the_pdf_holds_every_paper_honor_patent_and_press_item_of_the_data(fixture_site: Path, tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project")
    text = pdf_text(cv_path(fixture_site))
    profile = load_data(project, "profile")
    expected = [profile["name"], profile["role"]]
    expected += [entry["degree"] for entry in profile["education"]] + [entry["organization"] for entry in profile["experience"]]
    for pub in load_data(project, "publications"):
        expected += [pub["title"], pub.get("venue_full") or pub["venue"], *pub["authors"]]
    expected += [award["name"] for award in load_data(project, "awards")]
    expected += [patent["title"] for patent in profile["patents"]] + [item["outlet"] for item in load_data(project, "press")]
    missing = [item for item in expected if squeezed(item) not in text]
    assert not missing, f"not in the PDF's text: {missing}"


def test_every_paper_in_the_pdf_links_to_its_page_on_the_site(fixture_site: Path, tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project")
    base = site_url(project)
    targets = set()
    for page in pypdf.PdfReader(cv_path(fixture_site)).pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                targets.add(str(action["/URI"]))
    assert {f"{base}publications/{pub['key']}/" for pub in load_data(project, "publications")} <= targets


def test_the_pdf_has_title_author_and_subject_and_embeds_its_fonts(fixture_site: Path, tmp_path: Path) -> None:
    profile = load_data(fixture_project(tmp_path / "project"), "profile")
    pdf = cv_path(fixture_site)
    metadata = pypdf.PdfReader(pdf).metadata
    assert metadata is not None and metadata.title is not None and metadata.subject is not None, metadata
    assert profile["name"] in metadata.title and "Curriculum Vitae" in metadata.title
    assert metadata.author == profile["name"]
    assert profile["name"] in metadata.subject
    fonts = embedded_font_files(pdf)
    assert fonts and all(fonts.values()), f"fonts without an embedded font program: {fonts}"


def test_the_pdf_is_a4_by_default_and_us_letter_by_one_setting(fixture_site: Path, project: Path, tmp_path: Path) -> None:
    assert page_size(cv_path(fixture_site)) == A4
    set_extra(project, {"cv_paper": "us-letter"})
    assert page_size(cv_path(build_site(project, tmp_path / "site"))) == US_LETTER


def test_an_unknown_paper_size_is_one_error_line_naming_the_setting(project: Path) -> None:
    set_extra(project, {"cv_paper": "a5"})
    result = run_mkdocs(project, "build", "--strict")
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert result.returncode != 0
    assert errors == ["ERROR   -  mkdocs.yml: extra.cv_paper: 'a5' is not a choice; use one of: a4, us-letter"]


def test_two_builds_write_the_same_pdf_bytes(fixture_site: Path, tmp_path: Path) -> None:
    # A fresh copy has an empty render cache, so the PDF is rendered again, not copied.
    again = build_site(fixture_project(tmp_path / "project"), tmp_path / "site")
    assert cv_path(again).read_bytes() == cv_path(fixture_site).read_bytes()


def test_markup_in_data_prints_as_text_in_the_pdf(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project", HOSTILE_DATA)
    publications = project / "data" / "publications.yml"
    entries = yaml.safe_load(publications.read_text(encoding="utf-8"))
    entries[0]["title"] = TYPST_MARKUP_TITLE
    publications.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text = pdf_text(cv_path(build_site(project, tmp_path / "site")))
    profile = load_data(project, "profile")
    for shown in (TYPST_MARKUP_TITLE, 'A <script>alert("x")</script> "Quoted" Title', profile["name"], profile["role"]):
        assert squeezed(shown) in text, shown
    award_names = [award["name"] for award in load_data(project, "awards")]
    assert all(squeezed(name) in text for name in award_names)


def test_a_typst_error_is_one_line_naming_the_template_and_line_and_leaves_no_pdf(project: Path) -> None:
    template = project / "macros" / "templates" / "cv" / "layout.typ"
    lines = template.read_text(encoding="utf-8").splitlines()
    broken_line = next(number for number, line in enumerate(lines, 1) if line.startswith("#let small("))
    lines[broken_line - 1] = "#let small(body) = text(size: 9pt, fill: nosuchcolour, body)"
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert result.returncode != 0
    assert errors == [f"ERROR   -  macros/templates/cv/layout.typ:{broken_line}: unknown variable: nosuchcolour"]
    assert "Traceback" not in output
    assert not list(project.glob("site/*.pdf"))


def fetch_bytes(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return b""  # still starting, or mid-rebuild


def wait_for_pdf(url: str, holds: str, deadline: float, log: Path) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        content = fetch_bytes(url)
        if content.startswith(b"%PDF-") and squeezed(holds) in "".join(
            "".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(content)).pages).split()
        ):
            return
        time.sleep(0.25)
    pytest.fail(f"{url} did not hold {holds!r} within {deadline:.0f} s\nserver log:\n{log.read_text(errors='replace')[-3000:]}")


def test_under_make_serve_the_pdf_follows_data_edits(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project")
    awards = project / "data" / "awards.yml"
    first = load_data(project, "awards")[0]["name"]
    renamed = "Renamed While Serving Prize 7c1"
    with running_preview(project, tmp_path / "serve.log") as server:
        url = f"{server.base_url}/{'-'.join(load_data(project, 'profile')['name'].lower().split())}-cv.pdf"
        wait_for_pdf(url, first, STARTUP_DEADLINE, server.log)
        save(awards, awards.read_text(encoding="utf-8").replace(first, renamed, 1))
        wait_for_pdf(url, renamed, RELOAD_DEADLINE, server.log)
