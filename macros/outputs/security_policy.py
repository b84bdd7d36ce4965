"""The Content-Security-Policy a page carries: the sources it may load from, the inline scripts it may run and its inline styles.

GitHub Pages cannot send security headers, so the policy travels in a
`<meta http-equiv="Content-Security-Policy">` tag (see the hook
content_security_policy.py).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape

SELF = "'self'"
NONE = "'none'"

# What Material 9.8.1 and the site's own files need, checked in Chromium (tests/owner_site/browser/).
# Everything starts from nothing (`default-src 'none'`); each kind of request a page makes is named below,
# so a kind nobody named (media, frames, plugins, ...) stays blocked.
BASE_DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": (NONE,),
    # Material's bundle and assets/js/; its inline scripts are added by hash (ContentSecurityPolicy).
    "script-src": (SELF,),
    # The page's own <style> element (stylesheet_bundle.py) is added by hash. Material sets styles through the
    # DOM (CSSOM), which a policy does not restrict, and writes no style attribute or <style> element.
    "style-src": (SELF,),
    # The favicon and pictures under docs/; Material's stylesheets draw their icons as data: SVG images.
    "img-src": (SELF, "data:"),
    # The theme loads no web font (`font: false`); a font the owner puts under docs/ still works.
    "font-src": (SELF,),
    # Material fetches search/search_index.json (from the page: its search worker gets the index by message)
    # and sitemap.xml; instant navigation, if the owner turns it on, fetches each page it shows.
    "connect-src": (SELF,),
    # Material's search runs in a Web Worker loaded from the site itself. Named, though a missing worker-src
    # would fall back to script-src: a script host the owner adds must not become a place workers come from.
    "worker-src": (SELF,),
    # No page links a web app manifest today; one the owner adds under docs/ still works.
    "manifest-src": (SELF,),
    "object-src": (NONE,),
    # No page has a <base>; an injected one would point every relative link and script address elsewhere.
    "base-uri": (NONE,),
    # Material's search box is a <form> without an action, but Material handles Enter itself (it opens the
    # best result, or does nothing) and never submits it; an injected form cannot send anything anywhere.
    "form-action": (NONE,),
    # The site embeds nothing; an embed the owner names in mkdocs.yml (README) replaces the 'none'.
    "frame-src": (NONE,),
}

# Browsers ignore these in a meta tag; GitHub Pages cannot send them as headers.
HEADER_ONLY_DIRECTIVES = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})
# The directives that decide whether an inline <script> element runs, and whether a <style> element applies.
INLINE_SCRIPT_DIRECTIVES = frozenset({"script-src", "script-src-elem"})
INLINE_STYLE_DIRECTIVES = frozenset({"style-src", "style-src-elem"})
UNSAFE_INLINE = "'unsafe-inline'"
DIRECTIVE_NAME = re.compile(r"^[a-z]+(-[a-z]+)*$")
# Any of these would let an injected script run, which is what the policy is for.
SCRIPT_DIRECTIVES = frozenset({"script-src", "script-src-elem", "script-src-attr", "worker-src", "default-src"})
UNSAFE_SCRIPT_SOURCES = frozenset({"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'"})
# Where a page may send a visitor, or what it types: a source allowing any host would let injected markup
# (a <form>, a <base>) send them anywhere. A named host, such as a mailing list's, is fine.
NAVIGATION_DIRECTIVES = {
    "form-action": "an injected form send what a visitor types to any site; name the form's host instead",
    "base-uri": "an injected <base> point the page's links at any site; name the host instead",
}
# `https:`, `data:`, `*`, `https://*`, `*:443`: sources that allow every host (of one scheme, or of all).
ANY_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*://)?\*(?::[0-9*]+)?(?:/.*)?)$")

# The `type` values that make a <script> run as JavaScript (HTML's "JavaScript MIME type essence
# match", plus modules). Any other type, such as application/ld+json, is a data block: never
# executed, so the policy needs no hash for it.
JAVASCRIPT_TYPES = frozenset(
    {
        "",
        "module",
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)


class PolicyError(ValueError):
    """An addition to the policy that cannot be honoured, phrased for the person editing mkdocs.yml."""


@dataclass(frozen=True)
class ContentSecurityPolicy:
    """One page's policy.

    `script_hashes` and `style_hashes` are the `sha256-...` sources of the page's inline scripts and styles.
    `additions` are the owner's extra sources per directive (from mkdocs.yml,
    checked by `checked_additions`). `inline_scripts_allowed` is for
    `mkdocs serve` only: its live-reload script differs on every request, so
    no hash can name it in advance.
    """

    script_hashes: tuple[str, ...] = ()
    style_hashes: tuple[str, ...] = ()
    additions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    inline_scripts_allowed: bool = False

    def directives(self) -> dict[str, tuple[str, ...]]:
        directives = dict(BASE_DIRECTIVES)
        for name, sources in self.additions.items():
            # default-src is 'none', so a directive the site does not set starts from 'self' instead: the owner
            # adds to what the site's own files may do. An addition to a 'none' directive takes its place.
            current = tuple(source for source in directives.get(name, (SELF,)) if source != NONE)
            directives[name] = _merged(current, sources) or (NONE,)
        # script-src-elem (only if the owner sets it) overrides script-src for <script> elements, so the
        # page's inline scripts must be named in both.
        for name in INLINE_SCRIPT_DIRECTIVES & directives.keys():
            if self.inline_scripts_allowed:
                # A hash in the list would make browsers ignore 'unsafe-inline', so none is listed.
                directives[name] = _merged(directives[name], (UNSAFE_INLINE,))
            else:
                directives[name] = _merged(directives[name], tuple(f"'{h}'" for h in self.script_hashes))
        for name in INLINE_STYLE_DIRECTIVES & directives.keys():
            # The owner's 'unsafe-inline' (for style="..." attributes) already allows the page's <style>; a hash
            # beside it would make browsers ignore it.
            if UNSAFE_INLINE not in (source.lower() for source in directives[name]):
                directives[name] = _merged(directives[name], tuple(f"'{h}'" for h in self.style_hashes))
        return directives

    def __str__(self) -> str:
        return "; ".join(" ".join((name, *sources)) for name, sources in self.directives().items())


def _merged(sources: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*sources, *more)))


def checked_additions(raw: object) -> dict[str, tuple[str, ...]]:
    """The owner's extra sources, e.g. {"frame-src": ["https://www.youtube-nocookie.com"]}, or a PolicyError."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise PolicyError("expected a mapping of directive names to lists of sources")
    additions: dict[str, tuple[str, ...]] = {}
    for name, sources in raw.items():
        if not isinstance(name, str) or not DIRECTIVE_NAME.match(name):
            raise PolicyError(f"{name!r} is not a directive name such as 'frame-src' or 'img-src'")
        if name in HEADER_ONLY_DIRECTIVES:
            raise PolicyError(f"'{name}': browsers ignore this directive in a page's meta tag")
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not all(isinstance(s, str) and s and not re.search(r"[\s;,\"]", s) for s in sources):
            raise PolicyError(f"'{name}': expected a list of sources, each without spaces, ';', ',' or '\"'")
        if any(source.lower() == NONE for source in sources):
            # Next to other sources browsers ignore 'none' (and say so in the console); additions only widen.
            raise PolicyError(f"'{name}': 'none' cannot be added to the site's own sources; leave the directive out")
        if name in SCRIPT_DIRECTIVES:
            unsafe = [source for source in sources if source.lower() in UNSAFE_SCRIPT_SOURCES or ANY_HOST.match(source.lower())]
            if unsafe:
                raise PolicyError(f"'{name}': {', '.join(unsafe)} would let injected scripts run; name the script's host instead")
        if name in NAVIGATION_DIRECTIVES:
            unsafe = [source for source in sources if ANY_HOST.match(source.lower())]
            if unsafe:
                raise PolicyError(f"'{name}': {', '.join(unsafe)} would let {NAVIGATION_DIRECTIVES[name]}")
        additions[name] = tuple(sources)
    return additions


