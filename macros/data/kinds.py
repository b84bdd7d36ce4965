"""The registry of data kinds: one declaration per kind of entry, read by loading, checking, macros, the CV and the PDF.

Adding a kind is one schema (data/schemas/<name>.schema.json), one declaration
here, one HTML template and one Typst section (macros/templates/cv/<name>.typ);
README's "Adding a kind of entry" walks through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import dates

Entries = list[dict[str, Any]]


def keep_order(entries: Entries) -> Entries:
    """The order of the file: the owner's own."""
    return entries


def newest_first(entries: Entries) -> Entries:
    return dates.newest_first(entries)


def newest_year_first(entries: Entries) -> Entries:
    return sorted(entries, key=lambda entry: entry["year"], reverse=True)


def latest_first(entries: Entries) -> Entries:
    """Dated or ranged entries newest first; those without any date keep their place at the end."""
    return sorted(entries, key=dates.entry_sort_key, reverse=True)


def names(entry: dict[str, Any]) -> list[Any]:
    return [entry["name"]]


def skill_names(entry: dict[str, Any]) -> list[Any]:
    return list(entry["items"])


def talk_event(entry: dict[str, Any]) -> list[Any]:
    """schema.org has no talk, but a Person is a performer in an Event."""
    event: dict[str, Any] = {"@type": "Event", "name": entry["event"]}
    if entry.get("date") is not None:
        event["startDate"] = str(entry["date"])
    if entry.get("place"):
        event["location"] = {"@type": "Place", "name": entry["place"]}
    return [event]


@dataclass(frozen=True)
class DataKind:
    """One kind of entry.

    `name` is its data file (data/<name>.yml, checked by data/schemas/<name>.schema.json),
    or, with `in_profile`, its list inside data/profile.yml. `label` lists the fields
    that name an entry in messages, first present wins. `references` pairs a field with
    the kind whose keys it holds. `template` is the HTML template of its macro
    (macros/templates/<template>); `cv` puts it on the CV page and in the PDF CV
    (macros/templates/cv/<name>.typ). `json_ld`, where schema.org has a Person
    property for the kind, is that property and what each entry adds to it.
    """

    name: str
    title: str
    singular: str
    required: bool = False
    in_profile: bool = False
    label: tuple[str, ...] = ()
    order: Callable[[Entries], Entries] = keep_order
    unique: str | None = None
    references: tuple[tuple[str, str], ...] = ()
    template: str | None = None
    cv: bool = False
    json_ld: tuple[str, Callable[[dict[str, Any]], list[Any]]] | None = None

    @property
    def file(self) -> str:
        return "profile.yml" if self.in_profile else f"{self.name}.yml"

    @property
    def schema(self) -> str:
        return f"{'profile' if self.in_profile else self.name}.schema.json"


PROFILE = DataKind("profile", "Profile", "profile", required=True)

# In the order of the CV; kinds without `cv` sit where they read best in this list.
KINDS: tuple[DataKind, ...] = (
    PROFILE,
    DataKind("research_areas", "Research areas", "research area", label=("key",), unique="key", template="research_areas.html"),
    DataKind("education", "Education", "education entry", in_profile=True, template="education.html", cv=True),
    DataKind("experience", "Experience", "experience entry", in_profile=True, template="experience.html", cv=True),
    DataKind(
        "publications",
        "Publications",
        "publication",
        label=("key",),
        order=newest_year_first,
        unique="key",
        references=(("areas", "research_areas"),),
        template="publications.html",
        cv=True,
    ),
    DataKind(
        "awards",
        "Honors",
        "honor",
        label=("name",),
        order=newest_first,
        references=(("publication", "publications"),),
        template="awards.html",
        cv=True,
        json_ld=("award", names),
    ),
    DataKind(
        "talks",
        "Talks",
        "talk",
        label=("title",),
        order=latest_first,
        references=(("publication", "publications"),),
        template="talks.html",
        cv=True,
        json_ld=("performerIn", talk_event),
    ),
    DataKind("teaching", "Teaching", "teaching entry", label=("course",), order=latest_first, template="teaching.html", cv=True),
    DataKind("service", "Service", "service entry", label=("role",), order=latest_first, template="service.html", cv=True),
    DataKind("mentoring", "Mentoring", "mentee", label=("name",), order=latest_first, template="mentoring.html", cv=True),
    DataKind(
        "software",
        "Software",
        "software entry",
        label=("name",),
        references=(("publications", "publications"),),
        template="software.html",
        cv=True,
    ),
    DataKind("patents", "Patents", "patent", in_profile=True, template="patents.html", cv=True),
    DataKind(
        "press",
        "Press",
        "press article",
        label=("outlet",),
        order=newest_first,
        references=(("publication", "publications"),),
        template="press.html",
        cv=True,
    ),
    DataKind("languages", "Languages", "language", label=("name",), template="languages.html", cv=True, json_ld=("knowsLanguage", names)),
    DataKind("skills", "Skills", "skill group", label=("category",), template="skills.html", cv=True, json_ld=("knowsAbout", skill_names)),
    DataKind(
        "news",
        "News",
        "news item",
        label=("date",),
        order=newest_first,
        references=(("areas", "research_areas"), ("publication", "publications")),
        template="news.html",
    ),
)

KINDS_BY_NAME = {kind.name: kind for kind in KINDS}
# The kinds with a file of their own under data/, the profile first.
FILE_KINDS = tuple(kind for kind in KINDS if not kind.in_profile)
