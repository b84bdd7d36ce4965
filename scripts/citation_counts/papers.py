"""The papers of data/publications.yml, with just what a look-up needs: key, title, year, authors, DOI and arXiv id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .problems import CITATIONS, DataProblems, at
from .records import KEY, KEY_LENGTH
from .yaml_files import line_of, load, read_text

PUBLICATIONS = "data/publications.yml"


@dataclass(frozen=True)
class Paper:
    key: str
    title: str
    year: int
    authors: tuple[str, ...]
    doi: str | None
    arxiv: str | None


def read_papers(project: Path) -> list[Paper]:
    """Every paper, in the file's order; a file without papers (or no file) is no papers."""
    text = read_text(project / PUBLICATIONS, PUBLICATIONS)
    if text is None:
        return []
    data = load(text, PUBLICATIONS)
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataProblems([at(PUBLICATIONS, 1, "should be a list of papers (each starting with '- key: ...'); fix it"), _UNCHANGED])
    papers: list[Paper] = []
    problems: list[str] = []
    seen: set[str] = set()
    for index, entry in enumerate(data):
        problem = _problem(entry)
        if problem is None and entry["key"] in seen:
            problem = ("key",), "is the key of an earlier paper too; give each paper its own key"
        if problem is not None:
            path, text_of_problem = problem
            problems.append(at(PUBLICATIONS, line_of(text, [index, *path]), f"{_name(index, entry)}: {text_of_problem}"))
            continue
        seen.add(entry["key"])
        papers.append(_paper(entry))
    if problems:
        raise DataProblems([*problems, _UNCHANGED])
    return papers


_UNCHANGED = f"Nothing was looked up; {CITATIONS} is unchanged."


def _problem(entry: Any) -> tuple[tuple[str, ...], str] | None:
    """The first field the look-up cannot use, as its path in the entry and what is wrong; None when all is well."""
    if not isinstance(entry, dict):
        return (), "should be a paper (key: ..., title: ..., ...)"
    key = entry.get("key")
    if not isinstance(key, str) or not KEY.fullmatch(key) or len(key) > KEY_LENGTH:
        return ("key",), f"key should be at most {KEY_LENGTH} lowercase letters, digits and hyphens"
    if not isinstance(entry.get("title"), str) or not entry["title"].strip():
        return ("title",), "title should be the paper's title"
    if not isinstance(entry.get("year"), int) or isinstance(entry["year"], bool):
        return ("year",), "year should be a year such as 2025"
    authors = entry.get("authors")
    if not isinstance(authors, list) or not authors or not all(isinstance(name, str) and name.strip() for name in authors):
        return ("authors",), "authors should be a list of names"
    links = entry.get("links") or {}
    if not isinstance(links, dict):
        return ("links",), "links should be fields such as doi: and arxiv:"
    if "doi" in links and not isinstance(links["doi"], str):
        return ("links", "doi"), "links.doi should be a DOI such as 10.1145/3669940.3707246"
    if "arxiv" in links and not isinstance(links["arxiv"], str):
        return ("links", "arxiv"), 'links.arxiv should be in quotes, e.g. arxiv: "2307.07507" (unquoted, it is read as a number)'
    return None


def _paper(entry: dict[str, Any]) -> Paper:
    links = entry.get("links") or {}
    return Paper(entry["key"], entry["title"], entry["year"], tuple(entry["authors"]), links.get("doi"), links.get("arxiv"))


def _name(index: int, entry: Any) -> str:
    key = entry.get("key") if isinstance(entry, dict) else None
    return f"entry {index + 1} ({key})" if isinstance(key, str) else f"entry {index + 1}"
