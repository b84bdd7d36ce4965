"""A researcher leaving al-folio imports their papers.bib whole: every field is kept, or named as not imported.

The fixture tests/fixtures/bibtex/alfolio/ is laid out as an al-folio site
(_bibliography/papers.bib, assets/pdf/), with fictional people and every
field al-folio documents.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import FIXTURES, attribute, build_site, import_bib, load_data, one, parse_bibtex, read_page

ALFOLIO = FIXTURES / "bibtex" / "alfolio"
PAPERS = ALFOLIO / "_bibliography" / "papers.bib"


def imported(project: Path) -> dict[str, dict[str, Any]]:
    return {pub["title"]: pub for pub in load_data(project, "publications")}


@pytest.fixture(scope="module")
def alfolio_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The fixture project after importing the al-folio file with its own keys, and what the command said."""
    from site_helpers import fixture_project

    project = fixture_project(tmp_path_factory.mktemp("alfolio") / "project")
    return project, import_bib(project, PAPERS, "--keep-keys")


def test_an_alfolio_file_imports_in_one_command_with_no_refusal(alfolio_import: tuple[Path, Any]) -> None:
    _, result = alfolio_import
    assert result.returncode == 0, result.stderr
    assert "Added 10 papers" in result.stdout


def test_every_abstract_selection_badge_award_and_link_is_kept(alfolio_import: tuple[Path, Any]) -> None:
    papers = imported(alfolio_import[0])
    widgets = papers["Analyzing Widgets with LLMs"]
    assert widgets["venue"] == "LREC-COLING"
    assert widgets["selected"] is True and widgets["award"] == "Best Paper Award"
    assert widgets["abstract"] == "We analyze widgets. The results are fictional."
    assert widgets["month"] == 5 and widgets["publisher"] == "ELRA and ICCL"
    assert {kind: widgets["links"][kind] for kind in ("arxiv", "code", "video", "slides", "poster", "website", "blog")} == {
        "arxiv": "2401.12345",
        "code": "https://example.org/widgets-code",
        "video": "https://example.org/widgets-video",
        "slides": "https://example.org/widgets-slides",
        "poster": "https://example.org/widgets-poster",
        "website": "https://widgets.example.org/",
        "blog": "https://blog.example.org/widgets",
    }
    assert papers["Gadget Findings in the Wild"]["venue"] == "EMNLP Findings"
    assert papers["Gadget Findings in the Wild"]["links"] == {"paper": "https://aclanthology.org/2023.findings-emnlp.999/"}
    assert papers["On the Widgets of Tomorrow"]["abstract"] == "A fictional thesis.\n\nIts second paragraph."


def test_equal_contribution_marks_and_a_trailing_comma_are_read(alfolio_import: tuple[Path, Any]) -> None:
    widgets = imported(alfolio_import[0])["Analyzing Widgets with LLMs"]
    assert widgets["authors"] == ["Rowan Fixture", "Cy Sample", "Eve Mock", "Adrià Torralba-Agell"]
    assert widgets["equal_contribution"] == 2


@pytest.mark.parametrize(
    ("title", "kind", "details"),
    [
        ("On the Widgets of Tomorrow", "thesis", {"degree": "PhD", "school": "Example University"}),
        ("Small Widgets", "thesis", {"degree": "Master's", "school": "Sample College"}),
        ("Widgets: A Chapter", "chapter", {"editors": ["Ima Editor", "Ann Other"], "publisher": "Fictional Academic Press"}),
        ("A Journal Article on Widgets", "journal", {"volume": "7", "number": "2", "publisher": "Fictional Physical Society"}),
        ("Widgets, an Invited Talk", "talk", {"venue": "Talk"}),
        ("A Poster on Gadgets", "poster", {"venue": "Poster"}),
        ("A Report on Widget Safety", "report", {"number": "TR-2018-01", "school": "Example University"}),
        ("The Widget Book", "book", {"publisher": "Fictional Academic Press", "address": "Testville"}),
    ],
)
def test_each_entry_type_gets_its_own_publication_type(alfolio_import: tuple[Path, Any], title: str, kind: str, details: dict) -> None:
    paper = imported(alfolio_import[0])[title]
    assert paper["type"] == kind
    assert {name: paper[name] for name in details} == details


def test_fields_with_no_place_in_the_data_are_named_once_with_their_counts(alfolio_import: tuple[Path, Any]) -> None:
    err = alfolio_import[1].stderr
    assert "Not imported, since the data has no field for them: annotation (1 entry), google_scholar_id (3 entries)." in err
    assert "Left out on purpose: bibtex_show (2 entries): al-folio's switch for a BibTeX button" in err
    assert "Left out on purpose: preview (1 entry): al-folio's thumbnail image" in err


def test_the_files_own_keys_are_kept_and_the_site_cites_with_them(alfolio_import: tuple[Path, Any], tmp_path: Path) -> None:
    project = alfolio_import[0]
    keys = {pub["key"] for pub in load_data(project, "publications")}
    assert {"fixture-etal-2024-analyzing", "fixture-2023-findings", "fixture2022thesis"} <= keys
    site = build_site(project, tmp_path / "site")
    cited = {entry["ID"]: entry for entry in parse_bibtex((site / "publications.bib").read_text(encoding="utf-8"))}
    assert cited["fixture-etal-2024-analyzing"]["ENTRYTYPE"] == "inproceedings"
    assert cited["fixture2022thesis"]["ENTRYTYPE"] == "phdthesis"
    assert cited["fixture2021chapter"]["ENTRYTYPE"] == "incollection"
    card = one(read_page(site, "publications"), "#fixture-etal-2024-analyzing")
    assert card.select_one("details.pf-pub__abstract") is not None


