"""How the site writes an e-mail address and a web address for people to read, the same on every page and in the PDF."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit


class EmailParts(NamedTuple):
    """An address split at its "@": the pages keep it apart, and a small script joins it on click."""

    user: str
    domain: str

    @property
    def spelled(self) -> str:
        """'wei at example dot org': readable by people, not by the harvesters that scan pages for addresses."""
        return f"{self.user} at {self.domain.replace('.', ' dot ')}"


def email_parts(address: str) -> EmailParts:
    user, domain = address.split("@")
    return EmailParts(user, domain)


def shown_url(url: str) -> str:
    """'https://github.com/WeiHao97/' -> 'github.com/WeiHao97': short enough to print, still typeable."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")
