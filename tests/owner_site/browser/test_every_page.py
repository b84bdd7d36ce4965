"""Every page fits a phone and passes axe in both schemes; the 404 page helps. (Console errors, foreign requests and
the policy are checked page by page in test_content_security_policy.py.)"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from site_helpers import ROOT, nav_sources, page_url

AXE = Axe()
# WCAG 2.2 AA (target size and contrast included) plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def test_unknown_address_shows_the_helpful_404_page(browser, site_url: str) -> None:
    page = browser.new_page()
    response = page.goto(site_url + "no/such/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # Its first link to a page of the nav, which leads there from any address.
    pages = {page_url(source) for source in nav_sources(ROOT)}
    links = page.locator(".md-content a[href]")
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    target = next((href for href in hrefs if href.removeprefix("/") in pages - {""}), None)
    if target is None:
        page.locator(".md-content a", has_text="Home").first.click()
        page.wait_for_url(site_url)
    else:
        page.locator(f'.md-content a[href="{target}"]').first.click()
        page.wait_for_url(site_url + target.removeprefix("/"))
    assert page.locator("h1").count() and page.locator("h1").first.inner_text() != "Page not found"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(browser, site_url: str, site_pages: list[str], scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    report: dict[str, list[str]] = {}
    for path in site_pages:
        page.goto(site_url + path, wait_until="load")
        results = AXE.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            report[path or "/"] = [
                f"{violation['id']}: {[node['target'] for node in violation['nodes']][:3]}" for violation in results.response["violations"]
            ]
    context.close()
    assert not report, report


@pytest.mark.parametrize("width", [320, 390, 768, 1024, 1440])
def test_no_page_scrolls_sideways(browser, site_url: str, site_pages: list[str], width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    wide = []
    for path in site_pages:
        page.goto(site_url + path, wait_until="load")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append((path, overflow))
    context.close()
    assert not wide, f"pages wider than {width} px: {wide}"
