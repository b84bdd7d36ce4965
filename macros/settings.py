"""The settings under `extra:` in mkdocs.yml that the machinery reads, declared once as MkDocs config options.

They are checked when the configuration loads (define_env runs in MkDocs'
on_config), before any page, and a wrong one stops every build, strict or
not, with one line naming it. Keys under `extra:` that are not declared here
(Material's `generator`, `social`, `analytics`, ...) are Material's and pass
through untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import PluginError

from .outputs.citations.citation_styles import STYLES, style_ids
from .outputs.security_policy import PolicyError, checked_additions
from .outputs.typeset.cv_pdf import EMAIL_STYLES, PAPER_SIZES, CvLayout


class _Checked(c.BaseConfigOption[Any]):
    """A setting whose values one function knows; what it refuses reaches the owner in its own words."""

    def __init__(self, check: Callable[[Any], Any], default: Any) -> None:
        super().__init__()
        self._check = check
        self.default = default

    def run_validation(self, value: object) -> Any:
        try:
            return self._check(value)
        except (ValueError, PolicyError) as error:
            raise ValidationError(str(error)) from None


def _one_of(choices: tuple[str, ...]) -> _Checked:
    def check(value: object) -> str:
        if value not in choices:
            raise ValueError(f"'{value}' is not a choice; use one of: {', '.join(choices)}")
        return str(value)

    return _Checked(check, choices[0])


class SiteSettings(Config):
    # Each paper's page offers its reference in these styles, in this order; [] offers none.
    citation_styles = _Checked(style_ids, tuple(STYLES))
    # Sources the owner adds to the site's policy, per directive, e.g. frame-src for an embedded video.
    content_security_policy = _Checked(checked_additions, {})
    # The PDF CV's paper, and how it shows the e-mail address (spelled out as on the site, a link, or not at all).
    cv_paper = _one_of(PAPER_SIZES)
    cv_email = _one_of(EMAIL_STYLES)
    # The address `make citations` gives OpenAlex (the profile's e-mail when unset); the build does not use it.
    openalex_mailto = c.Optional(c.Type(str))

    @property
    def cv_layout(self) -> CvLayout:
        return CvLayout(paper=self["cv_paper"], email=self["cv_email"])


def load_settings(extra: Mapping[str, Any], config_file_path: str | None) -> SiteSettings:
    """mkdocs.yml's `extra:` settings of the machinery, checked; anything wrong stops the build with one line per setting."""
    settings = SiteSettings(config_file_path=config_file_path)
    settings.load_dict({name: value for name, value in extra.items() if name in settings})
    failed, _ = settings.validate()
    if failed:
        raise PluginError("\n".join(f"mkdocs.yml: extra.{name}: {error}" for name, error in failed))
    return settings
