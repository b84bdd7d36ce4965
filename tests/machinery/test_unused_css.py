"""Each page's own stylesheet leaves out only rules nothing on it can use: every page looks exactly as with
Material's stylesheets and the site's own linked whole: every element's computed style is the same, in both
schemes, and on a phone with the search or the menu open."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_helpers import chromium, served
from site_helpers import ROOT, build_site, run_mkdocs

from macros.outputs import css_names, unused_css
from macros.outputs import page_stylesheets as pruned_stylesheets

# The page's stylesheet, in its head (macros/hooks/stylesheet_bundle.py).
PAGE_STYLESHEET = re.compile(r"<style>(.*?)</style>", re.DOTALL)
MATERIAL_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/bundle\.')
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
    names = css_names.NamesInUse.of(css_names.PageNames.found_in(pages), css_names.words_in(scripts))
    return unused_css.ParsedStylesheet.of(css).used_by(names)


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


def test_material_s_rule_for_every_element_while_the_palette_switches_is_left_out_of_every_page() -> None:
    """Material sets the attribute on <body> as each page starts and takes it away a frame later: a rule under it
    for every element restyled the whole page both times."""
    switching = "[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before{transition-duration:0s!important}"
    css = f"@media screen{{{switching}}}.used{{color:red}}[data-md-color-scheme=slate] .used,[data-md-color-switching] .used{{color:blue}}"
    page = '<body data-md-color-switching><p class="used">x</p></body>'
    script = "document.body.setAttribute('data-md-color-switching', '')"
    assert kept(css, [page], [script]) == ".used{color:red}[data-md-color-scheme=slate] .used{color:blue}"


@pytest.mark.parametrize(
    "page",
    [
        "<p class=used id='here'>x</p>",
        '<p\tclass="other used"\nid=here>x</p>',
        # Text that only looks like an attribute is a doubt too, and keeps the rule.
        '<a href="/list?id=here" data-class="used">x</a>',
    ],
)
def test_a_class_or_id_written_in_any_form_keeps_its_rules(page: str) -> None:
    css = ".used{color:red}#here{color:blue}.gone{color:green}"
    assert kept(css, [page]) == ".used{color:red}#here{color:blue}"


def test_a_change_to_the_pruning_code_prunes_again_instead_of_reusing_what_an_older_build_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    css, page = ".used{color:red}.gone{color:blue}", '<p class="used">x</p>'
    assert pruned_stylesheets.PageStylesheets(css, [], tmp_path).for_page(page) == ".used{color:red}"
    # What an older pruner left in the cache stands until the code changes.
    for cached in (tmp_path / ".cache" / "stylesheet").glob("*.css"):
        cached.write_text(".stale{}", encoding="utf-8")
    assert pruned_stylesheets.PageStylesheets(css, [], tmp_path).for_page(page) == ".stale{}"
    changed = tmp_path / "changed_pruner.py"
    changed.write_text("# a newer pruner\n", encoding="utf-8")
    monkeypatch.setattr(pruned_stylesheets, "PRUNING_CODE", (*pruned_stylesheets.PRUNING_CODE, changed))
    assert pruned_stylesheets.PageStylesheets(css, [], tmp_path).for_page(page) == ".used{color:red}"


def test_every_page_carries_one_stylesheet_smaller_than_the_stylesheets_it_holds(fixture_site: Path) -> None:
    whole = sum(len(path.read_text(encoding="utf-8")) for path in full_stylesheets(fixture_site))
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        stylesheets = PAGE_STYLESHEET.findall(html)
        assert len(stylesheets) == 1, page
        assert 0 < len(stylesheets[0]) < whole * 0.8, page
        assert '<link rel="stylesheet"' not in html, page


def page_stylesheets(site: Path) -> dict[str, str]:
    return {page.relative_to(site).as_posix(): PAGE_STYLESHEET.findall(page.read_text(encoding="utf-8"))[0] for page in site.rglob("*.html")}


def test_a_page_leaves_out_the_rules_only_other_pages_use_and_carries_no_comment(fixture_site: Path) -> None:
    stylesheets = page_stylesheets(fixture_site)
    # The CV's own rules are in the CV page and not in the 404 page; the stylesheets' comments are in neither.
    cv_rule = re.search(r"\.pf-cv[\w-]*", stylesheets["cv/index.html"])
    assert cv_rule and cv_rule[0] not in stylesheets["404.html"]
    assert all("/*" not in stylesheet for stylesheet in stylesheets.values())


def test_with_instant_navigation_every_page_carries_the_same_whole_stylesheet(project: Path, tmp_path: Path, fixture_site: Path) -> None:
    # Material's instant navigation keeps the first page's policy, which names that page's stylesheet alone.
    (project / "mkdocs.yml").rename(project / "fixture-mkdocs.yml")
    features = yaml.safe_load((ROOT / "macros" / "machinery.yml").read_text(encoding="utf-8"))["theme"]["features"]
    overrides = {"INHERIT": "fixture-mkdocs.yml", "theme": {"features": [*features, "navigation.instant"]}}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(overrides), encoding="utf-8")
    stylesheets = set(page_stylesheets(build_site(project, tmp_path / "site")).values())
    assert len(stylesheets) == 1
    assert len(stylesheets.pop()) > max(len(stylesheet) for stylesheet in page_stylesheets(fixture_site).values())


def test_a_stylesheet_holding_the_end_of_a_style_element_stops_the_build_with_one_line(project: Path) -> None:
    stylesheet = next((project / "docs" / "assets" / "css").glob("*.css"))
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + '\n.x::after { content: "</style>"; }\n', encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert f"docs/assets/css/{stylesheet.name}: '</style' would end the page's <style> element early" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_template_without_the_page_s_stylesheet_stops_the_build_with_one_line(project: Path) -> None:
    override = project / "overrides" / "main.html"
    text = override.read_text(encoding="utf-8")
    without = re.sub(r"{% block styles %}.*?{% endblock %}", "{% block styles %}{% endblock %}", text, count=1, flags=re.S)
    override.write_text(without, encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert "the page has no place for its stylesheet" in result.stderr
    assert "Traceback" not in result.stderr


def full_stylesheets(site: Path) -> list[Path]:
    """Material's stylesheets as its base.html links them, then the site's own, as its configuration lists them."""
    from mkdocs.config import load_config

    material = sorted((site / "assets" / "stylesheets").glob("main.*.min.css")) + sorted((site / "assets" / "stylesheets").glob("palette.*.min.css"))
    assert material, "Material's stylesheets are copied into the site"
    config = load_config(str(ROOT / "mkdocs.yml"))
    return material + [ROOT / "docs" / path for path in config.extra_css]


def with_whole_stylesheets(site: Path, destination: Path) -> Path:
    """A copy of the site whose pages link every stylesheet whole, in the same order, instead of their own."""
    copy = Path(shutil.copytree(site, destination))
    links = []
    (copy / "assets" / "css").mkdir(parents=True, exist_ok=True)
    for number, path in enumerate(full_stylesheets(site)):
        name = f"assets/css/whole-{number}.css"
        shutil.copy(path, copy / name)
        links.append(name)
    for page in copy.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        stylesheet = PAGE_STYLESHEET.search(html)
        # The site's root as the page's links write it: "../../" from a paper's page, "/" from the 404 page.
        root = MATERIAL_BUNDLE.search(html)
        assert stylesheet and root, page
        whole = "".join(f'<link rel="stylesheet" href="{root[1]}{name}">' for name in links)
        page.write_text(html.replace(stylesheet[0], whole), encoding="utf-8")
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
  // The pages compared differ in where their styles come from only: the page's own <style> against <link>s to
  // the stylesheets whole.
  return [...document.querySelectorAll("*:not(link, style)")].map((element) => {
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
    if viewport is PHONE:
        # On a desktop with the search open, the header's auto margins come out 30px in one visit and 0px in the
        # next, whatever styles the page (seen with the same page twice): the search results are compared on a phone.
        page.goto(url + "publications/", wait_until="load")
        page.keyboard.press("s")  # Material's shortcut opens the search
        page.keyboard.type("widget")
        page.wait_for_selector(".md-search-result__item")
        found["search"] = settled_styles(page)
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
