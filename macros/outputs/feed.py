"""The Atom feed of the news (feed.xml): one entry per item, dated by the item, never by the build."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup

from ..data import dates
from ..data.anchors import news_anchor
from ..render.inline_markdown import render_inline


def atom_feed(environment: Environment, news: list[dict[str, Any]], site_url: str, site_name: str, author: str) -> str:
    newest_dated = max((item["date"] for item in news if item["date"] != dates.PRESENT), key=dates.sort_key, default=None)
    entries = [_entry(item, site_url, newest_dated) for item in news]
    host = urlsplit(site_url).netloc
    return environment.get_template("feed.xml").render(
        feed_id=f"tag:{host},2019:news",
        title=f"{site_name}: news",
        subtitle=f"News from {site_name}'s site",
        updated=max((entry["updated"] for entry in entries), default=_timestamp("1970-01")),
        site_url=site_url,
        author=author,
        entries=entries,
    )


def _entry(item: dict[str, Any], site_url: str, newest_dated: str | None) -> dict[str, str]:
    # An ongoing item ("present") is as current as the newest dated item.
    month = item["date"] if item["date"] != dates.PRESENT else newest_dated or "1970-01"
    html = str(render_inline(item["text"]))
    anchor = news_anchor(item)
    return {
        "id": f"tag:{urlsplit(site_url).netloc},{month[:4]}:{anchor}",
        "title": Markup(html).striptags(),
        "updated": _timestamp(month),
        "link": f"{site_url}timeline/#{anchor}",
        "html": html,
    }


def _timestamp(month: str) -> str:
    return f"{month}-01T00:00:00Z"
