"""What an import of one .bib file would do: the new publications, the skipped entries, or why it is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import ConfigurationError
from mkdocs.utils import yaml_load

from .duplicates import KnownPapers
from .entries import BIBTEX_KEY, Owner, kept_key, publication_key, to_publication
from .pdf_files import PdfPathRefused, find_pdf, pdf_link, pdf_search_dirs
from .problems import ImportProblem, grouped
from .publications_file import PUBLICATIONS, appended, build_problems, first_new_line, with_fields_added, written_entries
from .reading import BibEntry, read_bib
from .safe_write import Snapshot, read_snapshot
from .updating import describe_differences, describe_fills, differences, fills, merged


@dataclass
class ImportPlan:
    """The file as it was read and what the import adds to it; nothing is written while `problems` is not empty."""

    existing: Snapshot
    # Where the pages are (docs_dir in mkdocs.yml): the PDFs are copied under it.
    docs_dir: Path
    new: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # BibTeX field -> the keys of the entries that had it, for what was not imported and what was left out on purpose.
    not_imported: dict[str, list[str]] = field(default_factory=dict)
    ignored: dict[str, list[str]] = field(default_factory=dict)
    # With --update: the index of each known entry in the file -> the fields it gets; what each gets, in words.
    additions: dict[int, dict[str, Any]] = field(default_factory=dict)
    updates: list[str] = field(default_factory=list)
    # Files to copy into docs/ (source, paper key), and what could not be found, in words.
    pdf_copies: list[tuple[Path, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The PDF file each new paper's entry names, by the paper's key, until the files are looked up.
    pdf_files: dict[str, tuple[BibEntry, str]] = field(default_factory=dict)

    @property
    def updated(self) -> bytes:
        """The file with the fields added to the entries it already has."""
        return with_fields_added(self.existing.data, self.additions) if self.additions else self.existing.data

    @property
    def new_file(self) -> bytes:
        return appended(self.updated, self.new) if self.new else self.updated

    @property
    def checked_file(self) -> bytes:
        """The new file as the build's check sees it: without the links to PDFs that are copied only when it is written."""
        copied = {key for _, key in self.pdf_copies}
        pending = [_without_pdf(publication) if publication["key"] in copied else publication for publication in self.new]
        return appended(self.updated, pending) if pending else self.updated

    @property
    def first_new_line(self) -> int:
        return first_new_line(self.updated)


@dataclass(frozen=True)
class _Config:
    """What the build's checks read from mkdocs.yml."""

    site_url: str | None
    docs_dir: Path


def plan_import(project: Path, bib: Path, shown_as: str, keep_keys: bool = False, update: bool = False, pdf_dir: Path | None = None) -> ImportPlan:
    """Read the data as the build does, convert every entry of `bib`, and check the result as the build would.

    The file's bytes are read first: whatever the checks see after that, a
    change to the file is caught before the write (safe_write.replace_checked).
    `keep_keys` keeps each entry's own key (made a valid key, and unique) and
    its original spelling as `bibtex_key`, so citations made with it still work.
    `update` fills the fields that the papers already in the data lack (updating.py).
    A `pdf` naming a file is looked for in `pdf_dir` and beside `bib` (pdf_files.py).
    """
    from macros.data.errors import DataErrors
    from macros.data.site_data import load_site_data, reserved_publication_keys

    config = _config(project)
    plan = ImportPlan(read_snapshot(project / "data" / PUBLICATIONS, f"data/{PUBLICATIONS}"), config.docs_dir)
    try:
        data = load_site_data(project / "data", site_url=config.site_url, docs_dir=config.docs_dir)
    except DataErrors as errors:
        plan.problems = ["data/ has problems; fix them first, then import again:", *errors.lines(), *errors.notes]
        return plan
    owner = Owner(data.profile["name"], tuple(data.profile["name_variants"]))
    entries, problems = read_bib(bib, shown_as)
    taken = {publication["key"] for publication in data.publications} | reserved_publication_keys(config.docs_dir)
    problems += _convert(plan, entries, owner, data.publications, taken, shown_as, keep_keys, update)
    _plan_pdfs(plan, entries, pdf_search_dirs(bib, pdf_dir), shown_as)
    plan.problems = grouped(problems)
    if (plan.new or plan.additions) and not plan.problems:
        plan.problems = build_problems(project / "data", plan.checked_file, config.site_url, config.docs_dir)
    return plan


