"""A strict build of the owner's site shows every entry of data/, in order, on the pages that ask for it, and no trace of a kind with none.

Every expectation is read at run time from data/, mkdocs.yml and the macro
calls in the owner's pages, so the tests hold for any owner and any shape of
data: any number of entries of each kind (none included), in any order in the
files, with any page the owner left out of the nav.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from site_helpers import (
    CV_KINDS,
    ROOT,
    load_data,
    load_entries,
    load_mkdocs_config,
    macro_calls,
    nav_sources,
    newest_first,
    news_in_calls,
    one,
    page_url,
    read_page,
)

DOCS = ROOT / "docs"
# The list macros whose output these tests check, with their positional parameters, as the pages may call them.
NEWS_MACRO = {"news": ("limit", "area", "folding")}
PUBLICATION_MACROS = {"publications": ("selected", "area", "mark_selected"), "publications_by_year": ("mark_selected",), "cv_sections": ()}
AWARD_MACROS = {"awards": (), "cv_sections": ()}
# Elements that show something without any text of their own.
NON_TEXT_CONTENT = {"img", "svg", "picture", "video", "audio", "iframe", "canvas", "object", "embed", "input", "table"}


@functools.cache
def load(name: str) -> Any:
    """A data file, read once for all the tests of this module (they only read it)."""
    return load_data(ROOT, name)


def newest_year_first(publications: list[dict]) -> list[dict]:
    return sorted(publications, key=lambda pub: pub["year"], reverse=True)


def words(text: str) -> str:
    return " ".join(text.split())


def visible_text(element: Tag) -> str:
    """The words of an element as a reader sees them, without Markdown's permalink anchors."""
    return words("".join(text for text in element.strings if text.find_parent(class_="headerlink") is None))


def plain(markdown_text: str) -> str:
    """The visible words of an inline-Markdown field: link texts without their targets, no emphasis marks or escapes."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    # Emphasis marks: asterisks and backticks anywhere, underscores only at a word's edge (snake_case stays).
    text = re.sub(r"(?<!\\)[*`]|(?<![\w\\])_+|_+(?!\w)", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return words(text)


def built_pages(site: Path) -> list[tuple[str, str]]:
    """(source under docs/, site URL) of every page built from docs/; each page in the nav must be among them."""
    pages = [(path.relative_to(DOCS).as_posix(), page_url(path.relative_to(DOCS).as_posix())) for path in sorted(DOCS.rglob("*.md"))]
    built = [(source, url) for source, url in pages if (site / url / "index.html").is_file()]
    missing = set(nav_sources(ROOT)) - {source for source, _ in built}
    assert not missing, f"pages in the nav that were not built: {sorted(missing)}"
    return built


@functools.cache
def parsed(path: Path) -> BeautifulSoup:
    """A built page, parsed once for all the tests of this module (they only read it)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(site: Path, url: str) -> Tag:
    """A page's main content: the article Material writes the Markdown into."""
    return one(parsed(site / url / "index.html"), "article.md-typeset")


