"""`make new-owner NAME=... SITE_URL=...` turns a fork into a blank site for someone else, and the site still builds.

The module copies this repository once, commits the copy in a git
repository of its own, and converts it with the real Makefile target and
script. The refusals run first, on the clean copy; then the conversion is
checked file by file, built strictly, and a BibTeX import into the emptied
data is built again. What the previous owner wrote is read from the copy
before the conversion, so nothing here names the current owner.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import FIXTURES, ROOT, run_mkdocs

from scripts.new_owner.blank_data import blank_data_files
from scripts.new_owner.config_file import new_config
from scripts.new_owner.owner import NewOwner

NAME = "Ada Lovelace"
SITE_URL = "https://ada.example.org"  # without its slash: the script adds it
STARTER = ROOT / "scripts" / "new_owner" / "starter"
STARTER_PAGES = ("index.md", "publications.md", "news.md", "cv.md", "about.md")
OWNER_KEYS = ("site_name", "site_url", "site_description", "site_author", "copyright", "nav")
LEFT_BEHIND = shutil.ignore_patterns(
    ".git", ".venv", ".cache", "site", "test-artifacts", "__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"
)
IGNORED = "docs/drafts/ideas.txt"
WORDS_IN_A_RUN = 5  # a run of five words in a new page that a previous page had is the previous owner's prose


def git(repository: Path, *arguments: str) -> str:
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *arguments]
    return subprocess.run(command, cwd=repository, capture_output=True, text=True, check=True, env=environment).stdout


def run_make(project: Path, target: str, stamp: Path, *variables: str) -> subprocess.CompletedProcess[str]:
    """`make TARGET` in `project`, with this environment's Python standing in for the project's .venv."""
    environment = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "NAME", "SITE_URL")}
    command = ["make", "--no-print-directory", target, f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}", *variables]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120, env=environment)


def new_owner(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The project's own scripts/new_owner/, run in it as `make new-owner` runs it."""
    return subprocess.run([sys.executable, "-m", "scripts.new_owner", *arguments], capture_output=True, text=True, timeout=60, cwd=project)


