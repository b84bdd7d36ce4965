"""Every page runs under its Content-Security-Policy without a violation, the site still works, and injected scripts do not run.

The policy starts from `default-src 'none'`, so each thing a page does is exercised here in Chromium: search (its
worker, its index, Enter in its box), the palette toggle, the news toggle, code copy, instant navigation and the 404
page. A test fails on any policy violation, any console error and any uncaught exception, on every page it passes.
"""

from __future__ import annotations

import re
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
import yaml
from browser_helpers import served
from bs4 import BeautifulSoup
from site_helpers import (
    ROOT,
    attribute,
    build_site,
    copy_project,
    load_data,
    load_mkdocs_config,
    mkdocs_serve,
    nav_sources,
    one,
    page_url,
    read_page,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

POLICY_META = 'meta[http-equiv="Content-Security-Policy"]'
# Reports the page's policy violations from the first moment, before any of its own scripts run, to the test
# (through a binding, so that a navigation does not lose them).
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => {
  window.__reportPolicyViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""
INJECTED_SCRIPT = '<script>document.documentElement.dataset.injected = "ran";</script>'
SERVE_STARTUP_DEADLINE = 90.0  # seconds for the first build on a busy 2-core machine
RELOAD_DEADLINE = 30_000  # milliseconds from saving a page to the browser reloading it
SEARCH_DEADLINE = 10_000  # milliseconds for the search worker to answer
DESKTOP = {"width": 1280, "height": 900}  # wide enough for the navigation tabs


@contextmanager
def watched_context(browser: Browser, **options: Any) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A browser context and the problems its pages have, across navigations: policy violations, console errors
    and console messages about the policy, uncaught exceptions."""
    context = browser.new_context(**options)
    problems: list[str] = []
    context.expose_function("__reportPolicyViolation", lambda text: problems.append(f"violation: {text}"))
    context.add_init_script(RECORD_VIOLATIONS)
    context.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text} ({message.location.get('url')})")
            if message.type == "error" or "content security policy" in message.text.lower()
            else None
        ),
    )
    context.on("weberror", lambda error: problems.append(f"page error: {error.error}"))
    try:
        yield context, problems
    finally:
        context.close()


def settled(page: Page, problems: list[str]) -> list[str]:
    """`problems`, once the page has had time to report what its last action caused."""
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 100))")
    return problems


def first_publication() -> dict:
    """Any paper will do; a site without papers skips the tests that need one."""
    papers = load_data(ROOT, "publications")
    if not papers:
        pytest.skip("data/publications.yml has no papers")
    return papers[0]


def another_page() -> str:
    """The URL of a page in the nav other than the home page; the home page if the nav has no other."""
    return next((page_url(source) for source in nav_sources(ROOT) if page_url(source)), "")


def search_query() -> tuple[str, str] | None:
    """(text to search for, URL its best result opens): a paper's title, or, on a site without papers, a searchable page's title."""
    papers = load_data(ROOT, "publications")
    if papers:
        return papers[0]["title"], f"publications/{papers[0]['key']}/"
    for source in nav_sources(ROOT):
        text = (ROOT / "docs" / source).read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n")) if text.startswith("---\n") else {}
        heading = re.search(r"^# ([^{}\n]+)$", text, flags=re.M)
        if heading and not ((front or {}).get("search") or {}).get("exclude"):
            return heading.group(1).strip(), page_url(source)
    return None


def search_target() -> tuple[str, str]:
    query = search_query()
    if query is None:
        pytest.skip("the site has no paper and no page in the nav that search covers")
    return query


def search_for(page: Page, text: str) -> None:
    """Types `text` into Material's search box and waits for its worker's first result."""
    page.get_by_role("textbox", name="Search").first.click()
    page.keyboard.type(text)
    page.locator(".md-search-result__item").first.wait_for(timeout=SEARCH_DEADLINE)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_carries_a_policy_and_has_no_violation_console_error_or_foreign_request(
    browser: Browser, site_url: str, site_pages: list[str], scheme: str
) -> None:
    with watched_context(browser, color_scheme=scheme) as (context, found):
        page = context.new_page()
        problems: dict[str, list[str]] = {}
        own_host = urlsplit(site_url).netloc
        page.on(
            "request",
            lambda request: (
                found.append(f"foreign request: {request.url}")
                if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != own_host
                else None
            ),
        )
        for path in site_pages:
            if path == "404.html":
                continue  # its expected 404 status is logged as a console error; a test of its own below
            page.goto(site_url + path, wait_until="networkidle")
            # The policy must come before the first script, or that script runs unchecked.
            placed_first = page.evaluate(
                f"""() => {{
                    const meta = document.querySelector('{POLICY_META}');
                    const script = document.querySelector("script");
                    return !!meta && meta.parentElement === document.head &&
                        !!(meta.compareDocumentPosition(script) & Node.DOCUMENT_POSITION_FOLLOWING);
                }}"""
            )
            settled(page, found)
            if not placed_first:
                found.append("no policy in the head before the first script")
            if found:
                problems[path or "/"] = list(found)
            found.clear()
        assert problems == {}


def test_search_loads_its_worker_when_opened_and_finds_a_paper_and_enter_opens_it_under_the_policy(browser: Browser, site_url: str) -> None:
    query, target = search_target()
    with watched_context(browser, viewport=DESKTOP) as (context, problems):
        page = context.new_page()
        workers: list[str] = []
        page.on("worker", lambda worker: workers.append(urlsplit(worker.url).path))
        with page.expect_response(lambda response: urlsplit(response.url).path == "/search/search_index.json") as index:
            page.goto(site_url, wait_until="networkidle")
        assert index.value.ok
        # The worker's script is fetched only for a visit that searches (partials/search_on_demand.html).
        assert workers == []

        search_for(page, query)
        assert [path for path in workers if path.startswith("/assets/javascripts/workers/search.")], workers
        assert query in page.locator(".md-search-result").inner_text()
        # Enter opens the best result: Material follows its link and never submits the search form.
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == f"/{target}"
        assert page.locator("h1").first.inner_text().startswith(query[:20])
        assert settled(page, problems) == []


def test_enter_in_the_search_box_without_a_result_does_nothing_under_the_policy(browser: Browser, site_url: str) -> None:
    with watched_context(browser, viewport=DESKTOP) as (context, problems):
        page = context.new_page()
        start = another_page()
        page.goto(site_url + start, wait_until="networkidle")
        search_for(page, search_target()[0])
        # A query nothing matches: the results go away, and Enter has no result to open.
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type("qqzxqqzx")
        page.locator(".md-search-result__item").first.wait_for(state="detached", timeout=SEARCH_DEADLINE)
        page.evaluate("window.__samePage = true")
        page.keyboard.press("Enter")
        page.wait_for_timeout(500)
        # A submitted form would have left the page (and broken form-action 'none').
        assert page.evaluate("window.__samePage") is True
        assert page.url == site_url + start
        assert settled(page, problems) == []


@pytest.mark.parametrize("start", [0, 1], ids=["from-light", "from-dark"])
def test_palette_toggle_switches_to_the_other_scheme_and_back_under_the_policy(browser: Browser, site_url: str, start: int) -> None:
    palette = load_mkdocs_config(ROOT)["theme"]["palette"]
    first, second = palette[start], palette[1 - start]
    with watched_context(browser, color_scheme="dark" if "dark" in first["media"] else "light") as (context, problems):
        page = context.new_page()
        page.goto(site_url, wait_until="load")
        scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
        assert scheme() == first["scheme"]
        page.get_by_title(first["toggle"]["name"]).first.click()
        assert scheme() == second["scheme"]
        page.get_by_title(second["toggle"]["name"]).first.click()
        assert scheme() == first["scheme"]
        assert settled(page, problems) == []


def test_news_toggle_unfolds_the_full_history_and_folds_it_again_under_the_policy(browser: Browser, site_url: str, built_site: Path) -> None:
    pages = [path for path in sorted(built_site.rglob("*.html")) if "data-pf-fold-toggle" in path.read_text(encoding="utf-8")]
    if not pages:
        # test_pages.py checks that a page has the toggle exactly when it folds some news.
        pytest.skip("no page folds any news, so none has the toggle")
    with watched_context(browser) as (context, problems):
        page = context.new_page()
        page.goto(site_url + pages[0].relative_to(built_site).as_posix(), wait_until="load")
        button = page.locator("[data-pf-fold-toggle]")
        more, less = button.get_attribute("data-pf-label-more"), button.get_attribute("data-pf-label-less")
        assert button.inner_text() == more
        assert not page.locator("[data-pf-fold]").first.is_visible()
        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        assert button.inner_text() == less
        assert page.locator("[data-pf-fold]").first.is_visible()
        button.click()
        assert button.get_attribute("aria-expanded") == "false"
        assert button.inner_text() == more
        assert not page.locator("[data-pf-fold]").first.is_visible()
        assert settled(page, problems) == []


def test_code_copy_puts_the_bibtex_on_the_clipboard_under_the_policy(browser: Browser, site_url: str) -> None:
    key = first_publication()["key"]
    with watched_context(browser, permissions=["clipboard-read", "clipboard-write"]) as (context, problems):
        page = context.new_page()
        page.goto(site_url + f"publications/{key}/", wait_until="load")
        block = page.locator(".md-typeset pre", has_text=f"{{{key},").first
        block.hover()
        block.get_by_title("Copy to clipboard").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == block.locator("code").inner_text().strip()
        assert f"{{{key}," in copied
        assert settled(page, problems) == []


def test_the_404_page_offers_search_and_its_links_under_the_policy(browser: Browser, site_url: str) -> None:
    missing = site_url + "no/such/page/"
    with watched_context(browser, viewport=DESKTOP) as (context, problems):
        page = context.new_page()
        response = page.goto(missing, wait_until="networkidle")
        assert response is not None, missing
        assert response.status == 404
        assert page.locator(POLICY_META).count() == 1
        # The only console error allowed: the browser's note of the 404 status itself.
        (status,) = [problem for problem in settled(page, problems) if f"({missing})" in problem]
        assert status.startswith("console error: Failed to load resource") and "404" in status
        problems.remove(status)

        search_for(page, search_target()[0])
        page.keyboard.press("Escape")
        page.locator(".md-content a", has_text="Home").first.click()
        page.wait_for_url(site_url)
        assert settled(page, problems) == []


@pytest.fixture(scope="module")
def instant_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The owner's site with Material's instant navigation and its prefetching turned on, served locally."""
    root = tmp_path_factory.mktemp("instant")
    project = copy_project(root / "project")
    features = load_mkdocs_config(ROOT)["theme"].get("features", [])
    site = root / "site"
    site.mkdir()
    with served(site) as url:
        (project / "mkdocs.yml").rename(project / "site-mkdocs.yml")
        # Material follows a link instantly only if sitemap.xml lists it; it gives the sitemap's addresses (made
        # from site_url) the page's scheme and host but not its port, so site_url must be the local address.
        overrides = {
            "INHERIT": "site-mkdocs.yml",
            "site_url": url,
            "theme": {"features": list(dict.fromkeys([*features, "navigation.instant", "navigation.instant.prefetch"]))},
        }
        (project / "mkdocs.yml").write_text(yaml.safe_dump(overrides), encoding="utf-8")
        build_site(project, site)
        yield url


def page_listing_a_paper(built_site: Path) -> tuple[str, str] | None:
    """(page URL, paper key) for a paper linked from the home page, or else from another page of the nav; None without papers."""
    for url in ["", *(page_url(source) for source in nav_sources(ROOT))]:
        link = read_page(built_site, url).select_one(".pf-pub .pf-pub__title a")
        if link is not None:
            card = link.find_parent(class_="pf-pub")
            assert card is not None, url
            return url, attribute(card, "id")
    return None


# Material closes its search and drawer this long after each navigation (bundle: merge(location$, target$).pipe(delay(125))).
MATERIAL_NAVIGATION_RESET = 125  # milliseconds


def swapped_in(page: Page, site_url: str, built_site: Path, url: str) -> None:
    """Waits until instant navigation has shown the built page at `url` and Material has closed its search after it.

    Material pushes the URL before it fetches the page, and closes the search 125 ms later: a test that types into
    the search box earlier would see its results hidden by that close."""
    page.wait_for_url(site_url + url)
    title = " ".join(one(read_page(built_site, url), "title").get_text().split())
    page.wait_for_function("title => document.title === title", arg=title)
    # A timer set now falls due after Material's, which it set when the URL changed, before this call.
    page.evaluate("delay => new Promise(resolve => setTimeout(resolve, delay))", MATERIAL_NAVIGATION_RESET + 25)


def test_instant_navigation_swaps_pages_without_a_reload_under_the_policy(browser: Browser, instant_site_url: str, built_site: Path) -> None:
    listing = page_listing_a_paper(built_site)
    with watched_context(browser, viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"]) as (context, problems):
        page = context.new_page()
        page.goto(instant_site_url + another_page(), wait_until="networkidle")
        page.evaluate("window.__sameDocument = true")
        same_document = lambda: page.evaluate("window.__sameDocument") is True  # noqa: E731

        # assets/js/page-setup.js sets up the news toggle again on the swapped-in home page, where it folds some news.
        page.locator("a.md-logo").first.click()
        swapped_in(page, instant_site_url, built_site, "")
        assert same_document()
        button = page.locator("[data-pf-fold-toggle]")
        if button.count():
            button.click()
            assert button.get_attribute("aria-expanded") == "true"
        # Search works on the swapped-in page.
        query = search_query()
        if query is not None:
            search_for(page, query[0])
            page.keyboard.press("Escape")

        if listing is not None:
            url, key = listing
            if url:
                tab = page.locator(f'.md-tabs__link[href$="{url}"]')
                if tab.count():
                    tab.first.click()
                else:
                    page.goto(instant_site_url + url, wait_until="networkidle")
                    page.evaluate("window.__sameDocument = true")
                swapped_in(page, instant_site_url, built_site, url)
            page.locator(f'.pf-pub[id="{key}"] .pf-pub__title a').first.click()
            swapped_in(page, instant_site_url, built_site, f"publications/{key}/")
            assert same_document()
            # Material mounts the copy button on the page it swapped in.
            block = page.locator(".md-typeset pre", has_text=f"{{{key},").first
            block.hover()
            block.get_by_title("Copy to clipboard").click()
            assert f"{{{key}," in page.evaluate("navigator.clipboard.readText()")
            page.go_back()
            swapped_in(page, instant_site_url, built_site, url)
            assert same_document()
        assert settled(page, problems) == []


def test_a_script_injected_into_a_built_page_does_not_run(browser: Browser, built_site: Path, tmp_path: Path) -> None:
    site = Path(shutil.copytree(built_site, tmp_path / "site"))
    # The home page, which every site has.
    target = site / "index.html"
    injected = target.read_text(encoding="utf-8").replace("</body>", INJECTED_SCRIPT + "</body>", 1)
    target.write_text(injected, encoding="utf-8")
    # The same page without its policy shows that the injected script would otherwise run.
    soup = BeautifulSoup(injected, "html.parser")
    one(soup, POLICY_META).decompose()
    (site / "unprotected.html").write_text(str(soup), encoding="utf-8")

    with served(site) as url, watched_context(browser) as (context, problems):
        page = context.new_page()
        page.goto(url + "unprotected.html", wait_until="load")
        assert page.evaluate("document.documentElement.dataset.injected") == "ran"

        page.goto(url, wait_until="load")
        assert page.evaluate("document.documentElement.dataset.injected") is None
        assert any(problem.startswith("violation: script-src") for problem in settled(page, problems))
        # Material's own inline scripts, whose hashes the policy lists, did run.
        assert page.evaluate("typeof __md_get") == "function"


@contextmanager
def started_preview(project: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` on `project`, once it answers."""
    with mkdocs_serve(project, log) as (process, base_url):
        end = time.monotonic() + SERVE_STARTUP_DEADLINE
        while True:
            assert process.poll() is None, f"mkdocs serve exited:\n{log.read_text(errors='replace')[-3000:]}"
            try:
                with urllib.request.urlopen(base_url, timeout=10):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > end:
                    pytest.fail(f"mkdocs serve did not answer within {SERVE_STARTUP_DEADLINE:.0f} s")
                time.sleep(0.25)
        yield base_url + "/"


def test_live_reload_still_reloads_the_preview_under_its_policy(browser: Browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with started_preview(project, tmp_path / "serve.log") as url, watched_context(browser) as (context, problems):
        page = context.new_page()
        with page.expect_request(lambda request: "/livereload/" in request.url):
            page.goto(url, wait_until="load")
        assert page.locator(POLICY_META).count() == 1
        with page.expect_event("load", timeout=RELOAD_DEADLINE):
            index = project / "docs" / "index.md"
            index.write_text(index.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert settled(page, problems) == []
