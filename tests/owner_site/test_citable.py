"""The owner's site is findable and citable: paper pages with Scholar tags, BibTeX, the feed, JSON-LD and social tags.

Expectations come from data/ and mkdocs.yml at run time.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from site_helpers import ROOT, attribute, json_ld_blocks, load_data, meta, newest_first, one, parse_bibtex, read_page, site_url, xml_child, xml_text

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = site_url(ROOT)
SCHEMA_ORG_TYPES = {
    "Person", "ScholarlyArticle", "Thesis", "Chapter", "Book", "Report",
    "Organization", "CollegeOrUniversity", "CreativeWork", "Periodical", "PropertyValue", "Event", "Place",
}  # fmt: skip
# How each type of publication is cited, stated here on its own: its BibTeX entry type (a thesis's follows its
# degree), and Google Scholar's venue tag with the fields it names, the first one the paper gives ("venue" is
# venue_full, else venue); None where Scholar has no venue tag for the type.
BIBTEX_TYPES = {
    "conference": "inproceedings", "workshop": "inproceedings", "journal": "article", "preprint": "misc",
    "chapter": "incollection", "book": "book", "report": "techreport", "patent": "misc", "poster": "misc", "talk": "misc",
}  # fmt: skip
SCHOLAR_VENUE_TAGS = {
    "journal": ("citation_journal_title", ("venue",)),
    **dict.fromkeys(("conference", "workshop", "poster", "talk", "preprint"), ("citation_conference_title", ("venue",))),
    "thesis": ("citation_dissertation_institution", ("school", "venue")),
    "report": ("citation_technical_report_institution", ("school", "publisher", "venue")),
    "chapter": ("citation_inbook_title", ("venue",)),
    "book": None,
    "patent": None,
}
VENUE_TAGS = {tag for tag, _ in filter(None, SCHOLAR_VENUE_TAGS.values())}
# schema.org: the type of each paper, and the type of what it is part of (None: it stands alone).
JSON_LD_TYPES = {"thesis": "Thesis", "chapter": "Chapter", "book": "Book", "report": "Report"}
PART_OF_TYPES = {"journal": "Periodical", "chapter": "Book", "book": None, "thesis": None, "report": None}


def load(name: str) -> Any:
    return load_data(ROOT, name)


def venue(pub: dict) -> str:
    return pub.get("venue_full") or pub["venue"]


def first_given(pub: dict, fields: tuple[str, ...]) -> str:
    return next(value for value in (venue(pub) if field == "venue" else pub.get(field) for field in fields) if value)


def bibtex_type(pub: dict) -> str:
    if pub["type"] == "thesis":
        return "phdthesis" if re.search(r"\bph\.?\s?d\b|\bd\.?\s?phil\b|doctor", pub.get("degree", ""), flags=re.I) else "mastersthesis"
    return BIBTEX_TYPES[pub["type"]]


def publisher(pub: dict) -> str | None:
    """The publisher where known; a book without one is published by its venue."""
    return pub.get("publisher") or (venue(pub) if pub["type"] == "book" else None)


def schema_types(value: object) -> set[str]:
    if isinstance(value, dict):
        found = {value["@type"]} if "@type" in value else set()
        return found.union(*(schema_types(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(schema_types(item) for item in value))
    return set()


@pytest.mark.parametrize("pub", load("publications"), ids=lambda pub: pub["key"])
def test_every_publication_has_its_own_page_with_scholar_tags(built_site: Path, pub: dict) -> None:
    page = read_page(built_site, f"publications/{pub['key']}")
    assert one(page, "h1").get_text(strip=True) == pub["title"]
    assert one(page, ".pf-pub__owner").get_text() == load("profile")["name"]
    assert meta(page, "citation_title") == [pub["title"]]
    assert meta(page, "citation_author") == pub["authors"]
    # Scholar takes a month as YYYY/MM.
    assert meta(page, "citation_publication_date") == [f"{pub['year']}/{pub['month']:02d}" if "month" in pub else str(pub["year"])]
    venue_tag = SCHOLAR_VENUE_TAGS[pub["type"]]
    expected_venues = {venue_tag[0]: [first_given(pub, venue_tag[1])]} if venue_tag else {}
    assert {tag: meta(page, tag) for tag in VENUE_TAGS if meta(page, tag)} == expected_venues
    assert meta(page, "citation_publisher") == ([publisher(pub)] if publisher(pub) else [])
    assert meta(page, "citation_volume") == ([str(pub["volume"])] if "volume" in pub else [])
    assert meta(page, "citation_issue") == ([str(pub["number"])] if "number" in pub else [])
    links = pub.get("links", {})
    assert meta(page, "citation_doi") == ([links["doi"]] if "doi" in links else [])
    if "arxiv" in links:
        assert meta(page, "citation_pdf_url") == [f"https://arxiv.org/pdf/{links['arxiv']}"]
    assert meta(page, "citation_abstract_html_url") == [f"{SITE_URL}publications/{pub['key']}/"]
    for kind, url in links.items():
        if kind not in ("doi", "arxiv"):
            assert page.select_one(f'.pf-chips a[href="{url}"]'), kind


def test_paper_pages_show_their_awards_and_summaries(built_site: Path) -> None:
    for pub in load("publications"):
        page = read_page(built_site, f"publications/{pub['key']}")
        chips = " ".join(chip.get_text() for chip in page.select(".pf-chip--award"))
        for award in load("awards"):
            if award.get("publication") == pub["key"]:
                assert award["name"] in chips, pub["key"]
        if pub.get("award"):
            assert pub["award"] in chips, pub["key"]
        summary = page.select_one(".pf-paper__summary")
        if pub.get("summary"):
            assert summary is not None and summary.get_text().strip(), pub["key"]
        abstract = page.select_one(".pf-paper__abstract")
        if pub.get("abstract"):
            assert abstract is not None, pub["key"]
            assert " ".join(abstract.get_text().split()) == " ".join(pub["abstract"].split()), pub["key"]
        else:
            assert abstract is None and page.find(id="abstract") is None, pub["key"]


def test_publication_list_and_home_page_link_to_the_paper_pages(built_site: Path) -> None:
    for url, prefix in (("publications", "../publications/"), ("", "publications/")):
        if not (built_site / url / "index.html").is_file():
            continue  # the owner keeps no Publications page
        page = read_page(built_site, url)
        for card in page.select(".pf-pub"):
            link = attribute(one(card, ".pf-pub__title a"), "href")
            assert link in (f"{card['id']}/", f"{prefix}{card['id']}/"), link
            target = (built_site / url / link / "index.html").resolve()
            assert target.is_file(), target


def test_publications_bib_exists_exactly_when_there_are_papers(built_site: Path) -> None:
    assert (built_site / "publications.bib").is_file() == bool(load("publications"))


def test_publications_bib_parses_and_matches_each_paper_page(built_site: Path) -> None:
    if not load("publications"):
        pytest.skip("no papers; test_publications_bib_exists_exactly_when_there_are_papers checks there is no .bib")
    text = (built_site / "publications.bib").read_text(encoding="utf-8")
    parsed = parse_bibtex(text)
    publications = load("publications")
    entries = {entry["ID"]: entry for entry in parsed}
    assert len(parsed) == len(publications)
    for pub in publications:
        entry = entries[pub.get("bibtex_key") or pub["key"]]
        assert entry["ENTRYTYPE"] == bibtex_type(pub)
        names = entry["author"].split(" and ")
        assert names[: len(pub["authors"])] == pub["authors"]
        assert entry["year"] == str(pub["year"])
        assert entry["title"].replace("{", "").replace("}", "") == pub["title"]
        if "doi" in pub.get("links", {}):
            assert entry["doi"] == pub["links"]["doi"]
        block = one(read_page(built_site, f"publications/{pub['key']}"), "code").get_text()
        assert parse_bibtex(block) == [entry]
        assert entry["author"].endswith(" and others") == bool(pub.get("authors_abridged"))


def feed_month(date: object, newest_dated: str | None, changed: str) -> str:
    """The test's own statement of an item's month in the feed: its own, the newest dated one's for present, else the source's."""
    if date == "present":
        return newest_dated or changed
    text = str(date)
    return text if "-" in text else f"{text}-01"


def test_the_feed_exists_exactly_when_there_is_news(built_site: Path) -> None:
    assert (built_site / "feed.xml").is_file() == bool(load("news"))


def test_feed_is_atom_with_one_entry_per_news_item(built_site: Path) -> None:
    news = load("news")
    if not news:
        pytest.skip("no news; test_the_feed_exists_exactly_when_there_is_news checks there is no feed")
    feed = ElementTree.parse(built_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert xml_child(feed, f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(news)
    ids = [xml_text(entry, f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    updated = [xml_text(entry, f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert all(not stamp.startswith("1970") for stamp in updated)
    dated = [feed_month(item["date"], None, "") for item in news if item["date"] != "present"]
    newest = max(dated, default=None)
    for stamp, item in zip(updated, newest_first(news), strict=True):
        expected = feed_month(item["date"], newest, stamp[:7])
        assert stamp == f"{expected}-01T00:00:00Z", (stamp, item)
    assert xml_text(feed, f"{ATOM}updated") == max(updated)
    for entry in entries:
        link = xml_child(entry, f"{ATOM}link").get("href")
        assert link is not None, f"{xml_text(entry, f'{ATOM}id')}: the entry's link has no href"
        assert link.startswith(SITE_URL) and "#" in link
        page_address, anchor = link.removeprefix(SITE_URL).split("#")
        assert read_page(built_site, page_address).find(id=anchor) is not None, link


def test_every_page_head_has_description_canonical_social_tags_and_feed_link(built_site: Path) -> None:
    pages = sorted(built_site.rglob("index.html"))
    # One page per Markdown file under docs/ and one per paper: every page is checked, however many the data makes.
    assert len(pages) == len(list((ROOT / "docs").rglob("*.md"))) + len(load("publications"))
    has_feed = bool(load("news"))
    images: set[str] = set()
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        url = f"{SITE_URL}{path.parent.relative_to(built_site).as_posix()}/".replace("/./", "/")
        assert meta(page, "description") and meta(page, "description")[0].strip(), path
        assert attribute(one(page, 'link[rel~="canonical"]'), "href") == url
        assert attribute(one(page, 'meta[property="og:url"]'), "content") == url
        assert attribute(one(page, 'meta[property="og:title"]'), "content")
        image = attribute(one(page, 'meta[property="og:image"]'), "content")
        assert image.startswith(SITE_URL) and (built_site / image.removeprefix(SITE_URL)).is_file()
        assert image not in images, f"{path} shares its social card with another page"
        images.add(image)
        assert meta(page, "twitter:image") == [image]
        assert attribute(one(page, 'meta[property="og:image:alt"]'), "content")
        assert meta(page, "twitter:card") == ["summary_large_image"]
        feed = page.find("link", rel="alternate", type="application/atom+xml")
        if has_feed:
            assert feed and (path.parent / attribute(feed, "href")).resolve() == (built_site / "feed.xml").resolve()
        else:
            assert feed is None, f"{path} announces a feed, but there is no news"


def test_home_page_describes_the_owner_as_a_person(built_site: Path) -> None:
    [person] = json_ld_blocks(read_page(built_site, ""))
    profile = load("profile")
    assert person["@context"] == "https://schema.org" and person["@type"] == "Person"
    assert person["name"] == profile["name"]
    experience = profile.get("experience") or []
    if experience:
        assert person["jobTitle"] == experience[0]["role"]
        assert person["affiliation"] == {"@type": "Organization", "name": experience[0]["organization"]}
    else:
        assert "jobTitle" not in person and "affiliation" not in person
    # Each list property is there exactly when it has something to list.
    expected = {
        "alumniOf": {entry["institution"] for entry in profile.get("education") or []},
        "award": [award["name"] for award in newest_first(load("awards"))],
        "sameAs": [link["url"] for link in profile.get("links") or []],
        "knowsLanguage": [language["name"] for language in load("languages")],
        "knowsAbout": [skill for group in load("skills") for skill in group["items"]],
        "performerIn": sorted(talk["event"] for talk in load("talks")),
    }
    shown = {
        "alumniOf": {school["name"] for school in person.get("alumniOf", [])},
        "award": person.get("award", []),
        "sameAs": person.get("sameAs", []),
        "knowsLanguage": person.get("knowsLanguage", []),
        "knowsAbout": person.get("knowsAbout", []),
        "performerIn": sorted(event["name"] for event in person.get("performerIn", [])),
    }
    assert shown == expected
    assert not [name for name, value in person.items() if value in ([], {}, "", None)]
    assert schema_types(person) <= SCHEMA_ORG_TYPES


@pytest.mark.parametrize("pub", load("publications"), ids=lambda pub: pub["key"])
def test_each_paper_page_describes_a_scholarly_article(built_site: Path, pub: dict) -> None:
    [article] = json_ld_blocks(read_page(built_site, f"publications/{pub['key']}"))
    assert article["@type"] == JSON_LD_TYPES.get(pub["type"], "ScholarlyArticle")
    assert article["headline"] == pub["title"]
    assert [author["name"] for author in article["author"]] == pub["authors"]
    assert article["datePublished"] == (f"{pub['year']}-{pub['month']:02d}" if "month" in pub else str(pub["year"]))
    part_of = PART_OF_TYPES.get(pub["type"], "CreativeWork")
    assert article.get("isPartOf") == ({"@type": part_of, "name": venue(pub)} if part_of else None)
    assert article.get("abstract") == pub.get("abstract")
    if "doi" in pub.get("links", {}):
        assert article["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": pub["links"]["doi"]}
    assert schema_types(article) <= SCHEMA_ORG_TYPES


def test_robots_txt_names_the_sitemap_and_the_sitemap_lists_every_page(built_site: Path) -> None:
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (built_site / "robots.txt").read_text(encoding="utf-8")
    sitemap = ElementTree.parse(built_site / "sitemap.xml").getroot()
    listed = {location.text for location in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    built = {f"{SITE_URL}{path.parent.relative_to(built_site).as_posix()}/".replace("/./", "/") for path in built_site.rglob("index.html")}
    assert listed == built
    assert {f"{SITE_URL}publications/{pub['key']}/" for pub in load("publications")} <= listed


def test_a_sentence_case_bibliography_style_prints_every_title_as_written(built_site: Path) -> None:
    if not load("publications"):
        pytest.skip("no papers, so no .bib to format")
    import pybtex.database
    from pybtex.backends.plaintext import Backend
    from pybtex.style.formatting.plain import Style

    database = pybtex.database.parse_string((built_site / "publications.bib").read_text(encoding="utf-8"), "bibtex")
    printed = {entry.key: entry.text.render(Backend()) for entry in Style().format_entries(database.entries.values())}
    for pub in load("publications"):
        key = pub.get("bibtex_key") or pub["key"]
        assert pub["title"].rstrip(".?!") in printed[key], key
