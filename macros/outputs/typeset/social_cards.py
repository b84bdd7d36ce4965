"""A 1200x630 PNG link preview per page, rendered by Typst with macros/templates/social_card.typ.

A card shows the page's title, the owner's name and role and the site's
colours; a paper's card shows its title, venue, year and an abridged author
list. Cards are cached under .cache/social-cards/ by a hash of what they
show, so an unchanged page costs nothing on the next build, and all the
cards a build lacks are rendered in one Typst run (one page per card), on a
thread of its own while the pages are written (background.py).
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...shared.addresses import shown_url
from ..render_cache import RenderCache, content_key
from .background import done, in_background
from .typst_render import compile_template, template_version

log = logging.getLogger("mkdocs.plugins.macros.portfolio")

TEMPLATE = "social_card.typ"
CARD_FOLDER = "assets/images/social"
WIDTH, HEIGHT = 1200, 630
# The template lays the card out in points; at 72 pixels per inch one point is one pixel.
PPI = 72
SHOWN_AUTHORS = 3
ELLIPSIS = "…"


@dataclass(frozen=True)
class SocialCard:
    path: str  # where the card lands in the site
    alt: str  # what the card says, for og:image:alt and twitter:image:alt
    content: dict[str, Any]  # what the template shows
    key: str  # the hash of the content and the template


def card_path(src_uri: str) -> str:
    """'publications/mgit.md' -> 'assets/images/social/publications/mgit.png'."""
    return f"{CARD_FOLDER}/{src_uri.rsplit('.', 1)[0]}.png"


def abridged_authors(authors: list[str], owner: str, abridged: bool) -> list[dict[str, Any]]:
    """The first few authors and the owner, with an ellipsis for those left out and 'et al.' for a longer list."""
    positions = list(range(min(SHOWN_AUTHORS, len(authors))))
    if owner in authors and authors.index(owner) not in positions:
        positions.append(authors.index(owner))
    shown: list[dict[str, Any]] = []
    for previous, position in zip([None, *positions], positions, strict=False):
        if previous is not None and position != previous + 1:
            shown.append({"name": ELLIPSIS, "owner": False})
        shown.append({"name": authors[position], "owner": authors[position] == owner})
    if abridged or positions[-1] < len(authors) - 1:
        shown.append({"name": "et al.", "owner": False})
    return shown


def card_content(
    *,
    title: str,
    description: str,
    section: str,
    pub: dict[str, Any] | None,
    profile: dict[str, Any],
    site_url: str,
    monogram: str,
) -> dict[str, Any]:
    """What one card shows: a paper's facts on a paper page; elsewhere the page's section, title and description.

    On the page whose title is the owner's name (the home page) the role stands
    above the name and the band below shows the site's address instead.
    """
    owner_is_title = title == profile["name"]
    content: dict[str, Any] = {
        "title": title,
        "name": profile["name"],
        "role": profile["role"],
        "monogram": monogram,
        "site": shown_url(site_url),
        "show_owner": not owner_is_title,
        "kicker": profile["role"] if owner_is_title else section,
        "detail": description,
        "authors": [],
    }
    if pub:
        content.update(
            kicker=f"{pub['venue']} {pub['year']}",
            detail="",
            authors=abridged_authors(pub["authors"], profile["name"], bool(pub.get("authors_abridged"))),
        )
    return content


def alt_text(content: dict[str, Any]) -> str:
    """The card in words: what a screen reader says instead of showing the image."""
    parts = [f"{content['kicker']}: {content['title']}" if content["kicker"] else content["title"]]
    if content["authors"]:
        parts.append("By " + ", ".join(author["name"] for author in content["authors"]))
    elif content["detail"]:
        parts.append(content["detail"])
    if content["show_owner"]:
        parts.append(f"{content['name']}, {content['role']}")
    return ". ".join(part.rstrip(".") for part in parts) + "."


class SocialCards:
    """The cards of one build, by page; renders the ones the cache lacks."""

    def __init__(self, project_dir: Path, colours: dict[str, str]) -> None:
        self._cache = RenderCache(project_dir, "social-cards", ".png")
        self._colours = colours
        self._template = template_version(TEMPLATE)
        self._by_page: dict[str, SocialCard] = {}
        self._rendering: Future[None] = done(None)

    def add(self, src_uri: str, content: dict[str, Any]) -> SocialCard:
        shown = {**content, "colours": self._colours}
        card = SocialCard(card_path(src_uri), alt_text(content), shown, content_key(self._template, PPI, shown))
        self._by_page[src_uri] = card
        return card

    def card_for(self, src_uri: str) -> SocialCard | None:
        return self._by_page.get(src_uri)

    def render_missing(self) -> None:
        """Start rendering the cards the cache lacks, in one Typst run on a thread of its own; rendered_files waits for it."""
        missing = {card.key: card.content for card in self._by_page.values() if not self._cache.has(card.key)}
        cached = len(self._by_page) - len(missing)
        self._rendering = in_background(lambda: self._render(missing, cached)) if missing else done(None)

    def _render(self, missing: dict[str, dict[str, Any]], cached: int) -> None:
        started = time.perf_counter()
        images = compile_template(TEMPLATE, {"cards": list(missing.values())}, "png", ppi=PPI)
        for key, image in zip(missing, images, strict=True):
            self._cache.store(key, image)
        log.info(f"Social cards: {len(missing)} rendered in {time.perf_counter() - started:.2f} s, {cached} from the cache")

    def rendered_files(self) -> dict[str, Path]:
        """Site path -> PNG file in the cache, for every card added, once render_missing's run has ended; its error if it failed."""
        self._rendering.result()
        return {card.path: self._cache.path(card.key) for card in self._by_page.values()}
