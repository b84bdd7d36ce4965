"""MkDocs hook (see `hooks:` in macros/machinery.yml): after each build, Python forgets the macros package.

mkdocs-macros imports the package when the configuration loads; the hooks
import from the same copy during the build (macros/site_build.py). Forgotten
once the build ends, well or not, it is imported afresh by the next one, so
`mkdocs serve` runs the code as edited, not the code it started with.
"""

from __future__ import annotations

import sys

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

PACKAGE = "macros"


# After every other hook and plugin of the build, which may still import from the package.
@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    forget_package()


def on_build_error(error: Exception) -> None:
    forget_package()


def forget_package() -> None:
    for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]
