"""Every page has its own 1200x630 link-preview card, rendered offline, cached, and the same bytes every build."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from PIL import Image
from site_helpers import attribute, build_site, fixture_project, load_data, read_page, run_mkdocs, site_url

CARD_SIZE = (1200, 630)
MAX_CARD_BYTES = 150 * 1024


def pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    """(site URL path, parsed page) for every page of the site."""
    found = []
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        found.append(("" if url == "." else f"{url}/", BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")))
    return found


def meta_content(page: BeautifulSoup, key: str) -> str:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    assert tag is not None, key
    return attribute(tag, "content")


def card_file(site: Path, base_url: str, page: BeautifulSoup) -> Path:
    image = meta_content(page, "og:image")
    assert image.startswith(base_url), image
    return site / image.removeprefix(base_url)


def cache_state(project: Path) -> dict[str, int]:
    """Each cached card and when it was written: a render writes a file, a cache hit writes nothing."""
    return {path.name: path.stat().st_mtime_ns for path in (project / ".cache" / "social-cards").glob("*.png")}


def test_every_page_points_its_preview_tags_at_its_own_1200x630_card(fixture_site: Path) -> None:
    base_url = site_url(fixture_site.parent)
    seen: dict[Path, str] = {}
    for url, page in pages(fixture_site):
        card = card_file(fixture_site, base_url, page)
        assert card not in seen, f"{url} shares its card with {seen.get(card)}"
        seen[card] = url
        assert meta_content(page, "twitter:image") == meta_content(page, "og:image")
        assert meta_content(page, "twitter:card") == "summary_large_image"
        assert (meta_content(page, "og:image:width"), meta_content(page, "og:image:height")) == ("1200", "630")
        alt = meta_content(page, "og:image:alt")
        assert alt == meta_content(page, "twitter:image:alt") and alt.strip(), url
        with Image.open(card) as image:
            image.load()
            assert (image.format, image.size) == ("PNG", CARD_SIZE), url
        assert card.stat().st_size <= MAX_CARD_BYTES, f"{card.name}: {card.stat().st_size} bytes"
    assert len(seen) >= 10


def test_a_paper_card_shows_the_papers_title_venue_year_and_authors(fixture_site: Path) -> None:
    project = fixture_site.parent
    owner = load_data(project, "profile")["name"]
    cards = set()
    for pub in load_data(project, "publications"):
        page = read_page(fixture_site, f"publications/{pub['key']}")
        alt = meta_content(page, "og:image:alt")
        assert pub["title"] in alt and f"{pub['venue']} {pub['year']}" in alt, alt
        assert owner in alt and pub["authors"][0] in alt, alt
        cards.add(card_file(fixture_site, site_url(project), page).read_bytes())
    assert len(cards) == len(load_data(project, "publications")), "two paper pages share the same card image"


def test_other_pages_cards_show_the_page_title_and_the_owner(fixture_site: Path) -> None:
    profile = load_data(fixture_site.parent, "profile")
    for url in ("publications/", "cv/", "about/"):
        page = read_page(fixture_site, url)
        alt = meta_content(page, "og:image:alt")
        assert meta_content(page, "og:title") in alt
        assert profile["name"] in alt and profile["role"] in alt


def test_two_builds_write_the_same_card_bytes(fixture_site: Path, tmp_path: Path) -> None:
    # A fresh copy starts with an empty cache, so every card is rendered again.
    again = build_site(fixture_project(tmp_path / "project"), tmp_path / "site")
    first = {path.relative_to(fixture_site): path.read_bytes() for path in (fixture_site / "assets/images/social").rglob("*.png")}
    second = {path.relative_to(again): path.read_bytes() for path in (again / "assets/images/social").rglob("*.png")}
    assert first and first == second


def test_a_warm_rebuild_renders_no_card(project: Path, tmp_path: Path) -> None:
    build_site(project, tmp_path / "cold")
    cold = cache_state(project)
    assert cold
    build_site(project, tmp_path / "warm")
    assert cache_state(project) == cold


def test_editing_one_paper_renders_only_that_papers_card(project: Path, tmp_path: Path) -> None:
    cold_site = build_site(project, tmp_path / "cold")
    before = cache_state(project)
    publications = project / "data" / "publications.yml"
    entries = yaml.safe_load(publications.read_text(encoding="utf-8"))
    entries[0]["title"] = "A Retitled Paper for the Cache Test"
    publications.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    warm_site = build_site(project, tmp_path / "warm")
    after = cache_state(project)
    # One card is new, the old one of that paper gone (hooks/unused_cache_files.py), the others untouched.
    assert len(set(after) - set(before)) == 1
    assert len(set(before) - set(after)) == 1
    assert all(after[name] == written for name, written in before.items() if name in after)
    changed = {
        path.relative_to(warm_site)
        for path in (warm_site / "assets/images/social").rglob("*.png")
        if path.read_bytes() != (cold_site / path.relative_to(warm_site)).read_bytes()
    }
    assert changed == {Path(f"assets/images/social/publications/{entries[0]['key']}.png")}


def test_markup_in_a_title_reaches_the_card_and_its_alt_text_as_text(hostile_site: Path) -> None:
    page = read_page(hostile_site, "publications/hostile")
    assert 'A <script>alert("x")</script> "Quoted" Title' in meta_content(page, "og:image:alt")
    assert "<script>alert" not in (hostile_site / "publications/hostile/index.html").read_text(encoding="utf-8")
    with Image.open(card_file(hostile_site, site_url(hostile_site.parent), page)) as image:
        assert image.size == CARD_SIZE


def test_a_typst_error_in_the_card_template_is_one_line_naming_template_and_line(project: Path) -> None:
    template = project / "macros" / "templates" / "social_card.typ"
    lines = template.read_text(encoding="utf-8").splitlines()
    broken_line = next(number for number, line in enumerate(lines, 1) if line.startswith("#let margin"))
    lines[broken_line - 1] = "#let margin = 72pt + nosuchlength"
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert [line for line in output.splitlines() if line.startswith("ERROR")] == [
        f"ERROR   -  macros/templates/social_card.typ:{broken_line}: unknown variable: nosuchlength"
    ]
    assert "Traceback" not in output
