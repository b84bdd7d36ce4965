"""The home page as a visitor sees it: five parts, the news toggle, screenshots for review."""

from __future__ import annotations

from pathlib import Path

import re

import pytest
from site_helpers import ROOT, load_data

NEWS = load_data(ROOT, "news")
FOLDED = sum(1 for item in NEWS if item.get("fold"))
# The numbered kickers the owner wrote into the home page.
KICKERS = re.findall(r'<p class="pf-kicker">(.*?)</p>', (ROOT / "docs" / "index.md").read_text(encoding="utf-8"))


@pytest.fixture
def home(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    yield page
    context.close()


def test_home_page_shows_hero_vision_timeline_selected_work_and_honors(home) -> None:
    assert home.locator(".pf-hero h1").inner_text() == load_data(ROOT, "profile")["name"]
    assert home.get_by_role("link", name="Read the research").is_visible()
    assert home.get_by_role("link", name="View CV").is_visible()
    assert home.get_by_role("link", name="Email", exact=True).is_visible()
    assert home.locator(".pf-portrait").is_visible()
    assert KICKERS
    for kicker in KICKERS:
        assert home.get_by_text(kicker, exact=True).is_visible()
    assert home.locator(".pf-pillar").count() == len(load_data(ROOT, "research_areas"))
    assert home.locator(".pf-pub").count() >= 1
    assert home.locator(".pf-honor").count() >= 1
    assert home.get_by_role("link", name="All publications →").is_visible()


def test_email_button_opens_a_mail_program_with_the_address(home) -> None:
    href = home.get_by_role("link", name="Email", exact=True).get_attribute("href")
    assert href == "mailto:" + load_data(ROOT, "profile")["email"]


def test_portrait_does_not_shift_the_layout(home) -> None:
    shift = home.evaluate(
        """() => new Promise(resolve => {
            let total = 0;
            new PerformanceObserver(list => { for (const entry of list.getEntries()) total += entry.value; })
                .observe({type: "layout-shift", buffered: true});
            setTimeout(() => resolve(total), 500);
        })"""
    )
    assert shift < 0.01


def test_show_full_history_toggles_the_older_news_and_its_own_state(home) -> None:
    items = home.locator("#pf-news > li")
    button = home.locator("[data-pf-fold-toggle]")
    visible = lambda: sum(1 for index in range(items.count()) if items.nth(index).is_visible())  # noqa: E731

    assert FOLDED > 0
    assert button.inner_text() == "Show full history"
    assert button.get_attribute("aria-expanded") == "false"
    assert visible() == len(NEWS) - FOLDED

    button.click()
    assert button.inner_text() == "Show recent news only"
    assert button.get_attribute("aria-expanded") == "true"
    assert visible() == len(NEWS)

    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert visible() == len(NEWS) - FOLDED


def test_without_javascript_every_news_item_is_visible(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    items = page.locator("#pf-news > li")
    assert items.count() == len(NEWS)
    assert all(items.nth(index).is_visible() for index in range(items.count()))
    assert not page.locator("[data-pf-fold-toggle]").is_visible()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_page_screenshots_are_written_for_review(browser, site_url: str, screenshot_dir: Path, width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    target = screenshot_dir / f"home-{width}-{scheme}.png"
    page.screenshot(path=str(target), full_page=True)
    context.close()
    assert target.stat().st_size > 10_000
    print(f"screenshot: {target}")
