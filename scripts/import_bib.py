"""Import the papers of a BibTeX file into data/publications.yml (`make import-bib BIB=file.bib`).

Usage: python scripts/import_bib.py [--dry-run] [--project DIR] FILE.bib

Every entry becomes a publication in the project's style; papers already in
the data are skipped. All or nothing: if any entry is refused, nothing is
written and the command exits 1 with one line per problem. --dry-run prints
the YAML it would add and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The build's own validation lives in macros/; the importer runs it before writing.
sys.path.insert(0, str(ROOT))

from bib_import.duplicates import KnownPapers  # noqa: E402
from bib_import.entries import Owner, publication_key, to_publication  # noqa: E402
from bib_import.problems import ImportProblem  # noqa: E402
from bib_import.publications_file import appended, as_yaml, check_like_a_build, write_atomically  # noqa: E402
from bib_import.reading import read_bib  # noqa: E402


def main(arguments: list[str]) -> int:
    options = _parser().parse_args(arguments)
    project: Path = options.project.resolve()
    publications_path = project / "data" / "publications.yml"
    existing_text = publications_path.read_text(encoding="utf-8")
    existing = yaml.safe_load(existing_text) or []
    profile = yaml.safe_load((project / "data" / "profile.yml").read_text(encoding="utf-8"))
    owner = Owner(profile["name"], tuple(profile.get("name_variants") or ()))

    entries, problems = read_bib(options.bib, str(options.bib))
    new, skipped, problems = _convert(entries, owner, existing, str(options.bib), problems)
    for line in skipped:
        print(line)
    if problems:
        return _refuse([str(problem) for problem in problems])
    if not new:
        print(f"Nothing to add: every paper of {options.bib} is already in data/publications.yml.")
        return 0
    new_text = appended(existing_text, new)
    build_problems = check_like_a_build(project, new_text, _site_url(project))
    if build_problems:
        return _refuse(build_problems)
    if options.dry_run:
        print(f"Would add {_papers(new)} to data/publications.yml (dry run, nothing written):\n")
        print(as_yaml(new), end="")
        return 0
    write_atomically(publications_path, new_text)
    _report(new, existing_text.count("\n") + (0 if existing_text.endswith("\n") else 1))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Import the papers of a BibTeX file into data/publications.yml.")
    parser.add_argument("bib", type=Path, help="the .bib file, as exported by DBLP, the ACM DL, Google Scholar, arXiv, Zotero...")
    parser.add_argument("--dry-run", action="store_true", help="print the YAML that would be added; write nothing")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (default: this repository)")
    return parser


def _convert(
    entries: list[Any], owner: Owner, existing: list[dict[str, Any]], shown_as: str, problems: list[ImportProblem]
) -> tuple[list[dict[str, Any]], list[str], list[ImportProblem]]:
    known = KnownPapers(existing)
    taken = {publication["key"] for publication in existing}
    new: list[dict[str, Any]] = []
    skipped: list[str] = []
    for entry in entries:
        publication, refusals = to_publication(entry, owner, shown_as)
        problems = problems + refusals
        if publication is None:
            continue
        if key := known.existing_key(publication):
            skipped.append(f"{shown_as}:{entry.line}: entry '{entry.key}': skipped, already in data/publications.yml as '{key}'")
            continue
        publication["key"] = publication_key(publication, taken)
        taken.add(publication["key"])
        known.add(publication)
        new.append(publication)
    return new, skipped, problems


def _site_url(project: Path) -> str | None:
    class AnyTag(yaml.SafeLoader):
        pass

    AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=AnyTag) or {}
    return config.get("site_url")


def _refuse(lines: list[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    print("Nothing was imported; data/publications.yml is unchanged.", file=sys.stderr)
    return 1


def _papers(new: list[dict[str, Any]]) -> str:
    return f"{len(new)} paper{'s' if len(new) != 1 else ''}"


def _report(new: list[dict[str, Any]], first_line: int) -> None:
    print(f"Added {_papers(new)} to data/publications.yml:")
    for publication in new:
        print(f"  {publication['key']}: {publication['title']} ({publication['venue']} {publication['year']})")
    print(
        f"\nIn data/publications.yml (from line {first_line + 1}) you may want to add, for each new paper:\n"
        "  areas: [...]     keys from data/research_areas.yml, to list it on those research pages\n"
        "  selected: true   to show it under Selected Work on the home page\n"
        "  summary: ...     one sentence for its card and its page"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
