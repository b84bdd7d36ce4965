"""`mkdocs serve` (what `make serve` runs) shows edits to data and macros by itself, and survives broken data.

A real server runs on a copy of the fixture project with live reload on, and
the tests read its pages over HTTP on 127.0.0.1 the way a browser would.
"""

from __future__ import annotations

import importlib.util
import json
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from preview_helpers import DATA_ERROR_HEADING, RELOAD_DEADLINE, REQUEST_TIMEOUT, STARTUP_DEADLINE, Preview, running_preview, save
from site_helpers import ROOT, fixture_project


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = tmp_path_factory.mktemp("live")
    with running_preview(fixture_project(root / "project"), root / "serve.log") as server:
        server.wait_for("/", lambda html: "</html>" in html, STARTUP_DEADLINE, "the home page")
        yield server


@pytest.fixture
def news_file(preview: Preview) -> Iterator[Path]:
    """data/news.yml of the served copy, put back as it was (and shown again) after the test."""
    path = preview.project / "data" / "news.yml"
    original = path.read_text(encoding="utf-8")
    yield path
    if path.read_text(encoding="utf-8") != original:
        save(path, original)
        first = yaml.safe_load(original)[0]["text"]
        preview.wait_for("/timeline/", lambda html: first in html, RELOAD_DEADLINE, "the restored news")


def first_news_text(news_file: Path) -> str:
    return yaml.safe_load(news_file.read_text(encoding="utf-8"))[0]["text"]


def test_editing_a_news_item_shows_on_the_timeline_without_a_restart(preview: Preview, news_file: Path) -> None:
    old = first_news_text(news_file)
    new = "Live preview picked up this edited news item 41d2."
    assert old in preview.get("/timeline/")
    save(news_file, news_file.read_text(encoding="utf-8").replace(old, new, 1))
    html = preview.wait_for("/timeline/", lambda html: new in html, RELOAD_DEADLINE, "the edited news")
    assert old not in html


def test_editing_the_macros_code_shows_without_a_restart(preview: Preview) -> None:
    dates = preview.project / "macros" / "data" / "dates.py"
    original = dates.read_text(encoding="utf-8")
    assert '"Jan", "Feb"' in original
    assert "Jan 2025" in preview.get("/timeline/")
    # A longer name also changes the file's size, so Python cannot reuse its cached bytecode.
    save(dates, original.replace('"Jan", "Feb"', '"Janvier", "Feb"', 1))
    try:
        preview.wait_for("/timeline/", lambda html: "Janvier 2025" in html, RELOAD_DEADLINE, "the renamed month")
    finally:
        save(dates, original)
    preview.wait_for("/timeline/", lambda html: "Jan 2025" in html and "Janvier" not in html, RELOAD_DEADLINE, "the month restored")


def test_broken_data_shows_every_problem_at_every_address_and_the_preview_recovers_when_fixed(preview: Preview, news_file: Path) -> None:
    publications = preview.project / "data" / "publications.yml"
    paper = yaml.safe_load(publications.read_text(encoding="utf-8"))[0]["key"]
    original = news_file.read_text(encoding="utf-8")
    save(news_file, original + "- date: 2026-06\n  text: [an unclosed list\n")
    save(publications, publications.read_text(encoding="utf-8").replace("  year: 2024\n", "  year: 1800\n", 1))

    html = preview.wait_for("/timeline/", lambda html: "2 problems" in html, RELOAD_DEADLINE, "both problems")
    assert "data/news.yml" in html and "data/publications.yml" in html
    assert preview.process.poll() is None
    # Every address the site has answers with the problems, rather than hanging or a 404.
    exports = ("/publications.bib", "/publications.json", "/publications.ris", f"/publications/{paper}.bib", f"/publications/{paper}.ris")
    for address in ("/", f"/publications/{paper}/", *exports, "/feed.xml"):
        started = time.monotonic()
        text = preview.get(address)
        assert time.monotonic() - started < REQUEST_TIMEOUT
        if address == "/feed.xml":  # still a valid feed, so a feed reader shows the problems too
            text = "".join(ElementTree.fromstring(text.encode("utf-8")).itertext())
        if address == "/publications.json":  # JSON, but no list of papers a citation manager would take
            problems = json.loads(text)
            assert isinstance(problems, dict), problems
            text = " ".join([problems["error"], *problems["problems"]])
        assert DATA_ERROR_HEADING in text and "data/news.yml" in text and "data/publications.yml" in text, address
    # The files that need no data are there too: the favicon each page asks for, and robots.txt.
    assert preview.get("/assets/images/favicon.svg").startswith("<svg")
    assert "Sitemap:" in preview.get("/robots.txt")

    save(news_file, original)
    save(publications, publications.read_text(encoding="utf-8").replace("  year: 1800\n", "  year: 2024\n", 1))
    first = first_news_text(news_file)
    preview.wait_for("/timeline/", lambda html: first in html and DATA_ERROR_HEADING not in html, RELOAD_DEADLINE, "the fixed page")
    assert DATA_ERROR_HEADING not in preview.get(f"/publications/{paper}/")
    assert f"{{{paper}," in preview.get("/publications.bib")
    assert preview.process.poll() is None


