"""The search index finds each paper once, on its own page, and reads each page as Material's own index would."""

from __future__ import annotations

import concurrent.futures
import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from html import escape
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex
from site_helpers import load_data, loaded

from macros.outputs import site_search_index
from macros.outputs.search_exclusions import without_excluded_blocks
from macros.outputs.site_search_index import BATCH_PAGES, MIN_PAGES, IndexWithoutExcludedBlocks

FIXTURE_PROJECT = Path(__file__).parents[1] / "fixtures" / "project"

# Pages as Material's index meets them: blocks marked bare or with a value, next to each other, in
# capitals, on a void element, never closed, a heading that leaves out its section, and the name where it marks nothing.
PAGES = {
    "a list between paragraphs": (
        '<h1 id="t">T</h1><p>Kept one.</p>\n<div class="x" data-search-exclude><p>Gone</p><ul><li>Also gone</li></ul></div>\n<p>Kept two.</p>'
    ),
    "two blocks side by side": '<p>A</p><form data-search-exclude><div>x</div></form><section data-search-exclude="true"><p>y</p></section><p>B</p>',
    "capital letters": "<p>A</p><DIV data-search-exclude><P>x</P></DIV><p>B</p>",
    "a void element": '<p>A<img src="i.png" data-search-exclude> B</p>',
    "an excluded heading's section": (
        '<h1 id="t">T</h1><p>Top</p><h2 data-search-exclude id="cite">Cite</h2><p>Hidden</p><h2 id="more">More</h2><p>Shown</p>'
    ),
    "a block never closed": "<p>A</p><div data-search-exclude><p>x</p>",
    "nothing excluded": '<h1 id="t">T</h1><p>All of it, <code>code</code> too.</p>',
    "the name as text or in another attribute": (
        '<p>Write data-search-exclude on a block, or <code>data-search-exclude</code>.</p><div data-x-data-search-exclude="1"><p>Kept</p></div>'
    ),
}
# Blocks that hold elements of their own name or a heading, which Material's parser takes partly back in.
NESTED = {
    "a div in the block": "<p>A</p><div data-search-exclude><div><p>x</p></div><p>y</p></div><p>B</p>",
    "a block inside a block": "<p>A</p><div data-search-exclude><div data-search-exclude><p>x</p></div><p>y</p></div><p>B</p>",
}


def entries(index_type: type[SearchIndex], html: str) -> list[dict[str, Any]]:
    return index_of(index_type, [("page/", html)])


