"""The owner-site tests hold for any shape of data: each shape below is a fork of a copy of this repository, and its own
owner-site tests (all but the expensive ones) pass on it, every collected test passing or skipping.

The shapes: a blank site right after `make new-owner` with one imported paper; papers only (no news, honors or press,
and the pages that only showed them gone); every news item dated `present`; every kind filled (the owner's data, and
the fixture project's fictional entries for each kind the owner has none of); and today's data with each list file's
entries reversed and every file rewritten by a YAML writer with sorted keys.

One copy of the repository is shared; the forks are made from it and run two at a time.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from multiprocessing.pool import ThreadPool
from pathlib import Path

import pytest
import yaml
from fork_helpers import OwnerSiteRun, copy_repository, list_files, read, run_owner_site_tests, write
from site_helpers import FIXTURE_PROJECT, PROFILE_LISTS, load_entries, macro_calls, nav_sources

pytestmark = pytest.mark.expensive

NEW_OWNER = "Ada Fixture"
NEW_OWNER_URL = "https://ada-fixture.example.org/"
# A fictional paper by the new owner, imported as `make import-bib` would.
FICTIONAL_BIB = """\
@inproceedings{fixture2024widgets,
  author    = {Ada Fixture and Bo Example},
  title     = {Widgets All the Way Down: A Fictional Study of Nested Widgets},
  booktitle = {Proceedings of the Fictional Conference on Widget Systems},
  year      = {2024},
}
"""
# The kinds a papers-only site has none of.
NOT_PAPERS = ("news", "awards", "press")
# Every kind an owner may leave empty, from its own file or from a list in the profile.
OPTIONAL_KINDS = ("news", "awards", "talks", "teaching", "service", "software", "mentoring", "press", "languages", "skills", *PROFILE_LISTS)
# Every macro that lists entries of a kind, with the kind it lists.
LIST_MACROS = {
    "news": "news",
    "awards": "awards",
    "press": "press",
    "talks": "talks",
    "teaching": "teaching",
    "service": "service",
    "software": "software",
    "mentoring": "mentoring",
    "languages": "languages",
    "skills": "skills",
    "education": "education",
    "experience": "experience",
    "patents": "patents",
    "publications": "publications",
    "publications_by_year": "publications",
    "research_areas": "research_areas",
    "cv_sections": "cv_sections",
}
RUN_OPTIONS = ("-x",)


class Skip(Exception):
    """A shape whose prerequisites this repository does not have yet."""


def run(fork: Path, *command: str) -> str:
    result = subprocess.run(list(command), cwd=fork, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def blank_plus_one_import(fork: Path) -> None:
    if not (fork / "scripts" / "new_owner" / "__main__.py").is_file():
        raise Skip("scripts/new_owner/ is not in this repository yet")
    run(fork, "git", "init", "--quiet", "--initial-branch=main")
    run(fork, "git", "add", "--all")
    run(
        fork,
        "git",
        "-c",
        "user.name=Fork Test",
        "-c",
        "user.email=fork-test@example.invalid",
        "-c",
        "commit.gpgsign=false",
        "commit",
        "--quiet",
        "-m",
        "fork",
    )
    run(fork, sys.executable, "-m", "scripts.new_owner", "--name", NEW_OWNER, "--site-url", NEW_OWNER_URL)
    (fork / "fictional.bib").write_text(FICTIONAL_BIB, encoding="utf-8")
    run(fork, sys.executable, "-m", "scripts.bib_import", "fictional.bib")
    assert read(fork, "profile")["name"] == NEW_OWNER
    assert [pub["authors"] for pub in read(fork, "publications")] == [[NEW_OWNER, "Bo Example"]]


def pages_calling(fork: Path) -> dict[str, set[str]]:
    """Each page under docs/ and the kinds its list macros show."""
    return {
        path.relative_to(fork / "docs").as_posix(): {
            LIST_MACROS[name] for name, _ in macro_calls(path.read_text(encoding="utf-8"), dict.fromkeys(LIST_MACROS, ()))
        }
        for path in sorted((fork / "docs").rglob("*.md"))
    }


def remove_from_nav(fork: Path, source: str) -> None:
    """The nav line naming `source` gone from mkdocs.yml, as an owner deletes it."""
    config = fork / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if not re.match(rf"\s*-\s*(?:[^:]+:\s*)?{re.escape(source)}\s*$", line)), encoding="utf-8")


def papers_only(fork: Path) -> None:
    for kind in NOT_PAPERS:
        write(fork, kind, [])
    for source, kinds in pages_calling(fork).items():
        if kinds and kinds <= set(NOT_PAPERS) and source != "index.md":
            # A page that only showed news, honors or press: the owner removes it.
            (fork / "docs" / source).unlink()
            remove_from_nav(fork, source)
    # A section that only showed one of them, its heading included.
    section = re.compile(r"^#{2,6} [^\n]*\n\s*\{\{\s*(?:" + "|".join(NOT_PAPERS) + r")\([^)]*\)\s*\}\}[ \t]*\n?", flags=re.M)
    for path in sorted((fork / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if section.search(text):
            path.write_text(section.sub("", text), encoding="utf-8")
    # What still calls them does so only when there are entries: {% if has("news") %}.
    for source, kinds in pages_calling(fork).items():
        text = (fork / "docs" / source).read_text(encoding="utf-8")
        assert all(f'has("{kind}")' in text for kind in kinds & set(NOT_PAPERS)), (source, kinds)
    assert set(nav_sources(fork)) <= {path.relative_to(fork / "docs").as_posix() for path in (fork / "docs").rglob("*.md")}


def all_news_present(fork: Path) -> None:
    news = read(fork, "news")
    if not news:
        raise Skip("data/news.yml has no news items to date 'present'")
    write(fork, "news", [{**item, "date": "present"} for item in news])


def drop_unknown_references(entries: list[dict], papers: set[str], areas: set[str]) -> list[dict]:
    """Fixture entries with the references the owner's data cannot resolve taken out."""
    for entry in entries:
        if "publication" in entry and entry["publication"] not in papers:
            del entry["publication"]
        if isinstance(entry.get("publications"), list):
            entry["publications"] = [key for key in entry["publications"] if key in papers]
            if not entry["publications"]:
                del entry["publications"]
        if isinstance(entry.get("areas"), list):
            entry["areas"] = [key for key in entry["areas"] if key in areas]
            if not entry["areas"]:
                del entry["areas"]
    return entries


