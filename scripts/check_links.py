"""Offline check of a built site: every internal link and fragment resolves, images have alt text, external links are safe.

Usage: python scripts/check_links.py SITE_DIR
Prints one line per problem and exits 1 if there is any; exits 0 when the site is clean.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

# Schemes a page may link to. mailto: and tel: open a local app, never a page;
# anything else (javascript:, data:, file:, ftp:) is either unsafe or unreachable for a visitor.
EXTERNAL_SCHEMES = frozenset({"http", "https"})
APP_SCHEMES = frozenset({"mailto", "tel"})
URL_ATTRIBUTES = ("href", "src")


@dataclass
class Site:
    """The built pages of one site directory, parsed once each on demand."""

    root: Path
    _anchors: dict[Path, set[str]] = field(default_factory=dict)

    def anchors(self, page: Path) -> set[str]:
        """Every id and <a name> in `page`: the fragments a link to it may use."""
        if page not in self._anchors:
            soup = parse(page)
            names = {str(tag["id"]) for tag in soup.find_all(id=True)}
            names |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
            self._anchors[page] = names
        return self._anchors[page]


def parse(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def url_directory(site_root: Path, page: Path) -> str:
    """The URL path of the folder a page is served from, e.g. '/research/' for research/index.html."""
    parent = page.parent.relative_to(site_root).as_posix()
    return "/" if parent == "." else f"/{parent}/"


def resolve_target(site_root: Path, page: Path, path: str) -> Path | None:
    """The built file a link path points at, or None when it leaves the site."""
    parts = (path if path.startswith("/") else url_directory(site_root, page) + path).split("/")
    stack: list[str] = []
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not stack:
                return None
            stack.pop()
        else:
            stack.append(part)
    target = site_root.joinpath(*stack)
    # Directory URLs ('about/', or 'about' that is a folder) are served as their index.html.
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_url(site: Site, page: Path, url: str) -> str | None:
    """What is wrong with one href/src value on `page`, or None."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in APP_SCHEMES:
        return None
    if scheme or parts.netloc:
        if scheme in EXTERNAL_SCHEMES or (not scheme and parts.netloc):
            return None
        return f"external link is not http(s): {scheme}:"
    if not parts.path and not parts.fragment:
        return None  # '#' alone or '': a link to this very page.
    target = page if not parts.path else resolve_target(site.root, page, unquote(parts.path))
    if target is None:
        return "points above the site root"
    if not target.is_file():
        return f"no such file: {target.relative_to(site.root).as_posix()}"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in site.anchors(target):
        return f"no element with id '{fragment}' in {target.relative_to(site.root).as_posix()}"
    return None


def check_element(site: Site, page: Path, tag: Tag) -> list[str]:
    """The problems of one element: its URLs, its alt text, its target."""
    problems = []
    for attribute in URL_ATTRIBUTES:
        value = tag.get(attribute)
        if isinstance(value, str):
            problem = check_url(site, page, value)
            if problem:
                problems.append(f'<{tag.name} {attribute}="{value}">: {problem}')
    if tag.name == "img" and not tag.has_attr("alt"):
        problems.append(f'<img src="{tag.get("src", "")}">: no alt attribute')
    # A new tab without noopener gives the opened page a handle on this one (window.opener).
    if tag.get("target") == "_blank" and "noopener" not in rel_values(tag):
        problems.append(f'<{tag.name} href="{tag.get("href", "")}" target="_blank">: rel lacks noopener')
    return problems


def rel_values(tag: Tag) -> list[str]:
    value = tag.get("rel")
    if value is None:
        return []
    return [str(part).lower() for part in (value if isinstance(value, list) else str(value).split())]


def check_page(site: Site, page: Path) -> list[str]:
    name = page.relative_to(site.root).as_posix()
    problems: list[str] = []
    for tag in parse(page).find_all(True):
        problems.extend(f"{name}: {problem}" for problem in check_element(site, page, tag))
    return problems


def check_site(site_dir: Path | str) -> list[str]:
    """Every problem in the built site at `site_dir`, one line each, in page order."""
    site = Site(Path(site_dir).resolve())
    pages = sorted(site.root.rglob("*.html"))
    if not pages:
        return [f"{site_dir}: no HTML pages found"]
    problems = []
    for page in pages:
        problems.extend(check_page(site, page))
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: check_links.py SITE_DIR (a built site folder)", file=sys.stderr)
        return 2
    problems = check_site(argv[0])
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{sum(1 for _ in Path(argv[0]).rglob('*.html'))} pages checked: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
