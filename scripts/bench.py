"""Benchmarks: our build against a plain Material build of as many pages, at 1x, 10x and 100x the data; memory; preview; page weight.

Run with `make bench` (or `python -m scripts.bench --scales 1,10 --runs 3` for a
shorter run). Prints the tables and writes test-artifacts/bench/report.json and
report.md. Everything runs on this machine: builds in temporary copies of the
project, and the page is served from 127.0.0.1 by a small gzip server.

The yardstick (the floor: what MkDocs and Material cost anyway) is a plain
Material project with one Markdown page for each page our build made, holding
that page's text, and our nav (pages at the same addresses). Each run builds ours cold (empty render cache: every social
card and the PDF CV rendered), ours warm (cache filled: what a rebuild costs),
then the plain project, so machine noise falls on all three alike. The PDF's and
the cards' own cost is the render time a cold build logs. Peak memory is each
build process's own peak RSS. The preview figure is the time from saving a
news item in data/news.yml to `mkdocs serve` answering with the changed page.
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from scripts.site_server import serve

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-artifacts" / "bench"
# What a build of the site reads (as tests/site_helpers.py PROJECT_PARTS).
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")
RUNS = 5
SCALES = (1, 10, 100)
CHROMIUM = "/usr/bin/chromium"
# Keep Chromium from calling out: the network here reaches package registries only.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
MOBILE_VIEWPORT: Any = {"width": 390, "height": 844}  # playwright's ViewportSize
# Python keeps the project's compiled modules in __pycache__ as on any owner's machine, where the floor's (MkDocs',
# Material's) are compiled when pip installs them; a machine that sets PYTHONDONTWRITEBYTECODE would compile ours at
# every build.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": ""}
BUILD_TIMEOUT_S = 900.0

# Goals (issue 19): against the same-page plain Material build, at every scale.
GOAL_WARM_VS_FLOOR = 1.3
GOAL_COLD_VS_FLOOR = 1.8
# The warm cost per page from the middle scale to the top one, at most this many times the cost per page below it.
GOAL_LINEAR = 1.2
GOAL_PEAK_RSS_KIB: dict[int, float] = {100: 1024 * 1024}
GOAL_PREVIEW_S = {1: 1.0, 100: 3.0}
# Issue 19's page goals for the home page: at most 80 KiB transferred in at most 10 requests.
TARGET_HOME_KIB = 80.0
TARGET_HOME_REQUESTS = 10

# The render caches (see macros/outputs/render_cache.py), relative to the project.
CACHE = ".cache"
PDF_LOG = re.compile(r"Rendered the PDF CV \S+ in ([0-9.]+) s")
CARDS_LOG = re.compile(r"Social cards: \d+ rendered in ([0-9.]+) s")
CARD_FOLDER = "assets/images/social"
# No `plugins:` key, so MkDocs's default (its search plugin) is on, as in any new Material project and in ours.
PLAIN_CONFIG: dict[str, Any] = {"site_name": "Plain", "theme": {"name": "material"}}

PREVIEW_SCALES = (1, 100)
PREVIEW_EDITS = 3
PREVIEW_STARTUP_S = 900.0  # the first build of a 100x preview on a busy 2-core machine
PREVIEW_DEADLINE_S = 180.0  # an edit not shown by then counts as this long, and missed
PREVIEW_REQUEST_TIMEOUT_S = 300.0  # the server holds a request while it rebuilds
PREVIEW_POLL_S = 0.02
PREVIEW_SETTLE_S = 1.0  # between edits, so one edit's rebuild never overlaps the next
NEWS_CALL = re.compile(r"\{\{-?\s*news\s*\(")

# Each list file that references papers is scaled, so every copy of a reference can point at its own copy of the paper.
# name -> (the field that holds its key, the field that holds paper keys: one key or a list of them)
SCALE_RULES: dict[str, tuple[str | None, str | None]] = {
    "publications": ("key", None),
    "news": (None, "publication"),
    "awards": (None, "publication"),
    "talks": (None, "publication"),
    "press": (None, "publication"),
    "software": (None, "publications"),
}
# Fields given ' (copy n)', so copies read as distinct entries (a paper's title: each copy gets a card of its own).
DISTINCT_FIELDS = ("title", "name")


class NoAliasDumper(yaml.SafeDumper):
    """Writes every value in full: an alias (&id001/*id001) in a data file is a thing no owner writes."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# ---------------------------------------------------------------- the project and its scaled data


def copy_project(destination: Path) -> Path:
    """A copy of everything a build of the owner's site reads, to scale and build freely."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source, target = ROOT / part, destination / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, target)
    return destination


def schema_comment(path: Path) -> str:
    """The file's first line when it is the yaml-language-server comment, kept for fidelity."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first + "\n" if first.startswith("#") else ""


def dump_data(path: Path, entries: list[dict[str, Any]]) -> str:
    """A data file's text for `entries`: its schema comment, then the entries without aliases."""
    return schema_comment(path) + yaml.dump(entries, Dumper=NoAliasDumper, allow_unicode=True, sort_keys=False)


def copy_key(key: str, copy_number: int) -> str:
    return key if copy_number == 0 else f"{key}-x{copy_number}"


def scaled_entry(entry: dict[str, Any], copy_number: int, key_field: str | None, reference_field: str | None) -> dict[str, Any]:
    """Copy n of an entry: its own key '<key>-x<n>', references to copy n's papers, distinct text and titles.

    A deep copy, so no two entries share a list (which the YAML dump would write as an alias).
    News text gets a 'Copy n:' prefix, since two items of one month must not begin with the same words.
    """
    clone = copy.deepcopy(entry)
    if copy_number == 0:
        return clone
    if key_field:
        clone[key_field] = copy_key(entry[key_field], copy_number)
    reference = entry.get(reference_field) if reference_field else None
    if reference_field and isinstance(reference, list):
        clone[reference_field] = [copy_key(key, copy_number) for key in reference]
    elif reference_field and reference:
        clone[reference_field] = copy_key(reference, copy_number)
    if "text" in entry:
        clone["text"] = f"Copy {copy_number}: {entry['text']}"
    for field in DISTINCT_FIELDS:
        if isinstance(entry.get(field), str):
            clone[field] = f"{entry[field]} (copy {copy_number})"
    return clone


def scale_data(project: Path, factor: int) -> dict[str, int]:
    """Multiply the papers and every list that references them by `factor`; every reference stays valid. Entries per file."""
    counts = {}
    for name, (key_field, reference_field) in SCALE_RULES.items():
        path = project / "data" / f"{name}.yml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        if not entries:
            continue
        if factor != 1:
            scaled = [scaled_entry(entry, n, key_field, reference_field) for n in range(factor) for entry in entries]
            path.write_text(dump_data(path, scaled), encoding="utf-8")
            entries = scaled
        counts[name] = len(entries)
    return counts


# ---------------------------------------------------------------- builds


class Build(NamedTuple):
    seconds: float
    peak_rss_kib: int
    log: str


def timed_build(project: Path, site_dir: Path, log_path: Path) -> Build:
    """Wall time and peak RSS of one whole `mkdocs build --strict` process, start-up included, and its log.

    os.wait4 gives this child's own rusage; getrusage(RUSAGE_CHILDREN) would be the largest of every child so far.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    # What the build before wrote (a cold build: a hundred MB of cards) is on disk first, so no build pays for
    # the previous one's writes.
    os.sync()
    with log_path.open("w+b") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **BUILD_ENV})
        timer = threading.Timer(BUILD_TIMEOUT_S, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait for it again
        log.seek(0)
        text = log.read().decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"build failed (exit {process.returncode}) in {project}:\n{text[-3000:]}")
    return Build(elapsed, usage.ru_maxrss, text)


def forget(project: Path, *folders: str) -> None:
    for folder in folders:
        shutil.rmtree(project / folder, ignore_errors=True)


def render_seconds(log: str, pattern: re.Pattern[str]) -> float:
    """The render time a cold build logs for the PDF or the cards (see macros/outputs/typeset/cv_pdf.py, macros/outputs/typeset/social_cards.py)."""
    match = pattern.search(log)
    if match is None:
        raise SystemExit(f"the build log lacks a line matching {pattern.pattern!r}:\n{log[-3000:]}")
    return float(match[1])


# ---------------------------------------------------------------- the same-page plain Material project

HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Elements whose whole text makes one paragraph.
TEXT_BLOCKS = {"p", "li", "dt", "dd", "pre", "blockquote", "figcaption", "td", "th", "summary", "caption"}
SKIPPED = {"script", "style", "noscript", "template", "svg", "form", "input", "button"}


def site_pages(site: Path) -> list[Path]:
    """Every page of a built site: each index.html outside assets/ (the 404 page is Material's own in both builds)."""
    return sorted(path for path in site.rglob("index.html") if path.relative_to(site).parts[0] != "assets")


def flat_text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def markdown_lines(element: Tag) -> Iterator[str]:
    """The element's text as simple Markdown blocks: headings as '#' lines, everything else as paragraphs."""
    for child in element.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if text := " ".join(child.split()):
                yield text
        elif isinstance(child, Tag) and child.name not in SKIPPED:
            if child.name in HEADINGS:
                yield f"{'#' * HEADINGS[child.name]} {flat_text(child)}"
            elif child.name in TEXT_BLOCKS or not child.find([*HEADINGS, *TEXT_BLOCKS]):
                if text := flat_text(child):
                    yield text
            else:
                yield from markdown_lines(child)


def page_markdown(html: str) -> str:
    """A built page's main content as plain Markdown of similar length and shape."""
    soup = BeautifulSoup(html, "html.parser")
    content = soup.select_one("article.md-content__inner") or soup.find("main") or soup.body or soup
    for permalink in content.select("a.headerlink"):
        permalink.decompose()
    lines = [line for line in markdown_lines(content) if line.strip()]
    return "\n\n".join(lines or ["# Page"]) + "\n"


class AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with its tags (!ENV, !!python/name:...) as plain values; only `nav` is wanted from it."""


AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def plain_source(source: str) -> str:
    """The plain project's file for one of our nav's pages: the page at the same address, as <address>/index.md."""
    stem = source.removesuffix(".md")
    address = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return f"{address}index.md"


def plain_nav(item: Any, docs: Path) -> Any:
    """Our nav with each page replaced by the plain project's page at its address; links kept, missing pages left out."""
    if isinstance(item, list):
        return [entry for entry in (plain_nav(entry, docs) for entry in item) if entry is not None]
    if isinstance(item, dict):
        entries = {title: plain_nav(value, docs) for title, value in item.items()}
        return {title: value for title, value in entries.items() if value is not None} or None
    if isinstance(item, str) and item.endswith(".md"):
        source = plain_source(item)
        return source if (docs / source).exists() else None
    return item


def plain_config(project: Path, docs: Path) -> dict[str, Any]:
    """Plain Material with our nav, so it lists the same pages: without one, every page (1,111 at 100x) is in
    the nav of every page, a cost that grows with the square of the pages and that our site does not pay."""
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=AnyTagLoader) or {}
    nav = plain_nav(ours.get("nav"), docs) if ours.get("nav") else None
    if not nav:
        return PLAIN_CONFIG
    # As ours does for its paper pages: pages left out of the nav on purpose, so MkDocs need not list them.
    listed = set(nav_sources(nav))
    unlisted = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    not_in_nav = "".join(f"/{source}\n" for source in unlisted if source not in listed)
    return {**PLAIN_CONFIG, "nav": nav, **({"not_in_nav": not_in_nav} if not_in_nav else {})}


def nav_sources(item: Any) -> Iterator[str]:
    """Every page a nav names."""
    if isinstance(item, list):
        for entry in item:
            yield from nav_sources(entry)
    elif isinstance(item, dict):
        for value in item.values():
            yield from nav_sources(value)
    elif isinstance(item, str) and item.endswith(".md"):
        yield item


def plain_project(project: Path, site: Path, destination: Path) -> tuple[Path, int]:
    """A plain Material project with a page for each page of `site`, at the same address, holding its text; and the page count."""
    docs = destination / "docs"
    pages = site_pages(site)
    for page in pages:
        # publications/nazar/index.html -> docs/publications/nazar/index.md, served at publications/nazar/ again.
        source = docs / page.relative_to(site).with_suffix(".md")
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(page_markdown(page.read_text(encoding="utf-8")), encoding="utf-8")
    config = yaml.safe_dump(plain_config(project, docs), allow_unicode=True, sort_keys=False)
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination, len(pages)


# ---------------------------------------------------------------- one scale


def median_or_none(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def bench_scale(project: Path, work: Path, factor: int, runs: int) -> dict[str, Any]:
    """Interleaved runs of ours cold, ours warm and the same-page plain build; medians in seconds, peak RSS in KiB."""
    site, plain_site = work / f"site-{factor}x", work / f"plain-site-{factor}x"
    log = work / f"build-{factor}x.log"
    times: dict[str, list[float]] = {"cold": [], "warm": [], "plain": [], "pdf": [], "cards": []}
    rss: dict[str, list[int]] = {"cold": [], "warm": [], "plain": []}
    plain: Path | None = None
    pages = 0
    for _ in range(runs):
        forget(project, CACHE)
        cold = timed_build(project, site, log)
        times["pdf"].append(render_seconds(cold.log, PDF_LOG))
        times["cards"].append(render_seconds(cold.log, CARDS_LOG))
        if plain is None:
            plain, pages = plain_project(project, site, work / f"plain-{factor}x")
        warm = timed_build(project, site, log)
        floor = timed_build(plain, plain_site, log)
        for kind, build in (("cold", cold), ("warm", warm), ("plain", floor)):
            times[kind].append(build.seconds)
            rss[kind].append(build.peak_rss_kib)
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    return {
        "pages": pages,
        "plain_pages": len(site_pages(plain_site)),
        "cold_s": medians["cold"],
        "warm_s": medians["warm"],
        "plain_s": medians["plain"],
        "warm_vs_floor": medians["warm"] / medians["plain"],
        "cold_vs_floor": medians["cold"] / medians["plain"],
        "pdf_s": medians["pdf"],
        "cards_s": medians["cards"],
        "peak_rss_kib": max(rss["cold"] + rss["warm"]),
        "plain_peak_rss_kib": max(rss["plain"]),
        "runs_s": times,
        "runs_rss_kib": rss,
        "cards": sum(1 for _ in (site / CARD_FOLDER).rglob("*.png")),
        "pdf_kib": sum(path.stat().st_size for path in site.glob("*.pdf")) / 1024,
    }


def bench_builds(work: Path, scales: tuple[int, ...], runs: int, preview: bool) -> tuple[dict[int, dict[str, Any]], Path]:
    """Per scale, the build figures (and the preview's, where measured); the smallest scale's site for the page measurement."""
    results: dict[int, dict[str, Any]] = {}
    for factor in scales:
        project = copy_project(work / f"project-{factor}x")
        entries = scale_data(project, factor)
        result = bench_scale(project, work, factor, runs)
        result["entries"] = entries
        print(
            f"  {factor:>3}x: {result['pages']} pages; cold {result['cold_s']:.2f} s, warm {result['warm_s']:.2f} s, "
            f"plain {result['plain_s']:.2f} s (warm {result['warm_vs_floor']:.2f}x, cold {result['cold_vs_floor']:.2f}x); "
            f"peak {result['peak_rss_kib'] / 1024:.0f} MiB; PDF {result['pdf_s']:.2f} s, {result['cards']} cards {result['cards_s']:.2f} s",
            flush=True,
        )
        if preview and factor in PREVIEW_SCALES:
            result["preview"] = measure_preview(project, work / f"serve-{factor}x.log")
            print(f"  {factor:>3}x preview: {result['preview']['median_s']:.2f} s from saving news to the page showing it", flush=True)
        results[factor] = result
    return results, work / f"site-{min(scales)}x"


def linearity(builds: dict[int, dict[str, Any]]) -> dict[str, Any] | None:
    """Warm seconds per added page between the two lower scales and between the two upper ones (of the lowest three)."""
    if len(builds) < 3:
        return None
    low, mid, high = (builds[factor] for factor in sorted(builds)[:3])
    lower = (mid["warm_s"] - low["warm_s"]) / (mid["pages"] - low["pages"])
    upper = (high["warm_s"] - mid["warm_s"]) / (high["pages"] - mid["pages"])
    return {
        "scales": sorted(builds)[:3],
        "seconds_per_page_lower": lower,
        "seconds_per_page_upper": upper,
        "ratio": upper / lower if lower > 0 else None,
        "linear": lower > 0 and upper <= GOAL_LINEAR * lower,
    }


# ---------------------------------------------------------------- the preview


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def preview_server(project: Path, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`mkdocs serve` with live reload on `project`, as `make serve` starts it; its whole process group stopped on exit."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, **BUILD_ENV},
            start_new_session=True,  # its own process group, so stopping it stops what it started
        )
    try:
        yield process, f"http://127.0.0.1:{port}"
    finally:
        stop_group(process)


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the server's process group: politely, then by force; a group already gone is fine."""
    for stop_signal in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, stop_signal)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=10)
            break
        except subprocess.TimeoutExpired:
            continue
    if process.poll() is None:
        process.wait(timeout=10)


def get_text(url: str) -> str:
    """The page's HTML, or '' while the server is starting or refusing."""
    try:
        with urllib.request.urlopen(url, timeout=PREVIEW_REQUEST_TIMEOUT_S) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, http.client.HTTPException):
        return ""


def wait_for(process: subprocess.Popen[bytes], log: Path, url: str, condition: Callable[[str], bool], deadline: float) -> bool:
    """Poll `url` until its HTML satisfies `condition`; False after `deadline` seconds. A server that exits ends the bench."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if process.poll() is not None:
            raise SystemExit(f"the preview server exited:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        if condition(get_text(url)):
            return True
        time.sleep(PREVIEW_POLL_S)
    return False


def save(path: Path, text: str) -> None:
    """Replace a file in one step, as editors do, so the server never reads half a file."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def is_page(html: str) -> bool:
    return "</html>" in html


def showing(marker: str) -> Callable[[str], bool]:
    return lambda html: marker in html


def news_page(project: Path) -> str:
    """The address that lists the news: the home page when docs/index.md calls news(), else the timeline."""
    home = project / "docs" / "index.md"
    return "/" if home.exists() and NEWS_CALL.search(home.read_text(encoding="utf-8")) else "/timeline/"


def measure_preview(project: Path, log: Path) -> dict[str, Any]:
    """Seconds from saving an edited news item to `mkdocs serve` answering with it, for each of PREVIEW_EDITS edits.

    The server holds a request while it rebuilds, so the answer with the marker is what a reloaded browser would show.
    """
    page = news_page(project)
    news = project / "data" / "news.yml"
    original = news.read_text(encoding="utf-8")
    entries = yaml.safe_load(original)
    first_text = entries[0]["text"]
    edits: list[float] = []
    missed = 0
    with preview_server(project, log) as (process, base_url):
        url = base_url + page
        started = time.perf_counter()
        if not wait_for(process, log, url, is_page, PREVIEW_STARTUP_S):
            raise SystemExit(f"the preview did not serve {page} within {PREVIEW_STARTUP_S:.0f} s")
        startup = time.perf_counter() - started
        time.sleep(PREVIEW_SETTLE_S)
        try:
            for _ in range(PREVIEW_EDITS):
                marker = f"benchmark{uuid.uuid4().hex[:10]}"
                entries[0]["text"] = f"{first_text} {marker}"
                text = dump_data(news, entries)
                saved = time.perf_counter()
                save(news, text)
                seen = wait_for(process, log, url, showing(marker), PREVIEW_DEADLINE_S)
                edits.append(time.perf_counter() - saved if seen else PREVIEW_DEADLINE_S)
                missed += not seen
                time.sleep(PREVIEW_SETTLE_S)
        finally:
            save(news, original)
    return {"page": page, "startup_s": startup, "edits_s": edits, "median_s": statistics.median(edits), "missed": missed}


# ---------------------------------------------------------------- the home page in a browser

PAGE_METRICS = """() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    navigation_bytes: navigation ? navigation.transferSize : 0,
    resources: resources.map(r => ({url: r.name, bytes: r.transferSize, type: r.initiatorType})),
    fcp_ms: paint ? paint.startTime : null,
  };
}"""


def measure_home(site: Path) -> dict[str, Any]:
    """The home page's transferred bytes, request count and first contentful paint in a cold mobile-sized Chromium."""
    from playwright.sync_api import sync_playwright

    with serve(site) as (url, sent), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=MOBILE_VIEWPORT, is_mobile=True, has_touch=True, device_scale_factor=2)
            page = context.new_page()
            page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")
            metrics = page.evaluate(PAGE_METRICS)
        finally:
            browser.close()
        served = list(sent)
    page_bytes = metrics["navigation_bytes"] + sum(resource["bytes"] for resource in metrics["resources"])
    return {
        "url": url,
        "transfer_bytes": page_bytes,
        "transfer_kib": page_bytes / 1024,
        "requests": 1 + len(metrics["resources"]),
        "fcp_ms": metrics["fcp_ms"],
        "resources": metrics["resources"],
        # What the server sent, bodies only: also counts requests the page's timeline cannot see (web workers).
        "server_requests": len(served),
        "server_body_kib": sum(size for _, size in served) / 1024,
        "server_paths": [path for path, _ in served],
    }


# ---------------------------------------------------------------- the report

SCALE_HEADER = (
    "data",
    "pages",
    "ours cold",
    "ours warm",
    "plain Material, same pages",
    f"warm / floor (goal <= {GOAL_WARM_VS_FLOOR}x)",
    f"cold / floor (goal <= {GOAL_COLD_VS_FLOOR}x)",
    "peak RSS, ours",
    "preview: edit to page",
)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def mib(kib: float) -> str:
    return f"{kib / 1024:.0f} MiB"


def with_goal(text: str, goal: float | None, value: float) -> str:
    """A figure with its pass/fail mark when a goal applies to it."""
    return text if goal is None else f"{text} {verdict(value <= goal)}"


def scale_rows(builds: dict[int, dict[str, Any]]) -> list[tuple[str, ...]]:
    """One row per scale: ours against the same-page plain build, memory and preview."""
    rows: list[tuple[str, ...]] = []
    for factor, result in builds.items():
        preview = result.get("preview")
        rows.append(
            (
                f"{factor}x",
                f"{result['pages']:,}",
                f"{result['cold_s']:.2f} s",
                f"{result['warm_s']:.2f} s",
                f"{result['plain_s']:.2f} s",
                with_goal(f"{result['warm_vs_floor']:.2f}x", GOAL_WARM_VS_FLOOR, result["warm_vs_floor"]),
                with_goal(f"{result['cold_vs_floor']:.2f}x", GOAL_COLD_VS_FLOOR, result["cold_vs_floor"]),
                with_goal(mib(result["peak_rss_kib"]), GOAL_PEAK_RSS_KIB.get(factor), result["peak_rss_kib"]),
                with_goal(f"{preview['median_s']:.2f} s", GOAL_PREVIEW_S.get(factor), preview["median_s"]) if preview else "-",
            )
        )
    return rows


def measure_rows(report: dict[str, Any]) -> list[tuple[str, ...]]:
    """The other figures, each with its goal where it has one: linearity, memory, preview, PDF and cards, home page."""
    builds, linear, home = report["builds"], report["linearity"], report["home"]
    rows: list[tuple[str, ...]] = []
    if linear:
        low, mid, high = linear["scales"]
        ratio = f" ({linear['ratio']:.2f}x)" if linear["ratio"] is not None else ""
        rows.append(
            (
                f"warm cost per page, {mid}x->{high}x vs {low}x->{mid}x",
                f"{linear['seconds_per_page_upper'] * 1000:.1f} vs {linear['seconds_per_page_lower'] * 1000:.1f} ms{ratio}",
                f"<= {GOAL_LINEAR}x",
                verdict(linear["linear"]),
            )
        )
    for factor, result in builds.items():
        goal = GOAL_PEAK_RSS_KIB.get(factor)
        rows.append(
            (
                f"peak RSS {factor}x, ours (plain)",
                f"{mib(result['peak_rss_kib'])} ({mib(result['plain_peak_rss_kib'])})",
                f"<= {mib(goal)}" if goal else "",
                verdict(result["peak_rss_kib"] <= goal) if goal else "",
            )
        )
    for factor, result in builds.items():
        if preview := result.get("preview"):
            goal = GOAL_PREVIEW_S.get(factor)
            edits = ", ".join(f"{seconds:.2f}" for seconds in preview["edits_s"])
            rows.append(
                (
                    f"preview {factor}x: news edit to {preview['page']}",
                    f"{preview['median_s']:.2f} s (edits {edits} s; start-up {preview['startup_s']:.1f} s)",
                    f"<= {goal:.0f} s" if goal else "",
                    verdict(preview["median_s"] <= goal and not preview["missed"]) if goal else "",
                )
            )
    for factor, result in builds.items():
        rows += [
            (f"PDF CV alone {factor}x", f"{result['pdf_s']:.2f} s ({result['pdf_kib']:.0f} KiB)", "", ""),
            (f"social cards alone {factor}x", f"{result['cards_s']:.2f} s ({result['cards']} cards)", "", ""),
        ]
    if home:
        rows += [
            (
                "home page, transferred (gzip)",
                f"{home['transfer_kib']:.1f} KiB",
                f"<= {TARGET_HOME_KIB:.0f} KiB",
                verdict(home["transfer_kib"] <= TARGET_HOME_KIB),
            ),
            ("home page, requests", str(home["requests"]), f"<= {TARGET_HOME_REQUESTS}", verdict(home["requests"] <= TARGET_HOME_REQUESTS)),
            ("home page, first contentful paint", f"{home['fcp_ms']:.0f} ms" if home["fcp_ms"] is not None else "n/a", "", ""),
            ("home page, server view", f"{home['server_requests']} requests, {home['server_body_kib']:.1f} KiB bodies", "", ""),
        ]
    return rows


def markdown_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    return [f"| {' | '.join(header)} |", f"|{'---|' * len(header)}", *(f"| {' | '.join(row)} |" for row in rows)]


def markdown_report(report: dict[str, Any]) -> str:
    lines = [
        "# Benchmark report",
        "",
        f"{report['when']}, {report['machine']}; median of {report['runs']} interleaved runs of whole-process "
        "`mkdocs build --strict` per scale: ours cold (empty render cache), ours warm (cache filled), and a plain "
        "Material project with the same pages and their text (the floor). Peak RSS: the largest of our build "
        "processes at that scale. Preview: median seconds from saving an edited news item to `mkdocs serve` "
        "answering with the changed page.",
        "",
        "## Ours vs same-page plain Material",
        "",
        *markdown_table(SCALE_HEADER, scale_rows(report["builds"])),
        "",
        "## Other measures",
        "",
        *markdown_table(("measure", "result", "goal", "verdict"), measure_rows(report)),
    ]
    if report["home"]:
        lines += ["", "Home page resources (transfer bytes, from the Resource Timing API):", ""]
        lines += [f"- {resource['bytes']:>7} B  {resource['type']:<8} {resource['url']}" for resource in report["home"]["resources"]]
    return "\n".join(lines) + "\n"


def print_grid(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def print_tables(report: dict[str, Any]) -> None:
    print("Ours vs same-page plain Material:")
    print_grid([SCALE_HEADER, *scale_rows(report["builds"])])
    print()
    print_grid([("measure", "result", "goal", "verdict"), *measure_rows(report)])


# ---------------------------------------------------------------- main


@dataclass(frozen=True)
class Options:
    scales: tuple[int, ...]
    runs: int
    browser: bool
    preview: bool


def arguments() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=",".join(map(str, SCALES)), help="data scales to build, e.g. 1,10 (default: 1,10,100)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"interleaved runs of each build per scale (default: {RUNS})")
    parser.add_argument("--no-browser", action="store_true", help="skip the home page measurement in Chromium")
    parser.add_argument(
        "--preview",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=f"time `mkdocs serve` showing a data edit, at {' and '.join(f'{s}x' for s in PREVIEW_SCALES)} (default: on)",
    )
    options = parser.parse_args()
    scales = tuple(sorted({int(scale) for scale in options.scales.split(",")}))
    return Options(scales, options.runs, not options.no_browser, options.preview)


def main() -> int:
    options = arguments()
    if options.browser and not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium (or pass --no-browser)", file=sys.stderr)
        return 2
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        print(f"{options.runs} interleaved runs (ours cold, ours warm, plain) at each of {', '.join(f'{s}x' for s in options.scales)}:", flush=True)
        builds, site = bench_builds(Path(work), options.scales, options.runs, options.preview)
        home = None
        if options.browser:
            print("Measuring the home page in Chromium...", flush=True)
            home = measure_home(site)
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
        "runs": options.runs,
        "builds": builds,
        "linearity": linearity(builds),
        "home": home,
        "goals": {
            "warm_vs_floor": GOAL_WARM_VS_FLOOR,
            "cold_vs_floor": GOAL_COLD_VS_FLOOR,
            "linear": GOAL_LINEAR,
            "peak_rss_kib": GOAL_PEAK_RSS_KIB,
            "preview_s": GOAL_PREVIEW_S,
            "home_kib": TARGET_HOME_KIB,
            "home_requests": TARGET_HOME_REQUESTS,
        },
    }
    (OUTPUT / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (OUTPUT / "report.md").write_text(markdown_report(report), encoding="utf-8")
    print()
    print_tables(report)
    print(f"\nWrote {OUTPUT.relative_to(ROOT)}/report.json and report.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