def every_html_page(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def source(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def news_asked_for(page: str) -> list[tuple[dict, bool]]:
    """(news item, folded) for each item the page's news() calls show, in page order."""
    return news_in_calls(ROOT, [call for _, call in macro_calls(source(page), NEWS_MACRO)])


def publications_asked_for(page: str) -> list[tuple[str, bool]]:
    """(key, marked 'Selected') for each paper the page's publication lists show, in page order."""
    publications = newest_year_first(load("publications"))
    shown = []
    for macro, call in macro_calls(source(page), PUBLICATION_MACROS):
        if macro == "publications":
            selected, area = call.get("selected"), call.get("area")
            items = [
                p for p in publications if (selected is None or bool(p.get("selected")) == selected) and (area is None or area in p.get("areas", []))
            ]
            mark = bool(call.get("mark_selected", False))
        else:
            items, mark = publications, bool(call.get("mark_selected", macro == "publications_by_year"))
        shown += [(pub["key"], mark and bool(pub.get("selected"))) for pub in items]
    return shown


def test_every_page_shows_the_news_it_asks_for_newest_first_with_highlights_and_folds(built_site: Path) -> None:
    for page, url in built_pages(built_site):
        expected = news_asked_for(page)
        items = content(built_site, url).select(".pf-timeline__item")
        assert len(items) == len(expected), page
        for item, (entry, folded) in zip(items, expected, strict=True):
            text = visible_text(one(item, ".pf-timeline__text"))
            assert text.startswith(plain(entry["text"])), (page, text, entry["text"])
            assert ("pf-timeline__item--highlight" in item["class"]) == bool(entry.get("highlight")), (page, text)
            assert item.has_attr("data-pf-fold") == folded, (page, text)


def test_a_news_toggle_is_on_a_page_exactly_when_it_folds_some_of_its_news(built_site: Path) -> None:
    folding_pages = 0
    for page, url in built_pages(built_site):
        article = content(built_site, url)
        toggles = article.select("[data-pf-fold-toggle]")
        folded = [entry for entry, fold in news_asked_for(page) if fold]
        if not folded:
            assert toggles == [], f"{page} has a news toggle, but none of its news items folds"
            continue
        folding_pages += 1
        [toggle] = toggles
        folded_list = one(article, "[data-pf-fold]").find_parent(["ol", "ul"])
        assert folded_list is not None, f"{page}: a folded news item outside a list"
        assert toggle["aria-controls"] == folded_list["id"], page
        assert toggle["aria-expanded"] == "false", page
    if not any(item.get("fold") for item in load("news")):
        assert folding_pages == 0


def test_every_page_shows_the_publications_it_asks_for_newest_year_first(built_site: Path) -> None:
    for page, url in built_pages(built_site):
        cards = content(built_site, url).select(".pf-pub")
        shown = [(card["id"], card.select_one(".pf-pub__selected") is not None) for card in cards]
        assert shown == publications_asked_for(page), page


def test_each_page_of_publications_by_year_heads_every_year_that_has_papers(built_site: Path) -> None:
    years = [str(year) for year in sorted({pub["year"] for pub in load("publications")}, reverse=True)]
    for page, url in built_pages(built_site):
        if not macro_calls(source(page), {"publications_by_year": ("mark_selected",)}):
            continue
        headings = [visible_text(heading) for heading in content(built_site, url).select("h2") if re.fullmatch(r"\d{4}", visible_text(heading))]
        assert headings == years, page


def test_every_author_list_names_its_authors_in_the_data_order_with_the_owner_emphasized(built_site: Path) -> None:
    owner = load("profile")["name"]
    by_key = {pub["key"]: pub for pub in load("publications")}
    for page, url in built_pages(built_site):
        for card in content(built_site, url).select(".pf-pub"):
            pub = by_key[card["id"]]
            authors = one(card, ".pf-pub__authors")
            assert [strong.get_text() for strong in authors.select("strong")] == [name for name in pub["authors"] if name == owner], (
                page,
                pub["key"],
            )
            shown = words(authors.get_text().replace("*", ""))
            assert shown.startswith(", ".join(pub["authors"])), (page, shown)
            assert ("among many co-authors" in shown) == bool(pub.get("authors_abridged")), (page, shown)


def test_every_page_shows_the_honors_it_asks_for_newest_first(built_site: Path) -> None:
    expected_order = [award["name"] for award in newest_first(load("awards"))]
    for page, url in built_pages(built_site):
        expected = expected_order * len(macro_calls(source(page), AWARD_MACROS))
        assert [visible_text(name) for name in content(built_site, url).select(".pf-honor__name")] == expected, page


def test_a_kind_with_no_entries_leaves_no_trace_on_any_page(built_site: Path) -> None:
    pages = {path.relative_to(built_site).as_posix(): parsed(path) for path in every_html_page(built_site)}
    traces = {kind: [f"[data-pf-kind={kind}]"] for kind in ("news", *CV_KINDS)}
    traces["news"] += [".pf-timeline", "[data-pf-fold-toggle]", "#pf-news"]
    traces["awards"] += [".pf-honor", ".pf-honors"]
    traces["publications"] += [".pf-pub", ".pf-pubs"]
    traces["press"] += [".pf-press"]
    found = []
    for kind, selectors in traces.items():
        if load_entries(ROOT, kind):
            continue
        for name, page in pages.items():
            found += [f"{name}: {selector}, although {kind} has no entries" for selector in selectors if page.select(selector)]
        cv = pages.get("cv/index.html")
        if cv is not None and cv.select_one(f"article #{kind}"):
            found.append(f"cv/index.html: the section #{kind}, although {kind} has no entries")
    if not load("awards"):
        home = content(built_site, "")
        found += [f"index.html: the honors section #{name}, although awards has no entries" for name in ("honors", "awards") if home.find(id=name)]
    assert found == []


def heading_level(element: object) -> int | None:
    if isinstance(element, Tag) and re.fullmatch(r"h[1-6]", element.name):
        return int(element.name[1])
    return None


def shows_something(element: object) -> bool:
    if isinstance(element, Comment):
        return False
    if isinstance(element, NavigableString):
        return bool(element.strip()) and not any(
            parent.name in ("script", "style") or "headerlink" in parent.get_attribute_list("class") for parent in element.parents
        )
    return isinstance(element, Tag) and element.name in NON_TEXT_CONTENT


def empty_headings(article: Tag) -> list[str]:
    """The h2 and h3 headings followed by nothing before the next heading of the same or a higher level (a page's title,
    its h1, may stand alone: a page the owner has yet to write)."""
    empty = []
    for heading in article.find_all(["h2", "h3"]):
        level = heading_level(heading)
        assert level is not None, heading  # an h2 or an h3
        following = False
        for element in heading.next_elements:
            if article not in element.parents:
                break  # the end of the page's content
            if heading in getattr(element, "parents", ()):
                continue  # the heading's own text
            other = heading_level(element)
            if other is not None and other <= level:
                break
            if shows_something(element):
                following = True
                break
        if not following:
            empty.append(f"<{heading.name}> {visible_text(heading)!r}")
    return empty


def test_no_heading_on_any_page_is_followed_by_nothing(built_site: Path) -> None:
    found = {}
    for path in every_html_page(built_site):
        article = parsed(path).select_one("article.md-typeset")
        if article is not None and empty_headings(article):
            found[path.relative_to(built_site).as_posix()] = empty_headings(article)
    assert found == {}


def test_no_page_has_an_empty_list(built_site: Path) -> None:
    found = []
    for path in every_html_page(built_site):
        article = parsed(path).select_one("article.md-typeset")
        if article is None:
            continue
        for listing in article.select("ul, ol"):
            if not listing.find("li", recursive=False):
                found.append(f"{path.relative_to(built_site)}: an empty <{listing.name} class={listing.get('class')}>")
        for wrapper in article.select("[data-pf-kind]"):
            if not wrapper.select("[data-pf-entry]"):
                found.append(f"{path.relative_to(built_site)}: [data-pf-kind={wrapper['data-pf-kind']}] with no entry")
    assert found == []


@pytest.mark.parametrize("kind", CV_KINDS)
def test_the_cv_page_lists_every_entry_of_each_kind_under_its_heading_and_nothing_of_an_empty_one(built_site: Path, kind: str) -> None:
    if "cv.md" not in nav_sources(ROOT):
        pytest.skip("the nav has no CV page (cv.md)")
    page = content(built_site, "cv")
    entries = load_entries(ROOT, kind)
    shown = page.select(f"[data-pf-kind={kind}] [data-pf-entry]")
    assert len(shown) == len(entries), f"{len(entries)} entries of {kind} in the data, {len(shown)} on the CV page"
    if not entries:
        assert page.find(id=kind) is None
        assert page.select(f"[data-pf-kind={kind}]") == []
        return
    heading = page.find(id=kind)
    assert heading is not None and heading.name == "h2", f"no <h2 id={kind}> on the CV page"
    for wrapper in page.select(f"[data-pf-kind={kind}]"):
        assert wrapper.find_previous("h2") is heading, f"a list of {kind} outside its section"
    text = " ".join(visible_text(wrapper) for wrapper in page.select(f"[data-pf-kind={kind}]"))
    field = CV_KINDS[kind]
    for entry in entries:
        if isinstance(entry.get(field), str):
            assert plain(entry[field]) in text, (kind, entry[field])


def test_the_advisors_line_names_every_advisor_and_is_absent_without_any(built_site: Path) -> None:
    advisors = [person["name"] for person in load("profile").get("advisors") or []]
    for page, url in built_pages(built_site):
        lines = content(built_site, url).select(".pf-vision__advisors")
        if not advisors:
            assert lines == [], page
        for line in lines:
            text = visible_text(line)
            assert [name for name in advisors if name in text] == advisors, (page, text)
            assert [text.index(name) for name in advisors] == sorted(text.index(name) for name in advisors), (page, text)


def test_the_plain_email_address_never_appears_in_the_built_site(built_site: Path) -> None:
    address = load("profile").get("email")
    for page in every_html_page(built_site):
        html = page.read_text(encoding="utf-8")
        if address:
            assert address not in html, page
        else:
            assert "data-pf-user" not in html and "pf-email" not in html, f"{page}: an e-mail button, but the profile has no address"


def test_every_page_title_names_the_site_once(built_site: Path) -> None:
    site_name = load_mkdocs_config(ROOT)["site_name"]
    assert one(read_page(built_site, ""), "title").get_text() == site_name
    for path in built_site.rglob("index.html"):
        title = one(parsed(path), "title").get_text()
        assert title == site_name or (title.endswith(f" - {site_name}") and title != f"{site_name} - {site_name}"), path
