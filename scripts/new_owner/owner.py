"""The new owner as given on the command line: a name and the address the site will be published at."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from .problems import Refused

EXAMPLE = 'make new-owner NAME="Ada Lovelace" SITE_URL=https://ada.example.org/'
# As data/schemas/profile.schema.json allows: the name names the PDF CV's file.
LONGEST_NAME = 100


@dataclass(frozen=True)
class NewOwner:
    name: str
    site_url: str

    @property
    def description(self) -> str:
        """A neutral site_description until the owner writes one."""
        return f"The research portfolio of {self.name}."

    @property
    def copyright(self) -> str:
        return f"Copyright &copy; {self.name}"


def new_owner(name: str, site_url: str) -> NewOwner:
    """The owner, or Refused naming what is wrong with the name or the address."""
    return NewOwner(_checked_name(name), _checked_site_url(site_url))


def _checked_name(given: str) -> str:
    name = given.strip()
    if not name:
        raise Refused(f"NAME is empty: give the new owner's name, e.g. {EXAMPLE}")
    if any(unicodedata.category(character) == "Cc" for character in name):
        raise Refused(f"NAME {given!r} holds a line break or another control character: give the name on one line, e.g. {EXAMPLE}")
    if len(name) > LONGEST_NAME:
        raise Refused(f"NAME has {len(name)} characters; at most {LONGEST_NAME} fit (the name also names the PDF CV's file)")
    return name


def _checked_site_url(given: str) -> str:
    """An http(s) address with a host and nothing after its path, ending in a slash as MkDocs expects."""
    address = given.strip()
    if not address:
        raise Refused(f"SITE_URL is empty: give the address the site will be published at, e.g. {EXAMPLE}")
    try:
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:
        host = None
    if not host or parts.scheme not in ("http", "https") or parts.query or parts.fragment or parts.username or _has_space(address):
        raise Refused(
            f"SITE_URL {given!r} is not an http(s) address of a site: give one such as https://ada.example.org/ "
            "(on GitHub Pages, https://USER.github.io/ or https://USER.github.io/REPOSITORY/)"
        )
    return address if address.endswith("/") else f"{address}/"


def _has_space(text: str) -> bool:
    return any(character.isspace() or unicodedata.category(character) == "Cc" for character in text)
