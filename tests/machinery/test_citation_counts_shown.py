"""The build shows data/citations.yml's counts (written off-build by `make citations`), dated and sourced, and
nothing of them when the file is absent. Expectations come from the fixture's citations.yml at run time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_helpers import chromium, served
from pypdf import PdfReader
from site_helpers import build_site, load_data, one, read_page, run_mkdocs

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def counts_of(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / "data" / "citations.yml").read_text(encoding="utf-8"))


def long_date(day: str) -> str:
    year, month, date = day.split("-")
    return f"{int(date)} {MONTHS[int(month) - 1]} {year}"


def pdf_text(site: Path) -> str:
    (pdf,) = site.glob("*-cv.pdf")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def totals_sentence(counts: dict[str, Any]) -> str:
    totals, (year, month, _) = counts["totals"], counts["fetched"].split("-")
    return (
        f"Cited {totals['citations']} times; h-index {totals['h_index']}, i10-index {totals['i10_index']} "
        f"({counts['source']}, {MONTHS[int(month) - 1]} {year})."
    )


@pytest.fixture(scope="module")
def counts(fixture_site: Path) -> dict[str, Any]:
    return counts_of(fixture_site.parent)


def test_each_counted_paper_shows_cited_by_n_linking_its_work_with_source_and_day(fixture_site: Path, counts: dict) -> None:
    listing = read_page(fixture_site, "publications")
    for key, counted in counts["papers"].items():
        for page, where in ((one(listing, f'.pf-pub[id="{key}"]'), "card"), (read_page(fixture_site, f"publications/{key}"), "page")):
            links = page.select(".pf-pub__meta .pf-pub__cited")
            if counted["count"] == 0:
                assert links == [], (key, where)  # no "Cited by 0"
                continue
            (link,) = links
            assert link.get_text() == f"Cited by {counted['count']}", (key, where)
            assert link["href"] == counted["work"]
            assert link["title"] == f"Counted by {counts['source']} on {long_date(counted['fetched'])}"
        assert one(listing, f'.pf-pub[id="{key}"]')["data-cited"] == str(counted["count"])


def test_an_uncounted_paper_shows_no_count(fixture_site: Path, counts: dict) -> None:
    uncounted = [pub["key"] for pub in load_data(fixture_site.parent, "publications") if pub["key"] not in counts["papers"]]
    assert uncounted, "the fixture has papers without a count"
    listing = read_page(fixture_site, "publications")
    for key in uncounted:
        assert not one(listing, f'.pf-pub[id="{key}"]').has_attr("data-cited"), key
        assert not read_page(fixture_site, f"publications/{key}").select(".pf-pub__cited"), key


def test_the_cv_page_and_the_pdf_show_the_totals_with_source_and_month(fixture_site: Path, counts: dict) -> None:
    (line,) = read_page(fixture_site, "cv").select(".pf-citation-totals")
    assert line.get_text() == totals_sentence(counts)
    heading = line.find_previous("h2")
    assert heading is not None and heading.get("id") == "publications"
    assert totals_sentence(counts) in pdf_text(fixture_site)


def test_the_publications_page_offers_most_cited_first(fixture_site: Path) -> None:
    options = [option.get("value") for option in read_page(fixture_site, "publications").select('select[name="sort"] option')]
    assert options == ["", "cited"]


def test_without_citations_yml_the_site_shows_nothing_of_counts(tmp_path: Path, project: Path) -> None:
    (project / "data" / "citations.yml").unlink()
    site = build_site(project, tmp_path / "site")
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for trace in ("pf-pub__cited", "data-cited", "pf-citation-totals", 'name="sort"', "OpenAlex"):
            assert trace not in html, (path, trace)
    assert "OpenAlex" not in pdf_text(site) and "h-index" not in pdf_text(site)


def test_a_count_of_a_paper_the_data_no_longer_has_is_left_out_with_a_warning(tmp_path: Path, project: Path) -> None:
    path = project / "data" / "citations.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + '  renamed-paper:\n    count: 4\n    work: https://openalex.org/W4000000099\n    fetched: "2026-11-30"\n',
        encoding="utf-8",
    )
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "renamed-paper" in text)
    assert warnings == [
        f"WARNING -  data/citations.yml:{line}: counts 'renamed-paper', which data/publications.yml does not have; "
        "the site leaves the count out, and `make citations` removes it"
    ]
    assert "W4000000099" not in (tmp_path / "site" / "publications" / "index.html").read_text(encoding="utf-8")


def test_a_broken_count_stops_the_build_with_its_line(project: Path) -> None:
    path = project / "data" / "citations.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("count: 57", "count: many"), encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "count: many" in text)
    assert f"data/citations.yml:{line}" in output and "count" in output, output


def test_in_chromium_most_cited_first_reorders_the_cards_keeps_filters_and_back_restores(fixture_site: Path, counts: dict) -> None:
    papers = load_data(fixture_site.parent, "publications")
    cited = {key: entry["count"] for key, entry in counts["papers"].items()}
    with served(fixture_site) as url, chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(url + "publications/", wait_until="load")
        newest = page.eval_on_selector_all(".pf-pub:not([hidden])", "cards => cards.map(card => card.id)")
        # Counted papers by count, the uncounted after them, ties in the page's order.
        expected = sorted(newest, key=lambda key: (-cited.get(key, -1), newest.index(key)))
        page.select_option('select[name="sort"]', "cited")
        assert page.eval_on_selector_all(".pf-pub:not([hidden])", "cards => cards.map(card => card.id)") == expected
        assert "sort=cited" in page.url
        assert page.locator("[data-pf-filters-status]").inner_text() == f"{len(papers)} of {len(papers)} papers, most cited first"
        # The year headings leave with their papers.
        assert page.eval_on_selector_all("h2", "hs => hs.filter(h => /^\\d{4}$/.test(h.textContent.trim()) && !h.hidden).length") == 0
        # A filter narrows the ranked list too, and a shared address opens both.
        year = str(papers[0]["year"])
        page.select_option('select[name="year"]', year)
        in_year = [key for key in expected if str(next(p["year"] for p in papers if p["key"] == key)) == year]
        assert page.eval_on_selector_all(".pf-pub:not([hidden])", "cards => cards.map(card => card.id)") == in_year
        shared = page.url
        page.go_back()
        page.go_back()
        assert page.eval_on_selector_all(".pf-pub:not([hidden])", "cards => cards.map(card => card.id)") == newest
        page.goto(shared, wait_until="load")
        assert page.eval_on_selector_all(".pf-pub:not([hidden])", "cards => cards.map(card => card.id)") == in_year
        assert errors == []
