"""What re-importing a paper already in the data adds to its entry (`--update`): only what the entry lacks.

The entry is the one duplicates.KnownPapers finds (same DOI, arXiv id,
address or title), as the file writes it (publications_file.written_entries,
not the build's data, which gives every absent field a default). A field the
owner wrote is never replaced, even where the .bib says otherwise: those
fields are reported (`differences`), for the dry run to say "kept yours".

A preprint and its published version (one of type preprint, the other not)
are one paper: the entry gets the other version's identifiers, so it ends up
with both links, but keeps its own venue, type, year and everything else that
describes where and when its version appeared.
"""

from __future__ import annotations

import copy
from typing import Any

# Never taken from an import: the key names the owner's page; `selected` is the importer's placeholder, not the .bib's.
NOT_FROM_THE_BIB = frozenset({"key", "selected"})
# What differs between a preprint and its published version: never carried from one to the other.
VERSION_FIELDS = frozenset(
    {
        "venue",
        "venue_full",
        "type",
        "year",
        "month",
        "pages",
        "volume",
        "number",
        "publisher",
        "editors",
        "address",
        "school",
        "degree",
        "note",
        "award",
    }
)
# The links a preprint brings to its published version; the published version brings all of its links but an arXiv DOI.
PREPRINT_LINKS = frozenset({"arxiv"})
# arXiv's own DOIs (10.48550/arXiv.2307.07507) name the preprint, never the published paper.
ARXIV_DOI_PREFIX = "10.48550/"
# How much of a value a line of the dry run shows.
SHOWN_LENGTH = 72


def is_empty(value: Any) -> bool:
    """None, "", [] and {} say nothing; false and 0 are values."""
    return value is None or (isinstance(value, (str, list, tuple, dict)) and len(value) == 0)


def fills(existing: dict[str, Any], imported: dict[str, Any]) -> dict[str, Any]:
    """The fields `imported` gives that `existing` lacks or leaves empty; new links as a nested `links` dict.

    In the order `imported` has them (links last when `imported` writes them
    last); empty when there is nothing to add. Never `key` or `selected`, never
    a field `existing` gives a value (false and 0 are values). Between a
    preprint and its published version, no VERSION_FIELDS; a preprint brings
    only its arXiv id (and the fields that describe the paper, such as its
    abstract), the published version all its links but an arXiv DOI.
    """
    crossing = _versions_of_one_paper(existing, imported)
    added: dict[str, Any] = {}
    for name, value in imported.items():
        if name in NOT_FROM_THE_BIB or is_empty(value) or (crossing and name in VERSION_FIELDS):
            continue
        if name == "links":
            if new_links := _new_links(existing.get("links"), value, crossing=crossing, from_preprint=_is_preprint(imported)):
                added["links"] = new_links
        elif is_empty(existing.get(name)):
            added[name] = copy.deepcopy(value)
    return added


def differences(existing: dict[str, Any], imported: dict[str, Any]) -> list[str]:
    """The fields both give with different values, kept as the owner wrote them: `venue`, `links.doi`...

    In the order `imported` has them; DOIs compare ignoring case, as DOIs do.
    Never `key` or `selected` (which the import does not read from the .bib).
    """
    names: list[str] = []
    for name, value in imported.items():
        if name in NOT_FROM_THE_BIB or is_empty(value) or is_empty(existing.get(name)):
            continue
        if name == "links" and isinstance(value, dict) and isinstance(existing["links"], dict):
            names += [
                f"links.{link}"
                for link, address in value.items()
                if not is_empty(address) and not is_empty(existing["links"].get(link)) and not _same(link, existing["links"][link], address)
            ]
        elif existing[name] != value:
            names.append(name)
    return names


def merged(existing: dict[str, Any], added: dict[str, Any]) -> dict[str, Any]:
    """The entry once `added` (what `fills` gave) is written: what the next import of the same paper compares with."""
    result = copy.deepcopy(existing)
    for name, value in added.items():
        if name == "links":
            result["links"] = {**(result.get("links") or {}), **value}
        else:
            result[name] = copy.deepcopy(value)
    return result


def filled_names(added: dict[str, Any]) -> list[str]:
    """The names of what `fills` gave, links as `links.doi`, in the order they are written."""
    names: list[str] = []
    for name, value in added.items():
        names += [f"links.{link}" for link in value] if name == "links" else [name]
    return names


def describe_fills(key: str, added: dict[str, Any], *, written: bool = False) -> list[str]:
    """The lines that say what the update adds to entry `key`; none when it adds nothing.

    The first line names the fields ("mgit: would add abstract, links.doi",
    or "mgit: added ..." once `written`); one indented line per field follows
    with its value, shortened to one line.
    """
    if not added:
        return []
    values = [(name, value) for name, value in added.items() if name != "links"]
    values += [(f"links.{link}", address) for link, address in (added.get("links") or {}).items()]
    order = {name: position for position, name in enumerate(filled_names(added))}
    values.sort(key=lambda pair: order[pair[0]])
    verb = "added" if written else "would add"
    return [f"{key}: {verb} {', '.join(order)}", *(f"    {name}: {_shown(value)}" for name, value in values)]


def describe_differences(key: str, names: list[str]) -> list[str]:
    """The line that says which of entry `key`'s fields the .bib gives otherwise and the update left alone."""
    return [f"{key}: kept yours: {', '.join(names)} (the .bib says otherwise)"] if names else []


def _is_preprint(publication: dict[str, Any]) -> bool:
    return publication.get("type") == "preprint"


def _versions_of_one_paper(existing: dict[str, Any], imported: dict[str, Any]) -> bool:
    """One is the preprint (type preprint), the other its published version (any other type)."""
    return _is_preprint(existing) != _is_preprint(imported)


def _new_links(existing: Any, imported: Any, *, crossing: bool, from_preprint: bool) -> dict[str, Any]:
    """The links `imported` gives that `existing` lacks; across versions, only those that name the other version."""
    if not isinstance(imported, dict):
        return {}
    have = existing if isinstance(existing, dict) else {}
    new = {name: address for name, address in imported.items() if not is_empty(address) and is_empty(have.get(name))}
    if crossing and from_preprint:
        return {name: address for name, address in new.items() if name in PREPRINT_LINKS}
    if crossing:
        return {name: address for name, address in new.items() if not (name == "doi" and _is_arxiv_doi(address))}
    return new


def _is_arxiv_doi(doi: Any) -> bool:
    return isinstance(doi, str) and doi.lower().startswith(ARXIV_DOI_PREFIX)


def _same(link: str, ours: Any, theirs: Any) -> bool:
    if link == "doi" and isinstance(ours, str) and isinstance(theirs, str):
        return ours.lower() == theirs.lower()
    return ours == theirs


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = ", ".join(str(item) for item in value)
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1].rstrip() + "…"
