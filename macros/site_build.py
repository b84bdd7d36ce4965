"""What one build made of data/ and mkdocs.yml's extra settings: the one handle the hooks receive.

define_env (macros/__init__.py) makes a SiteBuild when the configuration
loads; each hook in macros/hooks/ asks `site_build(config)` for it. Hooks
import this module inside their event functions: MkDocs loads a hook by its
path, before mkdocs-macros has put this package on Python's path, and from
on_config on the package is there, the same copy for every hook of the build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig

from .outputs.preview_errors import ErrorOutputs
from .outputs.site_outputs import SiteOutputs
from .render.rendering import HtmlBlocks
from .settings import SiteSettings

# Set by the hook live_preview.py when MkDocs starts: "1" under `mkdocs serve`, empty for every other command.
PREVIEW_VARIABLE = "PORTFOLIO_LIVE_PREVIEW"
# The macros plugin's attribute that holds the build's SiteBuild.
_ATTRIBUTE = "portfolio_site_build"


def preview_running() -> bool:
    """Whether `mkdocs serve` runs this build: a data error is then shown in the browser, and inline scripts are allowed."""
    return os.environ.get(PREVIEW_VARIABLE) == "1"


@dataclass
class SiteBuild:
    settings: SiteSettings
    html_blocks: HtmlBlocks
    preview: bool
    # Exactly one of the two: the site's outputs when the data is whole, the problems' pages under the preview else.
    outputs: SiteOutputs | None = None
    error_outputs: ErrorOutputs | None = None


def attach(plugin: object, build: SiteBuild) -> None:
    setattr(plugin, _ATTRIBUTE, build)


def site_build(config: MkDocsConfig) -> SiteBuild:
    build = getattr(config.plugins["macros"], _ATTRIBUTE, None)
    if not isinstance(build, SiteBuild):
        raise RuntimeError("the macros module made no SiteBuild: is `module_name: macros` set for the macros plugin?")
    return build
