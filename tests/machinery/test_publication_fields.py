"""A richer publication: theses, chapters, books, reports, patents, posters and talks, each cited as its kind.

The fixture project holds a PhD thesis (degree, school, a two-paragraph abstract,
its own award), a chapter (editors, publisher), a report and a talk. This module
adds what the other tests keep out of the fixture (a note, an own BibTeX key),
one paper of each remaining type and an abstract full of markup, then builds
the site once and reads its pages, publications.bib, the Scholar tags, the
JSON-LD and the PDF CV.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import Tag
from site_helpers import (
    MORE_PAPERS,
    attribute,
    build_site,
    cv_path,
    edit_data,
    fixture_project,
    format_bibliography,
    json_ld_blocks,
    latex_to_text,
    meta,
    one,
    parse_bibtex,
    pdf_text,
    publication,
    read_page,
    run_mkdocs,
    squeezed,
)

# Markup of every language the abstract passes through: Markdown, Jinja, HTML, BibTeX, LaTeX, and line breaks.
HOSTILE_ABSTRACT = (
    "Uses `code` and {{ 6 * 7 }} and {% raw %} <script>alert(1)</script> <b data-evil>bold</b>\n"
    "x}, note = {\\input{/etc/passwd}}} @misc{evil2024, title = {pwned\n\n"
    "```\n<img src=x onerror=alert(2)>\n```\n\n"
    "# Heading { #stolen .evil } and a trailing backslash \\"
)
# Our types and the BibTeX entry type each must become (the MSc thesis is a master's thesis).
ENTRY_TYPES = {
    "widgetgit": "inproceedings", "early-workshop": "inproceedings", "widget-attacks": "article", "gadget-preprint": "misc",
    "widget-thesis": "phdthesis", "widget-masters": "mastersthesis", "widget-handbook": "incollection",
    "widget-book": "book", "gadget-census": "techreport", "widget-patent": "misc", "widget-poster": "misc", "widget-talk": "misc",
}  # fmt: skip
TALK_BIBTEX_KEY = "Fixture:talk_2019.v1"


def edit_publications(project: Path, change: Any) -> None:
    edit_data(project, "publications", change)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = fixture_project(tmp_path_factory.mktemp("fields") / "project")

    def enrich(data: list[dict[str, Any]]) -> None:
        publication(data, "widget-attacks")["abstract"] = HOSTILE_ABSTRACT
        publication(data, "widget-attacks")["number"] = 3
        publication(data, "widget-handbook")["note"] = "Second edition"
        publication(data, "widget-talk")["bibtex_key"] = TALK_BIBTEX_KEY
        # awards.yml already names this honor for the paper: one badge, not two.
        publication(data, "gadget-serving")["award"] = "GSDI Artifact Award"
        data.extend(MORE_PAPERS)

    edit_publications(project, enrich)
    return build_site(project, project / "site")


@pytest.fixture(scope="module")
def bib(site: Path) -> dict[str, dict[str, str]]:
    return {entry["ID"]: entry for entry in parse_bibtex((site / "publications.bib").read_text(encoding="utf-8"))}


def json_ld(site: Path, key: str) -> dict[str, Any]:
    [article] = json_ld_blocks(read_page(site, f"publications/{key}"))
    return article


def card(site: Path, key: str) -> Tag:
    return one(read_page(site, "publications"), f"article.pf-pub#{key}")


def words(text: str) -> str:
    return " ".join(text.split())


def test_each_type_is_one_bibtex_entry_of_its_own_entry_type(bib: dict[str, dict[str, str]]) -> None:
    keys = {TALK_BIBTEX_KEY if key == "widget-talk" else key: kind for key, kind in ENTRY_TYPES.items()}
    assert {key: entry["ENTRYTYPE"] for key, entry in bib.items() if key in keys} == keys


def test_a_thesis_chapter_report_and_book_cite_the_fields_bibtex_asks_of_them(bib: dict[str, dict[str, str]]) -> None:
    assert bib["widget-thesis"]["school"] == "Example University (fictional)"
    assert bib["widget-thesis"]["month"] == "apr"  # the month macro, which every style names in its own form
    assert bib["widget-masters"]["school"] == "Testville Institute"  # no school given: the venue stands in
    chapter = bib["widget-handbook"]
    assert chapter["booktitle"] == "The Handbook of Widgets"
    assert (chapter["publisher"], chapter["address"]) == ("Fictional Academic Press", "Testville")
    assert chapter["editor"] == "Ada Placeholder and Bo Example and Dee Tester"
    assert (chapter["volume"], chapter["pages"], chapter["note"]) == ("2", "45--67", "Second edition")
    assert (bib["gadget-census"]["institution"], bib["gadget-census"]["number"]) == ("Example University (fictional)", "EU-CS-2020-07")
    assert bib["widget-book"]["publisher"] == "Widget Press" and "howpublished" not in bib["widget-book"]
    assert bib["widget-patent"]["howpublished"] == "US Patent 0,000,001 (fictional)"


def test_a_bibliography_style_formats_every_entry_with_its_month(site: Path) -> None:
    references = format_bibliography((site / "publications.bib").read_text(encoding="utf-8"))
    assert "October 2019" in references[TALK_BIBTEX_KEY]
    assert "Fictional Academic Press" in references["widget-handbook"]
    assert "PhD thesis, Example University (fictional), April 2026" in references["widget-thesis"]


def test_the_owners_bibtex_key_names_the_entry_in_the_file_and_on_the_paper_page(site: Path, bib: dict[str, dict[str, str]]) -> None:
    assert TALK_BIBTEX_KEY in bib and "widget-talk" not in bib
    block = one(read_page(site, "publications/widget-talk"), "#cite ~ .highlight code").get_text()
    assert parse_bibtex(block) == [bib[TALK_BIBTEX_KEY]]
    data = yaml.safe_load((site.parent / "data" / "publications.yml").read_text(encoding="utf-8"))
    assert len(bib) == len(data)


def test_scholar_tags_name_each_types_venue_with_its_own_tag(site: Path) -> None:
    def tags(key: str) -> dict[str, list[str]]:
        page = read_page(site, f"publications/{key}")
        names = {attribute(tag, "name") for tag in page.find_all("meta", attrs={"name": True}) if attribute(tag, "name").startswith("citation_")}
        return {name: meta(page, name) for name in names - {"citation_title", "citation_author", "citation_abstract_html_url"}}

    assert tags("widget-thesis") == {
        "citation_publication_date": ["2026/04"],
        "citation_dissertation_institution": ["Example University (fictional)"],
    }
    assert tags("gadget-census") == {
        "citation_publication_date": ["2020"],
        "citation_technical_report_institution": ["Example University (fictional)"],
        "citation_issue": ["EU-CS-2020-07"],
    }
    assert tags("widget-handbook") == {
        "citation_publication_date": ["2023"],
        "citation_inbook_title": ["The Handbook of Widgets"],
        "citation_publisher": ["Fictional Academic Press"],
        "citation_volume": ["2"],
        "citation_firstpage": ["45"],
        "citation_lastpage": ["67"],
    }
    assert tags("widget-book") == {"citation_publication_date": ["2025/06"], "citation_publisher": ["Widget Press"]}
    assert tags("widget-talk") == {"citation_publication_date": ["2019/10"], "citation_conference_title": ["WidgetConf 2019"]}
    assert tags("widget-poster")["citation_conference_title"] == ["WSYS 2024 Posters"]
    assert tags("widget-patent") == {"citation_publication_date": ["2024"]}
    assert tags("widget-attacks")["citation_issue"] == ["3"]


def test_json_ld_gives_each_type_its_schema_org_type_and_carries_the_abstract(site: Path) -> None:
    thesis = json_ld(site, "widget-thesis")
    assert (thesis["@type"], thesis["datePublished"], thesis["inSupportOf"]) == ("Thesis", "2026-04", "PhD")
    assert thesis["sourceOrganization"] == {"@type": "CollegeOrUniversity", "name": "Example University (fictional)"}
    assert thesis["abstract"].split("\n\n")[1].strip() == "This fictional dissertation digs until it finds the last widget."
    assert "isPartOf" not in thesis and "description" not in thesis  # no summary: description stays ours alone
    chapter = json_ld(site, "widget-handbook")
    assert chapter["@type"] == "Chapter" and chapter["isPartOf"] == {"@type": "Book", "name": "The Handbook of Widgets"}
    assert chapter["publisher"] == {"@type": "Organization", "name": "Fictional Academic Press"}
    assert [editor["name"] for editor in chapter["editor"]] == ["Ada Placeholder", "Bo Example", "Dee Tester"]
    assert json_ld(site, "widget-book")["@type"] == "Book" and json_ld(site, "gadget-census")["@type"] == "Report"
    talk = json_ld(site, "widget-talk")
    assert talk["@type"] == "ScholarlyArticle" and talk["isPartOf"] == {"@type": "CreativeWork", "name": "WidgetConf 2019"}
    assert json_ld(site, "widget-attacks")["abstract"] == HOSTILE_ABSTRACT


def test_the_paper_page_shows_the_abstract_in_full_one_paragraph_each(site: Path) -> None:
    page = read_page(site, "publications/widget-thesis")
    heading = one(page, "#abstract")
    assert heading.name == "h2" and heading.get_text() == "Abstract"
    paragraphs = [words(p.get_text()) for p in page.select(".pf-paper__abstract > p")]
    assert paragraphs == [
        "Widgets are everywhere, and nobody knows how deep they go.",
        "This fictional dissertation digs until it finds the last widget.",
    ]


def test_on_the_list_the_abstract_is_folded_behind_a_summary_that_names_the_paper(site: Path) -> None:
    folded = card(site, "widget-thesis").select("details.pf-pub__abstract")
    assert len(folded) == 1 and not folded[0].has_attr("open")
    summary = one(folded[0], "summary")
    assert words(summary.get_text()) == "Abstract: Widgets All the Way Down: A Dissertation"
    assert one(summary, ".pf-visually-hidden").get_text() == ": Widgets All the Way Down: A Dissertation"
    assert len(folded[0].find_all("p", recursive=False)) == 2


def test_a_paper_without_an_abstract_has_no_abstract_element(site: Path) -> None:
    assert not card(site, "widgetgit").select("details, .pf-pub__abstract")
    page = read_page(site, "publications/widgetgit")
    assert page.find(id="abstract") is None and not page.select(".pf-paper__abstract")


def test_a_hostile_abstract_stays_text_on_the_pages_and_in_bibtex(site: Path, bib: dict[str, dict[str, str]]) -> None:
    for page in (site / "publications" / "index.html", site / "publications" / "widget-attacks" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<b data-evil" not in html, page
    in_full = one(read_page(site, "publications/widget-attacks"), ".pf-paper__abstract")
    for where in (in_full, one(card(site, "widget-attacks"), "details")):
        assert not where.select("script, b, img, [onerror], [data-evil], #stolen, .evil, h1, h2, code, pre"), where
        assert [child.name for child in where.find_all(True) if child.name not in ("summary", "span")] == ["p"] * 3
        text = words(" ".join(p.get_text() for p in where.find_all("p")))
        assert text == words(HOSTILE_ABSTRACT)  # {{ 6 * 7 }} was not evaluated, no tag was read
    entries = parse_bibtex((site / "publications.bib").read_text(encoding="utf-8"))
    assert [entry["ID"] for entry in entries].count("widget-attacks") == 1 and "evil2024" not in bib
    attacked = bib["widget-attacks"]
    assert set(attacked) == {"ID", "ENTRYTYPE", "title", "author", "journal", "year", "number", "url", "abstract"}

    # LaTeX sets backticks as quotation marks in any field: typography, not structure.
    def unquoted(text: str) -> str:
        return words(text.translate(str.maketrans("", "", "`‘’“”")))

    assert unquoted(latex_to_text(attacked["abstract"])) == unquoted(HOSTILE_ABSTRACT)


def test_every_link_kind_is_a_chip_on_the_card_and_the_paper_page(site: Path) -> None:
    expected = {
        "widget-talk": [
            ("Talk", "https://example.org/widget-talk-video"),
            ("Slides", "https://example.org/widget-talk-slides"),
            ("Poster", "https://example.org/widget-talk-poster.pdf"),
        ],
        "widget-thesis": [("Data", "https://example.org/widget-thesis-data"), ("Website", "https://example.org/widget-thesis")],
        "gadget-census": [("Blog", "https://example.org/gadget-census-blog")],
        "widgetgit": [
            ("Paper", "https://example.org/widgetgit"),
            ("Code", "https://example.org/widgetgit-code"),
            ("arXiv", "https://arxiv.org/abs/2401.00002"),
        ],
    }
    for key, chips in expected.items():
        for where in (card(site, key), read_page(site, f"publications/{key}")):
            links = [(chip.get_text(strip=True), chip["href"]) for chip in where.select("a.pf-chip")]
            assert links == chips, key
            assert all(chip.select_one("svg.pf-icon[aria-hidden=true]") for chip in where.select("a.pf-chip")), key


def test_the_papers_own_award_is_a_badge_like_an_honor_and_shown_once(site: Path) -> None:
    for where in (card(site, "widget-thesis"), read_page(site, "publications/widget-thesis")):
        assert [chip.get_text(strip=True) for chip in where.select(".pf-chip--award")] == ["Best Fictional Dissertation Award"]
    serving = read_page(site, "publications/gadget-serving")
    assert [chip.get_text(strip=True) for chip in serving.select(".pf-chip--award")] == ["GSDI Artifact Award"]


def test_the_byline_names_a_thesis_degree_and_school_and_a_chapters_editors_and_publisher(site: Path) -> None:
    def details(key: str) -> str:
        return words(one(read_page(site, f"publications/{key}"), ".pf-pub__details").get_text())

    assert details("widget-thesis") == "PhD thesis, Example University (fictional)"
    assert details("widget-masters") == "MSc thesis"
    assert details("widget-handbook") == "Edited by Ada Placeholder, Bo Example and Dee Tester, Fictional Academic Press"
    assert read_page(site, "publications/widgetgit").select_one(".pf-pub__details") is None


def test_the_pdf_cv_shows_the_new_links_the_award_and_the_thesis_details(site: Path) -> None:
    text = pdf_text(cv_path(site))
    for shown in ("Poster", "Blog", "Website", "Data", "Best Fictional Dissertation Award", "PhD thesis, Example University (fictional)",
                  "edited by Ada Placeholder, Bo Example and Dee Tester, Fictional Academic Press"):  # fmt: skip
        assert squeezed(shown) in text, shown


def test_new_fields_with_wrong_values_are_refused_each_with_its_line(project: Path) -> None:
    def break_fields(data: list[dict[str, Any]]) -> None:
        publication(data, "widget-thesis")["month"] = 13
        publication(data, "widget-talk")["bibtex_key"] = "two words}"
        del publication(data, "widget-handbook")["publisher"]
        publication(data, "gadget-census")["type"] = "memo"

    edit_publications(project, break_fields)
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    lines = [line for line in output.splitlines() if line.startswith("ERROR") and "data/publications.yml:" in line]
    expected = [
        "(widget-thesis), field 'month': expected the month of publication as a number from 1 (January) to 12",
        "(widget-talk), field 'bibtex_key': expected the key of the paper's BibTeX entry",
        "(widget-handbook), field 'publisher': this required field is missing",
        "(gadget-census), field 'type': expected one of conference, journal, workshop, preprint, thesis, chapter",
    ]
    for where in expected:
        assert [line for line in lines if where in line], (where, lines)


def test_two_papers_under_one_bibtex_key_stop_the_build_naming_both(project: Path) -> None:
    edit_publications(project, lambda data: publication(data, "widget-talk").update(bibtex_key="WidgetGit"))
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert "the papers 'widgetgit' and 'widget-talk' would have the same BibTeX key 'WidgetGit'" in output, output
