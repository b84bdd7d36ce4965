"""When two names, titles or addresses are the same for the importer, however each was written."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit


def comparable(text: str) -> str:
    """'Müller,  J.' and 'muller j' compare equal: accents, case, punctuation and spacing aside.

    Letters without a Latin base (郝, Ø) stay as they are, so two names in another script never look alike.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(character if character.isalnum() else " " for character in decomposed if not unicodedata.combining(character))
    return " ".join(kept.split())


def comparable_address(url: str) -> str:
    """http and https, a 'www.', the host's case and a final slash aside: 'HTTPS://www.ACL.org/x/' is 'acl.org/x'."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"
