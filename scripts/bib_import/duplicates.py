"""Whether a paper is already in the data: the same DOI, arXiv id or address, or the same title."""

from __future__ import annotations

from typing import Any

from .comparing import comparable, comparable_address


def title_key(title: str) -> str:
    """Titles compare equal ignoring case, accents, punctuation and braces."""
    return comparable(title).replace(" ", "")


class KnownPapers:
    """Every paper of data/publications.yml, and those imported so far, by each thing that identifies it."""

    def __init__(self, publications: list[dict[str, Any]]) -> None:
        self._by_identity: dict[str, str] = {}
        for publication in publications:
            self.add(publication)

    def add(self, publication: dict[str, Any]) -> None:
        for identity in _identities(publication):
            self._by_identity.setdefault(identity, publication["key"])

    def existing_key(self, publication: dict[str, Any]) -> str | None:
        return next((self._by_identity[identity] for identity in _identities(publication) if identity in self._by_identity), None)


def _identities(publication: dict[str, Any]) -> list[str]:
    links = publication.get("links") or {}
    found = [f"title:{title}"] if (title := title_key(publication["title"])) else []
    if links.get("doi"):
        found.append(f"doi:{links['doi'].lower()}")
    if links.get("arxiv"):
        found.append(f"arxiv:{links['arxiv']}")
    found += [f"url:{comparable_address(links[name])}" for name in ("paper", "pdf") if links.get(name)]
    return found
