"""Loading data/*.yml into one checked, sorted SiteData per build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .anchors import news_anchor
from .cache_folder import CACHE_FOLDER
from .checked_data import CheckedData, is_kept
from .citation_counts import CITATIONS, NO_COUNTS, CitationCounts, citation_counts, stale_keys
from .errors import DataError, DataErrors, entry_name
from .kinds import FILE_KINDS, KINDS, KINDS_BY_NAME, PROFILE, DataKind, Entries
from .local_files import missing_site_files
from .schema_check import PassedChecks, check_against_schema
from .text_check import text_problems
from .yaml_source import YamlDocument, read_yaml, repeated_fields


@dataclass(frozen=True)
class SiteData:
    """Every kind's entries, checked and in the order its declaration gives (kinds.py)."""

    profile: dict[str, Any]
    lists: dict[str, Entries]
    # Lines the build prints without stopping, e.g. a placeholder that `make new-owner` left.
    advice: tuple[str, ...] = ()
    # data/citations.yml, which `make citations` writes; none when there is no such file.
    citations: CitationCounts = NO_COUNTS
    publications_by_key: dict[str, dict[str, Any]] = field(init=False)
    areas_by_key: dict[str, dict[str, Any]] = field(init=False)
    _awards_by_publication: dict[str, list[dict[str, Any]]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "publications_by_key", {pub["key"]: pub for pub in self.publications})
        object.__setattr__(self, "areas_by_key", {area["key"]: area for area in self.research_areas})
        by_publication: dict[str, list[dict[str, Any]]] = {}
        for award in self.awards:
            if award["publication"]:
                by_publication.setdefault(award["publication"], []).append(award)
        object.__setattr__(self, "_awards_by_publication", by_publication)

    def entries(self, kind: str) -> Entries:
        """The entries of a kind by its name in kinds.py; an unused kind has none."""
        return self.lists[kind]

    @property
    def research_areas(self) -> Entries:
        return self.lists["research_areas"]

    @property
    def publications(self) -> Entries:
        return self.lists["publications"]

    @property
    def news(self) -> Entries:
        return self.lists["news"]

    @property
    def awards(self) -> Entries:
        return self.lists["awards"]

    @property
    def press(self) -> Entries:
        return self.lists["press"]

    def awards_for(self, publication_key: str) -> list[dict[str, Any]]:
        return self._awards_by_publication.get(publication_key, [])

    def areas_of_news(self, item: dict[str, Any]) -> set[str]:
        """A news item belongs to its own areas and to those of its publication."""
        areas = set(item["areas"])
        if item["publication"]:
            areas.update(self.publications_by_key[item["publication"]]["areas"])
        return areas


# publications/<key>/ is the paper's page; these addresses under publications/ are the site's own.
RESERVED_KEYS = frozenset({"index"})


def reserved_publication_keys(docs_dir: Path | None) -> frozenset[str]:
    """'index' (the Publications page itself) and every page or folder the owner keeps in docs/publications/."""
    folder = docs_dir / "publications" if docs_dir else None
    if folder is None or not folder.is_dir():
        return RESERVED_KEYS
    return RESERVED_KEYS | {path.stem if path.suffix == ".md" else path.name for path in folder.iterdir()}


def load_site_data(data_dir: Path, display_prefix: str = "data", site_url: str | None = None, docs_dir: Path | None = None) -> SiteData:
    """Read, validate and cross-check every data file; raise DataErrors listing every problem found.

    A file that cannot be read or breaks its schema is still reported in full,
    and the other files are checked as usual; only the checks that need its
    content are skipped, with a note saying so. A missing or empty file of a
    kind that is not required has no entries. `docs_dir` tells which
    addresses under publications/ the pages already use.
    """
    problems: list[DataError] = []
    documents: dict[str, YamlDocument | None] = {}
    for kind in FILE_KINDS:
        documents[kind.name] = _load_checked(data_dir, kind, display_prefix, problems)
    counts_document = _load_checked(data_dir, CITATIONS, display_prefix, problems)
    notes: list[str] = []
    for check in _cross_checks(documents, site_url, reserved_publication_keys(docs_dir), docs_dir):
        if all(documents[name] is not None for name in check.needs):
            problems += check.run()
        elif documents[check.needs[0]] is not None:
            notes.append(check.skipped_note(documents, display_prefix))
    if problems:
        raise DataErrors(problems, notes)
    loaded = {name: document.data for name, document in documents.items() if document is not None}
    profile = loaded[PROFILE.name]
    lists = {kind.name: kind.order(profile[kind.name] if kind.in_profile else loaded[kind.name]) for kind in KINDS if kind is not PROFILE}
    profile_document = documents[PROFILE.name]
    assert profile_document is not None and counts_document is not None
    keys = {pub["key"] for pub in lists["publications"]}
    advice = _placeholders(profile_document) + _stale_counts(counts_document, keys)
    return SiteData(profile=profile, lists=lists, advice=tuple(advice), citations=citation_counts(counts_document.data, keys))


