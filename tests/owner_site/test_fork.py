"""A researcher who forks the site and makes it theirs still gets a passing test suite.

The test makes such a fork of a copy of this repository, the way README's
"Make it yours" describes it, and runs the owner-site tests on it (all but
the expensive ones, which read data/ the same way). What it changes is chosen
from the data as it is: up to two papers and three news items that no page
needs to keep a list of its own, and the first research area, whatever their
number.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fork_helpers import copy_repository, drop_publication_references, list_files, read, replace_in_files, run_owner_site_tests, write

pytestmark = pytest.mark.expensive

NEW_NAME = "Quinn Forkwright"
NEW_SITE_URL = "https://quinn-forkwright.example.org/"
NEW_AREA = "renamed-area"
NEW_NEWS = "Forked this site and made it mine."


def rename_owner(fork: Path) -> None:
    old_name = read(fork, "profile")["name"]
    config = fork / "mkdocs.yml"
    replace_in_files([config, *sorted((fork / "data").glob("*.yml")), *sorted((fork / "docs").rglob("*.md"))], old_name, NEW_NAME)
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_url: .*$", f"site_url: {NEW_SITE_URL}", text, count=1, flags=re.M), encoding="utf-8")


def areas_of(entry: dict, papers: dict[str, dict]) -> set[str]:
    """A paper's or news item's research areas, a news item's own and those of its paper."""
    return set(entry.get("areas") or []) | set(papers.get(entry.get("publication") or "", {}).get("areas") or [])


def removable(entries: list[dict], papers: dict[str, dict], count: int, keeps: tuple[str, ...] = ()) -> list[dict]:
    """Up to `count` entries from the end of the file whose removal leaves every area, and every flag in `keeps`, an entry of its own."""
    kept = list(entries)
    removed: list[dict] = []
    for entry in reversed(entries):
        if len(removed) == count:
            break
        rest = [other for other in kept if other is not entry]
        if not rest:
            continue
        if all(any(area in areas_of(other, papers) for other in rest) for area in areas_of(entry, papers)) and all(
            any(other.get(flag) for other in rest) for flag in keeps if entry.get(flag)
        ):
            kept = rest
            removed.append(entry)
    return removed


def remove_two_papers(fork: Path) -> None:
    publications = read(fork, "publications")
    papers = {pub["key"]: pub for pub in publications}
    gone = removable(publications, papers, 2, keeps=("selected",))
    write(fork, "publications", [pub for pub in publications if not any(pub is other for other in gone)])
    drop_publication_references(fork, {pub["key"] for pub in gone})


def remove_news_and_add_one(fork: Path) -> None:
    news = read(fork, "news")
    papers = {pub["key"]: pub for pub in read(fork, "publications")}
    gone = removable(news, papers, 3)
    kept = [item for item in news if not any(item is other for other in gone)]
    write(fork, "news", [{"date": "present", "text": NEW_NEWS, "highlight": True}, *kept])


def rename_first_area(fork: Path) -> None:
    areas = read(fork, "research_areas")
    old = areas[0]["key"]
    areas[0]["key"] = NEW_AREA
    write(fork, "research_areas", areas)
    for name in list_files(fork):
        entries = read(fork, name)
        if any(old in (entry.get("areas") or []) for entry in entries):
            for entry in entries:
                if entry.get("areas"):
                    entry["areas"] = [NEW_AREA if area == old else area for area in entry["areas"]]
            write(fork, name, entries)
    page = fork / "docs" / "research" / f"{old}.md"
    if page.exists():
        page.rename(fork / "docs" / "research" / f"{NEW_AREA}.md")
    pages = [fork / "mkdocs.yml", *sorted((fork / "docs").rglob("*.md"))]
    replace_in_files(pages, f"research/{old}.md", f"research/{NEW_AREA}.md")
    replace_in_files(pages, f"{old}.md", f"{NEW_AREA}.md")
    replace_in_files(pages, f'area="{old}"', f'area="{NEW_AREA}"')
    replace_in_files(pages, f"area='{old}'", f"area='{NEW_AREA}'")


def make_fork(destination: Path) -> Path:
    copy_repository(destination)
    rename_owner(destination)
    remove_two_papers(destination)
    remove_news_and_add_one(destination)
    rename_first_area(destination)
    return destination


def test_a_fork_with_another_owner_fewer_papers_and_a_renamed_area_passes_the_owner_site_tests(tmp_path: Path) -> None:
    fork = make_fork(tmp_path / "fork")
    assert read(fork, "profile")["name"] == NEW_NAME
    assert read(fork, "research_areas")[0]["key"] == NEW_AREA

    run = run_owner_site_tests(fork)

    assert run.problems() == [], run.report()