# Every page of a build carries one of a few stylesheets and the same scripts: each is hashed once.
@lru_cache(maxsize=256)
def content_hash(source: str) -> str:
    """The CSP source expression for one inline script or style, computed over its UTF-8 text."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


_START_TAG_ATTRIBUTES = r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*"
# A comment, a <script> or a <style> start tag with its text up to the first "</script" or "</style", where an
# HTML parser ends it (written as runs without "<", a hundred kilobytes of stylesheet take a fraction of a
# millisecond). One pass over the page finds them all, so a <script> inside a comment or a stylesheet is
# skipped as a browser skips it; a full HTML parse of every page cost a quarter of a large build.
_COMMENT_SCRIPT_OR_STYLE = re.compile(
    r"<!--.*?-->"
    rf"|<script(?P<attributes>{_START_TAG_ATTRIBUTES})\s*/?>(?P<text>[^<]*(?:<(?!/script)[^<]*)*)</script"
    rf"|<style{_START_TAG_ATTRIBUTES}\s*>(?P<style>[^<]*(?:<(?!/style)[^<]*)*)</style",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def inline_elements(html: str) -> tuple[list[str], list[str]]:
    """The inline scripts a browser would run and the <style> elements, each in page order, found in one pass over `html`."""
    scripts, styles = [], []
    for found in _COMMENT_SCRIPT_OR_STYLE.finditer(html):
        if found["style"] is not None:
            styles.append(found["style"])
        elif found["attributes"] is not None and _runs_inline(found["attributes"]):
            scripts.append(found["text"])
    return scripts, styles


def _runs_inline(attributes: str) -> bool:
    """No src, and a type that is JavaScript (a data block such as application/ld+json never runs)."""
    values: dict[str, str] = {}
    for name, *quoted in _ATTRIBUTE.findall(attributes):
        # The first of a repeated attribute counts, as in a browser.
        values.setdefault(name.lower(), unescape("".join(quoted)))
    return "src" not in values and values.get("type", "").strip().lower() in JAVASCRIPT_TYPES


def policy_for(html: str, additions: Mapping[str, tuple[str, ...]] | None = None, *, inline_scripts_allowed: bool = False) -> ContentSecurityPolicy:
    """The policy that lets `html` run its own inline scripts, apply its own <style> elements, and nothing else inline."""
    scripts, styles = inline_elements(html)
    return ContentSecurityPolicy(
        script_hashes=tuple(dict.fromkeys(content_hash(script) for script in scripts)),
        style_hashes=tuple(dict.fromkeys(content_hash(style) for style in styles)),
        additions=dict(additions or {}),
        inline_scripts_allowed=inline_scripts_allowed,
    )