def tree_state(root: Path) -> dict[str, str]:
    """Every file outside .git, by its path, as a digest of its bytes."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def assert_refused_in_one_line(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    for part in expected:
        assert part in result.stderr


# --- what the previous owner wrote ------------------------------------------------------------------------------


def front_matter_and_body(page: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"---\n(.*?)\n---\n", page, re.S)
    return (yaml.safe_load(match.group(1)) or {}, page[match.end() :]) if match else ({}, page)


def prose(page: str) -> list[str]:
    """The paragraphs a person wrote on a page: its title and description, and every one that is not markup or a macro.

    Link targets and attribute lists are left out, as are lines with a macro
    or an HTML tag: they are the machinery's, as is every YAML comment.
    """
    meta, body = front_matter_and_body(page)
    written = [str(meta[key]) for key in ("title", "description") if key in meta]
    for paragraph in re.split(r"\n\s*\n", body):
        lines = [line for line in paragraph.splitlines() if not re.search(r"\{\{|\{%|\{#|^\s*<", line)]
        written.append(re.sub(r"\]\([^)]*\)|\{:? [^}]*\}", " ", " ".join(lines)))
    return written


def word_runs(paragraphs: list[str]) -> set[tuple[str, ...]]:
    """Every run of WORDS_IN_A_RUN words inside one paragraph."""
    runs: set[tuple[str, ...]] = set()
    for paragraph in paragraphs:
        words = re.findall(r"[\w']+", paragraph.lower())
        runs.update(tuple(words[index : index + WORDS_IN_A_RUN]) for index in range(len(words) - WORDS_IN_A_RUN + 1))
    return runs


def normalized(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower()))


@dataclass(frozen=True)
class Previous:
    """The copy as it was committed: what the previous owner wrote, and the machinery that must not change."""

    name: str
    phrases: tuple[str, ...]
    runs: frozenset[tuple[str, ...]]
    config: str
    machinery: dict[str, str]
    data_kinds: tuple[str, ...]


def read_previous(fork: Path) -> Previous:
    def data(name: str) -> Any:
        return yaml.safe_load((fork / "data" / f"{name}.yml").read_text(encoding="utf-8"))

    profile = data("profile")
    # The heading of Selected Work on the home page the repository has today, and what data/ says of its owner.
    phrases = [profile["name"], profile["role"], profile["lead"], "Publications that shaped the thesis"]
    phrases += [profile["vision"]["title"]] if profile.get("vision") else []
    phrases += [area["title"] for area in data("research_areas") or []]
    pages = [path.read_text(encoding="utf-8") for path in sorted((fork / "docs").rglob("*.md"))]
    state = tree_state(fork)
    machinery = {path: digest for path, digest in state.items() if path.startswith(("docs/assets/", "data/schemas/", "macros/", "overrides/"))}
    kinds = tuple(sorted(path.stem for path in (fork / "data").glob("*.yml") if path.stem != "profile"))
    return Previous(
        name=profile["name"],
        phrases=tuple(phrases),
        runs=frozenset(run for page in pages for run in word_runs(prose(page))),
        config=(fork / "mkdocs.yml").read_text(encoding="utf-8"),
        machinery=machinery,
        data_kinds=kinds,
    )


# --- one prepared copy for the module ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stamp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Stands in for .venv/.installed, outside the copy so that it leaves the work tree clean."""
    path = tmp_path_factory.mktemp("stamp") / "installed"
    path.touch()
    return path


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this repository, committed: a clean git work tree."""
    destination = tmp_path_factory.mktemp("new-owner") / "fork"
    shutil.copytree(ROOT, destination, ignore=LEFT_BEHIND)
    git(destination, "init", "--quiet")
    git(destination, "add", "--all")
    git(destination, "commit", "--quiet", "--message", "The previous owner's site")
    # A file git ignores could not be brought back once removed, so the conversion leaves it.
    (destination / ".git" / "info" / "exclude").write_text("/docs/drafts/\n", encoding="utf-8")
    (destination / IGNORED).parent.mkdir()
    (destination / IGNORED).write_text("Kept out of git.\n", encoding="utf-8")
    return destination


@pytest.fixture(scope="module")
def previous(fork: Path) -> Previous:
    return read_previous(fork)


@pytest.fixture(scope="module")
def converted(fork: Path, previous: Previous, stamp: Path) -> subprocess.CompletedProcess[str]:
    assert git(fork, "status", "--porcelain") == "", "the refusals leave the copy as committed"
    return run_make(fork, "new-owner", stamp, f"NAME={NAME}", f"SITE_URL={SITE_URL}")


# --- refusals, on the clean copy --------------------------------------------------------------------------------


@contextmanager
def dirty_tree(fork: Path) -> Iterator[None]:
    """An edited file and a new one, both undone afterwards."""
    readme = fork / "README.md"
    committed = readme.read_bytes()
    readme.write_bytes(committed + b"\nA line not yet committed.\n")
    (fork / "notes.txt").write_text("not yet added\n", encoding="utf-8")
    try:
        yield
    finally:
        readme.write_bytes(committed)
        (fork / "notes.txt").unlink()


def test_a_dirty_work_tree_is_refused_in_one_line_and_nothing_changes(fork: Path, stamp: Path) -> None:
    with dirty_tree(fork):
        status, before = git(fork, "status", "--porcelain"), tree_state(fork)

        result = run_make(fork, "new-owner", stamp, f"NAME={NAME}", f"SITE_URL={SITE_URL}")

        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        [line] = [line for line in result.stderr.splitlines() if not line.startswith("make")]
        assert "uncommitted changes (2 paths" in line and "commit or stash them first" in line and "nothing was changed" in line
        assert git(fork, "status", "--porcelain") == status
        assert tree_state(fork) == before


def test_a_folder_outside_any_git_work_tree_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: Someone\n", encoding="utf-8")
    environment = {**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path)}

    result = subprocess.run(
        [sys.executable, "-m", "scripts.new_owner", "--name", NAME, "--site-url", SITE_URL, "--project", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )

    assert_refused_in_one_line(result, "is not in a git work tree", "git init", "nothing was changed")
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Someone\n"


@pytest.mark.parametrize(
    ("name", "site_url", "expected"),
    [
        ("", SITE_URL, "NAME is empty"),
        ("   ", SITE_URL, "NAME is empty"),
        ("Ada\nLovelace", SITE_URL, "holds a line break"),
        ("A" * 101, SITE_URL, "at most 100"),
        (NAME, "", "SITE_URL is empty"),
        (NAME, "ada.example.org", "is not an http(s) address"),
        (NAME, "ftp://ada.example.org/", "is not an http(s) address"),
        (NAME, "https://", "is not an http(s) address"),
        (NAME, "https://ada.example.org/?page=1", "is not an http(s) address"),
        (NAME, "https://ada example.org/", "is not an http(s) address"),
    ],
    ids=["empty name", "blank name", "two lines", "too long", "empty address", "no scheme", "ftp", "no host", "a query", "a space"],
)
def test_a_wrong_name_or_address_is_refused_in_one_line_and_nothing_changes(fork: Path, name: str, site_url: str, expected: str) -> None:
    before = tree_state(fork)

    result = new_owner(fork, "--name", name, "--site-url", site_url)

    assert_refused_in_one_line(result, expected)
    assert tree_state(fork) == before


def test_make_new_owner_without_a_name_says_how_to_give_one(fork: Path, stamp: Path) -> None:
    result = run_make(fork, "new-owner", stamp, f"SITE_URL={SITE_URL}")

    assert result.returncode == 2
    assert 'make new-owner NAME="Ada Lovelace" SITE_URL=https://ada.example.org/' in result.stdout


# --- the conversion --------------------------------------------------------------------------------------------


def test_the_conversion_succeeds_and_says_what_it_did_and_what_is_next(converted: subprocess.CompletedProcess[str]) -> None:
    assert converted.returncode == 0, converted.stdout + converted.stderr
    assert f"This site is now {NAME}'s, at {SITE_URL}/" in converted.stdout
    assert "make import-bib" in converted.stdout


def test_docs_holds_the_starter_pages_as_they_are_and_the_machinery_under_assets(
    fork: Path, previous: Previous, converted: subprocess.CompletedProcess[str]
) -> None:
    pages = sorted(path.relative_to(fork / "docs").as_posix() for path in (fork / "docs").rglob("*.md"))
    assert pages == sorted(STARTER_PAGES)
    for page in STARTER_PAGES:
        assert (fork / "docs" / page).read_bytes() == (STARTER / page).read_bytes()
    others = {path.relative_to(fork).as_posix() for path in (fork / "docs").rglob("*") if path.is_file() and path.suffix != ".md"}
    kept = {path for path in previous.machinery if path.startswith("docs/")}
    assert others == kept | {IGNORED}, "docs/ keeps the stylesheets and scripts, and of the previous owner's only what git ignores"
    assert f"{IGNORED}: left as it is, since git ignores it" in converted.stdout
    assert not [path for path in (fork / "docs").rglob("*") if path.is_dir() and not any(path.iterdir())], "no empty folder left"


def test_no_page_holds_any_words_of_the_previous_owner(fork: Path, previous: Previous, converted: subprocess.CompletedProcess[str]) -> None:
    assert previous.runs, "the previous pages have prose to compare with"
    for path in sorted((fork / "docs").rglob("*.md")):
        page = path.read_text(encoding="utf-8")
        shared = word_runs(prose(page)) & previous.runs
        assert not shared, f"{path.name} repeats the previous owner's words: {sorted(' '.join(run) for run in shared)[:3]}"
        for phrase in previous.phrases:
            assert normalized(phrase) not in normalized(page), f"{path.name} holds {phrase!r}"


def test_the_previous_owners_name_is_gone_from_the_configuration_the_data_and_the_pages(
    fork: Path, previous: Previous, converted: subprocess.CompletedProcess[str]
) -> None:
    files = [fork / "mkdocs.yml", *sorted((fork / "data").glob("*.yml")), *sorted(path for path in (fork / "docs").rglob("*") if path.is_file())]
    for path in files:
        assert previous.name not in path.read_text(encoding="utf-8"), path


def test_every_data_file_but_the_profile_is_its_schema_line_and_an_empty_list(
    fork: Path, previous: Previous, converted: subprocess.CompletedProcess[str]
) -> None:
    kinds = tuple(sorted(path.stem for path in (fork / "data").glob("*.yml") if path.stem != "profile"))
    assert kinds == previous.data_kinds, "no data file is added or removed"
    for kind in kinds:
        expected = f"# yaml-language-server: $schema=schemas/{kind}.schema.json\n[]\n"
        assert (fork / "data" / f"{kind}.yml").read_text(encoding="utf-8") == expected
    schemas = {path: digest for path, digest in previous.machinery.items() if path.startswith("data/schemas/")}
    assert {path: digest for path, digest in tree_state(fork).items() if path.startswith("data/schemas/")} == schemas


def test_the_profile_is_the_name_and_two_placeholders_with_the_optional_fields_as_comments(
    fork: Path, converted: subprocess.CompletedProcess[str]
) -> None:
    text = (fork / "data" / "profile.yml").read_text(encoding="utf-8")
    profile = yaml.safe_load(text)

    assert text.splitlines()[0] == "# yaml-language-server: $schema=schemas/profile.schema.json"
    assert profile["name"] == NAME
    assert set(profile) == {"name", "role", "lead"}
    assert profile["role"].startswith("TODO:") and profile["lead"].startswith("TODO:")
    for field in ("email", "links", "meta", "vision", "advisors", "education", "experience", "patents", "name_variants", "portrait"):
        assert re.search(rf"^# {field}:", text, re.M), f"an example of {field} in a comment"


def test_the_commented_out_examples_are_a_valid_profile(fork: Path, tmp_path: Path, converted: subprocess.CompletedProcess[str]) -> None:
    from macros.data.schema_check import check_against_schema
    from macros.data.yaml_source import read_yaml

    text = (fork / "data" / "profile.yml").read_text(encoding="utf-8")
    examples = "\n".join(line[2:] for line in text.splitlines() if re.match(r"# (?=[a-z_]+:|  )", line))
    profile = tmp_path / "profile.yml"
    profile.write_text(text + examples + "\n", encoding="utf-8")
    document = read_yaml(profile, "data/profile.yml")

    assert check_against_schema(document, fork / "data" / "schemas", "profile.schema.json") == []
    assert document.data["email"] and document.data["links"] and document.data["education"] and document.data["vision"]["title"]


def owner_lines(text: str) -> set[int]:
    """The lines of mkdocs.yml that the owner's keys take, from the key to its value's last line, as YAML's parser sees them."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert root is not None, "mkdocs.yml holds no YAML document"
    lines = text.splitlines()
    taken: set[int] = set()
    for key, value in root.value:
        if key.value in OWNER_KEYS:
            last = value.end_mark.line if value.end_mark.column else value.end_mark.line - 1
            while last > key.start_mark.line and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
                last -= 1
            taken.update(range(key.start_mark.line, last + 1))
    return taken


