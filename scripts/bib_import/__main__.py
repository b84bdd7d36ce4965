"""Import the papers of a BibTeX file into data/publications.yml (`make import-bib BIB=file.bib`).

Usage: python -m scripts.bib_import [--dry-run] [--keep-keys] [--update] [--pdf-dir DIR] [--project DIR] FILE.bib

Every entry becomes a publication in the project's style; papers already in
the data are skipped. All or nothing: if any entry is refused, nothing is
written and the command exits 1 with one line per problem. --dry-run prints
the YAML it would add and writes nothing. --keep-keys keeps each entry's
own key (as a valid key) and its original spelling as the BibTeX key.
--update fills the fields that papers already in the data lack, never
replacing a value the owner wrote. A `pdf = {paper.pdf}` naming a file is
looked for in --pdf-dir, beside the .bib and in al-folio's assets/pdf/, and
copied to docs/assets/papers/<key>.pdf.
Every field of the file is imported, read and left out with a reason, or
named at the end as not imported.

The write keeps every byte the file holds (its line breaks and byte order
mark too) and replaces it in one rename, following a symbolic link to its
target. One import runs at a time: a second one waits for the data folder's
lock, then reads what the first wrote. If the file changes while the import
runs (an editor saving it), nothing is written. Exit status: 0 when the
papers were added (or there was nothing to add), 1 when nothing was written
for any reason, with one line per problem on stderr and never a traceback;
2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .entries import IGNORED_FIELDS
from .importing import ImportPlan, plan_import
from .pdf_files import copy_pdf, needs_copy, pdf_link
from .problems import ImportRefused
from .publications_file import PUBLICATIONS as PUBLICATIONS_FILE
from .publications_file import as_yaml
from .safe_write import exclusive_lock, replace_checked

# The repository this package belongs to; run from its root (as `make import-bib` does), the build's own
# checks in macros/ are importable, and the importer runs them before writing.
ROOT = Path(__file__).resolve().parents[2]

PUBLICATIONS = f"data/{PUBLICATIONS_FILE}"

NEXT_STEPS = (
    "  areas: [...]     keys from data/research_areas.yml, to list it on those research pages\n"
    "  selected: true   to show it under Selected Work on the home page\n"
    "  summary: ...     one sentence for its card and its page\n"
    "  venue: ...       the badge, if you prefer a shorter one than the importer found"
)


def main(arguments: list[str]) -> int:
    options = _parser().parse_args(arguments)
    try:
        return _import(options.project.resolve(), options.bib, options.dry_run, options.keep_keys, options.update, options.pdf_dir)
    except ImportRefused as refusal:
        return _refuse([str(refusal)])
    except OSError as error:
        # What no step named itself; still one line, since nothing was written.
        return _refuse(
            [f"{error.filename or 'a file the import needs'}: {error.strerror or error}; nothing was written, {PUBLICATIONS} is unchanged"]
        )
    except RecursionError:
        return _refuse([f"{options.bib} or data/ holds a value nested too deeply to read; remove the extra braces; nothing was imported"])


def _import(project: Path, bib: Path, dry_run: bool, keep_keys: bool, update: bool, pdf_dir: Path | None) -> int:
    """Plan and write under the lock, so the file written is the file that was read and checked."""
    with exclusive_lock(project / "data", "data/"):
        plan = plan_import(project, bib, str(bib), keep_keys, update, pdf_dir)
        for line in plan.skipped:
            print(line)
        for line in plan.notes:
            print(line, file=sys.stderr)
        if plan.problems:
            return _refuse([*plan.problems, f"Nothing was imported; {PUBLICATIONS} is unchanged."])
        if not plan.new and not plan.additions:
            print(f"Nothing to add: every paper of {bib} is already in {PUBLICATIONS}.")
            for line in plan.updates:
                print(line)
            return 0
        if dry_run:
            for line in plan.updates:
                print(line)
            if plan.new:
                print(f"Would add {_papers(plan.new)} to {PUBLICATIONS} (dry run, nothing written):\n")
                print(as_yaml(plan.new), end="")
            _report_fields(plan)
            return 0
        copied = _copy_pdfs(plan, plan.docs_dir)
        try:
            replace_checked(plan.existing, plan.new_file, PUBLICATIONS)
        except BaseException:
            for path in copied:
                path.unlink(missing_ok=True)
            raise
    _report(plan)
    _report_fields(plan)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Import the papers of a BibTeX file into data/publications.yml.")
    parser.add_argument("bib", type=Path, help="the .bib file, as exported by DBLP, the ACM DL, Google Scholar, arXiv, Zotero...")
    parser.add_argument("--dry-run", action="store_true", help="print the YAML that would be added; write nothing")
    parser.add_argument("--keep-keys", action="store_true", help="keep the file's own keys (and use them as the BibTeX keys)")
    parser.add_argument("--update", action="store_true", help="fill the fields that papers already in the data lack")
    parser.add_argument("--pdf-dir", type=Path, help="where the PDFs that the entries name by file name are (default: beside the .bib)")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (default: this repository)")
    return parser


def _refuse(lines: list[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return 1


def _papers(new: list[dict[str, Any]]) -> str:
    return f"{len(new)} paper{'s' if len(new) != 1 else ''}"


def _report(plan: ImportPlan) -> None:
    for line in plan.updates:
        print(line.replace(": would add ", ": added ", 1))
    if not plan.new:
        return
    print(f"Added {_papers(plan.new)} to {PUBLICATIONS}:")
    for publication in plan.new:
        print(f"  {publication['key']}: {publication['title']} ({publication['venue']} {publication['year']})")
    print(f"\nIn {PUBLICATIONS} (from line {plan.first_new_line}) you may want to add, for each new paper:\n{NEXT_STEPS}")


def _copy_pdfs(plan: ImportPlan, docs_dir: Path) -> list[Path]:
    """Copy the papers' PDFs into docs/; the files this run created, so a failed write can take them back."""
    for source, key in plan.pdf_copies:
        needs_copy(source, docs_dir, key)  # a different file under the name stops the import before anything is copied
    created: list[Path] = []
    for source, key in plan.pdf_copies:
        if needs_copy(source, docs_dir, key):
            copy_pdf(source, docs_dir, key)
            created.append(docs_dir / pdf_link(key))
    return created


def _report_fields(plan: ImportPlan) -> None:
    """What the data has no place for, and what was read and left out on purpose; never dropped without a word.

    On stderr, so that a dry run's standard output stays the YAML alone.
    """
    if plan.not_imported:
        counts = ", ".join(f"{name} ({_entries(keys)})" for name, keys in sorted(plan.not_imported.items()))
        print(f"Not imported, since the data has no field for them: {counts}.", file=sys.stderr)
    for name, keys in sorted(plan.ignored.items()):
        print(f"Left out on purpose: {name} ({_entries(keys)}): {IGNORED_FIELDS[name]}.", file=sys.stderr)


def _entries(keys: list[str]) -> str:
    return f"{len(keys)} entr{'ies' if len(keys) != 1 else 'y'}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
