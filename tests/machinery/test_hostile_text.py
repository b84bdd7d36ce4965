"""Text an attacker writes into data/ (a co-author's pull request, a downloaded .bib) stays text in every output.

Each attack below was a working exploit once: a paper title that closed the
BibTeX code fence and redirected visitors, a title that added entries to
publications.bib, profile text that became heading attributes or another
macro's HTML, images that tracked visitors, values with a trailing line
break or control characters that broke the feed or the folder names. The
fixture project gets them all at once; a value either shows as text or the
build stops with one data error line naming it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_helpers import chromium, served
from bs4 import BeautifulSoup
from site_helpers import (
    build_site,
    edit_data,
    fixture_project,
    latex_to_text,
    one,
    optional_attribute,
    parse_bibtex,
    publication,
    read_page,
    run_mkdocs,
)

EVIL = "https://evil.example/"
FENCE_TITLE = f'Closing the fence\n```\n<meta http-equiv="refresh" content="0;url={EVIL}">\n```\nafter'
BIBTEX_TITLE = "x}, note = {\\input{/etc/passwd}}} @misc{evil2024, title = {pwned"
LITERAL_TITLE = "Literal } { \\ ~ ^ @ % & $ # _ characters"
ATTRIBUTE_TITLE = "A vision { #stolen .evil onclick=alert(1) }"
BLOCKS_ROLE = "Role\n\n# Injected heading\n\n- injected item\n\n```\nfenced\n```\n\npf-html-block-3 pf-html-block-9999"
TRACKER = "https://tracker.example/p.gif"
IMAGE_TEXT = f"See ![a pixel]({TRACKER}) here"


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with every attack that must end up as text, built."""
    project = fixture_project(tmp_path_factory.mktemp("attacked") / "project")

    def publications(data: list[dict[str, Any]]) -> None:
        publication(data, "widgetgit")["title"] = FENCE_TITLE
        publication(data, "gadget-serving")["title"] = BIBTEX_TITLE
        publication(data, "widget-attacks")["title"] = LITERAL_TITLE
        publication(data, "big-benchmark")["summary"] = IMAGE_TEXT

    def profile(data: dict[str, Any]) -> None:
        data["vision"]["title"] = ATTRIBUTE_TITLE
        data["role"] = BLOCKS_ROLE

    def news(data: list[dict[str, Any]]) -> None:
        data[0]["text"] = IMAGE_TEXT

    edit_data(project, "publications", publications)
    edit_data(project, "profile", profile)
    edit_data(project, "news", news)
    return build_site(project, project / "site")


