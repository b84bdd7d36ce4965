"""The list macros order, date and fold entries the same way for any data (here the fixture's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import attribute, build_site, one, read_page


def texts(site: Path, url: str, selector: str) -> list[str]:
    return [" ".join(element.get_text().split()) for element in read_page(site, url).select(selector)]


def openings(site: Path, url: str) -> list[str]:
    """The first three words of each news item shown on a page."""
    return [" ".join(text.split()[:3]) for text in texts(site, url, ".pf-timeline__text")]


def test_news_is_newest_first_with_present_on_top_and_ties_in_file_order(fixture_site: Path) -> None:
    assert openings(fixture_site, "timeline") == [
        "Running Fixture Labs,",
        "Received the Example",
        "Gadgets Are All",
        "Gave a talk",
        "WidgetGit was accepted",
        "Serving Gadgets received",
        "Presented early thoughts",
    ]


def test_timeline_dates_read_as_month_and_year(fixture_site: Path) -> None:
    dates = texts(fixture_site, "timeline", ".pf-timeline__date")
    assert dates == ["Present", "Apr 2026", "Jan 2025", "Jan 2025", "May 2024", "Nov 2020", "Oct 2019"]


def test_home_page_folds_the_items_flagged_fold_behind_a_toggle(fixture_site: Path) -> None:
    home = read_page(fixture_site, "")
    items = home.select("#pf-news .pf-timeline__item")
    assert [item.has_attr("data-pf-fold") for item in items] == [False] * 5 + [True] * 2
    assert attribute(one(home, "[data-pf-fold-toggle]"), "aria-controls") == "pf-news"


def test_research_page_news_includes_items_of_its_papers_and_items_naming_the_area(fixture_site: Path) -> None:
    # One item is about a paper of that area; one names the area itself.
    assert openings(fixture_site, "research/robust-widgets") == ["Gadgets Are All", "Gave a talk"]


def test_publications_are_grouped_by_year_newest_first(fixture_site: Path) -> None:
    page = read_page(fixture_site, "publications")
    years = [heading.get_text(strip=True).rstrip("¶") for heading in page.select("article h2")]
    assert years == ["2026", "2025", "2024", "2023", "2020", "2019"]


def test_vision_names_several_advisors_as_co_advisors(fixture_site: Path) -> None:
    line = texts(fixture_site, "vision", ".pf-vision__advisors")
    assert line == ["Co-advised by Ada Placeholder & Bo Example."]


def test_data_is_read_once_per_build_not_once_per_page(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    original = Path.read_text

    def counting_read_text(self: Path, *args, **kwargs) -> str:
        if self.suffix == ".yml" and self.parent.name == "data":
            reads.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting_read_text)
    site = build_site(project, tmp_path / "site")

    assert len(list(site.rglob("index.html"))) > 8
    assert sorted(reads) == sorted(path.name for path in (project / "data").glob("*.yml"))
