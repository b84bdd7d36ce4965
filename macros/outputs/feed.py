"""The Atom feed of the news (feed.xml): one entry per item, dated by the item, never by the build."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup

from ..data import dates
from ..data.anchors import news_anchor
from ..shared.inline_markdown import render_inline
from .source_date import source_date


def atom_feed(environment: Environment, news: list[dict[str, Any]], site_url: str, news_page: str, site_name: str, author: str) -> str:
    """The feed; `news_page` is the address (under site_url) of the page whose items the entries link to."""
    ongoing_month = _month_of_ongoing_items(news)
    entries = [_entry(item, site_url + news_page, ongoing_month) for item in news]
    host = urlsplit(site_url).netloc
    return environment.get_template("feed.xml").render(
        feed_id=f"tag:{host},2019:news",
        title=f"{site_name}: news",
        subtitle=f"News from {site_name}'s site",
        updated=max((entry["updated"] for entry in entries), default=_timestamp(ongoing_month)),
        site_url=site_url,
        page_url=site_url + news_page,
        author=author,
        entries=entries,
    )


def _month_of_ongoing_items(news: list[dict[str, Any]]) -> str:
    """An ongoing item ("present") is as current as the newest dated item, or, when none has a date, as the source."""
    newest = max((item["date"] for item in news if item["date"] != dates.PRESENT), key=dates.sort_key, default=None)
    if newest is not None:
        return _month(newest)
    changed = source_date()
    # Outside a build (no SOURCE_DATE_EPOCH) the date of build_date.py's fallback.
    return f"{changed:%Y-%m}" if changed else "2026-01"


def _month(value: dates.DateValue) -> str:
    """'2025-06' as it is; a bare year counts from its January."""
    return f"{value}-01" if isinstance(value, int) else value


def _entry(item: dict[str, Any], page_url: str, ongoing_month: str) -> dict[str, str]:
    month = _month(item["date"]) if item["date"] != dates.PRESENT else ongoing_month
    html = str(render_inline(item["text"]))
    anchor = news_anchor(item)
    return {
        "id": f"tag:{urlsplit(page_url).netloc},{month[:4]}:{anchor}",
        "title": Markup(html).striptags(),
        "updated": _timestamp(month),
        "link": f"{page_url}#{anchor}",
        "html": html,
    }


def _timestamp(month: str) -> str:
    return f"{month}-01T00:00:00Z"
