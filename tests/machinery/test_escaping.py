"""Each output language has one escaping function, and each holds against the text that broke it once.

Markdown: `escape_for_markdown` (what `{{ profile.* }}` puts into a page), read
by Python-Markdown with the site's own extensions. BibTeX: `bibtex_entry`,
read back by bibtexparser. XML and every other output: `text_problems`
refuses at load time what XML 1.0 cannot carry. (HTML escaping is Jinja's
autoescape, tested on built pages in test_rendering.py.)
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from site_helpers import ROOT, latex_to_text, load_mkdocs_config, one, parse_bibtex

from macros.data.kinds import KINDS_BY_NAME
from macros.data.text_check import text_problems
from macros.data.yaml_source import read_yaml
from macros.outputs.citations.bibtex import bibtex_entry
from macros.shared.inline_markdown import escape_for_markdown, render_inline

HOSTILE = [
    "A title { #stolen .evil onclick=alert(1) }",
    "Role\n\n# Injected heading\n\n- injected item\n\n> quoted",
    '```\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n```',
    "pf-html-block-3 {{ page.title }} {% raw %} {#",
    "*em* _em_ `code` [link](https://example.org) ![img](https://tracker.example/p.gif) <b>b</b> &amp; | a | b |",
    "1. not a list",
    "- not a list",
    "=== not a heading",
    "\\ \\\\ \\* trailing backslash \\",
]


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions of the site's mkdocs.yml, as MkDocs reads a page."""
    extensions, configs = [], {}
    for extension in load_mkdocs_config(ROOT)["markdown_extensions"]:
        name, config = next(iter(extension.items())) if isinstance(extension, dict) else (extension, {})
        extensions.append(name)
        configs[name] = config or {}
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_profile_text_in_a_heading_or_at_a_line_start_stays_that_text(text: str) -> None:
    escaped = escape_for_markdown(text)
    html = site_markdown().convert(f"## {escaped}\n\n{escaped}\n")
    soup = BeautifulSoup(html, "html.parser")
    one(soup, "h2 > a.headerlink").decompose()  # the toc extension's own permalink
    assert [element.name for element in soup.find_all(True)] == ["h2", "p"], html
    assert one(soup, "h2").get_text() == words(text) and one(soup, "p").get_text() == words(text)
    assert set(one(soup, "h2").attrs) <= {"id"} and not one(soup, "p").attrs


@pytest.mark.parametrize("text", HOSTILE)
def test_a_bibtex_entry_has_exactly_its_own_fields_whatever_they_hold(text: str) -> None:
    pub = {
        "key": "fictional2024",
        "type": "conference",
        "title": text,
        "authors": [text, "Rowan Fixture"],
        "authors_abridged": False,
        "venue": text,
        "venue_full": None,
        "year": 2024,
        "pages": None,
        "links": {"paper": "https://example.org/a}b{c\\d", "doi": "10.1000/x}y"},
    }
    [entry] = parse_bibtex(bibtex_entry(pub))
    assert entry["ID"] == "fictional2024"
    assert set(entry) == {"ID", "ENTRYTYPE", "title", "author", "booktitle", "year", "doi", "url"}
    # LaTeX sets backticks as quotation marks in any field: typography, not structure.
    if "`" not in text:
        assert latex_to_text(entry["title"]) == words(text)
        assert latex_to_text(entry["booktitle"]) == words(text)
    assert "{" not in entry["url"] and "}" not in entry["url"] and "\\" not in entry["url"]


@pytest.mark.parametrize(
    "text",
    ["A \x01 control", "A \x00 null", "DEL \x7f", "NEL \x85", "U+FFFE \ufffe", "U+10FFFF \U0010ffff", "U+FDD0 \ufdd0"],
)
def test_characters_xml_cannot_carry_are_refused_with_their_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "press.yml"
    path.write_text(yaml.safe_dump([{"outlet": "Fine", "topic": text}]), encoding="utf-8")
    [problem] = text_problems(read_yaml(path, "data/press.yml"), KINDS_BY_NAME["press"].label)
    assert str(problem).startswith("data/press.yml:2: entry 1 (Fine), field 'topic': the character U+")


@pytest.mark.parametrize("text", ["\u200b", "\u00a0\u2060", "\ufeff \u3000", "\u3164"])
def test_text_that_shows_nothing_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "press.yml"
    path.write_text(yaml.safe_dump([{"outlet": text}]), encoding="utf-8")
    [problem] = text_problems(read_yaml(path, "data/press.yml"))
    assert "shows nothing" in str(problem)


def test_inline_markdown_keeps_emphasis_code_and_links_and_shows_an_image_as_the_text_written() -> None:
    html = str(render_inline("*em* `code` [link](https://example.org) ![pixel](https://tracker.example/p.gif)"))
    soup = BeautifulSoup(html, "html.parser")
    assert [element.name for element in soup.find_all(True)] == ["em", "code", "a"]
    assert soup.get_text().endswith("![pixel](https://tracker.example/p.gif)")
