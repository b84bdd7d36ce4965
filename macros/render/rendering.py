"""The Jinja environment that turns data into HTML, from macros/templates/."""

from __future__ import annotations

import re
import secrets
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from mkdocs.utils import get_relative_url

from ..data import dates
from ..data.anchors import news_anchor
from ..data.link_kinds import PUBLICATION_LINKS, link_address
from ..shared.addresses import email_parts
from ..shared.inline_markdown import render_inline
from ..shared.paths import TEMPLATE_DIR
from .icons import icon

# What Python finds as an attribute of a plain dict (its methods): `pub.items` stays the method, as in Jinja.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class DataEnvironment(Environment):
    """Jinja, with `pub.title` on a dict of data looked up as the key it is, without Python's attribute miss first.

    Jinja's getattr asks for an attribute, and only when that raises, for the key: a raised and caught
    AttributeError for each of the ~60 fields a paper's card reads, a tenth of the time the lists of papers
    take to render. A plain dict has no attributes besides its methods, so looking up the key first for any
    other name gives what Jinja gives.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as one dict rather than Jinja's ChainMap over the environment's: each include
        makes a context that lists them, and a ChainMap lists its keys in Python, a tenth of an include's cost.
        The environment's globals are all set before a template loads (create_environment)."""
        return {**self.globals, **(d or {})}


def search_words(texts: list[str | None]) -> str:
    """The words a list's filter box matches an entry by: each text given once (whatever its case), lowercased."""
    return " ".join(dict.fromkeys(text.lower() for text in texts if text))


def create_environment(compiled_templates: Path | None = None) -> Environment:
    """The templates' environment; `compiled_templates` is a folder where Jinja keeps them compiled between builds.

    Each build makes its own, so it need not ask whether a template's file changed each time a page or a card
    includes it (auto_reload, a file system call per include: 2% of a build at 100x the data).
    """
    if compiled_templates is not None:
        compiled_templates.mkdir(parents=True, exist_ok=True)
    environment = DataEnvironment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        bytecode_cache=FileSystemBytecodeCache(str(compiled_templates)) if compiled_templates else None,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    environment.filters.update(
        inline_markdown=render_inline,
        date_label=dates.label,
        date_iso=dates.iso,
        date_year=dates.year,
        when=dates.when,
        news_anchor=news_anchor,
        email_parts=email_parts,
        search_words=search_words,
    )
    environment.globals["icon"] = icon
    environment.globals["publication_links"] = PUBLICATION_LINKS
    # link_address(value, url): a link as written, or a file the site keeps as an address relative to the page.
    environment.globals["link_address"] = link_address
    return environment


class HtmlBlocks:
    """Keeps the macros' HTML out of Markdown's way.

    A macro puts a short token into the page; Markdown sees a plain word, and
    after conversion the token is swapped for the HTML (see html_blocks.py).
    Markdown would otherwise re-parse every tag of that HTML, which is most of
    the build time for a long publication list, and might read data as Markdown.
    Each build's tokens carry a random part, so text from data that looks like
    a token can never be mistaken for one; no token is left in a finished page.
    """

    def __init__(self) -> None:
        self._held: dict[str, str] = {}
        self._prefix = f"pf-html-block-{secrets.token_hex(8)}-"
        self._token = re.compile(f"(?:<p>)?({re.escape(self._prefix)}\\d+)(?:</p>)?")

    def hold(self, html: str) -> str:
        token = f"{self._prefix}{len(self._held)}"
        self._held[token] = html
        return f"\n\n{token}\n\n"

    def splice(self, page_html: str) -> str:
        return self._token.sub(lambda match: self._held.get(match.group(1), match.group(0)), page_html)


class Renderer:
    """Renders a template for the page being built, so its links are relative to that page."""

    def __init__(self, environment: Environment, globals_: dict[str, Any], blocks: HtmlBlocks) -> None:
        self._environment = environment
        self._globals = globals_
        self._blocks = blocks

    def render(self, template: str, page_url: str, **context: Any) -> str:
        def url(target: str) -> str:
            return get_relative_url(target, page_url)

        def publication_url(key: str) -> str:
            return url(f"publications/{key}/")

        html = self._environment.get_template(template).render(url=url, publication_url=publication_url, **self._globals, **context)
        return self._blocks.hold(html)
