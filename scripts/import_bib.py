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

ROOT = Path(__file__).resolve().parent.parent
# The build's own validation lives in macros/; the importer runs it before writing.
sys.path.insert(0, str(ROOT))

from bib_import.importing import plan_import  # noqa: E402
from bib_import.publications_file import as_yaml, write_atomically  # noqa: E402

NEXT_STEPS = (
    "  areas: [...]     keys from data/research_areas.yml, to list it on those research pages\n"
    "  selected: true   to show it under Selected Work on the home page\n"
    "  summary: ...     one sentence for its card and its page\n"
    "  venue: ...       the badge, if you prefer a shorter one than the importer found"
)


def main(arguments: list[str]) -> int:
    options = _parser().parse_args(arguments)
    project: Path = options.project.resolve()
    plan = plan_import(project, options.bib, str(options.bib))
    for line in plan.skipped:
        print(line)
    if plan.problems:
        return _refuse(plan.problems)
    if not plan.new:
        print(f"Nothing to add: every paper of {options.bib} is already in data/publications.yml.")
        return 0
    if options.dry_run:
        print(f"Would add {_papers(plan.new)} to data/publications.yml (dry run, nothing written):\n")
        print(as_yaml(plan.new), end="")
        return 0
    write_atomically(project / "data" / "publications.yml", plan.new_text)
    _report(plan.new, plan.existing_text.count("\n") + (0 if plan.existing_text.endswith("\n") else 1))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Import the papers of a BibTeX file into data/publications.yml.")
    parser.add_argument("bib", type=Path, help="the .bib file, as exported by DBLP, the ACM DL, Google Scholar, arXiv, Zotero...")
    parser.add_argument("--dry-run", action="store_true", help="print the YAML that would be added; write nothing")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (default: this repository)")
    return parser


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
    print(f"\nIn data/publications.yml (from line {first_line + 1}) you may want to add, for each new paper:\n{NEXT_STEPS}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
