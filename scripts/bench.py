"""Benchmarks: build time at 1x, 10x and 100x the real data, and the home page's weight in a browser.

Run with `make bench`. Prints a table and writes test-artifacts/bench/report.json
and report.md. Everything runs on this machine: builds in temporary copies of
the project, and the page is served from 127.0.0.1 by a small gzip server.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from site_helpers import copy_project  # noqa: E402  (the tests' copy of everything a build reads)

OUTPUT = ROOT / "test-artifacts" / "bench"
RUNS = 5
SCALES = (1, 10, 100)
SCALED_FILES = ("news", "awards", "publications")
CHROMIUM = "/usr/bin/chromium"
# Keep Chromium from calling out: the network here reaches package registries only.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
MOBILE_VIEWPORT = {"width": 390, "height": 844}
# GitHub Pages compresses these; images and fonts go as they are.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")

TARGET_BUILD_1X_S = 2.0
TARGET_BUILD_100X_S = 10.0
TARGET_HOME_KIB = 100.0
TARGET_HOME_REQUESTS = 12
# Per-entry cost may wobble with noise; more than this factor between 10x->100x and 1x->10x means superlinear.
LINEAR_TOLERANCE = 1.5
NOISE_FLOOR_S = 0.05


def schema_comment(path: Path) -> str:
    """The file's first line when it is the yaml-language-server comment, kept for fidelity."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first + "\n" if first.startswith("#") else ""


def copy_key(key: str, copy: int) -> str:
    return key if copy == 0 else f"{key}-x{copy}"


def scaled_entries(entries: list[dict[str, Any]], factor: int, key_field: str | None, reference_field: str | None) -> list[dict[str, Any]]:
    """`factor` copies of `entries`; copy n renames keys to '<key>-x<n>' and points references at copy n's publication.

    News text gets a 'Copy n:' prefix, since two items of one month must not begin with the same words.
    """
    result = []
    for copy in range(factor):
        for entry in entries:
            clone = dict(entry)
            if key_field:
                clone[key_field] = copy_key(entry[key_field], copy)
            if reference_field and entry.get(reference_field):
                clone[reference_field] = copy_key(entry[reference_field], copy)
            if copy and "text" in entry:
                clone["text"] = f"Copy {copy}: {entry['text']}"
            result.append(clone)
    return result


def scale_data(project: Path, factor: int) -> None:
    """Multiply news, awards and publications in `project/data` by `factor`; every reference stays valid."""
    if factor == 1:
        return
    rules = {"publications": ("key", None), "news": (None, "publication"), "awards": (None, "publication")}
    for name in SCALED_FILES:
        path = project / "data" / f"{name}.yml"
        key_field, reference_field = rules[name]
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        scaled = scaled_entries(entries, factor, key_field, reference_field)
        path.write_text(schema_comment(path) + yaml.safe_dump(scaled, allow_unicode=True, sort_keys=False), encoding="utf-8")


