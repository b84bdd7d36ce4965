"""The Publications page's filters in Chromium, with every expectation read from data/: each choice shows exactly the
papers the data has for it, the address holds the state (shared, and undone by Back), the text box ignores accents and
case, a live region tells the count, and without JavaScript every paper shows and no control does.

The page is the one of the nav that calls publication_filters(); a site with fewer than two papers, or without such a
page, has nothing to filter and skips these tests.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from site_helpers import ROOT, load_data, macro_calls, nav_sources, page_url, read_page

SCRIPT = "assets/js/publication-filters.js"
FORM = "form[data-pf-filters]"
STATUS = f"{FORM} [role=status]"
# Reports the page's policy violations, from before its first script runs, to the test.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => {
  window.__reportPolicyViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""
# Whether a paper has a facet's value, as the data says.
HAS = {
    "area": lambda pub, value: value in (pub.get("areas") or []),
    "type": lambda pub, value: pub["type"] == value,
    "year": lambda pub, value: str(pub["year"]) == value,
    "selected": lambda pub, value: bool(pub.get("selected")),
}
LETTERS = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def fold(text: str) -> str:
    """What the filter compares: the words of a text without case, accents or punctuation (as the script folds it)."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text).lower() if not unicodedata.category(c).startswith("M"))
    text = "".join(LETTERS.get(c, c) for c in text)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.category(c).startswith("M"))


@functools.cache
def papers() -> list[dict]:
    return load_data(ROOT, "publications")


@functools.cache
def filter_pages() -> list[str]:
    """The URL of each page of the nav that calls publication_filters()."""
    return [
        page_url(source)
        for source in nav_sources(ROOT)
        if macro_calls((ROOT / "docs" / source).read_text(encoding="utf-8"), {"publication_filters": ()})
    ]


@pytest.fixture(scope="module")
def filter_page() -> str:
    if len(papers()) < 2:
        pytest.skip("fewer than two papers in data/publications.yml: the Publications page has nothing to filter")
    if not filter_pages():
        pytest.skip("no page in the nav of mkdocs.yml calls publication_filters()")
    return filter_pages()[0]


@pytest.fixture(scope="module")
def listed(built_site: Path, filter_page: str) -> list[dict]:
    """The papers the filter page lists, in its order: every paper of the data, since its facets count them all."""
    by_key = {pub["key"]: pub for pub in papers()}
    keys = [card["id"] for card in read_page(built_site, filter_page).select(".pf-pub")]
    assert sorted(keys) == sorted(by_key), keys
    return [by_key[key] for key in keys]


