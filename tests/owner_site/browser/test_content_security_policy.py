"""Every page runs under its Content-Security-Policy without a violation, the site still works, and injected scripts do not run."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from site_helpers import ROOT, copy_project, load_data, load_mkdocs_config, mkdocs_serve

POLICY_META = 'meta[http-equiv="Content-Security-Policy"]'
# Collects the page's policy violations from the first moment, before any of its own scripts run.
RECORD_VIOLATIONS = """
window.__policyViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__policyViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""
INJECTED_SCRIPT = '<script>document.documentElement.dataset.injected = "ran";</script>'
SERVE_STARTUP_DEADLINE = 90.0  # seconds for the first build on a busy 2-core machine
RELOAD_DEADLINE = 30_000  # milliseconds from saving a page to the browser reloading it


@contextmanager
def watched_context(browser, **options) -> Iterator[tuple[object, list[str]]]:
    """A browser context whose pages record policy violations; the list holds the console's CSP messages."""
    context = browser.new_context(**options)
    context.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    context.on(
        "console",
        lambda message: console.append(message.text) if "content security policy" in message.text.lower() else None,
    )
    try:
        yield context, console
    finally:
        context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__policyViolations")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def first_publication() -> dict:
    return load_data(ROOT, "publications")[0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_carries_a_policy_and_has_no_violation_console_error_or_foreign_request(
    browser, site_url: str, site_pages: list[str], scheme: str
) -> None:
    with watched_context(browser, color_scheme=scheme) as (context, console):
        page = context.new_page()
        problems: dict[str, list[str]] = {}
        own_host = urlsplit(site_url).netloc
        page.on("console", lambda message: console.append(f"console error: {message.text}") if message.type == "error" else None)
        page.on("pageerror", lambda error: console.append(f"page error: {error}"))
        page.on(
            "request",
            lambda request: console.append(f"foreign request: {request.url}")
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != own_host
            else None,
        )
        for path in site_pages:
            if path == "404.html":
                continue  # its expected 404 status is logged as a console error; test_every_page.py checks it
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
            found = violations(page) + console
            if not placed_first:
                found.append("no policy in the head before the first script")
            if found:
                problems[path or "/"] = found
            console.clear()
        assert problems == {}


def test_search_finds_a_paper_under_the_policy(browser, site_url: str) -> None:
    title = first_publication()["title"]
    with watched_context(browser, viewport={"width": 1280, "height": 900}) as (context, console):
        page = context.new_page()
        page.goto(site_url, wait_until="networkidle")
        page.get_by_role("textbox", name="Search").first.click()
        page.keyboard.type(title)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        assert title in page.locator(".md-search-result").inner_text()
        assert violations(page) + console == []


def test_palette_toggle_switches_the_scheme_under_the_policy(browser, site_url: str) -> None:
    light, dark = load_mkdocs_config(ROOT)["theme"]["palette"]
    with watched_context(browser, color_scheme="light") as (context, console):
        page = context.new_page()
        page.goto(site_url, wait_until="load")
        page.get_by_title(light["toggle"]["name"]).first.click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == dark["scheme"]
        assert violations(page) + console == []


def test_news_toggle_unfolds_the_full_history_under_the_policy(browser, site_url: str, built_site: Path) -> None:
    pages = [path for path in sorted(built_site.rglob("*.html")) if "data-pf-fold-toggle" in path.read_text(encoding="utf-8")]
    assert pages, "no built page has the news toggle"
    with watched_context(browser) as (context, console):
        page = context.new_page()
        page.goto(site_url + pages[0].relative_to(built_site).as_posix(), wait_until="load")
        button = page.locator("[data-pf-fold-toggle]")
        more, less = button.get_attribute("data-pf-label-more"), button.get_attribute("data-pf-label-less")
        assert button.inner_text() == more
        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        assert button.inner_text() == less
        assert page.locator("[data-pf-fold]").first.is_visible()
        assert violations(page) + console == []


def test_code_copy_puts_the_bibtex_on_the_clipboard_under_the_policy(browser, site_url: str) -> None:
    key = first_publication()["key"]
    with watched_context(browser, permissions=["clipboard-read", "clipboard-write"]) as (context, console):
        page = context.new_page()
        page.goto(site_url + f"publications/{key}/", wait_until="load")
        block = page.locator(".highlight pre").first
        block.hover()
        block.get_by_title("Copy to clipboard").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == block.locator("code").inner_text().strip()
        assert f"{{{key}," in copied
        assert violations(page) + console == []


def test_a_script_injected_into_a_built_page_does_not_run(browser, built_site: Path, tmp_path: Path) -> None:
    site = Path(shutil.copytree(built_site, tmp_path / "site"))
    target = site / "publications" / first_publication()["key"] / "index.html"
    injected = target.read_text(encoding="utf-8").replace("</body>", INJECTED_SCRIPT + "</body>", 1)
    target.write_text(injected, encoding="utf-8")
    # The same page without its policy shows that the injected script would otherwise run.
    soup = BeautifulSoup(injected, "html.parser")
    soup.select_one(POLICY_META).decompose()
    (site / "unprotected.html").write_text(str(soup), encoding="utf-8")

    with serving(site) as url, watched_context(browser) as (context, console):
        page = context.new_page()
        page.goto(url + "unprotected.html", wait_until="load")
        assert page.evaluate("document.documentElement.dataset.injected") == "ran"

        page.goto(url + target.relative_to(site).parent.as_posix() + "/", wait_until="load")
        assert page.evaluate("document.documentElement.dataset.injected") is None
        assert any(violation.startswith("script-src") for violation in violations(page))
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


def test_live_reload_still_reloads_the_preview_under_its_policy(browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with started_preview(project, tmp_path / "serve.log") as url, watched_context(browser) as (context, console):
        page = context.new_page()
        with page.expect_request(lambda request: "/livereload/" in request.url):
            page.goto(url, wait_until="load")
        assert page.locator(POLICY_META).count() == 1
        with page.expect_event("load", timeout=RELOAD_DEADLINE):
            index = project / "docs" / "index.md"
            index.write_text(index.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert violations(page) + console == []
