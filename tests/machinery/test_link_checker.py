"""The offline link checker (scripts/check_links.py) finds broken links, missing alt text and unsafe links."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from site_helpers import ROOT

from scripts.check_links import check_site

SCRIPT = ROOT / "scripts" / "check_links.py"


def make_site(root: Path, pages: dict[str, str]) -> Path:
    """A tiny built site: relative path -> the <body> of that page."""
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>", encoding="utf-8")
    return root


def only_problem(site: Path) -> str:
    problems = check_site(site)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_clean_site_with_every_kind_of_valid_link_has_no_problems(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "index.html": (
                '<a href="#">top</a> <a href="about/">about</a> <a href="about/#team">team</a>'
                ' <a href="/about/index.html">about</a> <a href="assets/x.css">css</a>'
                ' <a href="mailto:someone@example.org">mail</a> <a href="https://example.org/x">ext</a>'
                ' <a href="https://example.org" target="_blank" rel="noopener noreferrer">new tab</a>'
                ' <img src="/assets/logo.png" alt=""> <a name="old-anchor"></a>'
            ),
            "about/index.html": '<h2 id="team">Team</h2><a href="../#old-anchor">home</a><a href="..">home</a>',
            "assets/x.css": "",
            "assets/logo.png": "",
        },
    )
    assert check_site(site) == []


def test_a_link_to_a_page_that_was_not_built_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="missing/">gone</a>'})
    problem = only_problem(site)
    assert problem.startswith("index.html: ")
    assert "missing/index.html" in problem


def test_a_root_relative_link_to_a_missing_asset_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"about/index.html": '<img src="/img/me.png" alt="me">'})
    assert "img/me.png" in only_problem(site)


def test_a_link_to_a_missing_fragment_on_another_page_is_reported(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {"index.html": '<a href="about/#contact">contact</a>', "about/index.html": '<h2 id="team">Team</h2>'},
    )
    problem = only_problem(site)
    assert "'contact'" in problem and "about/index.html" in problem


def test_a_link_to_a_missing_fragment_on_the_same_page_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"cv/index.html": '<a href="#contact">contact</a>'})
    assert "'contact'" in only_problem(site)


def test_an_image_without_alt_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<img src="me.png">', "me.png": ""})
    assert "no alt attribute" in only_problem(site)


def test_a_new_tab_link_without_noopener_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="https://example.org" target="_blank" rel="noreferrer">x</a>'})
    assert "noopener" in only_problem(site)


def test_a_javascript_link_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="javascript:alert(1)">x</a>'})
    assert "not http(s)" in only_problem(site)


def test_a_link_above_the_site_root_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="../outside.html">x</a>'})
    assert "above the site root" in only_problem(site)


def test_the_command_line_prints_one_line_per_problem_and_exits_1(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<img src="a.png"><a href="b/">b</a>'})
    result = subprocess.run([sys.executable, str(SCRIPT), str(site)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3, lines  # a.png missing, its alt missing, b/ missing
    assert all(line.startswith("index.html: ") for line in lines)


def test_the_command_line_exits_0_on_a_clean_site(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="#">top</a>'})
    result = subprocess.run([sys.executable, str(SCRIPT), str(site)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
