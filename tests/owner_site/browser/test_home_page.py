"""The home page as a visitor sees it: the parts the owner's docs/index.md asks for, the news toggle, screenshots for review.

What each part must show is read from data/ and from the macro calls in
docs/index.md, so a part the data has no entries for is checked to be absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import ROOT, load_data, macro_calls, news_in_calls

HOME_SOURCE = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
NEWS_CALLS = [call for _, call in macro_calls(HOME_SOURCE, {"news": ("limit", "area", "folding")})]
# The numbered kickers the owner wrote into the home page; there may be none, and a section left out for want of entries takes its kicker along.
KICKERS = re.findall(r'<p class="pf-kicker">([^<{]*?)</p>', HOME_SOURCE)
# Links the owner wrote in the home page's Markdown, e.g. [All publications →](publications.md).
WRITTEN_LINKS = re.findall(r"\[([^\]{}]+)\]\([^)]+\)", HOME_SOURCE)


def home_news() -> list[tuple[dict, bool]]:
    """(news item, folded) for each item the home page's news() calls show."""
    return news_in_calls(ROOT, NEWS_CALLS)


@pytest.fixture
def home(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    yield page
    context.close()


def test_home_page_shows_the_hero_and_each_part_the_data_has_entries_for(home) -> None:
    profile = load_data(ROOT, "profile")
    if macro_calls(HOME_SOURCE, {"hero": ()}):
        assert home.locator(".pf-hero h1").inner_text() == profile["name"]
        assert home.get_by_role("link", name="Read the research").is_visible()
        assert home.get_by_role("link", name="View CV").is_visible()
        assert home.locator(".pf-portrait").is_visible()
        assert home.locator(".pf-hero__meta li").count() == len(profile.get("meta") or [])
        if profile.get("email"):
            assert home.get_by_role("link", name="Email", exact=True).is_visible()
    if not profile.get("email"):
        assert home.get_by_role("link", name="Email", exact=True).count() == 0
    kickers = home.locator(".pf-kicker")
    for index in range(kickers.count()):
        assert kickers.nth(index).text_content().strip() in KICKERS
        assert kickers.nth(index).is_visible()
    pillars = len(load_data(ROOT, "research_areas")) * len(macro_calls(HOME_SOURCE, {"research_areas": ()}))
    assert home.locator(".pf-pillar").count() == pillars
    papers = load_data(ROOT, "publications")
    listed = sum(
        1
        for _, call in macro_calls(HOME_SOURCE, {"publications": ("selected", "area")})
        for pub in papers
        if (call.get("selected") is None or bool(pub.get("selected")) == call["selected"])
        and (call.get("area") is None or call["area"] in (pub.get("areas") or []))
    )
    assert home.locator(".pf-pub").count() == listed
    honors = len(load_data(ROOT, "awards")) * len(macro_calls(HOME_SOURCE, {"awards": ()}))
    assert home.locator(".pf-honor").count() == honors
    if not honors:
        assert home.locator("#honors, #awards").count() == 0
    assert home.locator(".pf-timeline__item").count() == len(home_news())
    for text in WRITTEN_LINKS:
        link = home.get_by_role("link", name=text)
        if link.count():
            assert link.first.is_visible(), text


def test_email_button_opens_a_mail_program_with_the_address(home) -> None:
    address = load_data(ROOT, "profile").get("email")
    if not address or not macro_calls(HOME_SOURCE, {"hero": ()}):
        pytest.skip("the home page has no e-mail button: the profile has no address, or docs/index.md no hero()")
    href = home.get_by_role("link", name="Email", exact=True).get_attribute("href")
    assert href == "mailto:" + address


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


def test_show_full_history_toggles_the_older_news_and_its_own_state_when_some_news_folds(home) -> None:
    news = home_news()
    folded = sum(1 for _, fold in news if fold)
    items = home.locator(".pf-timeline__item")
    button = home.locator("[data-pf-fold-toggle]")
    visible = lambda: sum(1 for index in range(items.count()) if items.nth(index).is_visible())  # noqa: E731

    if not folded:
        assert button.count() == 0
        assert visible() == len(news)
        return
    assert button.inner_text() == "Show full history"
    assert button.get_attribute("aria-expanded") == "false"
    assert visible() == len(news) - folded

    button.click()
    assert button.inner_text() == "Show recent news only"
    assert button.get_attribute("aria-expanded") == "true"
    assert visible() == len(news)

    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert visible() == len(news) - folded


def test_without_javascript_every_news_item_is_visible(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    items = page.locator(".pf-timeline__item")
    assert items.count() == len(home_news())
    assert all(items.nth(index).is_visible() for index in range(items.count()))
    assert page.locator("[data-pf-fold-toggle]").count() == 0 or not page.locator("[data-pf-fold-toggle]").is_visible()
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
