"""Every page loads cleanly, talks only to its own server, fits a phone and passes axe in both schemes."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
# WCAG 2.2 AA (target size and contrast included) plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_console_error_and_no_foreign_request(browser, site_url: str, site_pages: list[str], scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    own_host = urlsplit(site_url).netloc
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "request",
        lambda request: problems.append(f"foreign request: {request.url}")
        if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != own_host
        else None,
    )
    for path in site_pages:
        if path == "404.html":
            continue  # its expected 404 status is logged as a console error; it is checked below
        page.goto(site_url + path, wait_until="networkidle")
        assert not problems, f"{path}: {problems}"
    context.close()


def test_unknown_address_shows_the_helpful_404_page(browser, site_url: str) -> None:
    page = browser.new_page()
    response = page.goto(site_url + "no/such/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    page.get_by_role("link", name="Publications").first.click()
    page.wait_for_url("**/publications/")
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
                f"{violation['id']}: {[node['target'] for node in violation['nodes']][:3]}"
                for violation in results.response["violations"]
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
