"""Benchmarks: build time at 1x, 10x and 100x the real data, and the home page's weight in a browser.

Run with `make bench` (or `scripts/bench.py --scales 1,10 --runs 3` for a
shorter run). Prints a table and writes test-artifacts/bench/report.json and
report.md. Everything runs on this machine: builds in temporary copies of the
project, and the page is served from 127.0.0.1 by a small gzip server.

Each scale is built cold (empty render cache: every social card and the PDF CV
rendered) and warm (cache filled: what `mkdocs serve` and a rebuild cost); the
PDF's and the cards' own cost is the render time a cold build logs. A one-page
plain Material build, interleaved with the 1x builds, is the yardstick for the
warm build.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from site_helpers import copy_project  # noqa: E402  (the tests' copy of everything a build reads)
from site_server import serve  # noqa: E402

OUTPUT = ROOT / "test-artifacts" / "bench"
RUNS = 5
SCALES = (1, 10, 100)
SCALED_FILES = ("news", "awards", "publications")
CHROMIUM = "/usr/bin/chromium"
# Keep Chromium from calling out: the network here reaches package registries only.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
MOBILE_VIEWPORT = {"width": 390, "height": 844}

TARGET_BUILD_1X_S = 2.0
TARGET_BUILD_100X_S = 10.0
# A warm build may take at most this many times a one-page plain Material build.
TARGET_WARM_VS_PLAIN = 3.0
# The render caches (see macros/outputs/render_cache.py), relative to the project.
CACHE = ".cache"
PDF_LOG = re.compile(r"Rendered the PDF CV \S+ in ([0-9.]+) s")
CARDS_LOG = re.compile(r"Social cards: \d+ rendered in ([0-9.]+) s")
CARD_FOLDER = "assets/images/social"
PLAIN_MKDOCS_YML = "site_name: Plain\ntheme:\n  name: material\n"
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

    News text gets a 'Copy n:' prefix, since two items of one month must not begin with the same words;
    a paper's title gets ' (copy n)', so each copy has a card of its own to render, as a distinct paper would.
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
            if copy and "title" in entry:
                clone["title"] = f"{entry['title']} (copy {copy})"
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


def timed_build(project: Path, site_dir: Path) -> tuple[float, str]:
    """Wall time of one whole `mkdocs build --strict` process, start-up included, and its log."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return elapsed, result.stderr


def forget(project: Path, *folders: str) -> None:
    for folder in folders:
        shutil.rmtree(project / folder, ignore_errors=True)


def plain_project(work: Path) -> Path:
    """A one-page site with nothing but Material: the yardstick for the warm build."""
    project = work / "plain"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PLAIN_MKDOCS_YML, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Plain\n\nOne page.\n", encoding="utf-8")
    return project


def render_seconds(log: str, pattern: re.Pattern[str]) -> float:
    """The render time a cold build logs for the PDF or the cards (see macros/outputs/cv_pdf.py, macros/outputs/social_cards.py)."""
    match = pattern.search(log)
    if match is None:
        raise SystemExit(f"the build log lacks a line matching {pattern.pattern!r}:\n{log[-3000:]}")
    return float(match[1])


def bench_scale(project: Path, site: Path, runs: int, plain: Path | None) -> dict[str, Any]:
    """Interleaved cold and warm builds (and the plain build, if given); medians in seconds.

    The PDF's and the cards' own cost is the render time the cold builds log.
    """
    times: dict[str, list[float]] = {"cold": [], "warm": [], "pdf": [], "cards": [], "plain": []}
    for _ in range(runs):
        forget(project, CACHE)
        elapsed, log = timed_build(project, site)
        times["cold"].append(elapsed)
        times["pdf"].append(render_seconds(log, PDF_LOG))
        times["cards"].append(render_seconds(log, CARDS_LOG))
        times["warm"].append(timed_build(project, site)[0])
        if plain is not None:
            times["plain"].append(timed_build(plain, plain / "site")[0])
    medians = {name: statistics.median(values) for name, values in times.items() if values}
    return {
        "cold_s": medians["cold"],
        "warm_s": medians["warm"],
        "pdf_s": medians["pdf"],
        "cards_s": medians["cards"],
        "plain_s": medians.get("plain"),
        "runs_s": times,
        "cards": sum(1 for _ in (site / CARD_FOLDER).rglob("*.png")),
        "pdf_kib": sum(path.stat().st_size for path in site.glob("*.pdf")) / 1024,
    }


def bench_builds(work: Path, scales: tuple[int, ...], runs: int) -> tuple[dict[int, dict[str, Any]], float, Path]:
    """Per scale, the medians of `runs` builds of each kind; the plain build's median; the 1x site for the page measurement."""
    results: dict[int, dict[str, Any]] = {}
    plain = plain_project(work)
    for factor in scales:
        project = copy_project(work / f"project-{factor}x")
        scale_data(project, factor)
        site = work / f"site-{factor}x"
        result = bench_scale(project, site, runs, plain if factor == scales[0] else None)
        result["entries"] = {name: len(yaml.safe_load((project / "data" / f"{name}.yml").read_text(encoding="utf-8"))) for name in SCALED_FILES}
        results[factor] = result
        print(
            f"  {factor:>3}x: cold {result['cold_s']:.2f} s, warm {result['warm_s']:.2f} s, "
            f"PDF {result['pdf_s']:.2f} s, {result['cards']} cards {result['cards_s']:.2f} s ({result['entries']})",
            flush=True,
        )
    plain_s = results[scales[0]]["plain_s"]
    print(f"  plain Material, one page: {plain_s:.2f} s", flush=True)
    return results, plain_s, work / f"site-{scales[0]}x"


