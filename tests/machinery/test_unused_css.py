"""The site's one stylesheet leaves out only rules nothing can use: every page looks exactly as with Material's
stylesheets and the site's own linked whole: every element's computed style is the same, in both schemes,
with the search open, and on a phone with the menu open."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import chromium, served
from site_helpers import ROOT

from macros.outputs import unused_css

BUNDLE = "assets/css/site.css"
# The pages to compare, and what to do on each before the picture is taken.
# Between them they hold every kind of entry, the filters, a paper's page with its code blocks, and the 404.
PAGES = ["", "publications/", "publications/widgetgit/", "cv/", "404.html"]
# On a desktop, in the other scheme, the page whose layout differs most from a phone's (two sidebars).
DESKTOP_PAGES = ["publications/widgetgit/"]
PHONE = {"width": 390, "height": 844}
# Readings 200 ms apart before a page whose styles keep changing fails the test (5 s).
SETTLE_READINGS = 25
DESKTOP = {"width": 1280, "height": 900}


def kept(css: str, pages: Iterable[str] = (), scripts: Iterable[str] = ()) -> str:
    return unused_css.used_rules(css, unused_css.NamesInUse.found_in(pages, scripts))


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        (".used{color:red}.unused{color:blue}", ".used{color:red}"),
        (".used,.unused>p{color:red}", ".used{color:red}"),
        ("#here .used{color:red}#gone{color:blue}", "#here .used{color:red}"),
        # A doubt keeps the rule: the arguments of :is() and :not(), attributes, elements.
        (":is(.unused,.used) p{color:red}", ":is(.unused,.used) p{color:red}"),
        (".used:not(.unused){color:red}", ".used:not(.unused){color:red}"),
        ("[class~=unused]{color:red}", "[class~=unused]{color:red}"),
        ("kbd{color:red}", "kbd{color:red}"),
        ('[data-x="a,.unused"]{color:red}', '[data-x="a,.unused"]{color:red}'),
        # Grouping rules are looked into, and go when nothing in them is kept; other at-rules stay whole.
        ("@media (min-width:10em){.unused{color:red}.used{color:blue}}", "@media (min-width:10em){.used{color:blue}}"),
        ("@media print{.unused{color:red}}", ""),
        ("@keyframes spin{to{transform:rotate(1turn)}}", "@keyframes spin{to{transform:rotate(1turn)}}"),
        (".added-by-script{color:red}", ".added-by-script{color:red}"),
    ],
)
def test_a_rule_goes_only_when_a_class_or_id_of_each_selector_is_named_nowhere(css: str, expected: str) -> None:
    page = '<p class="used other" id="here">x</p>'
    script = 'element.classList.add("added-by-script")'
    assert kept(css, [page], [script]) == expected


def test_the_built_bundle_is_smaller_than_the_stylesheets_it_holds(fixture_site: Path) -> None:
    whole = sum(len(path.read_bytes()) for path in full_stylesheets(fixture_site))
    assert 0 < len((fixture_site / BUNDLE).read_bytes()) < whole * 0.8


def full_stylesheets(site: Path) -> list[Path]:
    """Material's stylesheets as its base.html links them, then the site's own, as its configuration lists them."""
    from mkdocs.config import load_config

    material = sorted((site / "assets" / "stylesheets").glob("main.*.min.css")) + sorted((site / "assets" / "stylesheets").glob("palette.*.min.css"))
    config = load_config(str(ROOT / "mkdocs.yml"))
    return material + [ROOT / "docs" / path for path in config.extra_css]


def with_whole_stylesheets(site: Path, destination: Path) -> Path:
    """A copy of the site whose pages link every stylesheet whole, in the bundle's order, instead of the bundle."""
    copy = Path(shutil.copytree(site, destination))
    links = []
    for number, path in enumerate(full_stylesheets(site)):
        name = f"assets/css/whole-{number}.css"
        shutil.copy(path, copy / name)
        links.append(name)
    for page in copy.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        bundle_link = re.search(rf'<link rel="stylesheet" href="([^"]*){re.escape(BUNDLE)}">', html)
        assert bundle_link, page
        whole = "".join(f'<link rel="stylesheet" href="{bundle_link[1]}{name}">' for name in links)
        page.write_text(html.replace(bundle_link[0], whole), encoding="utf-8")
    return copy


