"""The Publications page's filters, built from the fixture's data: the options and their counts, the cards' data-*
attributes, and the one page that loads the script. Their behaviour in Chromium is tested, on the owner's data, in
tests/owner_site/browser/test_publication_filters.py (pytest cannot collect two test files of one name here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_helpers import attribute, build_site, edit_data, load_data, one, read_page

from macros.render.page_macros import publication_facets

SCRIPT = "assets/js/publication-filters.js"


def options(page, name: str) -> list[tuple[str, str]]:
    """(value, text) of each option of one facet's select."""
    return [(option["value"], option.get_text()) for option in page.select(f'form[data-pf-filters] select[name="{name}"] option')]


def test_each_facet_offers_the_values_the_data_has_with_their_counts(fixture_site: Path) -> None:
    page = read_page(fixture_site, "publications")
    form = one(page, "form[data-pf-filters]")
    assert form["aria-label"] == "Filter publications"
    # Areas in the order of research_areas.yml, types in the schema's order and in words, years newest first.
    assert options(page, "area") == [("", "All (10)"), ("robust-widgets", "Robust Widgets (2)"), ("fast-gadgets", "Fast Gadgets (3)")]
    assert options(page, "type") == [
        ("", "All (10)"),
        ("conference", "Conference (2)"),
        ("journal", "Journal (2)"),
        ("workshop", "Workshop (1)"),
        ("preprint", "Preprint (1)"),
        ("thesis", "Thesis (1)"),
        ("chapter", "Book chapter (1)"),
        ("report", "Report (1)"),
        ("talk", "Talk (1)"),
    ]
    assert options(page, "year") == [
        ("", "All (10)"),
        ("2026", "2026 (2)"),
        ("2025", "2025 (1)"),
        ("2024", "2024 (1)"),
        ("2023", "2023 (2)"),
        ("2020", "2020 (2)"),
        ("2019", "2019 (2)"),
    ]
    selected = one(form, 'input[type="checkbox"][name="selected"]')
    assert selected["value"] == "1"
    assert one(form, f'label[for="{selected["id"]}"]').get_text() == "Selected only (2)"
    # Every control has a label; the text box is a search field.
    text = one(form, 'input[name="text"]')
    assert text["type"] == "search"
    assert one(form, f'label[for="{text["id"]}"]').get_text() == "Find in titles, authors and venues"
    for control in form.select("select, input"):
        assert form.select_one(f'label[for="{control["id"]}"]') is not None, control
    assert one(form, "[role=status]").get_text() == "10 of 10 papers"
    # Data only, never submitted (form-action 'none'), and kept out of the search index.
    assert not form.has_attr("action") and form.has_attr("data-search-exclude")


def test_a_facet_is_offered_only_when_choosing_in_it_can_narrow_the_list() -> None:
    def paper(key: str, **fields) -> dict:
        return {"key": key, "type": "conference", "year": 2025, "selected": False, "areas": [], **fields}

    areas = {"a": {"title": "Area A"}, "b": {"title": "Area B"}}
    # One type, one year, every paper in area a, none selected: nothing to choose but the text.
    same = publication_facets([paper("x", areas=["a"]), paper("y", areas=["a"])], areas)
    assert same == {"total": 2, "facets": []}
    # Every paper selected: the checkbox could not narrow the list either.
    every_selected = publication_facets([paper("x", selected=True), paper("y", selected=True)], areas)
    assert every_selected is not None and every_selected["facets"] == []
    mixed = publication_facets([paper("x", areas=["b"], selected=True), paper("y", year=2024, type="talk")], areas)
    assert mixed is not None
    assert [(facet["name"], [(o["value"], o["label"], o["count"]) for o in facet["options"]]) for facet in mixed["facets"]] == [
        ("area", [("b", "Area B", 1)]),
        ("type", [("conference", "Conference", 1), ("talk", "Talk", 1)]),
        ("year", [("2025", "2025", 1), ("2024", "2024", 1)]),
        ("selected", [("1", "Selected only", 1)]),
    ]
    # One paper has nothing to filter.
    assert publication_facets([paper("x")], areas) is None


@pytest.mark.parametrize("url", ["publications", ""], ids=["publications", "home"])
def test_every_card_carries_its_paper_in_data_attributes(fixture_site: Path, url: str) -> None:
    papers = {pub["key"]: pub for pub in load_data(Path(fixture_site).parent, "publications")}
    cards = read_page(fixture_site, url).select(".pf-pub")
    assert cards
    for card in cards:
        pub = papers[card["id"]]
        assert card["data-area"] == " ".join(pub.get("areas") or [])
        assert card["data-type"] == pub["type"]
        assert card["data-year"] == str(pub["year"])
        assert card["data-selected"] == ("true" if pub.get("selected") else "false")
        searched = card["data-search"]
        for text in [pub["title"], *pub["authors"], pub["venue"], pub.get("venue_full") or ""]:
            assert text.lower() in searched, (pub["key"], text)


def test_the_script_is_loaded_by_the_publications_page_alone_deferred_from_the_site(fixture_site: Path) -> None:
    pages = sorted(path.relative_to(fixture_site).as_posix() for path in fixture_site.rglob("*.html") if SCRIPT in path.read_text(encoding="utf-8"))
    assert pages == ["publications/index.html"]
    (script,) = [tag for tag in read_page(fixture_site, "publications").select("script[src]") if attribute(tag, "src").endswith(SCRIPT)]
    assert script["src"] == f"../{SCRIPT}" and script.has_attr("defer")
    assert (fixture_site / SCRIPT).is_file()
    # Nothing inline: the page's policy names no more scripts than Material's own.
    policy = attribute(one(read_page(fixture_site, "publications"), 'meta[http-equiv="Content-Security-Policy"]'), "content")
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    about = attribute(one(read_page(fixture_site, "about"), 'meta[http-equiv="Content-Security-Policy"]'), "content")
    assert policy.count("'sha256-") == about.count("'sha256-")


def test_one_paper_gets_no_filters_and_its_card_keeps_accents_and_quotes_as_text(project: Path) -> None:
    def one_paper(papers: list) -> None:
        del papers[1:]
        papers[0]["title"] = 'Café "Widgets" <b>&amp; more</b>'
        papers[0]["authors"].append("Zoë Ñúñez")

    def keep_references_to_the_first(entries: list) -> None:
        for entry in entries:
            if entry.get("publication") not in (None, "widgetgit"):
                del entry["publication"]

    edit_data(project, "publications", one_paper)
    for kind in ("news", "awards"):
        edit_data(project, kind, keep_references_to_the_first)
    site = build_site(project, project / "site")
    page = read_page(site, "publications")
    assert page.select("form[data-pf-filters]") == []
    assert not any(SCRIPT in path.read_text(encoding="utf-8") for path in site.rglob("*.html"))
    (card,) = page.select(".pf-pub")
    # Lowercased in the attribute; the script folds the accents of both the cards and what a visitor types.
    assert 'café "widgets" <b>&amp; more</b>' in card["data-search"]
    assert "zoë ñúñez" in card["data-search"]
    assert card.select("b") == []
    # data-cited where data/citations.yml counts the paper (the order "most cited first" reads it).
    counted = {"data-cited"} if "widgetgit" in (load_data(project, "citations") or {}).get("papers", {}) else set()
    assert set(card.attrs) == {"class", "id", "data-pf-entry", "data-area", "data-type", "data-year", "data-selected", "data-search"} | counted
