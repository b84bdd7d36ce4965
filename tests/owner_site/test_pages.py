"""A strict build of the owner's site shows every entry of data/, in order, on the right pages.

Every expectation is read from data/ at run time, so the tests hold for any owner.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from site_helpers import ROOT, load_data, load_mkdocs_config, read_page


def load(name: str) -> list[dict]:
    return load_data(ROOT, name)


def newest_first(items: list[dict]) -> list[dict]:
    """The test's own statement of the order: 'present' on top, then months and years downward, ties in file order."""

    def key(item: dict) -> tuple[int, int]:
        date = str(item["date"])
        if date == "present":
            return (10_000, 0)
        year, _, month = date.partition("-")
        return (int(year), int(month or 0))

    return sorted(items, key=key, reverse=True)


def texts(page: BeautifulSoup, selector: str) -> list[str]:
    """The visible text of each match, without Markdown's permalink anchors."""
    for anchor in page.select(".headerlink"):
        anchor.decompose()
    return [" ".join(element.get_text().split()) for element in page.select(selector)]


def plain(markdown_text: str) -> str:
    """The visible words of an inline-Markdown field."""
    for mark in ("*", "[", "]"):
        markdown_text = markdown_text.replace(mark, "")
    return " ".join(markdown_text.split()).split("(http")[0].strip()


def test_timeline_page_lists_every_news_item_newest_first(built_site: Path) -> None:
    expected = [plain(item["text"]) for item in newest_first(load("news"))]
    shown = texts(read_page(built_site, "timeline"), ".pf-timeline__text")
    assert len(shown) == len(expected)
    for text, item in zip(shown, expected):
        assert text.startswith(item[:40]), (text, item)


def test_home_page_folds_older_news_but_keeps_every_item_in_the_page(built_site: Path) -> None:
    home = read_page(built_site, "")
    items = home.select("#pf-news .pf-timeline__item")
    news = newest_first(load("news"))
    assert len(items) == len(news)
    assert [item.has_attr("data-pf-fold") for item in items] == [bool(entry.get("fold")) for entry in news]
    assert ["pf-timeline__item--highlight" in item["class"] for item in items] == [bool(e.get("highlight")) for e in news]
    toggle = home.select_one("[data-pf-fold-toggle]")
    assert toggle is not None and toggle["aria-controls"] == "pf-news"


def test_publications_page_lists_every_paper_grouped_by_year(built_site: Path) -> None:
    publications = load("publications")
    page = read_page(built_site, "publications")
    titles = texts(page, ".pf-pub__title")
    expected = [pub["title"] for pub in sorted(publications, key=lambda pub: pub["year"], reverse=True)]
    assert titles == expected
    years = [heading.get_text(strip=True).rstrip("¶") for heading in page.select("article h2")]
    assert years == [str(year) for year in sorted({pub["year"] for pub in publications}, reverse=True)]
    marked = {card["id"] for card in page.select(".pf-pub") if card.select_one(".pf-pub__selected")}
    assert marked == {pub["key"] for pub in publications if pub.get("selected")}


def test_owner_name_is_emphasized_in_every_author_list(built_site: Path) -> None:
    page = read_page(built_site, "publications")
    cards = page.select(".pf-pub")
    assert cards
    for card in cards:
        assert [strong.get_text() for strong in card.select(".pf-pub__authors strong")] == [load("profile")["name"]]


def test_author_lists_keep_the_data_order(built_site: Path) -> None:
    page = read_page(built_site, "publications")
    for pub in load("publications"):
        shown = page.select_one(f"#{pub['key']} .pf-pub__authors").get_text().replace("*", "")
        assert shown.startswith(", ".join(pub["authors"]))


def test_home_page_shows_only_selected_work(built_site: Path) -> None:
    home = read_page(built_site, "")
    shown = texts(home, ".pf-pub__title")
    expected = [p["title"] for p in sorted(load("publications"), key=lambda p: p["year"], reverse=True) if p.get("selected")]
    assert shown == expected


def test_honors_page_lists_every_award_newest_first(built_site: Path) -> None:
    expected = [award["name"] for award in newest_first(load("awards"))]
    assert texts(read_page(built_site, "honors"), ".pf-honor__name") == expected
    assert texts(read_page(built_site, ""), ".pf-honor__name") == expected


@pytest.mark.parametrize("area", [area["key"] for area in load("research_areas")])
def test_each_research_page_shows_its_own_papers(built_site: Path, area: str) -> None:
    page = read_page(built_site, f"research/{area}")
    expected = {pub["title"] for pub in load("publications") if area in pub.get("areas", [])}
    assert set(texts(page, ".pf-pub__title")) == expected


def test_cv_lists_education_experience_publications_honors_and_press(built_site: Path) -> None:
    page = read_page(built_site, "cv")
    text = page.get_text(" ")
    profile = load("profile")
    for entry in profile["education"]:
        assert entry["institution"] in text
    for entry in profile["experience"]:
        assert entry["organization"] in text
    assert len(page.select(".pf-pub")) == len(load("publications"))
    assert len(page.select(".pf-honor")) == len(load("awards"))
    assert len(page.select(".pf-press li")) == len(load("press"))


def test_plain_email_address_never_appears_in_the_built_site(built_site: Path) -> None:
    address = load("profile")["email"]
    for page in built_site.rglob("*.html"):
        assert address not in page.read_text(encoding="utf-8"), page


def test_every_page_title_names_the_site_once(built_site: Path) -> None:
    site_name = load_mkdocs_config(ROOT)["site_name"]
    assert read_page(built_site, "").title.get_text() == site_name
    for path in built_site.rglob("index.html"):
        title = read_page(path.parent, "").title.get_text()
        assert title == site_name or (title.endswith(f" - {site_name}") and title != f"{site_name} - {site_name}"), path