# Every element's computed style, and its ::before's and ::after's, as one hash each: what the stylesheets decide,
# without the noise of pixels (text antialiasing varies from one screenshot to the next).
COMPUTED_STYLES = """() => {
  const hash = (text) => {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  };
  // Custom properties are inherited: compared once, on the root, sorted (Chromium lists them in an order that
  // depends on the stylesheets, not on their values). Every other property, on every element.
  const standard = (s) => {
    let text = "";
    for (let i = 0; i < s.length; i++) { if (!s[i].startsWith("--")) text += s[i] + ":" + s.getPropertyValue(s[i]) + ";"; }
    return text;
  };
  const custom = (s) => Array.from(s).filter((name) => name.startsWith("--")).sort().map((name) => name + ":" + s.getPropertyValue(name)).join(";");
  // The pages compared differ in their <link> elements only: one bundle against the stylesheets whole.
  return [...document.querySelectorAll("*:not(link)")].map((element) => {
    let text = standard(getComputedStyle(element));
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (style.content !== "none" && style.content !== "normal") text += pseudo + standard(style);
    }
    if (element === document.documentElement) text += custom(getComputedStyle(element));
    return element.tagName + "#" + element.id + "." + [...element.classList].join(".") + " " + hash(text);
  });
}"""


def settled_styles(page: Any) -> list[str]:
    """The page's computed styles once two readings 200 ms apart agree: the search's and the menu's transitions have
    ended, however slow the machine (a fixed wait once compared a search still opening)."""
    previous = page.evaluate(COMPUTED_STYLES)
    for _ in range(SETTLE_READINGS):
        page.wait_for_timeout(200)
        current = page.evaluate(COMPUTED_STYLES)
        if current == previous:
            return current
        previous = current
    raise AssertionError(f"{page.url}: the computed styles still changed after {SETTLE_READINGS} readings")


def computed_styles(browser: Any, url: str, scheme: str, viewport: dict) -> dict[str, list[str]]:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for address in PAGES if viewport is PHONE else DESKTOP_PAGES:
        page.goto(url + address, wait_until="load")
        page.wait_for_timeout(250)  # Material's transitions (the header, the tabs) have ended
        found[address] = page.evaluate(COMPUTED_STYLES)
    page.goto(url + "publications/", wait_until="load")
    page.keyboard.press("s")  # Material's shortcut opens the search
    page.keyboard.type("widget")
    page.wait_for_selector(".md-search-result__item")
    found["search"] = settled_styles(page)
    if viewport is PHONE:
        page.goto(url, wait_until="load")
        page.locator("label.md-header__button[for='__drawer']").click()
        found["drawer"] = settled_styles(page)
    context.close()
    return found


def differences(expected: dict[str, list[str]], bundled: dict[str, list[str]]) -> dict[str, list[tuple[str, str]]]:
    """Per state, the elements styled otherwise (an element missing on one side counts as a difference)."""
    found = {}
    for state in expected:
        pairs = [(old, new) for old, new in zip(expected[state], bundled[state], strict=False) if old != new]
        if pairs or len(expected[state]) != len(bundled[state]):
            found[state] = pairs or [("elements", f"{len(expected[state])} vs {len(bundled[state])}")]
    return found


@pytest.mark.parametrize(("scheme", "viewport"), [("light", PHONE), ("dark", DESKTOP)], ids=["light-phone", "dark-desktop"])
def test_every_element_is_styled_as_with_the_whole_stylesheets(fixture_site: Path, tmp_path: Path, scheme: str, viewport: dict) -> None:
    whole = with_whole_stylesheets(fixture_site, tmp_path / "whole")
    with chromium() as browser, served(fixture_site) as bundled_url, served(whole) as whole_url:
        bundled = computed_styles(browser, bundled_url, scheme, viewport)
        expected = computed_styles(browser, whole_url, scheme, viewport)
        assert bundled.keys() == expected.keys()
        different = differences(expected, bundled)
        if different:
            # A rule left out of the bundle differs every time; on a loaded machine Material's script now and then
            # lays out a sidebar or the menu a moment late in one of the two captures. Both are taken again, and
            # only a difference seen twice, in the same state, fails.
            again = differences(computed_styles(browser, whole_url, scheme, viewport), computed_styles(browser, bundled_url, scheme, viewport))
            different = {state: pairs for state, pairs in again.items() if state in different}
    assert not different, {state: pairs[:5] for state, pairs in different.items()}