def growth(builds: dict[int, dict[str, Any]]) -> dict[str, Any] | None:
    """Warm-build ratios against 1x, and whether the cost per added copy of the data stays flat (linear) as it grows."""
    if any(factor not in builds for factor in SCALES):
        return None
    t1, t10, t100 = (builds[factor]["warm_s"] for factor in SCALES)
    per_copy_to_10 = max((t10 - t1) / 9, NOISE_FLOOR_S / 9)
    per_copy_to_100 = (t100 - t10) / 90
    return {
        "ratio_10x": t10 / t1,
        "ratio_100x": t100 / t1,
        "seconds_per_data_copy_1x_to_10x": per_copy_to_10,
        "seconds_per_data_copy_10x_to_100x": per_copy_to_100,
        "no_worse_than_linear": per_copy_to_100 <= LINEAR_TOLERANCE * per_copy_to_10,
    }


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
    builds, growth_, home, plain = report["builds"], report["growth"], report["home"], report["plain_s"]
    rows = [("plain Material build, one page", f"{plain:.2f} s", "", "")]
    for factor, result in builds.items():
        warm_ratio = result["warm_s"] / plain
        rows += [
            (f"build {factor}x, cold (empty cache)", f"{result['cold_s']:.2f} s", *_target(factor, result["cold_s"], cold=True)),
            (
                f"build {factor}x, warm (cache filled)",
                f"{result['warm_s']:.2f} s ({warm_ratio:.2f}x plain)",
                *(_target(factor, result["warm_s"], cold=False) if factor != 1 else (f"<= {TARGET_WARM_VS_PLAIN:.0f}x plain", verdict(warm_ratio <= TARGET_WARM_VS_PLAIN))),
            ),
            (f"  PDF CV alone {factor}x", f"{result['pdf_s']:.2f} s ({result['pdf_kib']:.0f} KiB)", "", ""),
            (f"  social cards alone {factor}x", f"{result['cards_s']:.2f} s ({result['cards']} cards)", "", ""),
        ]
    if growth_:
        rows.append(
            (
                "warm growth 10x->100x vs 1x->10x",
                f"{growth_['seconds_per_data_copy_10x_to_100x'] * 1000:.1f} vs {growth_['seconds_per_data_copy_1x_to_10x'] * 1000:.1f} ms per data copy",
                "no worse than linear",
                verdict(growth_["no_worse_than_linear"]),
            )
        )
    if home:
        rows += [
            ("home page, transferred (gzip)", f"{home['transfer_kib']:.1f} KiB", f"< {TARGET_HOME_KIB:.0f} KiB", verdict(home["transfer_kib"] < TARGET_HOME_KIB)),
            ("home page, requests", str(home["requests"]), f"< {TARGET_HOME_REQUESTS}", verdict(home["requests"] < TARGET_HOME_REQUESTS)),
            ("home page, first contentful paint", f"{home['fcp_ms']:.0f} ms" if home["fcp_ms"] is not None else "n/a", "", ""),
            ("home page, server view", f"{home['server_requests']} requests, {home['server_body_kib']:.1f} KiB bodies", "", ""),
        ]
    return rows


def _target(factor: int, seconds: float, cold: bool) -> tuple[str, str]:
    """The build-time targets: 1x under 2 s even cold; 100x under 10 s once the cache is warm."""
    if factor == 1 and cold:
        return f"< {TARGET_BUILD_1X_S:.0f} s", verdict(seconds < TARGET_BUILD_1X_S)
    if factor == 100 and not cold:
        return f"< {TARGET_BUILD_100X_S:.0f} s", verdict(seconds < TARGET_BUILD_100X_S)
    return "", ""


def markdown_report(report: dict[str, Any]) -> str:
    lines = [
        "# Benchmark report",
        "",
        f"{report['when']}, {report['machine']}; median of {report['runs']} whole-process `mkdocs build --strict` runs "
        "of each kind per scale. Cold: empty render cache. Warm: cache filled. The PDF and the cards alone: the render "
        "time a cold build logs for them.",
        "",
        "| measure | result | target | verdict |",
        "|---|---|---|---|",
    ]
    lines += [f"| {' | '.join(row)} |" for row in table_rows(report)]
    if report["home"]:
        lines += ["", "Home page resources (transfer bytes, from the Resource Timing API):", ""]
        lines += [f"- {resource['bytes']:>7} B  {resource['type']:<8} {resource['url']}" for resource in report["home"]["resources"]]
    return "\n".join(lines) + "\n"


def print_table(report: dict[str, Any]) -> None:
    rows = [("measure", "result", "target", "verdict"), *table_rows(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=",".join(map(str, SCALES)), help="data scales to build, e.g. 1,10 (default: 1,10,100)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"builds of each kind per scale (default: {RUNS})")
    parser.add_argument("--no-browser", action="store_true", help="skip the home page measurement in Chromium")
    return parser.parse_args()


def main() -> int:
    options = arguments()
    scales = tuple(int(scale) for scale in options.scales.split(","))
    if not options.no_browser and not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium (or pass --no-browser)", file=sys.stderr)
        return 2
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        print(f"Building {options.runs} times of each kind at each of {', '.join(f'{s}x' for s in scales)}:", flush=True)
        builds, plain_s, site = bench_builds(Path(work), scales, options.runs)
        home = None
        if not options.no_browser:
            print("Measuring the home page in Chromium...", flush=True)
            home = measure_home(site)
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
        "runs": options.runs,
        "plain_s": plain_s,
        "builds": builds,
        "growth": growth(builds),
        "home": home,
        "targets": {
            "build_1x_cold_s": TARGET_BUILD_1X_S,
            "build_100x_warm_s": TARGET_BUILD_100X_S,
            "warm_vs_plain": TARGET_WARM_VS_PLAIN,
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