PLACEHOLDER = "TODO:"


def _placeholders(document: YamlDocument) -> list[str]:
    """One line for each top-level profile text that still starts with TODO:, as `make new-owner` writes them."""
    return [
        f"{document.name}:{document.line_of([name])}: field '{name}': still a placeholder; write your own text in place of it"
        for name, value in document.data.items()
        if isinstance(value, str) and value.startswith(PLACEHOLDER)
    ]


def _stale_counts(document: YamlDocument, publication_keys: set[str]) -> list[str]:
    return [
        f"{document.name}:{document.line_of(['papers', key], key=True)}: counts '{key}', which data/publications.yml does "
        "not have; the site leaves the count out, and `make citations` removes it"
        for key in stale_keys(document.data, publication_keys)
    ]


def _load_checked(data_dir: Path, kind: DataKind, display_prefix: str, problems: list[DataError]) -> YamlDocument | None:
    """The file, if it reads and matches its schema; otherwise None, with its problems added to `problems`."""
    path = data_dir / kind.file
    name = f"{display_prefix}/{kind.file}"
    if not kind.required and not path.exists() and not path.is_symlink():
        return YamlDocument(name=name, data=[])
    checked = CheckedData(data_dir.parent / CACHE_FOLDER / "checked-data", data_dir / "schemas")
    try:
        key: str | None = checked.key(path.read_bytes(), kind.schema, kind.label)
    except OSError:
        key = None  # read_yaml says what is wrong with the file
    if key and is_kept(kept := checked.load(key)):
        return YamlDocument(name=name, data=kept, source=path)
    document = _read_and_check(path, name, data_dir, kind, problems)
    if document is not None and key:
        checked.store(key, document.data)
    return document


def _read_and_check(path: Path, name: str, data_dir: Path, kind: DataKind, problems: list[DataError]) -> YamlDocument | None:
    try:
        document = read_yaml(path, name)
    except DataError as error:
        problems.append(error)
        return None
    if document.data is None and not kind.required:
        # A file of comments only, such as a schema line, is a kind with no entries yet.
        return replace(document, data=[])
    found = repeated_fields(document) + text_problems(document, kind.label)
    # Values that no output can carry are refused first; the schema then reports what else is wrong.
    passed = PassedChecks(data_dir.parent / CACHE_FOLDER / "schema-checks")
    found += check_against_schema(document, data_dir / "schemas", kind.schema, kind.label, passed)
    problems += found
    return None if found else document


@dataclass(frozen=True)
class _CrossCheck:
    """A check of the first file in `needs` that also reads the others; it runs only when all of them loaded."""

    needs: tuple[str, ...]
    what: str
    run: Callable[[], list[DataError]]

    def skipped_note(self, documents: dict[str, YamlDocument | None], prefix: str) -> str:
        broken = " and ".join(f"{prefix}/{name}.yml" for name in self.needs[1:] if documents[name] is None)
        return f"{prefix}/{self.needs[0]}.yml: {self.what} were not checked, because {broken} has problems"


def _cross_checks(
    documents: dict[str, YamlDocument | None], site_url: str | None, reserved_keys: frozenset[str], docs_dir: Path | None
) -> list[_CrossCheck]:
    def data(name: str) -> YamlDocument:
        document = documents[name]
        assert document is not None  # a check runs only when the files it needs loaded
        return document

    def keys(name: str) -> set[str]:
        return {item["key"] for item in data(name).data}

    def unique(kind: DataKind, field_name: str) -> _CrossCheck:
        return _CrossCheck((kind.name,), "its keys", lambda: _check_unique(data(kind.name), field_name, kind.label))

    def references(kind: DataKind, field_name: str, target: str) -> _CrossCheck:
        target_kind = KINDS_BY_NAME[target]
        return _CrossCheck(
            (kind.name, target),
            f"its {target_kind.singular} keys in '{field_name}'",
            lambda: _check_references(data(kind.name), field_name, keys(target), target_kind, kind.label),
        )

    declared = [unique(kind, kind.unique) for kind in FILE_KINDS if kind.unique] + [
        references(kind, field_name, target) for kind in FILE_KINDS for field_name, target in kind.references
    ]
    return [
        *declared,
        _CrossCheck(("publications",), "its keys", lambda: _check_unreserved_keys(data("publications"), reserved_keys)),
        _CrossCheck(("news",), "its items", lambda: _check_distinct_news(data("news"))),
        _CrossCheck(("publications",), "the files its links name under docs/", lambda: missing_site_files(data("publications"), docs_dir)),
        _CrossCheck(
            ("publications", "profile"),
            "the author lists (whether each names the owner)",
            lambda: _check_owner_listed(data("publications"), data("profile").data["name"]),
        ),
        _CrossCheck(("profile",), "its links", lambda: _check_no_self_link(data("profile"), site_url)),
    ]