def _convert(
    plan: ImportPlan,
    entries: list[BibEntry],
    owner: Owner,
    existing: list[dict[str, Any]],
    taken: set[str],
    shown_as: str,
    keep_keys: bool,
    update: bool,
) -> list[ImportProblem]:
    """Add each new paper to the plan and each known one to its skipped lines; the entries refused, as problems.

    `taken` holds the keys a new paper may not have: those in use and those the site reserves.
    """
    known = KnownPapers(existing)
    written = written_entries(plan.existing.data) if update else []
    problems: list[ImportProblem] = []
    for entry in entries:
        converted, refusals = to_publication(entry, owner, shown_as)
        problems += refusals
        if converted is None:
            continue
        for name in converted.not_imported:
            plan.not_imported.setdefault(name, []).append(entry.key)
        for name in converted.ignored:
            plan.ignored.setdefault(name, []).append(entry.key)
        publication = converted.publication
        if key := known.existing_key(publication):
            if not (update and _fill(plan, written, key, publication)):
                plan.skipped.append(f"{shown_as}:{entry.line}: entry '{entry.key}': skipped, already in data/publications.yml as '{key}'")
            continue
        publication["key"] = kept_key(entry.key, taken) if keep_keys else publication_key(publication, taken)
        if keep_keys and entry.key != publication["key"] and BIBTEX_KEY.fullmatch(entry.key):
            publication["bibtex_key"] = entry.key
        taken.add(publication["key"])
        known.add(publication)
        plan.new.append(publication)
        if converted.pdf_file:
            plan.pdf_files[publication["key"]] = (entry, converted.pdf_file)
    return problems


def _plan_pdfs(plan: ImportPlan, entries: list[BibEntry], search_dirs: list[Path], shown_as: str) -> None:
    """Link each new paper to its PDF where the file is found; a line for each that is not, and the import goes on."""
    for publication in plan.new:
        if publication["key"] not in plan.pdf_files:
            continue
        entry, written = plan.pdf_files[publication["key"]]
        where = f"{shown_as}:{entry.line}: entry '{entry.key}'"
        try:
            source = find_pdf(written, search_dirs)
        except PdfPathRefused as refusal:
            plan.notes.append(f"{where}: pdf '{written}' is not used: {refusal}")
            continue
        if source is None:
            folders = ", ".join(str(folder) for folder in search_dirs)
            plan.notes.append(f"{where}: pdf '{written}' was not found in {folders}; imported without it (PDF_DIR=... names its folder)")
            continue
        publication.setdefault("links", {})["pdf"] = pdf_link(publication["key"])
        plan.pdf_copies.append((source, publication["key"]))


def _without_pdf(publication: dict[str, Any]) -> dict[str, Any]:
    links = {kind: value for kind, value in publication["links"].items() if kind != "pdf"}
    return {name: value for name, value in {**publication, "links": links}.items() if name != "links" or links}


def _fill(plan: ImportPlan, written: list[dict[str, Any]], key: str, imported: dict[str, Any]) -> bool:
    """Add to the plan what the entry `key` of the file lacks and `imported` has; whether there was anything.

    The file's entries as written (not as the build fills them in) say what the owner left empty.
    """
    index = next((index for index, entry in enumerate(written) if entry.get("key") == key), None)
    if index is None:
        return False  # a paper this same import adds
    current = merged(written[index], plan.additions.get(index, {}))
    added = fills(current, imported)
    plan.updates += describe_differences(key, differences(current, imported))
    if not added:
        return False
    plan.additions[index] = merged(plan.additions.get(index, {}), added)
    plan.updates += describe_fills(key, added)
    return True


def _config(project: Path) -> _Config:
    """mkdocs.yml's site_url and docs_dir, read as MkDocs reads them (INHERIT too), as the build passes them to its checks."""
    try:
        with (project / "mkdocs.yml").open("rb") as config_file:
            config = yaml_load(config_file) or {}
    except (OSError, ConfigurationError):
        config = {}
    return _Config(config.get("site_url"), project / config.get("docs_dir", "docs"))
