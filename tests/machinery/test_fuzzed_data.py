"""Whatever text the data holds, a build shows it as text or refuses it with data errors, and nothing else.

Hypothesis puts generated text (HTML, Markdown, Jinja, Typst, YAML-special
strings, long, empty, right-to-left and combining text) into one text field
of the fixture data at a time, written quoted or as the owner might type it
unquoted, and builds the site. `make test` runs a few fixed examples;
`make fuzz` runs many random ones (HYPOTHESIS_PROFILE=fuzz; FUZZ_EXAMPLES sets how many, 300 by default).
"""

from __future__ import annotations

import json
import logging
import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort, PluginError
from site_helpers import FIXTURE_PROJECT, ROOT, build_site, fixture_project, optional_attribute, parse_bibtex

from macros.data.yaml_source import read_yaml

settings.register_profile(
    "ci",
    max_examples=8,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Text that would show up in the output only if data were evaluated as a template.
JINJA_MARK, TYPST_MARK = "fuzzjinjaran", "fuzztypstran"
SEEDS = [
    '<script>alert("fuzz")</script>',
    '<img src=x onerror=alert(1) data-fuzz="tag">',
    '<b data-fuzz="bold">bold</b>',
    '{{ "fuzzjinja" ~ "ran" }}',
    "{% if true %}fuzzjinja{% endif %}ran",
    "{% raw %}",
    "{#",
    '#("fuzztypst" + "ran")',
    "#set page(width: 1pt)",
    "$x^2$ ] * _ ` @label <tag>",
    "*emphasis* and [a link](https://example.org) and [bad](javascript:alert(1))",
    "yes",
    "no",
    "null",
    "~",
    "2025-06",
    "123",
    "- item",
    "key: value",
    "& &amp; &lt; \\ ' \"",
    "مرحبا بالعالم",
    "\u202eevil\u202c",
    "e\u0301 n\u0303 a\u0308",
    "",
    " ",
    "x" * 600,
    # Closing a code fence, then raw HTML that would redirect the visitor.
    '\n```\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n```\n',
    "``` backticks ` `` ```",
    # Closing a BibTeX field and opening a new entry.
    "x}, note = {\\input{/etc/passwd}}} @misc{fuzz2024, title = {pwned",
    "{ } {{ }} \\ \\\\ \\{ \\}",
    "line one\nline two\r\n\nline three",
    "\x01 \x00 \x1f \x7f \x85 \ufffe \uffff",
    "\u200b\u200b",
    "\u00a0",
    # Markdown's attribute lists and the macros' placeholder tokens.
    "Heading { #fuzz-id .fuzz-class onclick=alert(1) data-fuzz=attr }",
    "pf-html-block-0 pf-html-block-3 pf-html-block-9999",
    "![fuzz image](https://tracker.example/p.gif)",
]
# Hostile characters one at a time, mixed into generated text.
ALPHABET = st.sampled_from([*"`{}\\\n\r\t#*_[]()<>!|~^@%&$=:-+.\"'", "\x00", "\x01", "\u200b", "\ufffe", "```", "{{", "}}", "{ #"])


def text_fields(schema_dir: Path, data_dir: Path) -> list[tuple[str, tuple[str | int, ...]]]:
    """(file, path) of every value whose schema is common text or inline Markdown, in the fixture data."""
    found: list[tuple[str, tuple[str | int, ...]]] = []
    for data_file in sorted(data_dir.glob("*.yml")):
        schema = json.loads((schema_dir / f"{data_file.stem}.schema.json").read_text(encoding="utf-8"))
        data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        found += [(data_file.name, path) for path in _text_paths(data, schema, schema, ())]
    return found


def _text_paths(value: Any, schema: dict[str, Any], root: dict[str, Any], path: tuple[str | int, ...]) -> list:
    ref = schema.get("$ref", "")
    if ref.startswith("#/"):
        schema = root["$defs"][ref.rsplit("/", 1)[1]]
    elif ref.endswith(("/text", "/inline_markdown")):
        return [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _text_paths(item, schema.get("properties", {}).get(key, {}), root, (*path, key))]
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [p for index, item in enumerate(value) for p in _text_paths(item, schema["items"], root, (*path, index))]
    return []


FIELDS = text_fields(ROOT / "data" / "schemas", FIXTURE_PROJECT / "data")
PLACEHOLDER = "FUZZ-PLACEHOLDER-7d1e"


def hostile_text() -> st.SearchStrategy[str]:
    seeds = st.sampled_from(SEEDS)
    mixed = st.lists(st.one_of(seeds, st.text(max_size=12)), min_size=1, max_size=4).map(" ".join)
    hostile = st.lists(st.one_of(ALPHABET, st.text(max_size=4)), min_size=1, max_size=12).map("".join)
    return st.one_of(seeds, mixed, hostile, st.text(max_size=40))


def put(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def write_field(project: Path, file: str, path: tuple[str | int, ...], text: str, quoted: bool) -> None:
    """Quoted: as a YAML emitter writes the string. Unquoted: typed raw after the colon, as a person might."""
    data_file = project / "data" / file
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    put(data, path, text if quoted else PLACEHOLDER)
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    data_file.write_text(dumped if quoted else dumped.replace(PLACEHOLDER, text), encoding="utf-8")


def visible_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def assert_shown_as_text(site: Path, value: Any) -> None:
    pages = {page: page.read_text(encoding="utf-8") for page in site.rglob("*.html")}
    for page, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select("[data-fuzz], [onerror]"), f"{page}: a tag from data became markup"
        assert not [
            script for script in soup.find_all("script") if "fuzz" in (script.string or "") and script.get("type") != "application/ld+json"
        ], page
        assert not soup.select("meta[http-equiv=refresh], #fuzz-id, .fuzz-class, [onclick]"), f"{page}: data added markup"
        assert not [img for img in soup.find_all("img") if "tracker.example" in (optional_attribute(img, "src") or "")], page
        assert not re.search(r"pf-html-block-[0-9a-f]{16}-", html), f"{page}: a macro placeholder was left in the page"
    for output in [*pages.values(), *(path.read_text("utf-8") for path in site.glob("*.xml")), (site / "publications.bib").read_text("utf-8")]:
        assert JINJA_MARK not in output and TYPST_MARK not in output, "text from data was evaluated as a template"
    for feed in site.glob("*.xml"):
        ElementTree.parse(feed)
    keys = [pub["key"] for pub in read_yaml(site.parent / "data" / "publications.yml", "data/publications.yml").data]
    assert sorted(entry["ID"] for entry in parse_bibtex((site / "publications.bib").read_text("utf-8"))) == sorted(keys)
    for pdf in site.rglob("*.pdf"):
        from pypdf import PdfReader

        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert TYPST_MARK not in text and JINJA_MARK not in text, f"{pdf.name}: data was evaluated as Typst"
    words = " ".join(str(value).split())
    if words and not re.search(r"[*_`\[\]<>&\\]", words):
        assert any(words in visible_text(html) for html in pages.values()), f"{words!r} is shown on no page"


class ErrorLines(logging.Handler):
    """The ERROR lines a build prints, as `mkdocs build` would show them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def assert_refused_with_data_errors(error: BaseException, printed: list[str]) -> None:
    # MkDocs prints these two kinds as ERROR lines; any other exception would end in a traceback.
    assert isinstance(error, (PluginError, Abort)), f"{type(error).__name__}: {error}"
    lines = printed + ([str(error)] if isinstance(error, PluginError) else [])
    assert any(line.startswith("data/") for line in lines), lines
    assert all("\n" not in line.strip() for line in lines), lines


@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "unquoted"])
@given(field=st.sampled_from(FIELDS), text=hostile_text())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_text_in_any_field_is_shown_as_text_or_refused_as_a_data_error(
    tmp_path_factory: pytest.TempPathFactory, quoted: bool, field: tuple[str, tuple[str | int, ...]], text: str
) -> None:
    project = fixture_project(tmp_path_factory.mktemp("fuzz") / "project")
    file, path = field
    write_field(project, file, path, text, quoted)
    errors = ErrorLines()
    logging.getLogger("mkdocs").addHandler(errors)
    try:
        site = build_site(project, project / "site")
    except Exception as error:  # noqa: BLE001 - what matters is which kind it is
        assert_refused_with_data_errors(error, errors.lines)
        assert not (project / "site" / "index.html").exists(), "a refused build left pages behind"
        return
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
    # Read back as the build read it: libyaml accepts a few things (a trailing tab) that PyYAML's Python parser does not.
    value = read_yaml(project / "data" / file, f"data/{file}").data
    for step in path:
        value = value[step]
    assert_shown_as_text(site, value)
