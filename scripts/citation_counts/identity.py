"""How the command introduces itself to OpenAlex: the polite pool's address, an API key if there is one, the User-Agent."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import DataProblems, at
from .yaml_files import line_of, load, read_text

CONFIG = "mkdocs.yml"
PROFILE = "data/profile.yml"
# OpenAlex's free key; without one, OpenAlex allows only a few searches a day. Never printed.
API_KEY_VARIABLE = "OPENALEX_API_KEY"
_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name: and !ENV that a safe loader refuses; their values do not matter here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Identity:
    mailto: str | None
    api_key: str | None
    user_agent: str

    def parameters(self) -> dict[str, str]:
        """The query parameters every request carries."""
        given = {"mailto": self.mailto, "api_key": self.api_key}
        return {name: value for name, value in given.items() if value}


def identify(project: Path) -> Identity:
    """extra.openalex_mailto in mkdocs.yml if set, else the profile's email; the site's address names the project."""
    config = _mapping(project / CONFIG, CONFIG, _ConfigLoader)
    extra = config.get("extra")
    extra = extra if isinstance(extra, dict) else {}
    mailto = _address(extra.get("openalex_mailto"), project / CONFIG, CONFIG, ["extra", "openalex_mailto"])
    if mailto is None:
        profile = _mapping(project / PROFILE, PROFILE, yaml.SafeLoader)
        mailto = _address(profile.get("email"), project / PROFILE, PROFILE, ["email"])
    site = config.get("site_url") if isinstance(config.get("site_url"), str) else None
    return Identity(mailto, os.environ.get(API_KEY_VARIABLE) or None, _user_agent(site, mailto))


def _mapping(path: Path, shown: str, loader: type[yaml.SafeLoader]) -> dict[str, Any]:
    text = read_text(path, shown)
    data = load(text, shown, loader) if text is not None else None
    return data if isinstance(data, dict) else {}


def _address(value: Any, path: Path, shown: str, where: list[str]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _ADDRESS.fullmatch(value):
        line = line_of(read_text(path, shown) or "", where)
        raise DataProblems([at(shown, line, f"{'.'.join(where)} should be an e-mail address, which OpenAlex may write to about these requests")])
    return value


def _user_agent(site: str | None, mailto: str | None) -> str:
    about = "; ".join(part for part in ("make citations", site, f"mailto:{mailto}" if mailto else None) if part)
    return f"researcher-portfolio ({about})"