def _check_distinct(
    document: YamlDocument,
    field_name: str,
    value_of: Callable[[dict[str, Any]], str],
    problem: Callable[[str, int], str],
    labels: tuple[str, ...] = (),
) -> list[DataError]:
    """A problem for each entry whose value_of equals an earlier entry's; `problem` gets the value and that entry's number."""
    first_seen: dict[str, int] = {}
    found: list[DataError] = []
    for index, item in enumerate(document.data):
        value = value_of(item)
        if value in first_seen:
            found.append(
                DataError(
                    document.name,
                    document.line_of([index, field_name]),
                    problem(value, first_seen[value] + 1),
                    entry=entry_name(index, item, labels),
                    field=field_name,
                )
            )
        else:
            first_seen[value] = index
    return found


def _check_unique(document: YamlDocument, field_name: str, labels: tuple[str, ...]) -> list[DataError]:
    return _check_distinct(
        document,
        field_name,
        lambda item: item[field_name],
        lambda value, first: f"the {field_name} '{value}' is already used by entry {first}; {field_name}s must be unique",
        labels,
    )


def _check_unreserved_keys(document: YamlDocument, reserved: frozenset[str]) -> list[DataError]:
    return [
        DataError(
            document.name,
            document.line_of([index, "key"]),
            f"the site already uses publications/{item['key']}/ for a page of its own; choose another key",
            entry=entry_name(index, item, KINDS_BY_NAME["publications"].label),
            field="key",
        )
        for index, item in enumerate(document.data)
        if item["key"] in reserved
    ]


def _check_references(document: YamlDocument, field_name: str, known: set[str], target: DataKind, labels: tuple[str, ...]) -> list[DataError]:
    found: list[DataError] = []
    choices = f"known keys: {', '.join(sorted(known))}" if known else f"data/{target.file} has no entries yet"
    for index, item in enumerate(document.data):
        value = item.get(field_name)
        references = value if isinstance(value, list) else [value] if value is not None else []
        for position, reference in enumerate(references):
            if reference not in known:
                path: list[str | int] = [index, field_name, *([position] if isinstance(value, list) else [])]
                found.append(
                    DataError(
                        document.name,
                        document.line_of(path),
                        f"no {target.singular} has the key '{reference}' in data/{target.file}; {choices}",
                        entry=entry_name(index, item, labels),
                        field=field_name,
                    )
                )
    return found


def _check_distinct_news(document: YamlDocument) -> list[DataError]:
    """Each item's link and feed id come from its date and first words, so those must differ."""
    return _check_distinct(
        document,
        "text",
        news_anchor,
        lambda _, first: f"entry {first} has the same date and begins with the same words; reword one of them",
        KINDS_BY_NAME["news"].label,
    )


def _check_owner_listed(document: YamlDocument, owner: str) -> list[DataError]:
    return [
        DataError(
            document.name,
            document.line_of([index, "authors"]),
            f"the owner's name '{owner}' (data/profile.yml, name) is not among the authors; write it exactly as in the profile",
            entry=entry_name(index, pub, KINDS_BY_NAME["publications"].label),
            field="authors",
        )
        for index, pub in enumerate(document.data)
        if owner not in pub["authors"]
    ]


def _check_no_self_link(document: YamlDocument, site_url: str | None) -> list[DataError]:
    """The footer and the About page already lead to the site; a profile link to it would be a link to itself."""
    if not site_url:
        return []
    return [
        DataError(
            document.name,
            document.line_of(["links", index, "url"]),
            "this is the site's own address (site_url in mkdocs.yml); the site links to itself anyway, so remove this link",
            entry=f"links {index + 1} ({link['name']})",
            field="url",
        )
        for index, link in enumerate(document.data["links"])
        if _same_address(link["url"], site_url)
    ]


def _same_address(first: str, second: str) -> bool:
    def normal(url: str) -> str:
        return url.split("://", 1)[-1].rstrip("/").lower()

    return normal(first) == normal(second)