def timed_build(project: Path, site_dir: Path) -> float:
    """Wall time of one whole `mkdocs build --strict` process, start-up included."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return elapsed


def bench_builds(work: Path) -> tuple[dict[int, dict[str, Any]], Path]:
    """Median of RUNS builds per scale, and the 1x site for the page measurement."""
    results: dict[int, dict[str, Any]] = {}
    for factor in SCALES:
        project = copy_project(work / f"project-{factor}x")
        scale_data(project, factor)
        site = work / f"site-{factor}x"
        times = [timed_build(project, site) for _ in range(RUNS)]
        counts = {name: len(yaml.safe_load((project / "data" / f"{name}.yml").read_text(encoding="utf-8"))) for name in SCALED_FILES}
        results[factor] = {"median_s": statistics.median(times), "runs_s": times, "entries": counts}
        print(f"  {factor:>3}x: median {statistics.median(times):.2f} s over {RUNS} builds ({counts})", flush=True)
    return results, work / "site-1x"


def growth(builds: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Ratios against 1x, and whether the cost per added copy of the data stays flat (linear) as it grows."""
    t1, t10, t100 = (builds[factor]["median_s"] for factor in SCALES)
    per_copy_to_10 = max((t10 - t1) / 9, NOISE_FLOOR_S / 9)
    per_copy_to_100 = (t100 - t10) / 90
    return {
        "ratio_10x": t10 / t1,
        "ratio_100x": t100 / t1,
        "seconds_per_data_copy_1x_to_10x": per_copy_to_10,
        "seconds_per_data_copy_10x_to_100x": per_copy_to_100,
        "no_worse_than_linear": per_copy_to_100 <= LINEAR_TOLERANCE * per_copy_to_10,
    }


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves a built site like GitHub Pages: directory URLs, gzip for text, no caching between runs."""

    sent: list[tuple[str, int]]  # (path, bytes on the wire), set per server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        content_type = self.guess_type(str(path))
        compress = content_type.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)
        self.sent.append((url_path, len(body)))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's signature)
        pass


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """The site at http://127.0.0.1:<free port>/, and the list of what the server sent."""
    sent: list[tuple[str, int]] = []
    handler = type("SiteHandler", (GzipHandler,), {"sent": sent})

    def make_handler(*args: Any, **kwargs: Any) -> GzipHandler:
        return handler(*args, directory=str(site), **kwargs)

    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


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


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def table_rows(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    builds, growth_, home = report["builds"], report["growth"], report["home"]
    rows = [
        ("build, real data (1x)", f"{builds[1]['median_s']:.2f} s", f"< {TARGET_BUILD_1X_S:.0f} s", verdict(builds[1]["median_s"] < TARGET_BUILD_1X_S)),
        ("build, 10x data", f"{builds[10]['median_s']:.2f} s ({growth_['ratio_10x']:.2f}x of 1x)", "", ""),
        ("build, 100x data", f"{builds[100]['median_s']:.2f} s ({growth_['ratio_100x']:.2f}x of 1x)", f"< {TARGET_BUILD_100X_S:.0f} s", verdict(builds[100]["median_s"] < TARGET_BUILD_100X_S)),
        (
            "growth 10x->100x vs 1x->10x",
            f"{growth_['seconds_per_data_copy_10x_to_100x'] * 1000:.1f} vs {growth_['seconds_per_data_copy_1x_to_10x'] * 1000:.1f} ms per data copy",
            "no worse than linear",
            verdict(growth_["no_worse_than_linear"]),
        ),
        ("home page, transferred (gzip)", f"{home['transfer_kib']:.1f} KiB", f"< {TARGET_HOME_KIB:.0f} KiB", verdict(home["transfer_kib"] < TARGET_HOME_KIB)),
        ("home page, requests", str(home["requests"]), f"< {TARGET_HOME_REQUESTS}", verdict(home["requests"] < TARGET_HOME_REQUESTS)),
        ("home page, first contentful paint", f"{home['fcp_ms']:.0f} ms" if home["fcp_ms"] is not None else "n/a", "", ""),
        ("home page, server view", f"{home['server_requests']} requests, {home['server_body_kib']:.1f} KiB bodies", "", ""),
    ]
    return rows


def markdown_report(report: dict[str, Any]) -> str:
    lines = [
        "# Benchmark report",
        "",
        f"{report['when']}, {report['machine']}; median of {RUNS} whole-process `mkdocs build --strict` runs per scale.",
        "",
        "| measure | result | target | verdict |",
        "|---|---|---|---|",
    ]
    lines += [f"| {' | '.join(row)} |" for row in table_rows(report)]
    lines += ["", "Home page resources (transfer bytes, from the Resource Timing API):", ""]
    lines += [f"- {resource['bytes']:>7} B  {resource['type']:<8} {resource['url']}" for resource in report["home"]["resources"]]
    return "\n".join(lines) + "\n"


def print_table(report: dict[str, Any]) -> None:
    rows = [("measure", "result", "target", "verdict"), *table_rows(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        print(f"Building {RUNS} times at each of {', '.join(f'{s}x' for s in SCALES)}:", flush=True)
        builds, site = bench_builds(Path(work))
        print("Measuring the home page in Chromium...", flush=True)
        home = measure_home(site)
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
        "builds": builds,
        "growth": growth(builds),
        "home": home,
        "targets": {
            "build_1x_s": TARGET_BUILD_1X_S,
            "build_100x_s": TARGET_BUILD_100X_S,
            "home_kib": TARGET_HOME_KIB,
            "home_requests": TARGET_HOME_REQUESTS,
        },
    }
    (OUTPUT / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (OUTPUT / "report.md").write_text(markdown_report(report), encoding="utf-8")
    print()
    print_table(report)
    print(f"\nWrote {OUTPUT.relative_to(ROOT)}/report.json and report.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
