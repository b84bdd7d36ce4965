"""Text from data is escaped; inline Markdown fields render as inline Markdown and nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import UndefinedError
from site_helpers import attribute, one, read_page

from macros.render.rendering import create_environment


def all_pages(site: Path) -> list[tuple[Path, str]]:
    return [(page, page.read_text(encoding="utf-8")) for page in sorted(site.rglob("*.html"))]


def test_markup_in_data_never_reaches_a_page_as_markup(hostile_site: Path) -> None:
    for page, html in all_pages(hostile_site):
        assert "<script>alert" not in html, page
        assert "<b>Test</b>" not in html, page
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), page
        assert 'href="javascript:' not in html, page


def test_markup_in_data_is_shown_as_text(hostile_site: Path) -> None:
    page = read_page(hostile_site, "publications")
    card = one(page, "#hostile")
    assert one(card, ".pf-pub__title").get_text(strip=True) == 'A <script>alert("x")</script> "Quoted" Title'
    assert one(card, ".pf-pub__owner").get_text() == "Ada <b>Test</b>"
    home = read_page(hostile_site, "")
    assert one(home, ".pf-hero__lead").get_text() == 'A lead <script>alert("lead")</script> sentence.'


def test_attribute_values_from_data_are_quoted_safely(hostile_site: Path) -> None:
    card = one(read_page(hostile_site, "publications"), "#hostile")
    hrefs = [link["href"] for link in card.select(".pf-chips a")]
    assert 'https://example.org/paper?x=1&y="2"' in hrefs


def test_inline_markdown_fields_render_emphasis_and_links(hostile_site: Path) -> None:
    news = read_page(hostile_site, "timeline").select(".pf-timeline__text")
    first = news[0]
    assert one(first, "em").get_text() == "emphasis"
    assert attribute(one(first, "a"), "href") == "https://example.org/news"
    assert "<script>" in first.get_text()


def test_links_with_unsafe_schemes_lose_their_target(hostile_site: Path) -> None:
    pillar_text = read_page(hostile_site, "research").select(".pf-pillar p")[1]
    link = one(pillar_text, "a")
    assert link.get_text() == "a bad link"
    assert not link.has_attr("href")


def test_news_order_ignores_file_order(hostile_site: Path) -> None:
    dates = [time.get_text() for time in read_page(hostile_site, "timeline").select(".pf-timeline__date")]
    assert dates == ["Present", "Mar 2025", "Jan 2020"]


def test_equal_contribution_and_page_range_are_shown(hostile_site: Path) -> None:
    card = one(read_page(hostile_site, "publications"), "#hostile")
    assert len(card.select(".pf-pub__authors sup")) == 2
    assert "pp. 1-10" in one(card, ".pf-pub__venue").get_text()


def test_award_for_a_paper_appears_as_a_chip_on_the_paper(hostile_site: Path) -> None:
    card = one(read_page(hostile_site, "publications"), "#hostile")
    assert "New Award" in one(card, ".pf-chip--award").get_text()


def test_inline_markdown_fields_never_become_headings_lists_or_quotes() -> None:
    from macros.shared.inline_markdown import render_inline

    for text in ("#1 in the ranking", "2025. A good year", "- not a list", "> not a quote", "    not code", "***"):
        html = str(render_inline(text))
        assert "<" not in html.replace("&gt;", ""), html
    assert str(render_inline("First line\nwrapped, and\n\nbroken")) == "First line wrapped, and broken"


def test_templates_read_a_field_of_the_data_as_jinja_does() -> None:
    """A paper's field by its key, a dict's own method stays the method, and a field the data lacks is an error."""
    environment = create_environment()
    paper = {"title": "A Fictional Paper", "items": "not the method", "keys": ["x"]}
    template = environment.from_string("{{ pub.title }}|{{ pub['items'] }}|{{ pub.items is callable }}|{{ pub.keys is callable }}")
    assert template.render(pub=paper) == "A Fictional Paper|not the method|True|True"
    with pytest.raises(UndefinedError, match="'dict object' has no attribute 'venue'"):
        environment.from_string("{{ pub.venue }}").render(pub=paper)
    assert environment.from_string("{{ (pub.venue or 'none') if pub.venue is defined else 'undefined' }}").render(pub=paper) == "undefined"


def test_a_cards_filter_words_hold_each_text_once_in_lowercase() -> None:
    words = create_environment().from_string("{{ texts | search_words }}").render(texts=["Ada Lovelace", None, "", "ADA LOVELACE", "NeurIPS"])
    assert words == "ada lovelace neurips"