def index_of(index_type: type[SearchIndex], pages: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The entries of the index `index_type` makes of the pages (address, HTML), as its search_index.json holds them."""
    index = index_type(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    if hasattr(index, "expect_pages"):  # ours, told the number of pages as the hook tells it at on_nav
        index.expect_pages(len(pages))
    for url, html in pages:
        page = SimpleNamespace(content=html, toc=[], url=url, meta={}, title=f"Page {url}")
        index.add_entry_from_context(page)
        assert page.content == html, "the page keeps its whole content"
    docs: list[dict[str, Any]] = json.loads(index.generate_search_index(None))["docs"]
    return docs


def numbered_pages(count: int) -> list[tuple[str, str]]:
    return [(f"page-{number}/", list(PAGES.values())[number % len(PAGES)].replace("T<", f"T{number}<")) for number in range(count)]


# Enough pages for the second process, so that most are parsed there, in batches, and the last few here.
MANY_PAGES = numbered_pages(MIN_PAGES + 2 * BATCH_PAGES + 7)


def test_a_large_sites_pages_parsed_on_a_second_core_make_materials_entries_in_page_order() -> None:
    # The second process is handed the parser by name: the copy of the module Python holds now.
    ours = index_of(loaded(site_search_index).IndexWithoutExcludedBlocks, MANY_PAGES)
    assert ours == index_of(SearchIndex, MANY_PAGES)
    numbers = [int(entry["location"].split("/")[0].removeprefix("page-")) for entry in ours]
    assert numbers == sorted(numbers) and set(numbers) == set(range(len(MANY_PAGES))), "every page, in page order"


def test_when_the_second_process_fails_its_pages_are_parsed_in_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    class BrokenPool:
        def __init__(self, **options: Any) -> None:
            pass

        def submit(self, *call: Any) -> Future[Any]:
            future: Future[Any] = Future()
            future.set_exception(BrokenProcessPool("the process died"))
            return future

        def shutdown(self) -> None:
            pass

    # The index names the pool through the package, which imports it only when a site first starts one.
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", BrokenPool)
    assert index_of(loaded(site_search_index).IndexWithoutExcludedBlocks, MANY_PAGES) == index_of(SearchIndex, MANY_PAGES)


def test_a_site_too_small_to_pay_for_a_second_process_never_starts_one(monkeypatch: pytest.MonkeyPatch) -> None:
    started = []
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", lambda **options: started.append(options))
    pages = numbered_pages(MIN_PAGES - 1)
    assert index_of(loaded(site_search_index).IndexWithoutExcludedBlocks, pages) == index_of(SearchIndex, pages)
    assert started == []


@pytest.mark.parametrize("html", PAGES.values(), ids=PAGES.keys())
def test_the_index_makes_the_entries_materials_own_index_makes(html: str) -> None:
    assert entries(IndexWithoutExcludedBlocks, html) == entries(SearchIndex, html)


def test_excluded_blocks_are_cut_from_their_opening_to_their_end_tag_and_nothing_else() -> None:
    assert without_excluded_blocks(PAGES["a list between paragraphs"]) == '<h1 id="t">T</h1><p>Kept one.</p>\n\n<p>Kept two.</p>'
    assert without_excluded_blocks(PAGES["two blocks side by side"]) == "<p>A</p><p>B</p>"
    for left_as_it_is in (
        "a void element",
        "an excluded heading's section",
        "a block never closed",
        "nothing excluded",
        "the name as text or in another attribute",
    ):
        assert without_excluded_blocks(PAGES[left_as_it_is]) == PAGES[left_as_it_is], left_as_it_is


@pytest.mark.parametrize("html", NESTED.values(), ids=NESTED.keys())
def test_a_block_that_holds_elements_of_its_own_name_is_left_out_whole(html: str) -> None:
    assert without_excluded_blocks(html) == "<p>A</p><p>B</p>"
    assert [entry["text"] for entry in entries(IndexWithoutExcludedBlocks, html)] == ["<p>A</p><p>B</p>"]
    # Material's own parser ends the block at the first </div> inside it.
    assert "y" in entries(SearchIndex, html)[0]["text"]


def test_a_heading_inside_an_excluded_block_no_longer_opens_an_empty_section() -> None:
    html = '<p>A</p><div data-search-exclude><h2 id="inner">Inner</h2><p>x</p></div><p>B</p>'
    assert [entry["location"] for entry in entries(SearchIndex, html)] == ["page/", "page/#inner"]
    assert [entry["location"] for entry in entries(IndexWithoutExcludedBlocks, html)] == ["page/"]


def test_a_paper_is_found_on_its_own_page_and_on_no_list_of_papers(fixture_site: Path) -> None:
    docs = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    papers = load_data(FIXTURE_PROJECT, "publications")
    assert papers, "the fixture project has papers to look for"
    # The Publications page, and each research area's section of its papers (the area's news may name one).
    lists = {"publications/", *(f"research/{area['key']}/#publications" for area in load_data(FIXTURE_PROJECT, "research_areas"))}
    listed = [entry for entry in docs if entry["location"] in lists or entry["location"].startswith("publications/#")]
    assert listed, "the lists of papers are in the index with their own text"
    for pub in papers:
        title = escape(pub["title"], quote=False)  # as Material writes text into the index
        assert [entry["title"] for entry in docs if entry["location"] == f"publications/{pub['key']}/"] == [title], pub["key"]
        assert not [entry["location"] for entry in listed if title in entry["text"]], pub["key"]
        # The paper's own page leaves its Cite section out: its BibTeX entry and its references in other styles.
        on_its_page = " ".join(entry["text"] for entry in docs if entry["location"].startswith(f"publications/{pub['key']}/"))
        assert f"{{{pub['key']},".lower() not in on_its_page.lower() and "reference list" not in on_its_page, pub["key"]
