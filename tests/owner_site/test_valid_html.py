"""Every built page is valid HTML by the W3C Nu HTML checker, apart from errors inside Material's own templates.

The checker (vnu.jar, from the npm package vnu-jar pinned in
tests/html-checker/) runs once, in one Java process, over all pages. `make test`
installs it into .cache/html-checker/; without it or without Java the test is
skipped with a message, and under CI (`CI=true`) it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_helpers import ROOT

VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".cache" / "html-checker" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))
CHECK_TIMEOUT = 300  # seconds; one Java start and every page, on a busy 2-core machine

# A Java run over every page; the fork test leaves it out.
pytestmark = pytest.mark.expensive


@dataclass(frozen=True)
class UpstreamError:
    """An error in markup that Material 9.8.1 writes outside any block an override can safely change."""

    message: str
    extract: str
    reason: str

    def matches(self, report: dict) -> bool:
        return report["message"].startswith(self.message) and self.extract in report.get("extract", "")


KNOWN_UPSTREAM_ERRORS = (
    UpstreamError(
        "Attribute “autocomplete” is only allowed when the input type is",
        'class="md-toggle"',
        "base.html writes it on the drawer and search checkboxes, outside any block, so Firefox does not reopen them on reload.",
    ),
    UpstreamError(
        "Bad value “” for attribute “tabindex” on element “label”",
        'class="md-nav__link',
        "nav-item.html marks section labels so; Material's script finds them by `label[tabindex]` to keep aria-expanded in step.",
    ),
)


def html_checker() -> Path:
    missing = []
    if not VNU_JAR.is_file():
        missing.append(f"the Nu HTML checker is not installed at {VNU_JAR} (make test installs it with npm)")
    if shutil.which("java") is None:
        missing.append("Java is not installed (apt-get install default-jre-headless)")
    if missing:
        message = "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must check the HTML")
        pytest.skip(message)
    return VNU_JAR


def checker_reports(jar: Path, pages: list[Path]) -> list[dict]:
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout", "--exit-zero-always", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["messages"]


def describe(report: dict, site: Path) -> str:
    page = report.get("url", "").removeprefix("file:").removeprefix(str(site)) or "?"
    return f"{page}:{report.get('lastLine', '?')}: {report['message']} [{report.get('extract', '').strip()}]"


def test_every_page_is_valid_html_apart_from_materials_known_errors(built_site: Path, tmp_path: Path) -> None:
    jar = html_checker()
    pages = sorted(built_site.rglob("*.html"))
    assert built_site / "404.html" in pages
    # A copy of the home page with one error of ours shows, in the same run, that the checker reports such errors.
    control = tmp_path / "control.html"
    html = (built_site / "index.html").read_text(encoding="utf-8")
    control.write_text(html.replace("</main>", '<p><a href="x" href="y">twice</a></p></main>', 1), encoding="utf-8")

    reports = checker_reports(jar, [*pages, control])
    control_reports = [report for report in reports if report.get("url", "").endswith(f"/{control.name}")]
    assert any("Duplicate attribute “href”" in report["message"] for report in control_reports), control_reports
    ours = [
        describe(report, built_site)
        for report in reports
        if report not in control_reports and report["type"] != "info" and not any(known.matches(report) for known in KNOWN_UPSTREAM_ERRORS)
    ]
    assert ours == []
