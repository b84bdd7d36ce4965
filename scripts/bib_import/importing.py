"""What an import of one .bib file would do: the new publications, the skipped entries, or why it is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import ConfigurationError
from mkdocs.utils import yaml_load

from .duplicates import KnownPapers
from .entries import Owner, publication_key, to_publication
from .problems import ImportProblem
from .publications_file import appended, build_problems
from .reading import BibEntry, read_bib


@dataclass
class ImportPlan:
    """The file as it is and what the import adds to it; nothing is written while `problems` is not empty."""

    existing_text: str = ""
    new: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def new_text(self) -> str:
        return appended(self.existing_text, self.new)


def plan_import(project: Path, bib: Path, shown_as: str) -> ImportPlan:
    """Read the data as the build does, convert every entry of `bib`, and check the result as the build would."""
    from macros.data.errors import DataErrors
    from macros.data.site_data import load_site_data

    site_url = _site_url(project)
    try:
        data = load_site_data(project / "data", site_url=site_url)
    except DataErrors as errors:
        return ImportPlan(problems=["data/ has problems; fix them first, then import again:", *errors.lines(), *errors.notes])
    plan = ImportPlan(existing_text=(project / "data" / "publications.yml").read_text(encoding="utf-8"))
    owner = Owner(data.profile["name"], tuple(data.profile["name_variants"]))
    entries, problems = read_bib(bib, shown_as)
    problems += _convert(plan, entries, owner, data.publications, shown_as)
    plan.problems = [str(problem) for problem in sorted(problems, key=lambda problem: problem.line or 0)]
    if plan.new and not plan.problems:
        plan.problems = build_problems(project, plan.new_text, site_url)
    return plan


def _convert(
    plan: ImportPlan, entries: list[BibEntry], owner: Owner, existing: list[dict[str, Any]], shown_as: str
) -> list[ImportProblem]:
    """Add each new paper to the plan and each known one to its skipped lines; the entries refused, as problems."""
    known = KnownPapers(existing)
    taken = {publication["key"] for publication in existing}
    problems: list[ImportProblem] = []
    for entry in entries:
        publication, refusals = to_publication(entry, owner, shown_as)
        problems += refusals
        if publication is None:
            continue
        if key := known.existing_key(publication):
            plan.skipped.append(f"{shown_as}:{entry.line}: entry '{entry.key}': skipped, already in data/publications.yml as '{key}'")
            continue
        publication["key"] = publication_key(publication, taken)
        taken.add(publication["key"])
        known.add(publication)
        plan.new.append(publication)
    return problems


def _site_url(project: Path) -> str | None:
    """mkdocs.yml's site_url, which the build's checks compare profile links with, read as MkDocs reads it (INHERIT too)."""
    try:
        with (project / "mkdocs.yml").open("rb") as config_file:
            config = yaml_load(config_file)
    except (OSError, ConfigurationError):
        return None
    return config.get("site_url")