def test_a_key_that_is_no_valid_key_is_normalised_and_kept_as_the_bibtex_key(project: Path, tmp_path: Path) -> None:
    bib = tmp_path / "keys.bib"
    bib.write_text("@misc{Fixture_2021:Notes, author={Rowan Fixture}, title={Notes on Widgets}, year={2021}}\n", encoding="utf-8")
    result = import_bib(project, bib, "--keep-keys")
    assert result.returncode == 0, result.stderr
    paper = load_data(project, "publications")[-1]
    assert (paper["key"], paper["bibtex_key"]) == ("fixture-2021-notes", "Fixture_2021:Notes")


def test_the_same_problem_on_many_entries_is_one_line_naming_them(project: Path, tmp_path: Path) -> None:
    bib = tmp_path / "others.bib"
    bib.write_text(
        "".join(f"@misc{{p{number}, author={{Someone Else}}, title={{Paper {number}}}, year={{2020}}}}\n" for number in range(3)),
        encoding="utf-8",
    )
    result = import_bib(project, bib)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "none of its authors is the owner" in line]
    assert lines == [
        f"{bib}: 3 entries, p0 (line 1), p1 (line 2), p2 (line 3): none of its authors is the owner 'Rowan Fixture' "
        "(data/profile.yml, name); if an author is the owner under another spelling, add that spelling to name_variants in data/profile.yml"
    ]


def test_an_update_fills_what_a_known_paper_lacks_and_keeps_every_other_byte(project: Path, tmp_path: Path) -> None:
    path = project / "data" / "publications.yml"
    before = path.read_text(encoding="utf-8")
    known = next(pub for pub in yaml.safe_load(before) if pub["key"] == "gadget-serving")
    bib = tmp_path / "update.bib"
    bib.write_text(
        f"@inproceedings{{x, author={{Dee Tester and Rowan Fixture}}, title={{{known['title']}}}, year={{{known['year']}}},"
        " booktitle={Another Name For The Venue}, abstract={Gadgets, served on time.}, doi={10.5555/0000001}}\n",
        encoding="utf-8",
    )
    dry = import_bib(project, bib, "--update", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "gadget-serving: would add abstract" in dry.stdout
    assert "gadget-serving: kept yours: venue, venue_full (the .bib says otherwise)" in dry.stdout
    assert path.read_text(encoding="utf-8") == before

    result = import_bib(project, bib, "--update")
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    paper = next(pub for pub in yaml.safe_load(after) if pub["key"] == "gadget-serving")
    assert paper["abstract"] == "Gadgets, served on time."
    assert paper["venue_full"] == known["venue_full"]
    inserted = [line for line in after.splitlines(keepends=True) if line not in before.splitlines(keepends=True)]
    assert "".join(line for line in after.splitlines(keepends=True) if line not in inserted) == before


def test_a_published_version_merges_into_its_preprint_with_both_links(project: Path, tmp_path: Path) -> None:
    preprint = tmp_path / "preprint.bib"
    preprint.write_text(
        "@article{p, author={Rowan Fixture}, title={Widgets Before Review}, journal={arXiv preprint arXiv:2501.00007}, year={2025}}\n",
        encoding="utf-8",
    )
    assert import_bib(project, preprint).returncode == 0
    published = tmp_path / "published.bib"
    published.write_text(
        "@inproceedings{q, author={Rowan Fixture}, title={Widgets Before Review}, booktitle={Proceedings of WSYS 2025},"
        " year={2025}, doi={10.5555/0000077}}\n",
        encoding="utf-8",
    )
    result = import_bib(project, published, "--update")
    assert result.returncode == 0, result.stderr
    matching = [pub for pub in load_data(project, "publications") if pub["title"] == "Widgets Before Review"]
    assert len(matching) == 1
    assert matching[0]["links"] == {"arxiv": "2501.00007", "doi": "10.5555/0000077"}


def test_a_pdf_named_by_its_file_is_copied_into_the_site_and_linked(alfolio_import: tuple[Path, Any], tmp_path: Path) -> None:
    project = alfolio_import[0]
    papers = imported(project)
    for title, key, source in (
        ("Analyzing Widgets with LLMs", "fixture-etal-2024-analyzing", "widgets.pdf"),
        ("On the Widgets of Tomorrow", "fixture2022thesis", "thesis.pdf"),
    ):
        assert papers[title]["links"]["pdf"] == f"assets/papers/{key}.pdf"
        copied = project / "docs" / "assets" / "papers" / f"{key}.pdf"
        assert copied.read_bytes() == (ALFOLIO / "assets" / "pdf" / source).read_bytes()
    site = build_site(project, tmp_path / "site")
    chip = one(read_page(site, "publications/fixture2022thesis"), '.pf-chips a[href$=".pdf"]')
    assert (site / "publications" / "fixture2022thesis" / attribute(chip, "href")).resolve().read_bytes() == (
        ALFOLIO / "assets" / "pdf" / "thesis.pdf"
    ).read_bytes()


def test_a_pdf_that_is_not_found_is_named_and_the_paper_is_imported_without_it(project: Path, tmp_path: Path) -> None:
    bib = tmp_path / "missing.bib"
    bib.write_text("@misc{m, author={Rowan Fixture}, title={Lost Widgets}, year={2021}, pdf={lost.pdf}}\n", encoding="utf-8")
    result = import_bib(project, bib)
    assert result.returncode == 0, result.stderr
    assert f"{bib}:1: entry 'm': pdf 'lost.pdf' was not found in" in result.stderr
    assert "pdf" not in (load_data(project, "publications")[-1].get("links") or {})
