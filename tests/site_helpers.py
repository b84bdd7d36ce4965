"""Helpers for tests: projects to build (the owner's, or the fictional fixture), builds in-process and on the command line,
and reading what they built (pages, the feed, the PDF CV)."""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pypdf
import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_PROJECT = FIXTURES / "project"
HOSTILE_DATA = FIXTURES / "hostile_data"
# BibTeX files as each exporter (dblp, ACM, Google Scholar, …) writes them, for the importer's tests.
BIBTEX = FIXTURES / "bibtex"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")
# What the site's machinery is made of; the fixture project brings its own pages, data and mkdocs.yml.
MACHINERY_PARTS = ("macros", "overrides", "docs/assets", "data/schemas")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def loaded(module: ModuleType) -> ModuleType:
    """The module as Python holds it now. A build run in this process made it forget the macros package a test
    imported (hooks/package_reload.py); what the machinery imports from then on, and pickles by name, is the copy
    Python holds now."""
    return importlib.import_module(module.__name__)


def copy_project(destination: Path) -> Path:
    """A copy of everything a build of the owner's site reads, so a test can change it freely."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        _copy(ROOT / part, destination / part)
    return destination


def fixture_project(destination: Path, data_overlay: Path | None = None) -> Path:
    """The fictional researcher of tests/fixtures/project, with the site's own machinery.

    Its mkdocs.yml inherits the template's configuration, macros/machinery.yml
    (copied in with macros/), as the site's mkdocs.yml does, and holds its own
    owner's settings, so the machinery is tested as the site configures it,
    never with the owner's pages, data or choices. `data_overlay` is a folder
    of data files that replace the fixture's.
    """
    destination.mkdir(parents=True, exist_ok=True)
    _copy(FIXTURE_PROJECT, destination)
    for part in MACHINERY_PARTS:
        _copy(ROOT / part, destination / part)
    if data_overlay is not None:
        for data_file in data_overlay.glob("*.yml"):
            shutil.copy2(data_file, destination / "data" / data_file.name)
    return destination


def set_extra(project: Path, settings: dict[str, Any]) -> None:
    """Settings under `extra:` in a project's mkdocs.yml, added to those it has (the file is written again by a YAML writer)."""
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    config["extra"] = {**(config.get("extra") or {}), **settings}
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _copy(source: Path, destination: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    elif source.exists():
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


def build_site(project: Path, site_dir: Path) -> Path:
    """Build like `mkdocs build --strict`, in this process, into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def run_mkdocs(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the mkdocs command line of this virtual environment in `project`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def read_page(site: Path, url: str) -> BeautifulSoup:
    """The built page at a site URL such as 'publications/'."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def one(scope: Tag, selector: str) -> Tag:
    """The first element under `scope` (a page or an element of it) that the CSS `selector` matches; none fails the test."""
    found = scope.select_one(selector)
    assert found is not None, f"no element matches the selector {selector!r}"
    return found


def attribute(tag: Tag, name: str) -> str:
    """A single-valued attribute of `tag` (href, id, content, …); a missing one, or a list such as class, fails the test."""
    value = tag.get(name)
    assert isinstance(value, str), f"<{tag.name}> has no single-valued attribute {name!r}: {value!r}"
    return value


def optional_attribute(tag: Tag, name: str) -> str | None:
    """A single-valued attribute of `tag`, or None when the tag lacks it; a list such as class fails the test."""
    value = tag.get(name)
    assert value is None or isinstance(value, str), f"<{tag.name}>: the attribute {name!r} is a list: {value!r}"
    return value


def following(element: Tag, name: str) -> Tag:
    """The first <name> element after `element` in the page (not only among its siblings); none fails the test."""
    found = element.find_next(name)
    assert found is not None, f"no <{name}> after <{element.name} id={element.get('id')!r}>"
    return found


def meta(page: Tag, name: str) -> list[str]:
    """The content of every <meta name=...> of a page, in page order."""
    return [attribute(tag, "content") for tag in page.find_all("meta", attrs={"name": name})]


def json_ld_blocks(page: Tag) -> list[Any]:
    """Every JSON-LD block of a page, parsed, in page order; an empty one fails the test."""
    blocks = []
    for script in page.find_all("script", type="application/ld+json"):
        assert script.string is not None, f"an empty JSON-LD block: {script}"
        blocks.append(json.loads(script.string))
    return blocks


def xml_child(element: ElementTree.Element, path: str) -> ElementTree.Element:
    """The first element at the ElementTree `path` under `element`, e.g. an Atom entry's "{…}updated"; none fails the test."""
    found = element.find(path)
    assert found is not None, f"<{element.tag}> has no {path}"
    return found


def xml_text(element: ElementTree.Element, path: str) -> str:
    """The text of the first element at `path` under `element`; a missing or an empty one fails the test."""
    text = xml_child(element, path).text
    assert text is not None, f"<{element.tag}>: {path} has no text"
    return text


def pdf_href(site: Path, page_url: str) -> str:
    """The PDF link that a page offers (the hero on the home page, the button on the CV page)."""
    links = read_page(site, page_url).select('a[type="application/pdf"]')
    assert len(links) == 1, f"{page_url or 'home'}: expected one link to the PDF CV, found {len(links)}"
    return attribute(links[0], "href")


def cv_path(site: Path) -> Path:
    """The PDF CV of a built site, found by the link of its home page."""
    return site / pdf_href(site, "")


def pdf_text(pdf: Path) -> str:
    """The PDF's text with all white space removed, so a title broken across lines still matches."""
    reader = pypdf.PdfReader(pdf)
    return "".join("".join(page.extract_text() for page in reader.pages).split())


def squeezed(text: str) -> str:
    """`text` without its white space, to look for in pdf_text()."""
    return "".join(text.split())


# The lists kept inside data/profile.yml rather than in a file of their own.
PROFILE_LISTS = ("education", "experience", "patents")
# Every kind the CV page and the PDF CV show, in their order, each with the field that names an entry of it.
CV_KINDS = {
    "education": "institution",
    "experience": "organization",
    "publications": "title",
    "awards": "name",
    "talks": "title",
    "teaching": "course",
    "service": "role",
    "software": "name",
    "mentoring": "name",
    "patents": "title",
    "press": "outlet",
    "languages": "name",
    "skills": "category",
}


def load_data(project: Path, name: str) -> Any:
    """One data file of a project, e.g. load_data(ROOT, "news").

    Every file but the profile holds a list of entries and may be left out: a
    missing one, or one with only its schema line, gives [].
    """
    path = project / "data" / f"{name}.yml"
    if name != "profile" and not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [] if data is None and name != "profile" else data


def edit_data(project: Path, name: str, change: Any) -> None:
    """Load one data file, let `change` edit it, and write it back as a YAML emitter would (escapes for control characters)."""
    path = project / "data" / f"{name}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


# One paper of each type the fixture project lacks (a book, a master's thesis, a patent, a poster), for tests to add.
MORE_PAPERS: list[dict[str, Any]] = [
    {
        "key": "widget-book",
        "title": "The Widget Book",
        "authors": ["Rowan Fixture"],
        "venue": "Widget Press",
        "type": "book",
        "year": 2025,
        "month": 6,
    },
    {
        "key": "widget-masters",
        "title": "Small Widgets",
        "authors": ["Rowan Fixture"],
        "venue": "Testville Institute",
        "type": "thesis",
        "degree": "MSc",
        "year": 2020,
    },
    {
        "key": "widget-patent",
        "title": "Method for Folding Widgets",
        "authors": ["Rowan Fixture", "Eve Mock"],
        "venue": "US Patent 0,000,001 (fictional)",
        "type": "patent",
        "year": 2024,
    },
    {
        "key": "widget-poster",
        "title": "Widgets on a Wall",
        "authors": ["Rowan Fixture"],
        "venue": "WSYS",
        "venue_full": "WSYS 2024 Posters",
        "type": "poster",
        "year": 2024,
        "links": {"poster": "https://example.org/widget-poster.pdf", "blog": "https://example.org/widget-poster-blog"},
    },
]


def publication(data: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """The paper of a loaded publications list with that key."""
    return next(pub for pub in data if pub["key"] == key)


# The importer as `make import-bib` runs it, from this repository's root.
IMPORT_BIB = (sys.executable, "-m", "scripts.bib_import")


def import_bib(project: Path, bib: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """The real importer of this repository (`python -m scripts.bib_import`, as `make import-bib` runs it), run on `project`."""
    return subprocess.run(
        [*IMPORT_BIB, "--project", str(project), *options, str(bib)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def load_entries(project: Path, kind: str) -> list[dict[str, Any]]:
    """A kind's entries, from its own file or, for education, experience and patents, from the profile; [] when it has none."""
    if kind in PROFILE_LISTS:
        return load_data(project, "profile").get(kind) or []
    return load_data(project, kind)


def nav_sources(project: Path) -> list[str]:
    """Every Markdown file the nav of mkdocs.yml names, in nav order (every page under docs/ when it has no nav)."""
    nav = load_mkdocs_config(project).get("nav")
    if nav is None:
        return sorted(path.relative_to(project / "docs").as_posix() for path in (project / "docs").rglob("*.md"))

    def sources(item: object) -> list[str]:
        if isinstance(item, str):
            return [item] if item.endswith(".md") else []
        if isinstance(item, list):
            return [source for entry in item for source in sources(entry)]
        if isinstance(item, dict):
            return [source for value in item.values() for source in sources(value)]
        return []

    return sources(nav)


def page_url(source: str) -> str:
    """The site URL of a page under docs/, with directory URLs: index.md -> '', vision.md -> 'vision/', research/index.md -> 'research/'."""
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    return f"{stem.removesuffix('/index')}/"


def macro_calls(source: str, macros: Mapping[str, tuple[str, ...]]) -> list[tuple[str, dict[str, Any]]]:
    """(macro, its arguments) for each `{{ macro(...) }}` of `macros` in a page's Markdown, in page order.

    `macros` maps each name to its positional parameters, e.g. {"news": ("limit", "area", "folding")};
    an argument that is not a literal fails the calling test.
    """
    names = "|".join(re.escape(name) for name in macros)
    calls = []
    for match in re.finditer(r"\{\{-?\s*(%s)\s*\((.*?)\)\s*-?\}\}" % names, source, flags=re.DOTALL):
        call = ast.parse(f"call({match.group(2)})", mode="eval").body
        assert isinstance(call, ast.Call), match.group(0)
        # A call may leave out trailing parameters, so there may be fewer arguments than names.
        arguments = dict(zip(macros[match.group(1)], (ast.literal_eval(value) for value in call.args), strict=False))
        for keyword in call.keywords:
            assert keyword.arg is not None, f"{match.group(0)}: a ** argument is not a literal one"
            arguments[keyword.arg] = ast.literal_eval(keyword.value)
        calls.append((match.group(1), arguments))
    return calls


def newest_first(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The tests' own statement of the site's date order: 'present' on top, then months and years downward, ties in file order."""

    def key(item: dict[str, Any]) -> tuple[int, int]:
        date = str(item["date"])
        if date == "present":
            return (10_000, 0)
        year, _, month = date.partition("-")
        return (int(year), int(month or 0))

    return sorted(items, key=key, reverse=True)


def news_in_calls(project: Path, calls: list[dict[str, Any]]) -> list[tuple[dict[str, Any], bool]]:
    """(news item, folded) for each item that these news(limit, area, folding) calls show, in order."""
    papers = {pub["key"]: pub for pub in load_data(project, "publications")}

    def in_area(item: dict[str, Any], area: str) -> bool:
        paper = papers.get(item.get("publication") or "", {})
        return area in (item.get("areas") or []) or area in (paper.get("areas") or [])

    news = newest_first(load_data(project, "news"))
    shown = []
    for call in calls:
        items = [item for item in news if call.get("area") is None or in_area(item, call["area"])]
        shown += [(item, bool(call.get("folding") and item.get("fold"))) for item in items[: call.get("limit")]]
    return shown


def load_mkdocs_config(project: Path) -> dict[str, Any]:
    """A project's mkdocs.yml as plain data, read as MkDocs reads it (INHERIT followed)."""
    from mkdocs.utils import yaml_load

    with (project / "mkdocs.yml").open("rb") as config_file:
        return yaml_load(config_file)


def site_url(project: Path) -> str:
    return load_mkdocs_config(project)["site_url"]


def parse_bibtex(text: str) -> list[dict[str, str]]:
    """Entries as bibtexparser v2 reads them: {"ID", "ENTRYTYPE", field: raw value}; a block it cannot read fails."""
    import bibtexparser

    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [block.raw for block in library.failed_blocks]
    return [{"ID": entry.key, "ENTRYTYPE": entry.entry_type, **{field.key: field.value for field in entry.fields}} for entry in library.entries]


def latex_to_text(value: str) -> str:
    """A BibTeX value as a LaTeX reader shows it: pylatexenc, taught the text-mode commands it lacks or reads as accents."""
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category(
        "text-braces",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", simplify_repl="{"),
            MacroTextSpec("textbraceright", simplify_repl="}"),
            MacroTextSpec("textasciicircum", simplify_repl="^"),
        ],
    )
    return LatexNodes2Text(latex_context=context).latex_to_text(value)


def format_bibliography(text: str) -> dict[str, str]:
    """Each entry of a .bib text as pybtex's plain style prints it: a style that sets titles in sentence case."""
    import pybtex.database
    from pybtex.backends.plaintext import Backend
    from pybtex.style.formatting.plain import Style

    database = pybtex.database.parse_string(text, "bibtex")
    return {entry.key: entry.text.render(Backend()) for entry in Style().format_entries(database.entries.values())}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def mkdocs_serve(project: Path, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`mkdocs serve` with live reload on `project`, on a free port: (process, base URL); stopped with its children on exit."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            start_new_session=True,  # its own process group, so stopping it stops what it started
        )
    try:
        yield process, f"http://127.0.0.1:{port}"
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