def every_kind_filled(fork: Path) -> None:
    fixture_owner = read(FIXTURE_PROJECT, "profile")["name"]
    owner = read(fork, "profile")["name"]
    papers = {pub["key"] for pub in read(fork, "publications")}
    areas = {area["key"] for area in read(fork, "research_areas")}
    for kind in OPTIONAL_KINDS:
        if load_entries(fork, kind):
            continue
        fixture = load_entries(FIXTURE_PROJECT, kind)
        if not fixture:
            continue  # no fictional entries of this kind yet
        text = yaml.safe_dump(fixture, allow_unicode=True, sort_keys=False).replace(fixture_owner, owner)
        entries = drop_unknown_references(yaml.safe_load(text), papers, areas)
        if kind in PROFILE_LISTS:
            profile = read(fork, "profile")
            profile[kind] = entries
            write(fork, "profile", profile)
        else:
            write(fork, kind, entries)
    missing = [kind for kind in OPTIONAL_KINDS if not load_entries(fork, kind)]
    assert not missing or all(not load_entries(FIXTURE_PROJECT, kind) for kind in missing), missing


def reversed_and_redumped(fork: Path) -> None:
    for name in list_files(fork):
        write(fork, name, list(reversed(read(fork, name))), sort_keys=True)
    write(fork, "profile", read(fork, "profile"), sort_keys=True)


SHAPES: dict[str, Callable[[Path], None]] = {
    "blank-plus-one-import": blank_plus_one_import,
    "papers-only": papers_only,
    "every-news-item-present": all_news_present,
    "every-kind-filled": every_kind_filled,
    "reversed-and-redumped": reversed_and_redumped,
}


def make_and_test(base: Path, root: Path, shape: str) -> OwnerSiteRun | Skip:
    fork = copy_repository(root / shape, base=base)
    try:
        SHAPES[shape](fork)
    except Skip as skip:
        return skip
    return run_owner_site_tests(fork, *RUN_OPTIONS)


@pytest.fixture(scope="module")
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, OwnerSiteRun | Skip | BaseException]:
    """Every selected shape's fork made and tested, two at a time, from one shared copy of the repository."""
    selected = [shape for shape in SHAPES if any(item.nodeid.endswith(f"[{shape}]") for item in request.session.items)]
    root = tmp_path_factory.mktemp("fork-shapes")
    base = copy_repository(root / "base")

    def attempt(shape: str) -> OwnerSiteRun | Skip | BaseException:
        try:
            return make_and_test(base, root, shape)
        except Exception as error:  # noqa: BLE001 - reported by the shape's own test
            return error

    with ThreadPool(2) as pool:
        return dict(zip(selected, pool.map(attempt, selected), strict=True))


@pytest.mark.parametrize("shape", SHAPES)
def test_the_owner_site_tests_pass_on_a_fork_whose_data_is(runs: dict[str, OwnerSiteRun | Skip | BaseException], shape: str) -> None:
    outcome = runs[shape]
    if isinstance(outcome, Skip):
        pytest.skip(str(outcome))
    if isinstance(outcome, BaseException):
        raise outcome
    assert outcome.problems() == [], outcome.report()
