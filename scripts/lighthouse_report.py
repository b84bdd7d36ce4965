"""Lighthouse (mobile) on every page of the site: `make lighthouse`.

Usage: python -m scripts.lighthouse_report [--runs N] [--only TEXT] [--site DIR] [--cpu-slowdown X]

Builds the site strictly into a temporary folder (or takes --site, already
built), serves it from 127.0.0.1 as GitHub Pages does (gzip, the 404 page),
and runs the Lighthouse pinned in scripts/lighthouse/ with Debian's Chromium,
--runs times per page (3 by default), with its CPU slowdown calibrated for
this machine (see calibrated_slowdown). The median of each figure goes into
test-artifacts/lighthouse/report.json and report.md: the four category
scores, first contentful paint, layout shift, requests and bytes sent, and
the audits that cost points. tests/owner_site/test_lighthouse_report.py
checks the goals against the latest report when there is one; timing is never
a test of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scripts.site_server import serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
OUTPUT = ROOT / "test-artifacts" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Headless, and kept from calling out: the network here reaches package registries only.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
# Lighthouse slows the CPU 4x by default, which its docs (docs/throttling.md, "Calibrating the CPU slowdown") tune
# for a high-end desktop, benchmark index 1,500-2,000: the middle of that bracket, 1,750, comes out at a mid-tier
# phone's 437.5. Those docs ask a slower or faster machine to calibrate (PageSpeed Insights runs at 1.2x on its
# servers): the same phone is then index / 437.5 away.
DEFAULT_SLOWDOWN = 4.0
HIGH_END_DESKTOP_INDEX = 1750.0
CALIBRATION_RUNS = 3


@dataclass
class PageReport:
    """One page's medians over the runs; `lost` names each audit that cost points in any run."""

    address: str
    scores: dict[str, int]
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    cls: float
    requests: int
    transfer_bytes: int
    lost: list[str] = field(default_factory=list)


def site_addresses(site: Path) -> list[str]:
    """Every page of the built site, as its address: each index.html's folder, and the 404 page."""
    pages = sorted(path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html") if "assets" not in path.parts)
    addresses = ["" if page == "./" else page for page in pages]
    return [*addresses, "404.html"] if (site / "404.html").is_file() else addresses


def calibrated_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that makes this machine the mid-tier phone Lighthouse's default makes of a high-end desktop."""
    return max(1.0, round(DEFAULT_SLOWDOWN * benchmark_index / HIGH_END_DESKTOP_INDEX, 2))


def run_lighthouse(url: str, cpu_slowdown: float) -> dict[str, Any]:
    """One Lighthouse run on `url` (mobile, Lighthouse's default network), as its JSON result."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout)


def benchmark_index(run: dict[str, Any]) -> float:
    """Lighthouse's measure of this machine's CPU in that run ("CPU/Memory Power" in its report)."""
    return float(run["environment"]["benchmarkIndex"])


def figures(run: dict[str, Any]) -> dict[str, Any]:
    audits = run["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "scores": {name: round(run["categories"][name]["score"] * 100) for name in CATEGORIES},
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        # data: URLs (Material's inline icons) are no request on the wire.
        "requests": sum(1 for item in requests if not item["url"].startswith("data:")),
        "transfer_bytes": sum(item.get("transferSize", 0) for item in requests),
        "lost": sorted(lost_audits(run)),
    }


def lost_audits(run: dict[str, Any]) -> set[str]:
    """The audits that count towards a category's score and did not score full marks."""
    lost = set()
    for category in run["categories"].values():
        for reference in category["auditRefs"]:
            audit = run["audits"][reference["id"]]
            if reference["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.add(f"{reference['id']} ({audit.get('displayValue') or round(audit['score'] * 100)})")
    return lost


def page_report(address: str, runs: list[dict[str, Any]]) -> PageReport:
    measured = [figures(run) for run in runs]

    def median(name: str) -> Any:
        return statistics.median(figure[name] for figure in measured)

    return PageReport(
        address=address,
        scores={name: statistics.median_low(figure["scores"][name] for figure in measured) for name in CATEGORIES},
        fcp_ms=median("fcp_ms"),
        lcp_ms=median("lcp_ms"),
        tbt_ms=median("tbt_ms"),
        cls=median("cls"),
        requests=statistics.median_low(figure["requests"] for figure in measured),
        transfer_bytes=statistics.median_low(figure["transfer_bytes"] for figure in measured),
        lost=sorted({audit for figure in measured for audit in figure["lost"]}),
    )


def markdown_table(reports: list[PageReport], runs: int, machine: dict[str, float]) -> str:
    lines = [
        f"# Lighthouse (mobile), median of {runs} run(s) per page",
        "",
        f"CPU slowed {machine['cpu_slowdown']}x on a machine of benchmark index {machine['benchmark_index']:.0f} "
        f"(Lighthouse's 4x assumes {HIGH_END_DESKTOP_INDEX:.0f}; see scripts/lighthouse_report.py).",
        "",
        "| page | perf | a11y | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | requests | KiB | points lost to |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for report in reports:
        scores = " | ".join(str(report.scores[name]) for name in CATEGORIES)
        lines.append(
            f"| /{report.address} | {scores} | {report.fcp_ms:.0f} | {report.lcp_ms:.0f} | {report.tbt_ms:.0f} | "
            f"{report.cls:.3f} | {report.requests} | {report.transfer_bytes / 1024:.1f} | {'; '.join(report.lost) or '-'} |"
        )
    return "\n".join(lines) + "\n"


def build_site(destination: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(destination)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"The site does not build:\n{result.stderr}")
    return destination


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the report gives medians")
    parser.add_argument("--only", default="", help="only the pages whose address contains this text")
    parser.add_argument("--site", type=Path, help="a built site to measure instead of building one")
    parser.add_argument("--cpu-slowdown", type=float, help="Lighthouse's CPU slowdown (default: calibrated for this machine)")
    arguments = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"Lighthouse is not installed at {LIGHTHOUSE}: run `make lighthouse`, which installs it")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temporary:
        site = arguments.site or build_site(Path(temporary) / "site")
        addresses = [address for address in site_addresses(site) if arguments.only in address]
        started = time.monotonic()
        reports = []
        indexes: list[float] = []
        with serve(site) as (url, _sent):
            slowdown = arguments.cpu_slowdown
            if slowdown is None:
                indexes = [benchmark_index(run_lighthouse(url, DEFAULT_SLOWDOWN)) for _ in range(CALIBRATION_RUNS)]
                slowdown = calibrated_slowdown(statistics.median(indexes))
                print(f"benchmark index {statistics.median(indexes):.0f}: the CPU is slowed {slowdown}x", flush=True)
            for address in addresses:
                runs = [run_lighthouse(url + address, slowdown) for _ in range(arguments.runs)]
                indexes.extend(benchmark_index(run) for run in runs)
                reports.append(page_report(address, runs))
                print(f"/{address}: {reports[-1].scores} in {time.monotonic() - started:.0f} s", flush=True)
    machine = {"benchmark_index": statistics.median(indexes), "cpu_slowdown": slowdown}
    OUTPUT.mkdir(parents=True, exist_ok=True)
    report = {
        "runs": arguments.runs,
        "measured": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **machine,
        "pages": [asdict(r) for r in reports],
    }
    (OUTPUT / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (OUTPUT / "report.md").write_text(markdown_table(reports, arguments.runs, machine), encoding="utf-8")
    print(markdown_table(reports, arguments.runs, machine))


if __name__ == "__main__":
    main()