def pages(site: Path) -> dict[Path, BeautifulSoup]:
    return {page: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser") for page in site.rglob("*.html")}


def words(text: str) -> str:
    return " ".join(text.split())


def test_a_title_cannot_close_the_bibtex_block_or_add_a_redirect(attacked: Path) -> None:
    for page, soup in pages(attacked).items():
        assert not soup.select("meta[http-equiv=refresh], meta[http-equiv=Refresh]"), page
    paper = read_page(attacked, "publications/widgetgit")
    block = one(paper, "#cite ~ .highlight code").get_text()
    assert parse_bibtex(block)[0]["ID"] == "widgetgit"
    assert words(FENCE_TITLE) in words(one(paper, "h1").get_text())


def test_in_chromium_the_attacked_pages_stay_put_and_hold_no_element_from_the_data(attacked: Path) -> None:
    """What a visitor's browser makes of the pages: no redirect, no handler, no tracker, no heading from a value."""
    with served(attacked) as base, chromium() as browser:
        page = browser.new_page()
        foreign: list[str] = []
        page.on("request", lambda request: None if request.url.startswith(base) else foreign.append(request.url))
        for url in ("publications/widgetgit/", "publications/big-benchmark/", "", "vision/", "cv/", "timeline/"):
            page.goto(base + url, wait_until="load")
            # A refresh with a zero delay would already be under way by now.
            page.wait_for_timeout(300)
            assert page.url == base + url
            found = page.evaluate(
                """() => ({
                    refresh: document.querySelectorAll('meta[http-equiv]:not([http-equiv="Content-Security-Policy"])').length,
                    handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                    injected: document.querySelectorAll('#stolen, .evil').length,
                    images: [...document.images].filter(i => i.src.includes('tracker.example')).length,
                    headings: [...document.querySelectorAll('h1, h2, h3')].filter(h => h.textContent.includes('Injected heading')
                        && !h.textContent.includes('Role')).length,
                })"""
            )
            assert found == {"refresh": 0, "handlers": 0, "injected": 0, "images": 0, "headings": 0}, (url, found)
        assert foreign == []


def test_publications_bib_has_exactly_one_entry_per_paper_with_its_own_title(attacked: Path) -> None:
    entries = parse_bibtex((attacked / "publications.bib").read_text(encoding="utf-8"))
    data = yaml.safe_load((attacked.parent / "data" / "publications.yml").read_text(encoding="utf-8"))
    assert sorted(entry["ID"] for entry in entries) == sorted(pub["key"] for pub in data)
    titles = {entry["ID"]: latex_to_text(entry["title"]) for entry in entries}
    # LaTeX sets the fence title's backticks as quotation marks, as it does in any title: typography, not structure.
    for key, title in (("gadget-serving", BIBTEX_TITLE), ("widget-attacks", LITERAL_TITLE)):
        assert titles[key] == words(title)
    assert not any("note" in entry or "\\input" in value for entry in entries for value in entry.values())


def test_profile_text_cannot_add_attributes_blocks_or_other_macros_html(attacked: Path) -> None:
    for url in ("", "vision", "cv"):
        page = read_page(attacked, url)
        content = page.select_one("article") or page
        assert not content.select("[onclick], #stolen, .evil"), url
        assert not [heading for heading in content.select("h1, h2, h3") if "Injected heading" in heading.get_text()], url
        assert "injected item" not in " ".join(item.get_text() for item in content.select("li")), url
    vision = read_page(attacked, "vision")
    assert words(ATTRIBUTE_TITLE) in [words(h2.get_text()).rstrip("¶").strip() for h2 in vision.select("h2")]
    cv = one(read_page(attacked, "cv"), ".pf-cv-head").get_text()
    assert words(BLOCKS_ROLE) in words(cv)


def test_inline_markdown_makes_no_image_on_pages_or_in_the_feed(attacked: Path) -> None:
    for page, soup in pages(attacked).items():
        assert not [img for img in soup.find_all("img") if "tracker.example" in (optional_attribute(img, "src") or "")], page
    feed = (attacked / "feed.xml").read_text(encoding="utf-8")
    ElementTree.fromstring(feed)
    assert "<img" not in feed and "&lt;img" not in feed
    assert "a pixel" in feed


def refused_lines(project: Path) -> list[str]:
    """The ERROR lines of a strict command-line build that must fail; never a traceback, no page written."""
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert not (project / "site" / "index.html").exists()
    return [line.split("-  ", 1)[1] for line in output.splitlines() if line.startswith("ERROR")]


def test_values_no_output_can_carry_are_refused_each_with_its_line(project: Path) -> None:
    def publications(data: list[dict[str, Any]]) -> None:
        data[0]["key"] = "nl\n"
        data[2]["key"] = "k" * 300
        data[3]["title"] = "A \x01 control"
        data[4]["title"] = "A \0 null"
        data[5]["title"] = "A \ufffe non-character"

    def news(data: list[dict[str, Any]]) -> None:
        data[1]["date"] = "2024-05\n"
        data[2]["text"] = "\u200b\u200b\u2060"

    def awards(data: list[dict[str, Any]]) -> None:
        data[0]["name"] = "\u00a0\u00a0"

    def press(data: list[dict[str, Any]]) -> None:
        data[0]["outlet"] = "A lone \ud800 surrogate"

    def profile(data: dict[str, Any]) -> None:
        data["name"] = "N" * 300

    changes = {"publications": publications, "news": news, "awards": awards, "press": press, "profile": profile}
    for name, change in changes.items():
        edit_data(project, name, change)
    lines = refused_lines(project)
    expected = [
        ("publications.yml", "entry 1 (nl\\n), field 'key'", "lowercase letters"),
        ("publications.yml", "field 'key'", "at most 64"),
        ("publications.yml", "entry 4 (big-benchmark), field 'title'", "U+0001"),
        ("publications.yml", "entry 5 (early-workshop), field 'title'", "U+0000"),
        ("publications.yml", "entry 6 (gadget-preprint), field 'title'", "U+FFFE"),
        ("news.yml", "field 'date'", "a month written as YYYY-MM"),
        ("news.yml", "field 'text'", "shows nothing"),
        ("awards.yml", "entry 1 (\\xa0\\xa0), field 'name'", "shows nothing"),
        ("press.yml", "", "invalid Unicode character escape"),
        ("profile.yml", "field 'name'", "at most 100 characters"),
    ]
    for file, where, problem in expected:
        assert [line for line in lines if line.startswith(f"data/{file}:") and where in line and problem in line], (where, lines)
    assert all("\n" not in line for line in lines)


def test_a_key_cannot_take_the_address_of_a_page_the_site_already_has(project: Path) -> None:
    (project / "docs" / "publications").mkdir()
    (project / "docs" / "publications" / "reading-list.md").write_text("# Reading list\n", encoding="utf-8")

    def publications(data: list[dict[str, Any]]) -> None:
        data[0]["key"] = "index"
        data[1]["key"] = "reading-list"

    edit_data(project, "publications", publications)
    lines = refused_lines(project)
    for number, key in ((1, "index"), (2, "reading-list")):
        where = f"entry {number} ({key}), field 'key': the site already uses publications/{key}/"
        assert [line for line in lines if line.startswith("data/publications.yml:") and where in line], lines


@pytest.mark.parametrize(
    "text, problem",
    [
        (
            "- &a [x, x, x, x, x, x, x, x, x]\n- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "- &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n- &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
            "- &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n- &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
            "- &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n- &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n",
            "repeat more than 10,000 values",
        ),
        ("- &loop [*loop]\n", "stands for a value that contains it"),
        ("- " + "[" * 3000 + "]" * 3000 + "\n", "nested hundreds of levels deep"),
    ],
    ids=["alias bomb", "alias loop", "deep nesting"],
)
def test_yaml_that_expands_without_end_is_refused_at_once(project: Path, text: str, problem: str) -> None:
    (project / "data" / "press.yml").write_text(text, encoding="utf-8")
    lines = refused_lines(project)
    assert [line for line in lines if line.startswith("data/press.yml") and problem in line], lines


def test_a_data_file_that_cannot_be_read_is_one_line_each(project: Path) -> None:
    (project / "data" / "press.yml").unlink()
    (project / "data" / "press.yml").mkdir()
    (project / "data" / "awards.yml").unlink()
    (project / "data" / "awards.yml").symlink_to("awards.yml")
    lines = refused_lines(project)
    assert [line for line in lines if line.startswith("data/press.yml: this is a folder")], lines
    assert [line for line in lines if line.startswith("data/awards.yml: the file is a symbolic link that leads back")], lines


def test_crlf_and_a_byte_order_mark_read_as_plain_yaml(project: Path) -> None:
    path = project / "data" / "news.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    site = build_site(project, project / "site")
    assert isinstance(ElementTree.parse(site / "feed.xml").getroot(), ElementTree.Element)