def test_mkdocs_yml_has_the_new_owner_and_the_starter_nav_and_every_other_line_as_it_was(
    fork: Path, previous: Previous, converted: subprocess.CompletedProcess[str]
) -> None:
    from mkdocs.config import load_config

    config = load_config(str(fork / "mkdocs.yml"))

    assert (config.site_name, config.site_author, config.site_url) == (NAME, NAME, f"{SITE_URL}/")
    assert config.site_description == f"The research portfolio of {NAME}."
    assert config.copyright == f"Copyright &copy; {NAME}"
    assert config.nav == yaml.safe_load((STARTER / "nav.yml").read_text(encoding="utf-8"))
    old, new = previous.config, (fork / "mkdocs.yml").read_text(encoding="utf-8")
    old_owner, new_owner_lines = owner_lines(old), owner_lines(new)
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation != "equal":
            assert set(range(old_start, old_end)) <= old_owner, old.splitlines()[old_start:old_end]
            assert set(range(new_start, new_end)) <= new_owner_lines, new.splitlines()[new_start:new_end]


def test_the_new_site_builds_strictly(fork: Path, tmp_path: Path, converted: subprocess.CompletedProcess[str]) -> None:
    result = run_mkdocs(fork, "build", "--strict", "--site-dir", str(tmp_path / "site"))

    assert result.returncode == 0, result.stderr[-3000:]
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert NAME in home
    assert "No publications yet" in (tmp_path / "site" / "publications" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def imported(
    fork: Path, stamp: Path, tmp_path_factory: pytest.TempPathFactory, converted: subprocess.CompletedProcess[str]
) -> subprocess.CompletedProcess[str]:
    """The DBLP fixture with the new owner among its authors, imported with make import-bib."""
    bib = tmp_path_factory.mktemp("bib") / "dblp.bib"
    bib.write_text((FIXTURES / "bibtex" / "dblp.bib").read_text(encoding="utf-8").replace("Rowan Fixture", NAME), encoding="utf-8")
    return run_make(fork, "import-bib", stamp, f"BIB={bib}")


def test_an_import_after_the_conversion_replaces_the_empty_list_and_keeps_the_schema_line(
    fork: Path, imported: subprocess.CompletedProcess[str]
) -> None:
    assert imported.returncode == 0, imported.stdout + imported.stderr
    text = (fork / "data" / "publications.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/publications.schema.json\n- key: muller2026robust\n")
    [publication] = yaml.safe_load(text)
    assert publication["authors"] == ["Jürgen Müller", NAME]
    assert "(from line 2)" in imported.stdout


def test_the_site_builds_strictly_after_the_import_and_shows_the_paper(
    fork: Path, tmp_path: Path, imported: subprocess.CompletedProcess[str]
) -> None:
    result = run_mkdocs(fork, "build", "--strict", "--site-dir", str(tmp_path / "site"))

    assert result.returncode == 0, result.stderr[-3000:]
    assert "Robust LLMs for Widget Serving" in (tmp_path / "site" / "publications" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site" / "publications" / "muller2026robust" / "index.html").is_file()


# --- the text edits of mkdocs.yml, on layouts the repository's own file does not have ------------------------------

OWNER = NewOwner(NAME, f"{SITE_URL}/")
NAV = [{"Home": "index.md"}, {"About": "about.md"}]


@pytest.mark.parametrize(
    "config",
    [
        "site_name: Old\r\n# a comment\r\nsite_url: https://old.example.org/\r\nnav:\r\n- Old: old.md\r\n# kept\r\ntheme: material\r\n",
        (
            "\ufeffsite_name: 'Old'\nsite_description: |\n  Two lines\n\n  of text.\n"
            "nav:\n  - A:\n      - a.md\n  # between items\n  - b.md\ntheme:\n  name: material"
        ),
        "theme:\n  name: material  # no owner settings at all, and no line break at the end",
    ],
    ids=["crlf, list at column 0", "byte order mark, block scalar, nested nav", "none of the keys"],
)
def test_the_owner_settings_are_set_in_any_layout_and_the_other_lines_kept(config: str) -> None:
    edited = new_config(config, OWNER, NAV)

    loaded = yaml.safe_load(edited.lstrip("\ufeff"))
    assert (loaded["site_name"], loaded["site_url"], loaded["site_author"], loaded["nav"]) == (NAME, f"{SITE_URL}/", NAME, NAV)
    assert loaded["theme"] == yaml.safe_load(config.lstrip("\ufeff"))["theme"]
    assert edited.startswith("\ufeff") == config.startswith("\ufeff")
    newline = "\r\n" if "\r\n" in config else "\n"
    assert edited.count("\n") == edited.count(newline)
    plain = config.lstrip("\ufeff")
    kept = [line for number, line in enumerate(plain.splitlines()) if number not in owner_lines(plain)]
    assert [line for line in edited.lstrip("\ufeff").splitlines() if line in kept] == kept, "every other line, comments too, in its order"


def test_a_name_that_yaml_would_misread_is_written_quoted() -> None:
    name = 'Ada "Countess": #1 & *'
    edited = new_config("site_name: Old\n", NewOwner(name, f"{SITE_URL}/"), NAV)

    loaded = yaml.safe_load(edited)
    assert (loaded["site_name"], loaded["copyright"]) == (name, f"Copyright &copy; {name}")


def test_the_previous_owners_citation_counts_are_removed_and_every_list_emptied(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "project" / "data", data)
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    files, removed, left = blank_data_files(data)
    # `make citations` writes the new owner's counts; the old ones would show on the new site.
    assert removed == [data / "citations.yml"]
    assert left == []
    lists = sorted(path.stem for path in data.glob("*.yml") if path.stem not in ("profile", "citations"))
    assert sorted(path.stem for path in files) == lists
