"""What the build makes from data/ besides the pages: paper pages, publications.bib, the feed and head tags."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from bs4 import BeautifulSoup
from site_helpers import (
    FIXTURE_PROJECT,
    attribute,
    build_site,
    format_bibliography,
    json_ld_blocks,
    load_data,
    meta,
    one,
    parse_bibtex,
    read_page,
    xml_text,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def bib_entries(site: Path) -> dict[str, dict]:
    return {entry["ID"]: entry for entry in parse_bibtex((site / "publications.bib").read_text(encoding="utf-8"))}


def test_one_page_and_one_bibtex_entry_per_publication(fixture_site: Path) -> None:
    pages = sorted(path.parent.name for path in (fixture_site / "publications").glob("*/index.html"))
    keys = sorted(pub["key"] for pub in load_data(FIXTURE_PROJECT, "publications"))
    assert len(keys) >= 6
    assert pages == keys
    assert sorted(bib_entries(fixture_site)) == keys


def test_bibtex_braces_names_and_marks_abridged_author_lists(fixture_site: Path) -> None:
    entries = bib_entries(fixture_site)
    assert entries["widgetgit"]["title"] == "{WidgetGit}: {Versioning} {Widgets} at {Scale}"
    assert entries["big-benchmark"]["author"] == "Rowan Fixture and others"
    assert entries["widgetgit"]["ENTRYTYPE"] == "inproceedings"
    assert entries["widget-attacks"]["ENTRYTYPE"] == "article"
    assert entries["gadget-preprint"]["ENTRYTYPE"] == "misc"


def test_paper_pages_show_the_award_chip_and_the_summary(fixture_site: Path) -> None:
    serving = read_page(fixture_site, "publications/gadget-serving")
    assert "GSDI Artifact Award" in one(serving, ".pf-chip--award").get_text()
    widgetgit = read_page(fixture_site, "publications/widgetgit")
    assert "7x smaller" in one(widgetgit, ".pf-paper__summary").get_text()


def test_feed_has_an_entry_per_news_item_dated_by_its_month(hostile_site: Path) -> None:
    feed = ElementTree.parse(hostile_site / "feed.xml").getroot()
    assert [xml_text(entry, f"{ATOM}updated") for entry in feed.findall(f"{ATOM}entry")] == [
        "2025-03-01T00:00:00Z",
        "2025-03-01T00:00:00Z",
        "2020-01-01T00:00:00Z",
    ]


def test_generators_follow_a_minimal_data_set(hostile_site: Path) -> None:
    pages = sorted(path.parent.name for path in (hostile_site / "publications").glob("*/index.html"))
    assert pages == ["hostile", "journal-paper", "older"]
    assert len(bib_entries(hostile_site)) == 3


def test_hostile_title_is_escaped_in_head_tags_json_ld_and_feed(hostile_site: Path) -> None:
    html = (hostile_site / "publications" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    page = BeautifulSoup(html, "html.parser")
    title = 'A <script>alert("x")</script> "Quoted" Title'
    assert meta(page, "citation_title") == [title]
    assert attribute(one(page, 'meta[property="og:title"]'), "content") == title
    [article] = json_ld_blocks(page)
    assert article["headline"] == title
    assert meta(page, "citation_author") == ["Ada <b>Test</b>", 'B. "Quote" Author']
    feed_text = (hostile_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed_text
    entry_html = [xml_text(entry, f"{ATOM}content") for entry in ElementTree.fromstring(feed_text).findall(f"{ATOM}entry")]
    assert any("&lt;script&gt;" in text for text in entry_html)


def test_a_page_without_a_description_is_described_by_its_first_paragraph(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "honors.md"
    page.write_text("# Honors\n\n<svg><path d='M0 0'/></svg>\n\nPrizes & fellowships, with *emphasis*.\n\n{{ awards() }}\n", encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    assert meta(read_page(site, "honors"), "description") == ["Prizes & fellowships, with emphasis."]


def test_a_sentence_case_bibliography_style_keeps_the_capitals_of_titles(fixture_site: Path) -> None:
    references = format_bibliography((fixture_site / "publications.bib").read_text(encoding="utf-8"))
    assert "Serving Gadgets like Clockwork." in references["gadget-serving"]
    assert "WidgetGit: Versioning Widgets at Scale." in references["widgetgit"]


def test_a_paper_with_only_a_pdf_link_cites_the_pdf(fixture_site: Path) -> None:
    assert bib_entries(fixture_site)["widget-attacks"]["url"] == "https://example.org/widget-attacks.pdf"


def test_a_paper_title_with_jinja_braces_is_shown_as_written(project: Path, tmp_path: Path) -> None:
    path = project / "data" / "publications.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('title: "WidgetGit: Versioning Widgets at Scale"', "title: '{{ 6 * 7 }} Widgets'"), "utf-8"
    )

    page = read_page(build_site(project, tmp_path / "site"), "publications/widgetgit")

    assert one(page, "h1").get_text(strip=True) == "{{ 6 * 7 }} Widgets"
    assert one(page, "title").get_text() == "{{ 6 * 7 }} Widgets - Rowan Fixture"