def test_a_data_file_that_cannot_be_read_is_shown_as_a_problem_and_the_preview_does_not_hang(preview: Preview) -> None:
    press = preview.project / "data" / "press.yml"
    original = press.read_text(encoding="utf-8")
    press.unlink()
    press.symlink_to(press.name)
    try:
        html = preview.wait_for("/", lambda html: DATA_ERROR_HEADING in html, RELOAD_DEADLINE, "the unreadable file")
        assert "data/press.yml: the file is a symbolic link that leads back to itself" in html
    finally:
        press.unlink()
        save(press, original)
    preview.wait_for("/", lambda html: "</html>" in html and DATA_ERROR_HEADING not in html, RELOAD_DEADLINE, "the fixed site")
    assert preview.process.poll() is None


def test_make_serve_starts_even_when_the_data_is_already_broken(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project")
    news = project / "data" / "news.yml"
    original = news.read_text(encoding="utf-8")
    save(news, original + "- date: 2026-13\n  text: A month that does not exist.\n")
    # What `make serve` runs, with nothing set in the environment: MkDocs tells the hooks it is serving.
    assert "\t$(BIN)/mkdocs serve " in (ROOT / "Makefile").read_text(encoding="utf-8")
    with running_preview(project, tmp_path / "serve.log") as server:
        html = server.wait_for("/", lambda html: DATA_ERROR_HEADING in html, STARTUP_DEADLINE, "the data error")
        assert "data/news.yml" in html and "2026-13" in html
        save(news, original)
        server.wait_for("/", lambda html: "</html>" in html and DATA_ERROR_HEADING not in html, RELOAD_DEADLINE, "the fixed site")


def watched_paths(server: LiveReloadServer) -> list[str]:
    return sorted(emitter.watch.path for emitter in server.observer.emitters)


def hook_and_config(project: Path) -> tuple[Any, MkDocsConfig]:
    spec = importlib.util.spec_from_file_location("live_preview_hook", ROOT / "macros" / "hooks" / "live_preview.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook, load_config(str(project / "mkdocs.yml"))


def test_the_preview_looks_for_saved_files_every_tenth_of_a_second_in_what_mkdocs_watches(tmp_path: Path) -> None:
    hook, config = hook_and_config(fixture_project(tmp_path / "project"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    # What `mkdocs serve` watches before the hooks' on_serve.
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    before = watched_paths(server)
    server = hook.on_serve(server, config=config, builder=lambda: None)
    assert server.observer.timeout == hook.POLL_SECONDS == 0.1
    assert watched_paths(server) == before
    # What mkdocs.yml's `watch:` adds after the hooks goes to the same watcher.
    server.watch(str(tmp_path / "project" / "data"))
    assert len(watched_paths(server)) == len(before) + 1


def test_a_folder_a_plugin_watches_keeps_mkdocs_own_watcher(tmp_path: Path) -> None:
    hook, config = hook_and_config(fixture_project(tmp_path / "project"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    observer = server.observer
    server.watch(config.docs_dir)
    server.watch(str(tmp_path / "project" / "data"))
    before = watched_paths(server)
    server = hook.on_serve(server, config=config, builder=lambda: None)
    assert server.observer is observer
    assert watched_paths(server) == before
