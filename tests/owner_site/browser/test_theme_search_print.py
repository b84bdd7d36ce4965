"""Colour scheme toggle, site search and the printable CV."""

from __future__ import annotations

import re

from site_helpers import ROOT, load_data

FIRST_PAPER = load_data(ROOT, "publications")[0]
# The page's first heading, after its front matter.
CV_HEADING = re.search(r"^# (.+)$", (ROOT / "docs" / "cv.md").read_text(encoding="utf-8").split("\n---\n", 1)[-1], flags=re.M).group(1)


def scheme_of(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_colour_toggle_switches_scheme_and_the_choice_survives_a_reload(browser, site_url: str) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site_url + "publications/", wait_until="load")
    assert scheme_of(page) == "default"

    page.get_by_title("Switch to dark mode").first.click()
    assert scheme_of(page) == "slate"

    page.reload(wait_until="load")
    assert scheme_of(page) == "slate"
    page.goto(site_url, wait_until="load")
    assert scheme_of(page) == "slate"
    context.close()


def test_search_finds_a_paper_by_a_word_of_its_title(browser, site_url: str) -> None:
    word = max(re.findall(r"[A-Za-z]+", FIRST_PAPER["title"]), key=len)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("textbox", name="Search").first.click()
    page.keyboard.type(word)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert word.lower() in page.locator(".md-search-result").inner_text().lower()
    context.close()


def test_printed_cv_has_no_navigation_chrome(browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "cv/", wait_until="load")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-search"):
        locator = page.locator(selector).first
        if locator.count():
            assert not locator.is_visible(), selector
    assert page.locator("h1").inner_text() == CV_HEADING
    assert page.locator(".pf-pub").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    context.close()


def test_paper_page_offers_its_bibtex_with_a_copy_button(browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + f"publications/{FIRST_PAPER['key']}/", wait_until="load")
    block = page.locator("#cite ~ .highlight pre").first
    assert f"{{{FIRST_PAPER['key']}," in block.inner_text()
    block.hover()
    assert block.get_by_title("Copy to clipboard").is_visible()
    context.close()
