"""Loading data/*.yml into one checked, sorted SiteData per build."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import dates
from .anchors import news_anchor
from .errors import DataError, entry_name
from .schema_check import check_against_schema
from .yaml_source import YamlDocument, read_yaml

# Each data file and the schema that declares it.
DATA_FILES = {
    "profile": "profile.schema.json",
    "research_areas": "research_areas.schema.json",
    "publications": "publications.schema.json",
    "news": "news.schema.json",
    "awards": "awards.schema.json",
    "press": "press.schema.json",
}


@dataclass(frozen=True)
class SiteData:
    profile: dict[str, Any]
    research_areas: list[dict[str, Any]]
    publications: list[dict[str, Any]]
    news: list[dict[str, Any]]
    awards: list[dict[str, Any]]
    press: list[dict[str, Any]]
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

    def awards_for(self, publication_key: str) -> list[dict[str, Any]]:
        return self._awards_by_publication.get(publication_key, [])

    def areas_of_news(self, item: dict[str, Any]) -> set[str]:
        """A news item belongs to its own areas and to those of its publication."""
        areas = set(item["areas"])
        if item["publication"]:
            areas.update(self.publications_by_key[item["publication"]]["areas"])
        return areas


def load_site_data(data_dir: Path, display_prefix: str = "data") -> SiteData:
    """Read, validate and cross-check every data file; raise DataError on the first problem."""
    documents = {
        name: _load_checked(data_dir, f"{name}.yml", schema, display_prefix) for name, schema in DATA_FILES.items()
    }
    _check_unique_keys(documents["research_areas"])
    _check_unique_keys(documents["publications"])
    areas = {area["key"] for area in documents["research_areas"].data}
    publications = {pub["key"] for pub in documents["publications"].data}
    owner = documents["profile"].data["name"]
    _check_references(documents["publications"], "areas", areas, "research area", "research_areas.yml")
    _check_owner_listed(documents["publications"], owner)
    for name in ("news", "awards", "press"):
        _check_references(documents[name], "publication", publications, "publication", "publications.yml")
    _check_references(documents["news"], "areas", areas, "research area", "research_areas.yml")
    _check_distinct_news(documents["news"])
    return SiteData(
        profile=documents["profile"].data,
        research_areas=documents["research_areas"].data,
        publications=sorted(documents["publications"].data, key=lambda pub: pub["year"], reverse=True),
        news=dates.newest_first(documents["news"].data),
        awards=dates.newest_first(documents["awards"].data),
        press=dates.newest_first(documents["press"].data),
    )


def _load_checked(data_dir: Path, file_name: str, schema: str, display_prefix: str) -> YamlDocument:
    document = read_yaml(data_dir / file_name, f"{display_prefix}/{file_name}")
    check_against_schema(document, data_dir / "schemas", schema)
    return document


def _check_distinct(
    document: YamlDocument, field_name: str, value_of: Callable[[dict[str, Any]], str], problem: Callable[[str, int], str]
) -> None:
    """Raise on the first entry whose value_of equals an earlier entry's; `problem` gets the value and that entry's number."""
    first_seen: dict[str, int] = {}
    for index, item in enumerate(document.data):
        value = value_of(item)
        if value in first_seen:
            raise DataError(
                document.name,
                document.line_of([index, field_name]),
                problem(value, first_seen[value] + 1),
                entry=entry_name(index, item),
                field=field_name,
            )
        first_seen[value] = index


def _check_unique_keys(document: YamlDocument) -> None:
    _check_distinct(
        document,
        "key",
        lambda item: item["key"],
        lambda key, first: f"the key '{key}' is already used by entry {first}; keys must be unique",
    )


def _check_references(document: YamlDocument, field_name: str, known: set[str], kind: str, target: str) -> None:
    for index, item in enumerate(document.data):
        value = item.get(field_name)
        references = value if isinstance(value, list) else [value] if value is not None else []
        for position, reference in enumerate(references):
            if reference not in known:
                path: list[str | int] = [index, field_name] + ([position] if isinstance(value, list) else [])
                raise DataError(
                    document.name,
                    document.line_of(path),
                    f"no {kind} has the key '{reference}' in data/{target}; known keys: {', '.join(sorted(known))}",
                    entry=entry_name(index, item),
                    field=field_name,
                )


def _check_distinct_news(document: YamlDocument) -> None:
    """Each item's link and feed id come from its date and first words, so those must differ."""
    _check_distinct(
        document,
        "text",
        news_anchor,
        lambda _, first: f"entry {first} has the same date and begins with the same words; reword one of them",
    )


def _check_owner_listed(document: YamlDocument, owner: str) -> None:
    for index, pub in enumerate(document.data):
        if owner not in pub["authors"]:
            raise DataError(
                document.name,
                document.line_of([index, "authors"]),
                f"the owner's name '{owner}' (data/profile.yml, name) is not among the authors; "
                "write it exactly as in the profile",
                entry=entry_name(index, pub),
                field="authors",
            )

