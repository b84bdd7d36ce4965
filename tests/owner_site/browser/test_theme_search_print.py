"""Colour scheme toggle, site search and the printable CV."""

from __future__ import annotations

import re

import pytest
from site_helpers import ROOT, load_data, nav_sources

# Any paper will do; the site may have none, and then the tests that need one say so.
PAPERS = load_data(ROOT, "publications")
FIRST_PAPER = PAPERS[0] if PAPERS else None


def cv_heading() -> str:
    """The CV page's title: its front matter's, or its first heading after the front matter."""
    text = (ROOT / "docs" / "cv.md").read_text(encoding="utf-8")
    front, _, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
    title = re.search(r"^title:\s*(.+)$", front, flags=re.M)
    heading = re.search(r"^# (.+)$", body, flags=re.M)
    found = title or heading
    assert found is not None, "docs/cv.md has neither a title in its front matter nor a first heading"
    return found.group(1).strip().strip("\"'")


def need_a_paper() -> dict:
    if FIRST_PAPER is None:
        pytest.skip("data/publications.yml has no papers")
    return FIRST_PAPER


def scheme_of(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def page_scheme_of(page) -> str:
    """The scheme the browser gives the page itself: its canvas and scrollbars."""
    return page.evaluate("getComputedStyle(document.documentElement).colorScheme")


def test_colour_toggle_switches_scheme_and_the_choice_survives_a_reload(browser, site_url: str) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site_url + "publications/", wait_until="load")
    assert (scheme_of(page), page_scheme_of(page)) == ("default", "light")

    page.get_by_title("Switch to dark mode").first.click()
    assert (scheme_of(page), page_scheme_of(page)) == ("slate", "dark")

    page.reload(wait_until="load")
    assert (scheme_of(page), page_scheme_of(page)) == ("slate", "dark")
    page.goto(site_url, wait_until="load")
    assert scheme_of(page) == "slate"
    context.close()


def test_search_finds_a_paper_by_a_word_of_its_title(browser, site_url: str) -> None:
    word = max(re.findall(r"[A-Za-z]+", need_a_paper()["title"]), key=len)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("textbox", name="Search").first.click()
    page.keyboard.type(word)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert word.lower() in page.locator(".md-search-result").inner_text().lower()
    context.close()


def test_search_on_a_phone_starts_its_worker_from_the_header_button_and_finds_a_paper(browser, site_url: str) -> None:
    """On a phone the search box hides behind the header's button; opening it must start the search worker,
    which a page loads only for a visit that searches (partials/search_on_demand.html)."""
    title = need_a_paper()["title"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    with page.expect_worker(lambda worker: "/workers/search." in worker.url, timeout=10_000):
        page.locator("label.md-header__button[for='__search']").tap()
    # Typed key by key, as a visitor types: Material reads the box at each keyup and once when its worker is
    # ready, so text put in without key events (fill) went unread whenever the worker was ready first.
    page.keyboard.type(title)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert title in page.locator(".md-search-result").inner_text()
    context.close()


def test_printed_cv_has_no_navigation_chrome(browser, site_url: str) -> None:
    if "cv.md" not in nav_sources(ROOT):
        pytest.skip("the nav has no CV page (cv.md)")
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "cv/", wait_until="load")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-search"):
        locator = page.locator(selector).first
        if locator.count():
            assert not locator.is_visible(), selector
    assert page.locator("h1").inner_text() == cv_heading()
    assert page.locator(".pf-pub").count() == len(PAPERS)
    if PAPERS:
        assert page.locator(".pf-pub").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1
    context.close()


def test_paper_page_offers_its_bibtex_with_a_copy_button(browser, site_url: str) -> None:
    paper = need_a_paper()
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + f"publications/{paper['key']}/", wait_until="load")
    block = page.locator("#cite ~ .highlight pre").first
    assert f"{{{paper['key']}," in block.inner_text()
    block.hover()
    assert block.get_by_title("Copy to clipboard").is_visible()
    context.close()


def test_each_reference_has_a_copy_button_named_after_its_block_that_copies_the_reference(browser, site_url: str) -> None:
    paper = need_a_paper()
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + f"publications/{paper['key']}/", wait_until="load")
    blocks = page.locator("[data-copy-name]")
    styles = page.locator(".pf-citation").count()
    assert blocks.count() == styles + 1, "the BibTeX entry and one block per citation style"
    # Named landmarks, one name each: a screen reader's list of landmarks tells them apart.
    page.wait_for_function("[...document.querySelectorAll('[data-copy-name]')].every(b => b.querySelector('.md-code__nav[aria-label]'))")
    names = page.eval_on_selector_all(".md-code__nav", "navs => navs.map(nav => nav.getAttribute('aria-label'))")
    assert names == blocks.evaluate_all("blocks => blocks.map(block => block.dataset.copyName)")
    assert len(set(names)) == len(names), names
    last = page.locator(".pf-citation").last if styles else blocks.first
    last.hover()
    last.get_by_title("Copy to clipboard").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == last.locator("code").inner_text().strip()
    context.close()
