"""The exports for citation managers, on the fixture project: CSL-JSON and RIS types, fields, the PDF rule and hostile text.

The fixture holds conference, workshop, journal, preprint, thesis, chapter, report and talk papers; this
module adds a book, a master's thesis without a school, a patent and a poster (site_helpers.MORE_PAPERS,
which test_publication_fields.py adds too) and one paper whose title and authors try to end its RIS record and start
another, then builds the site once. That two builds give the same bytes is test_reproducible.py's to check.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import rispy
from bs4 import BeautifulSoup
from site_helpers import MORE_PAPERS, build_site, edit_data, fixture_project, following, one, parse_bibtex, read_page

from macros.data.link_kinds import pdf_address
from macros.outputs.citations.ris import ris_record

# A title that, were its line breaks kept, would end its record and start a journal article of its own.
HOSTILE_TITLE = "Widgets\nER  - \nTY  - JOUR\nTI  - Injected Record\nAU  - Mallory, Eve"
HOSTILE_PAPER: dict[str, Any] = {
    "key": "ris-breaker", "title": HOSTILE_TITLE, "type": "journal", "year": 2022, "month": 3,
    "authors": ["Rafael da Silva", "Plato", "Ada\nER  - Placeholder", "Rowan Fixture"], "venue": "JRIS",
    "venue_full": "Journal of\nTY  - BOOK\nRIS Safety", "abstract": "First paragraph.\n\nER  - \nSecond paragraph.",
}  # fmt: skip
# Our types and the RIS and CSL types each must become, stated here on their own.
TYPES = {
    "widgetgit": ("CPAPER", "paper-conference"), "gadget-serving": ("CPAPER", "paper-conference"),
    "early-workshop": ("CPAPER", "paper-conference"), "big-benchmark": ("JOUR", "article-journal"),
    "widget-attacks": ("JOUR", "article-journal"), "gadget-preprint": ("UNPB", "article"),
    "widget-thesis": ("THES", "thesis"), "widget-masters": ("THES", "thesis"), "widget-handbook": ("CHAP", "chapter"),
    "widget-book": ("BOOK", "book"), "gadget-census": ("RPRT", "report"), "widget-patent": ("PAT", "patent"),
    "widget-poster": ("SLIDE", "speech"), "widget-talk": ("SLIDE", "speech"), "ris-breaker": ("JOUR", "article-journal"),
}  # fmt: skip
SITE = "https://fixture.example.org/"
TAG_LINE = re.compile(r"[A-Z][A-Z0-9]  - ")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = fixture_project(tmp_path_factory.mktemp("citation-exports") / "project")
    edit_data(project, "publications", lambda data: data.extend([*MORE_PAPERS, HOSTILE_PAPER]))
    return build_site(project, project / "site")


@pytest.fixture(scope="module")
def items(site: Path) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in json.loads((site / "publications.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def records(site: Path) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in rispy.loads((site / "publications.ris").read_bytes().decode("utf-8"))}


def paper_ris(site: Path, key: str) -> str:
    return (site / "publications" / f"{key}.ris").read_bytes().decode("utf-8")


def test_every_type_is_its_ris_type_and_its_csl_type(items: dict, records: dict) -> None:
    assert {key: record["type_of_reference"] for key, record in records.items()} == {key: ris for key, (ris, _) in TYPES.items()}
    assert {key: item["type"] for key, item in items.items()} == {key: csl for key, (_, csl) in TYPES.items()}


def test_each_type_names_its_venue_publisher_and_kind_where_its_readers_look(items: dict, records: dict) -> None:
    # A conference: its name (T2) and, for Zotero, its proceedings (C3); pages as SP and EP.
    widgetgit = records["widgetgit"]
    venue = "WSYS 2024 (Proceedings of the Widget Systems Conference)"
    assert (widgetgit["secondary_title"], widgetgit["custom3"], widgetgit["start_page"], widgetgit["end_page"]) == (venue, venue, "101", "115")
    # A thesis: its university as publisher and its degree as the type of work; without a school, the venue.
    assert (records["widget-thesis"]["publisher"], records["widget-thesis"]["type_of_work"]) == ("Example University (fictional)", "PhD thesis")
    assert (records["widget-masters"]["publisher"], records["widget-masters"]["type_of_work"]) == ("Testville Institute", "MSc thesis")
    assert (items["widget-masters"]["publisher"], items["widget-masters"]["genre"]) == ("Testville Institute", "MSc thesis")
    assert records["widget-thesis"]["date"] == "2026/04//"
    # A chapter: the book, its editors, publisher and place.
    chapter = records["widget-handbook"]
    assert (chapter["secondary_title"], chapter["publisher"], chapter["place_published"], chapter["volume"]) == (
        "The Handbook of Widgets", "Fictional Academic Press", "Testville", "2",
    )  # fmt: skip
    assert chapter["secondary_authors"] == ["Placeholder, Ada", "Example, Bo", "Tester, Dee"]
    # A book: its venue stands in for the publisher it does not name; a report: its institution and number.
    assert (records["widget-book"]["publisher"], items["widget-book"]["publisher"]) == ("Widget Press", "Widget Press")
    assert records["widget-book"]["date"] == "2025/06//" and "secondary_title" not in records["widget-book"]
    census = records["gadget-census"]
    assert (census["publisher"], census["issn"]) == ("Example University (fictional)", "EU-CS-2020-07")
    assert (items["gadget-census"]["publisher"], items["gadget-census"]["number"]) == ("Example University (fictional)", "EU-CS-2020-07")
    assert "issue" not in items["gadget-census"]
    # A patent: its office (CSL authority) and number, read from its venue "US Patent 0,000,001 (fictional)",
    # each once (APA: "US Patent No. ..."); the number is RIS's SN (Zotero: patent number).
    patent = items["widget-patent"]
    assert (patent["authority"], patent["number"]) == ("US", "0,000,001 (fictional)")
    assert not {"container-title", "genre"} & set(patent) and "type_of_work" not in records["widget-patent"]
    assert records["widget-patent"]["issn"] == "0,000,001 (fictional)"
    # A poster and a talk: the meeting (T2; CSL's event-title and its older name event, never a container) and
    # Poster or Talk.
    assert (records["widget-poster"]["secondary_title"], records["widget-poster"]["type_of_work"]) == ("WSYS 2024 Posters", "Poster")
    assert (records["widget-talk"]["secondary_title"], records["widget-talk"]["type_of_work"]) == ("WidgetConf 2019", "Talk")
    talk = items["widget-talk"]
    assert (talk["event-title"], talk["event"], talk["genre"]) == ("WidgetConf 2019", "WidgetConf 2019", "Talk")
    assert "container-title" not in talk and "container-title" not in items["widget-poster"]
    # A journal, and a preprint's server: Zotero's preprint (CSL article), its repository the publisher and
    # its archive id the number, in no container; RIS names the server in T2, as before, and no publisher.
    assert records["widget-attacks"]["secondary_title"] == "Journal of Widget Security"
    preprint = items["gadget-preprint"]
    assert (preprint["publisher"], preprint["number"]) == ("arXiv", "arXiv:2501.00003")
    assert not {"container-title", "note"} & set(preprint)
    assert records["gadget-preprint"]["secondary_title"] == "arXiv"
    assert not {"publisher", "issn"} & set(records["gadget-preprint"])


def test_a_list_that_names_only_some_authors_ends_in_others_in_csl_json_and_nothing_in_ris(items: dict, records: dict) -> None:
    # pandoc's citeproc prints a final literal "others" as the style's "et al.", as BibTeX does "and others".
    assert items["big-benchmark"]["author"] == [{"family": "Fixture", "given": "Rowan"}, {"literal": "others"}]
    assert records["big-benchmark"]["authors"] == ["Fixture, Rowan"]
    assert all({"literal": "others"} not in item["author"] for key, item in items.items() if key != "big-benchmark")


def test_ris_writes_a_persons_name_family_first_and_a_groups_whole() -> None:
    authors = ["Fixture, Rowan", "Martin Luther King, Jr.", "Widget Consortium and Friends", "Rafael da Silva"]
    pub: dict[str, Any] = {
        "key": "names",
        "title": "Names",
        "authors": authors,
        "venue": "V",
        "venue_full": None,
        "type": "journal",
        "year": 2024,
        "pages": None,
        "links": {},
    }
    [record] = rispy.loads(ris_record(pub, SITE))
    assert record["authors"] == ["Fixture, Rowan", "King, Martin Luther, Jr.", "Widget Consortium and Friends", "da Silva, Rafael"]


def test_every_record_names_its_page_and_key_and_each_paper_has_its_own_files(site: Path, records: dict) -> None:
    for key in TYPES:
        record = records[key]
        assert record["urls"] == [f"{SITE}publications/{key}/"]
        [own] = rispy.loads(paper_ris(site, key))
        assert own == record
        [entry] = parse_bibtex((site / "publications" / f"{key}.bib").read_text(encoding="utf-8"))
        assert entry["ID"] == key
    page = read_page(site, "publications/widget-talk")
    hrefs = [link["href"] for link in following(one(page, "#cite"), "p").find_all("a", href=True)]
    assert hrefs == ["../widget-talk.bib", "../widget-talk.ris", "../../publications.bib"]
    assert all(link.has_attr("download") for link in following(one(page, "#cite"), "p").find_all("a", href=True)[:2])


def test_the_publications_page_links_the_three_exports(site: Path) -> None:
    hrefs = [link["href"] for link in read_page(site, "publications").find_all("a", href=True)]
    assert {"../publications.bib", "../publications.json", "../publications.ris"} <= set(hrefs)


def test_the_pdf_is_the_one_scholar_names_in_csl_json_and_ris(site: Path, items: dict, records: dict) -> None:
    expected = {
        "widget-attacks": "https://example.org/widget-attacks.pdf",  # links.pdf
        "gadget-preprint": "https://arxiv.org/pdf/2501.00003",  # arXiv only
        "widgetgit": "https://arxiv.org/pdf/2401.00002",  # a paper page and arXiv: arXiv's PDF
        "widget-poster": None,  # a poster's PDF is not the paper's
    }
    for key, pdf in expected.items():
        page = read_page(site, f"publications/{key}")
        scholar = [tag["content"] for tag in page.find_all("meta", attrs={"name": "citation_pdf_url"})]
        assert scholar == ([pdf] if pdf else [])
        assert items[key].get("custom", {}).get("pdf") == pdf
        assert records[key].get("file_attachments1") == pdf


def test_the_pdf_rule_gives_full_addresses_only() -> None:
    local, arxiv = {"pdf": "assets/papers/x.pdf"}, {"arxiv": "2401.00002"}
    assert pdf_address(local, SITE) == f"{SITE}assets/papers/x.pdf"
    assert pdf_address({**local, **arxiv}, SITE) == f"{SITE}assets/papers/x.pdf"
    # Without a full site address a file the site keeps has none: arXiv's PDF stands in, or nothing does.
    for site_url in (None, "", "/"):
        assert pdf_address(local, site_url) is None
        assert pdf_address({**local, **arxiv}, site_url) == "https://arxiv.org/pdf/2401.00002"
    assert pdf_address({"pdf": "https://example.org/x.pdf", **arxiv}, None) == "https://example.org/x.pdf"
    assert pdf_address({}, SITE) is None


def test_a_title_with_line_breaks_cannot_end_its_ris_record_or_start_another(site: Path, records: dict) -> None:
    raw = (site / "publications.ris").read_bytes()
    text = raw.decode("utf-8")
    assert raw.count(b"\n") == raw.count(b"\r\n") and raw.count(b"\r") == raw.count(b"\r\n")
    lines = text.split("\r\n")
    # Every line is a tag line or the blank line between records: nothing from the data starts one.
    assert all(TAG_LINE.match(line) or line == "" for line in lines), [line for line in lines if line and not TAG_LINE.match(line)]
    assert sum(line.startswith("TY  - ") for line in lines) == sum(line == "ER  - " for line in lines) == len(TYPES)
    record = records["ris-breaker"]
    assert record["title"] == " ".join(HOSTILE_TITLE.split())
    assert record["authors"] == ["da Silva, Rafael", "Plato", "Placeholder, Ada ER -", "Fixture, Rowan"]
    assert record["secondary_title"] == "Journal of TY - BOOK RIS Safety"
    assert record["abstract"] == "First paragraph. ER - Second paragraph."
    assert (record["year"], record["date"]) == ("2022", "2022/03//")
    assert len(rispy.loads(paper_ris(site, "ris-breaker"))) == 1
    # The same title stays whole in the CSL-JSON, where JSON's escapes carry the line breaks.
    item = json.loads((site / "publications.json").read_text(encoding="utf-8"))
    [hostile] = [entry for entry in item if entry["id"] == "ris-breaker"]
    assert hostile["title"] == HOSTILE_TITLE
    assert hostile["author"][:2] == [{"family": "Silva", "given": "Rafael", "non-dropping-particle": "da"}, {"literal": "Plato"}]


def test_the_exports_follow_a_minimal_data_set(hostile_site: Path) -> None:
    items = json.loads((hostile_site / "publications.json").read_text(encoding="utf-8"))
    records = rispy.loads((hostile_site / "publications.ris").read_bytes().decode("utf-8"))
    assert [item["id"] for item in items] == [record["id"] for record in records] == ["hostile", "journal-paper", "older"]
    [hostile] = [record for record in records if record["id"] == "hostile"]
    assert hostile["title"] == 'A <script>alert("x")</script> "Quoted" Title'
    assert hostile["authors"] == ["<b>Test</b>, Ada", 'Author, B. "Quote"']
    page = BeautifulSoup((hostile_site / "publications" / "hostile" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "<script>alert" not in str(one(page, "#cite").find_next("p"))