@pytest.fixture
def watched(browser) -> Iterator[tuple[object, list[str]]]:
    """A page, and the problems it reports: policy violations, console errors, uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    context.expose_function("__reportPolicyViolation", lambda text: problems.append(f"violation: {text}"))
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield page, problems
    context.close()


def shown(page) -> list[str]:
    """The keys of the cards a visitor sees, in page order."""
    return page.evaluate("() => [...document.querySelectorAll('.pf-pub')].filter(card => card.checkVisibility()).map(card => card.id)")


def address(page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


def expect_view(page, listed: list[dict], choices: list[tuple[str, str]], text: str = "") -> None:
    """The page shows exactly the listed papers that have every choice and every word of `text`, says how many, and
    hides each heading whose list it emptied."""
    words = fold(text).split()
    haystack = lambda pub: fold(" ".join([pub["title"], *pub["authors"], pub["venue"], pub.get("venue_full") or ""]))  # noqa: E731
    expected = [
        pub["key"] for pub in listed if all(HAS[name](pub, value) for name, value in choices) and all(word in haystack(pub) for word in words)
    ]
    assert shown(page) == expected, (choices, text)
    assert page.locator(STATUS).inner_text() == f"{len(expected)} of {len(listed)} papers"
    # [heading shown, list has a card shown, the heading's entries in the table of contents shown] per list.
    headings = page.evaluate(
        """() => [...document.querySelectorAll('.pf-pubs')].map(list => {
            const heading = list.previousElementSibling && /^H[2-6]$/.test(list.previousElementSibling.tagName) ? list.previousElementSibling : null;
            const entries = heading ? [...document.querySelectorAll(`.md-nav__link[href="#${CSS.escape(heading.id)}"]`)] : [];
            return [heading ? heading.checkVisibility() : null, [...list.querySelectorAll('.pf-pub')].some(card => card.checkVisibility()),
                    entries.map(link => !link.closest('li').hidden)];
        })"""
    )
    for heading, has_cards, entries in headings:
        assert heading is None or (heading == has_cards and all(entry == has_cards for entry in entries)), headings


def choices_offered(page) -> list[tuple[str, str]]:
    """(facet, value) of every option the form offers, "All" left out."""
    found = page.evaluate(
        f"""() => [...document.querySelectorAll('{FORM} select, {FORM} input[type=checkbox]')].flatMap(control =>
            control.tagName === 'SELECT'
                ? [...control.options].filter(o => o.value).map(o => [control.name, o.value])
                : [[control.name, control.value]])"""
    )
    return [(name, value) for name, value in found]


def choose(page, name: str, value: str) -> None:
    control = page.locator(f'{FORM} [name="{name}"]')
    if control.get_attribute("type") == "checkbox":
        control.check()
    else:
        control.select_option(value)


def clear(page, name: str) -> None:
    control = page.locator(f'{FORM} [name="{name}"]')
    if control.get_attribute("type") == "checkbox":
        control.uncheck()
    else:
        control.select_option("")


def test_each_choice_shows_exactly_the_papers_the_data_has_and_puts_it_in_the_address(
    watched, site_url: str, filter_page: str, listed: list[dict]
) -> None:
    page, problems = watched
    page.goto(site_url + filter_page, wait_until="load")
    assert page.locator(FORM).is_visible()
    assert page.locator(STATUS).get_attribute("role") == "status"
    expect_view(page, listed, [])
    offered = choices_offered(page)
    # Only values the data has, each once.
    for name, value in offered:
        assert any(HAS[name](pub, value) for pub in papers()), (name, value)
    assert len(set(offered)) == len(offered)
    for name, value in offered:
        choose(page, name, value)
        expect_view(page, listed, [(name, value)])
        assert address(page) == [(name, value)]
        clear(page, name)
        expect_view(page, listed, [])
        assert address(page) == []
    # Two facets at once: a paper must have both.
    names = list(dict.fromkeys(name for name, _ in offered))
    if len(names) >= 2:
        both = [next(choice for choice in offered if choice[0] == name) for name in names[:2]]
        for choice in both:
            choose(page, *choice)
        expect_view(page, listed, both)
        assert sorted(address(page)) == sorted(both)
        page.get_by_role("button", name="Clear filters").click()
        expect_view(page, listed, [])
        assert address(page) == []
    assert problems == []


def test_a_shared_address_applies_its_filters_and_back_restores_each_earlier_view(
    watched, site_url: str, filter_page: str, listed: list[dict]
) -> None:
    page, problems = watched
    page.goto(site_url + filter_page, wait_until="load")
    offered = choices_offered(page)
    if not offered:
        pytest.skip("the filters offer no facet: every option would hold every paper")
    names = list(dict.fromkeys(name for name, _ in offered))
    shared = [next(choice for choice in offered if choice[0] == name) for name in names[:2]]
    page.goto(site_url + filter_page + "?" + urlencode(shared), wait_until="load")
    expect_view(page, listed, shared)
    for name, value in shared:
        control = page.locator(f'{FORM} [name="{name}"]')
        assert control.is_checked() if control.get_attribute("type") == "checkbox" else control.input_value() == value

    # Another choice, then words typed one by one: one step in the history each.
    steps = page.evaluate("history.length")
    clear(page, shared[0][0])
    after_clear = shared[1:]
    expect_view(page, listed, after_clear)
    word = listed[0]["title"].split()[0]
    page.locator(f'{FORM} input[name="text"]').press_sequentially(word)
    expect_view(page, listed, after_clear, word)
    assert address(page) == [*after_clear, ("text", word)]
    assert page.evaluate("history.length") == steps + 2

    page.go_back()
    expect_view(page, listed, after_clear)
    assert page.locator(f'{FORM} input[name="text"]').input_value() == ""
    page.go_back()
    expect_view(page, listed, shared)
    assert sorted(address(page)) == sorted(shared)
    page.go_forward()
    expect_view(page, listed, after_clear)
    assert problems == []


def test_the_text_box_finds_an_author_whatever_the_accents_and_case(watched, site_url: str, filter_page: str, listed: list[dict]) -> None:
    page, problems = watched
    page.goto(site_url + filter_page, wait_until="load")
    authors = list(dict.fromkeys(author for pub in listed for author in pub["authors"]))
    # A name written with accents, typed without; and, in any case, a name typed with accents it does not have.
    accented = [author for author in authors if without_accents(author) != author]
    owner = load_data(ROOT, "profile")["name"]
    plain_name = next((author for author in authors if author != owner and without_accents(author) == author), authors[0])
    queries = [without_accents(name).upper() for name in accented[:1]]
    queries.append(re.sub(r"[aeiou]", lambda vowel: vowel.group(0) + "\u0301", plain_name).upper())
    box = page.get_by_label("Find in titles, authors and venues")
    for query in queries:
        box.fill(query)
        expect_view(page, listed, [], query)
        assert shown(page), query
        assert address(page) == [("text", query)]
    box.fill("")
    expect_view(page, listed, [])
    assert problems == []


def test_without_javascript_every_paper_shows_and_no_filter_does(browser, site_url: str, filter_page: str, listed: list[dict]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    # Even at a shared address with filters in it.
    page.goto(site_url + filter_page + "?" + urlencode([("year", str(listed[0]["year"])), ("text", "zzzz")]), wait_until="load")
    cards = page.locator(".pf-pub")
    assert cards.count() == len(listed)
    assert all(cards.nth(index).is_visible() for index in range(cards.count()))
    assert page.locator(FORM).count() == 1 and not page.locator(FORM).is_visible()
    assert page.locator(f"{FORM} input, {FORM} select, {FORM} button").evaluate_all("controls => controls.every(c => !c.checkVisibility())")
    context.close()


def test_the_controls_are_reached_with_the_keyboard_and_show_where_the_focus_is(watched, site_url: str, filter_page: str) -> None:
    page, problems = watched
    page.goto(site_url + filter_page, wait_until="load")
    controls = page.locator(f"{FORM} input, {FORM} select, {FORM} button")
    page.locator(f'{FORM} input[name="text"]').focus()
    for index in range(controls.count()):
        focused = page.evaluate(
            "() => [document.activeElement.name || document.activeElement.textContent, "
            "getComputedStyle(document.activeElement).outlineStyle, getComputedStyle(document.activeElement).outlineWidth]"
        )
        assert focused[1] != "none" and float(focused[2].removesuffix("px")) >= 2, focused
        assert page.evaluate(f"() => document.activeElement === document.querySelectorAll('{FORM} input, {FORM} select, {FORM} button')[{index}]")
        page.keyboard.press("Tab")
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_filters_chosen(browser, site_url: str, filter_page: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + filter_page, wait_until="load")
    offered = choices_offered(page)
    if offered:
        choose(page, *offered[0])
    page.locator(f'{FORM} select, {FORM} input[name="text"]').first.focus()
    results = Axe().run(page, options=AXE_OPTIONS)
    context.close()
    assert results.violations_count == 0, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def test_the_filter_script_is_on_the_filter_page_alone(built_site: Path) -> None:
    docs = ROOT / "docs"
    calling = [
        page_url(source.relative_to(docs).as_posix())
        for source in docs.rglob("*.md")
        if macro_calls(source.read_text(encoding="utf-8"), {"publication_filters": ()})
    ]
    expected = sorted(f"{url}index.html" for url in calling) if len(papers()) >= 2 else []
    pages = sorted(path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html") if SCRIPT in path.read_text(encoding="utf-8"))
    assert pages == expected
