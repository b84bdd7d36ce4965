"""A paper's PDF kept in the site: `links.pdf: assets/papers/<key>.pdf` names docs/assets/papers/<key>.pdf.

The fixture's widget-attacks links its PDF that way (and gadget-serving its slides),
with small real PDFs put into the copy's docs/: the chips lead to the file from
every page that shows them, Scholar, the BibTeX and the PDF CV get its absolute
address, the link checker finds it, and a path to no file, or one that leaves
docs/, is refused with its line. Then the importer's side, scripts/bib_import/pdf_files.py:
finding the file a .bib names (al-folio's `pdf = {paper.pdf}`) and copying it in.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pypdf
import pytest
from site_helpers import attribute, build_site, cv_path, fixture_project, json_ld_blocks, one, parse_bibtex, read_page, run_mkdocs, site_url

from macros.data.link_kinds import link_address, site_file
from macros.data.local_files import missing_site_files
from macros.data.schema_check import check_against_schema
from macros.data.yaml_source import read_yaml
from macros.outputs.citations.bibtex import bibtex_entry
from scripts.bib_import.pdf_files import PdfPathRefused, copy_pdf, find_pdf, needs_copy, pdf_search_dirs
from scripts.bib_import.problems import ImportRefused
from scripts.check_links import check_site

PDF_LINK = "assets/papers/widget-attacks.pdf"
SLIDES_LINK = "assets/papers/gadget-serving-slides.pdf"
# The fixture's own lines, and what the tests write in their place.
PDF_LINE = "    pdf: https://example.org/widget-attacks.pdf\n"
SLIDES_LINE = "    slides: https://example.org/gadget-slides\n"


# Each is one edit away from the test: without them, the build neither checks the files nor gives BibTeX the site's address.
def tiny_pdf(text: str = "") -> bytes:
    """A valid one-page PDF; `text` in its metadata makes two of them differ."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=72, height=72)
    writer.add_metadata({"/Title": text or "tiny"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def link_local_files(project: Path, pdf: str = PDF_LINK, put_files: bool = True) -> int:
    """Point widget-attacks' PDF and gadget-serving's slides at files under docs/; return the line of the pdf link."""
    path = project / "data" / "publications.yml"
    text = path.read_text(encoding="utf-8")
    assert PDF_LINE in text and SLIDES_LINE in text, "the fixture no longer matches data/publications.yml"
    text = text.replace(PDF_LINE, f"    pdf: {pdf}\n").replace(SLIDES_LINE, f"    slides: {SLIDES_LINK}\n")
    path.write_text(text, encoding="utf-8")
    if put_files:
        for link in (PDF_LINK, SLIDES_LINK):
            (project / "docs" / link).parent.mkdir(parents=True, exist_ok=True)
            (project / "docs" / link).write_bytes(tiny_pdf(link))
    return text.splitlines().index(f"    pdf: {pdf}") + 1


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = fixture_project(tmp_path_factory.mktemp("local-pdf") / "project")
    link_local_files(project)
    return build_site(project, project / "site")


@pytest.fixture(scope="module")
def address(site: Path) -> str:
    return site_url(site.parent) + PDF_LINK


def chip_target(site: Path, page_url: str, label: str, key: str) -> Path:
    """The built file that the chip `label` of the paper `key` leads to on the page at `page_url`."""
    page = read_page(site, page_url)
    where = page.select_one(f"article.pf-pub#{key}") or one(page, "article.pf-paper")
    [href] = [attribute(chip, "href") for chip in where.select("a.pf-chip") if chip.get_text(strip=True) == label]
    assert not urlsplit(href).scheme and not href.startswith("/"), href  # relative, so the site works from any address
    resolved = urlsplit(urljoin(f"https://host/{page_url}", href)).path
    return site / resolved.lstrip("/")


@pytest.mark.parametrize("page_url", ["publications/", "research/robust-widgets/", "publications/widget-attacks/"])
def test_the_pdf_chip_leads_to_the_file_from_the_list_the_area_and_the_paper_page(site: Path, page_url: str) -> None:
    target = chip_target(site, page_url, "PDF", "widget-attacks")
    assert target.read_bytes() == tiny_pdf(PDF_LINK)


def test_slides_kept_in_the_site_are_a_chip_to_the_file_too(site: Path) -> None:
    for page_url in ("publications/", "publications/gadget-serving/"):
        assert chip_target(site, page_url, "Slides", "gadget-serving").read_bytes() == tiny_pdf(SLIDES_LINK)


def test_scholar_gets_the_absolute_address_and_no_head_tag_names_the_bare_path(site: Path, address: str) -> None:
    page = read_page(site, "publications/widget-attacks")
    assert [tag["content"] for tag in page.find_all("meta", attrs={"name": "citation_pdf_url"})] == [address]
    head = str(page.head)
    assert head.count(PDF_LINK) == head.count(address), "a path under docs/ means nothing to a reader of the head"
    for block in json_ld_blocks(page):
        assert PDF_LINK not in json.dumps(block).replace(address, "")


def test_the_bibtex_entry_cites_the_absolute_address_or_no_address_never_the_path(site: Path, address: str) -> None:
    pub = {
        "key": "widget-attacks", "title": "Attacks", "authors": ["Rowan Fixture"], "authors_abridged": False,
        "venue": "JWS", "venue_full": None, "type": "journal", "year": 2023, "pages": None, "links": {"pdf": PDF_LINK},
    }  # fmt: skip
    [entry] = parse_bibtex(bibtex_entry(pub, site_url(site.parent)))
    assert entry["url"] == address
    # Without the site's address there is none to give: the entry leaves the url out.
    assert "url" not in parse_bibtex(bibtex_entry(pub))[0]
    for text in ((site / "publications.bib").read_text(encoding="utf-8"), read_page(site, "publications/widget-attacks").get_text()):
        assert text.count(PDF_LINK) == text.count(address)


def test_publications_bib_and_the_paper_pages_bibtex_cite_the_absolute_address(site: Path, address: str) -> None:
    [entry] = [entry for entry in parse_bibtex((site / "publications.bib").read_text(encoding="utf-8")) if entry["ID"] == "widget-attacks"]
    assert entry["url"] == address
    [block] = read_page(site, "publications/widget-attacks").select("div.language-bibtex code")
    assert f"url = {{{address}}}" in block.get_text()


def test_the_pdf_cv_links_to_the_absolute_address(site: Path, address: str) -> None:
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(cv_path(site)).pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    assert address in uris
    assert site_url(site.parent) + SLIDES_LINK in uris
    assert not [uri for uri in uris if not urlsplit(uri).scheme], uris


def test_the_link_checker_finds_the_kept_pdf_and_reports_it_once_it_is_gone(site: Path, tmp_path: Path) -> None:
    assert check_site(site) == []
    copy = shutil.copytree(site, tmp_path / "site")
    (copy / PDF_LINK).unlink()
    problems = check_site(copy)
    assert problems and all(f"no such file: {PDF_LINK}" in problem for problem in problems), problems


def test_a_link_to_a_file_that_is_not_under_docs_is_one_line_naming_file_line_entry_and_field(project: Path) -> None:
    line = link_local_files(project, pdf="assets/papers/widget-attacks-v2.pdf")
    document = read_yaml(project / "data" / "publications.yml", "data/publications.yml")
    [problem] = missing_site_files(document, project / "docs")
    assert str(problem).startswith(
        f"data/publications.yml:{line}: entry 3 (widget-attacks), field 'pdf': there is no file docs/assets/papers/widget-attacks-v2.pdf"
    ), str(problem)
    # The host that serves the site tells capitals apart, even where the owner's laptop does not.
    (project / "docs" / "assets" / "papers" / "Widget-Attacks-V2.pdf").write_bytes(tiny_pdf())
    assert len(missing_site_files(document, project / "docs")) == 1
    (project / "docs" / "assets" / "papers" / "widget-attacks-v2.pdf").write_bytes(tiny_pdf())
    assert missing_site_files(document, project / "docs") == []
    assert missing_site_files(document, None) == []


def test_the_build_refuses_a_link_to_a_missing_file_with_its_line(project: Path) -> None:
    line = link_local_files(project, put_files=False)
    (project / "docs" / SLIDES_LINK).parent.mkdir(parents=True)
    (project / "docs" / SLIDES_LINK).write_bytes(tiny_pdf())
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    errors = [line.split("-", 1)[1].strip() for line in output.splitlines() if line.startswith("ERROR")]
    assert errors[-1] == "1 problem in data/; nothing was built", output
    assert errors[0].startswith(f"data/publications.yml:{line}: entry 3 (widget-attacks), field 'pdf': there is no file docs/{PDF_LINK}")


def test_a_path_that_leaves_docs_is_refused_by_the_schema_in_the_build(project: Path) -> None:
    line = link_local_files(project, pdf="assets/../../secret.pdf")
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    expected = f"data/publications.yml:{line}: entry 3 (widget-attacks), field 'pdf': expected an http(s):// address, or the path of a PDF file"
    assert any(error.split("-", 1)[1].strip().startswith(expected) for error in output.splitlines() if error.startswith("ERROR")), output


@pytest.mark.parametrize(
    "value",
    ["assets/../secret.pdf", "assets/papers/../../x.pdf", "/assets/papers/x.pdf", "assets/papers/a b.pdf", "assets/papers/x.html",
     "papers/x.pdf", "assets//x.pdf", "assets/papers/x.pdf\n", "file:///etc/passwd.pdf", "assets/.hidden.pdf"],
)  # fmt: skip
def test_the_schema_takes_only_a_pdf_under_assets_without_dot_dot_slash_or_space(project: Path, value: str) -> None:
    path = project / "data" / "publications.yml"
    line = link_local_files(project, pdf=json.dumps(value))
    document = read_yaml(path, "data/publications.yml")
    problems = check_against_schema(document, project / "data" / "schemas", "publications.schema.json", ("key", "title"))
    assert [(problem.line, problem.field) for problem in problems] == [(line, "pdf")], [str(problem) for problem in problems]


def test_the_schema_takes_addresses_and_kept_pdfs(project: Path) -> None:
    for value in (PDF_LINK, "assets/pdf/2024/Paper_v2.final.pdf", "https://example.org/x.pdf"):
        path = project / "data" / "publications.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(PDF_LINE, f"    pdf: {value}\n"), encoding="utf-8")
        document = read_yaml(path, "data/publications.yml")
        assert check_against_schema(document, project / "data" / "schemas", "publications.schema.json") == [], value
        path.write_text(text, encoding="utf-8")


def test_one_rule_tells_a_kept_file_from_an_address() -> None:
    assert site_file(PDF_LINK) == PDF_LINK and site_file("https://example.org/x.pdf") is None
    assert link_address("https://example.org/x.pdf", "https://site.example/") == "https://example.org/x.pdf"
    assert link_address(PDF_LINK, "https://site.example/sub/") == f"https://site.example/sub/{PDF_LINK}"
    assert link_address(PDF_LINK, "https://site.example/sub") == f"https://site.example/sub/{PDF_LINK}"
    assert link_address(PDF_LINK, None) is None and link_address(PDF_LINK, "") is None
    assert link_address(PDF_LINK, lambda path: f"../../{path}") == f"../../{PDF_LINK}"


# The importer's side: scripts/bib_import/pdf_files.py.


@pytest.fixture
def al_folio(tmp_path: Path) -> dict[str, Path]:
    """An al-folio checkout (_bibliography/papers.bib beside assets/pdf/), the owner's PDF_DIR, and a docs/ to copy into."""
    bib = tmp_path / "al-folio" / "_bibliography" / "papers.bib"
    bib.parent.mkdir(parents=True)
    bib.write_text("@article{x, pdf = {paper.pdf}}\n", encoding="utf-8")
    (tmp_path / "al-folio" / "assets" / "pdf").mkdir(parents=True)
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "docs").mkdir()
    return {"bib": bib, "pdf_dir": tmp_path / "pdfs", "docs": tmp_path / "docs", "site_pdfs": tmp_path / "al-folio" / "assets" / "pdf"}


def test_the_search_order_is_pdf_dir_the_bibs_folder_its_assets_pdf_and_its_parents(al_folio: dict[str, Path]) -> None:
    bib = al_folio["bib"]
    dirs = pdf_search_dirs(bib, al_folio["pdf_dir"])
    assert dirs == [al_folio["pdf_dir"], bib.parent, bib.parent / "assets" / "pdf", al_folio["site_pdfs"]]
    assert pdf_search_dirs(bib) == dirs[1:]
    assert find_pdf("paper.pdf", dirs) is None
    found = []
    for folder in reversed(dirs):  # each folder that has it wins over the ones after it
        (folder / "paper.pdf").parent.mkdir(parents=True, exist_ok=True)
        (folder / "paper.pdf").write_bytes(tiny_pdf(str(folder)))
        found.append(find_pdf("paper.pdf", dirs))
    assert found == [folder / "paper.pdf" for folder in reversed(dirs)]
    (al_folio["site_pdfs"] / "2024").mkdir()
    (al_folio["site_pdfs"] / "2024" / "Talk.PDF").write_bytes(tiny_pdf())
    assert find_pdf("2024/Talk.PDF", dirs) == al_folio["site_pdfs"] / "2024" / "Talk.PDF"
    (bib.parent / "folder.pdf").mkdir()
    assert find_pdf("folder.pdf", dirs) is None


@pytest.mark.parametrize(
    "written", ["../secret.pdf", "2024/../../secret.pdf", "..\\secret.pdf", "/etc/secret.pdf", "C:\\secret.pdf", "paper.docx", "", "   "]
)
def test_a_path_that_leaves_its_folder_is_absolute_or_no_pdf_is_refused_before_any_lookup(al_folio: dict[str, Path], written: str) -> None:
    (al_folio["bib"].parent.parent / "secret.pdf").write_bytes(tiny_pdf())
    with pytest.raises(PdfPathRefused) as refused:
        find_pdf(written, pdf_search_dirs(al_folio["bib"], al_folio["pdf_dir"]))
    assert str(refused.value)


def test_the_copy_lands_under_docs_assets_papers_and_an_identical_file_is_reused(al_folio: dict[str, Path]) -> None:
    source = al_folio["site_pdfs"] / "paper.pdf"
    source.write_bytes(tiny_pdf("paper"))
    target = al_folio["docs"] / "assets" / "papers" / "hao2025widgets.pdf"
    assert needs_copy(source, al_folio["docs"], "hao2025widgets")
    assert copy_pdf(source, al_folio["docs"], "hao2025widgets") == "assets/papers/hao2025widgets.pdf"
    assert target.read_bytes() == source.read_bytes()
    assert target.stat().st_mode & 0o777 == 0o666 & ~current_umask()
    assert [path.name for path in target.parent.iterdir()] == [target.name], "no temporary file is left behind"
    os.utime(target, (1_000_000, 1_000_000))
    assert not needs_copy(source, al_folio["docs"], "hao2025widgets")
    assert copy_pdf(source, al_folio["docs"], "hao2025widgets") == "assets/papers/hao2025widgets.pdf"
    assert target.stat().st_mtime == 1_000_000, "an identical file is left as it is"


def test_a_different_file_under_the_name_is_refused_and_kept(al_folio: dict[str, Path]) -> None:
    source = al_folio["site_pdfs"] / "paper.pdf"
    source.write_bytes(tiny_pdf("new"))
    target = al_folio["docs"] / "assets" / "papers" / "hao2025widgets.pdf"
    target.parent.mkdir(parents=True)
    target.write_bytes(tiny_pdf("old"))
    for check in (needs_copy, copy_pdf):
        with pytest.raises(ImportRefused, match=r"^docs/assets/papers/hao2025widgets\.pdf: a different file already has this name"):
            check(source, al_folio["docs"], "hao2025widgets")
    assert target.read_bytes() == tiny_pdf("old")
    with pytest.raises(ValueError):
        copy_pdf(source, al_folio["docs"], "../escape")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_that_cannot_be_written_is_one_line_saying_what_to_do(al_folio: dict[str, Path]) -> None:
    source = al_folio["site_pdfs"] / "paper.pdf"
    source.write_bytes(tiny_pdf())
    al_folio["docs"].chmod(0o555)
    try:
        with pytest.raises(ImportRefused, match=r"^docs/assets/papers/k\.pdf: cannot write it: permission denied"):
            copy_pdf(source, al_folio["docs"], "k")
    finally:
        al_folio["docs"].chmod(0o755)


def test_a_folder_that_is_a_file_is_one_line_too(al_folio: dict[str, Path]) -> None:
    source = al_folio["site_pdfs"] / "paper.pdf"
    source.write_bytes(tiny_pdf())
    (al_folio["docs"] / "assets").mkdir()
    (al_folio["docs"] / "assets" / "papers").write_text("not a folder", encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"^docs/assets/papers/k\.pdf: cannot write it: .*, then run the import again"):
        copy_pdf(source, al_folio["docs"], "k")


def test_a_source_that_cannot_be_read_is_one_line_and_leaves_nothing_behind(al_folio: dict[str, Path]) -> None:
    with pytest.raises(ImportRefused, match=r"missing\.pdf: there is no such file or folder; check the path; nothing was imported"):
        copy_pdf(al_folio["site_pdfs"] / "missing.pdf", al_folio["docs"], "k")
    assert list((al_folio["docs"] / "assets" / "papers").iterdir()) == []


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
