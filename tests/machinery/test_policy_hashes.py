"""Each page's Content-Security-Policy allows nothing the site does not name, names exactly the inline scripts that page
runs and the stylesheet it carries, and the owner can widen it only safely."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from site_helpers import attribute, build_site, one, optional_attribute, run_mkdocs, set_extra

from macros.outputs import security_policy

ContentSecurityPolicy = security_policy.ContentSecurityPolicy
PolicyError = security_policy.PolicyError
checked_additions = security_policy.checked_additions

POLICY_META = 'meta[http-equiv="Content-Security-Policy"]'
# Every page's policy, apart from the hashes of its inline scripts (which follow script-src's 'self').
BASE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-src 'none'"
)
# Script types a browser runs; every other type (application/ld+json, application/json) is data.
RUNNABLE_TYPES = {None, "", "module", "text/javascript", "application/javascript"}


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def policy_of(soup: BeautifulSoup) -> dict[str, list[str]]:
    (meta,) = soup.select(POLICY_META)
    directives = [part.split() for part in attribute(meta, "content").split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def runnable_inline_scripts(soup: BeautifulSoup) -> list[str]:
    return [
        script.string or ""
        for script in soup.find_all("script")
        if not script.has_attr("src") and (optional_attribute(script, "type") or "").lower() in RUNNABLE_TYPES
    ]


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def with_extra_policy(project: Path, extra: object) -> None:
    set_extra(project, {"content_security_policy": extra})


@pytest.mark.parametrize("site_name", ["fixture_site", "hostile_site"])
def test_every_inline_script_and_the_page_s_stylesheet_are_allowed_by_their_hashes_and_nothing_else_inline(
    site_name: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_name)
    checked = 0
    for path in pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        policy = policy_of(soup)
        scripts = runnable_inline_scripts(soup)
        assert scripts, f"{path}: Material writes inline scripts on every page"
        assert policy["script-src"] == ["'self'", *dict.fromkeys(sha256_source(script) for script in scripts)], path.relative_to(site)
        styles = [style.string or "" for style in soup.find_all("style")]
        assert len(styles) == 1, f"{path}: every page carries its stylesheet, and only that"
        assert policy["style-src"] == ["'self'", sha256_source(styles[0])], path.relative_to(site)
        checked += 1
    assert site / "404.html" in pages(site) and checked == len(pages(site))


def test_the_policy_comes_right_after_the_charset_before_anything_loads(fixture_site: Path) -> None:
    for path in pages(fixture_site):
        head = one(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"), "head")
        first, second = head.find_all(True, limit=2)
        assert first.name == "meta" and first.get("charset") == "utf-8", path
        assert second.name == "meta" and second.get("http-equiv") == "Content-Security-Policy", path


def test_the_policy_starts_from_nothing_and_names_each_kind_of_request_the_site_makes(fixture_site: Path) -> None:
    for path in pages(fixture_site):
        content = attribute(one(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"), POLICY_META), "content")
        # The page's hashes are the only difference from the base policy.
        assert re.sub(r" 'sha256-[A-Za-z0-9+/]+={0,2}'", "", content) == BASE_POLICY, path.relative_to(fixture_site)
    policy = policy_of(BeautifulSoup((fixture_site / "index.html").read_text(encoding="utf-8"), "html.parser"))
    everything = [source for sources in policy.values() for source in sources]
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(everything)
    assert [source for source in everything if "://" in source] == []


def test_the_base_policy_blocks_what_the_site_does_not_name() -> None:
    policy = ContentSecurityPolicy()
    assert str(policy) == BASE_POLICY
    directives = policy.directives()
    # Media, frames, plugins, <base>, form submissions: nothing the site does not need.
    assert directives["default-src"] == ("'none'",)
    assert all(directives[name] == ("'none'",) for name in ("object-src", "base-uri", "form-action", "frame-src"))
    assert "media-src" not in directives and "child-src" not in directives


def test_a_page_s_inline_scripts_are_allowed_by_their_hashes_after_self_and_data_blocks_need_none() -> None:
    html = (
        '<script>var a = 1;</script><script type="application/ld+json">{"@type": "Person"}</script>'
        '<script src="assets/js/x.js"></script><script>var a = 1;</script><script type="module">b()</script>'
    )
    policy = security_policy.policy_for(html)
    assert policy.directives()["script-src"] == ("'self'", sha256_source("var a = 1;"), sha256_source("b()"))
    assert str(policy).startswith(f"default-src 'none'; script-src 'self' {sha256_source('var a = 1;')} {sha256_source('b()')}; style-src")


@pytest.mark.parametrize(
    ("html", "scripts"),
    [
        ("<!-- <script>old()</script> --><script>now()</script>", ["now()"]),
        ('<SCRIPT data-note="a > b">upper()</SCRIPT >', ["upper()"]),
        ("<script type=module defer>unquoted()</script>", ["unquoted()"]),
        ('<script src>empty_src()</script><script type="text&#47;javascript">escaped_type()</script>', ["escaped_type()"]),
        ('<script type="application/json">{"data": 1}</script><script type="TEXT/JAVASCRIPT ">spaced()</script>', ["spaced()"]),
        ("<script>var s = '<!-- not a comment -->';</script>", ["var s = '<!-- not a comment -->';"]),
        ("<script>\nmulti();\nline();\n</script>", ["\nmulti();\nline();\n"]),
    ],
)
def test_inline_scripts_are_found_as_a_browser_runs_them(html: str, scripts: list[str]) -> None:
    assert security_policy.inline_elements(html)[0] == scripts


@pytest.mark.parametrize(
    ("html", "styles"),
    [
        ("<!-- <style>old{}</style> --><style>now{}</style>", ["now{}"]),
        ('<STYLE media="print">upper{}</STYLE >', ["upper{}"]),
        ("<script>var s = '<style>in a script{}</style>';</script><style>a{}</style>", ["a{}"]),
        ("<style>a::after{content:'<!-- -->'}</style><script>after()</script>", ["a::after{content:'<!-- -->'}"]),
        ("<style>\na{}\n</style>", ["\na{}\n"]),
    ],
)
def test_style_elements_are_found_as_a_browser_applies_them(html: str, styles: list[str]) -> None:
    assert security_policy.inline_elements(html)[1] == styles
    assert security_policy.policy_for(html).directives()["style-src"] == ("'self'", *(sha256_source(style) for style in styles))


def test_the_owner_s_unsafe_inline_for_style_attributes_is_not_undone_by_the_stylesheet_s_hash() -> None:
    # Beside a hash, browsers ignore 'unsafe-inline': the page's style="..." attributes would stop applying.
    policy = security_policy.policy_for("<style>a{}</style>", checked_additions({"style-src": ["'unsafe-inline'"]}))
    assert policy.directives()["style-src"] == ("'self'", "'unsafe-inline'")


def test_under_mkdocs_serve_inline_scripts_are_allowed_without_any_hash() -> None:
    policy = ContentSecurityPolicy(script_hashes=("sha256-abc",), inline_scripts_allowed=True)
    assert policy.directives()["script-src"] == ("'self'", "'unsafe-inline'")


def test_an_addition_to_a_directive_the_site_sets_keeps_the_site_s_own_sources() -> None:
    additions = checked_additions({"img-src": "https://img.example.org", "script-src": ["https://cdn.example.org"]})
    directives = ContentSecurityPolicy(script_hashes=("sha256-abc",), additions=additions).directives()
    assert directives["img-src"] == ("'self'", "data:", "https://img.example.org")
    assert directives["script-src"] == ("'self'", "https://cdn.example.org", "'sha256-abc'")


def test_an_addition_to_a_directive_the_site_does_not_set_starts_from_self() -> None:
    directives = ContentSecurityPolicy(additions=checked_additions({"media-src": ["https://media.example.org"]})).directives()
    assert directives["media-src"] == ("'self'", "https://media.example.org")
    assert directives["default-src"] == ("'none'",)


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("frame-src", "https://www.youtube-nocookie.com"),
        ("form-action", "https://forms.example.org"),
        ("base-uri", "'self'"),
        ("object-src", "https://plugins.example.org"),
        ("default-src", "https://cdn.example.org"),
    ],
)
def test_an_addition_to_a_directive_the_site_closes_replaces_its_none(name: str, source: str) -> None:
    policy = ContentSecurityPolicy(additions=checked_additions({name: [source]}))
    assert policy.directives()[name] == (source,)
    # Everything else stays as the site sets it.
    assert str(policy).replace(f"{name} {source}", f"{name} 'none'") == BASE_POLICY


def test_an_inline_script_stays_allowed_when_the_owner_sets_script_src_elem() -> None:
    # script-src-elem overrides script-src for <script> elements: without the hashes Material's inline scripts would stop.
    additions = checked_additions({"script-src-elem": ["https://cdn.example.org"]})
    directives = ContentSecurityPolicy(script_hashes=("sha256-abc",), additions=additions).directives()
    assert directives["script-src-elem"] == ("'self'", "https://cdn.example.org", "'sha256-abc'")
    assert directives["script-src"] == ("'self'", "'sha256-abc'")


def test_the_same_source_named_twice_appears_once() -> None:
    additions = checked_additions({"img-src": ["'self'", "https://a.example.org", "https://a.example.org"]})
    directives = ContentSecurityPolicy(additions=additions).directives()
    assert directives["img-src"] == ("'self'", "data:", "https://a.example.org")


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"script-src": ["'unsafe-inline'"]}, "'script-src': 'unsafe-inline' would let injected scripts run"),
        ({"script-src": "'UNSAFE-EVAL'"}, "'script-src': 'UNSAFE-EVAL' would let injected scripts run"),
        ({"script-src": ["https://cdn.example.org", "https:"]}, "'script-src': https: would let injected scripts run"),
        ({"script-src": ["https://*"]}, "'script-src': https://* would let injected scripts run"),
        ({"script-src-elem": ["data:"]}, "'script-src-elem': data: would let injected scripts run"),
        ({"worker-src": ["blob:"]}, "'worker-src': blob: would let injected scripts run"),
        ({"default-src": ["*"]}, "'default-src': * would let injected scripts run"),
        ({"form-action": ["*"]}, "'form-action': * would let an injected form send what a visitor types to any site"),
        ({"form-action": ["https:"]}, "'form-action': https: would let an injected form send what a visitor types to any site"),
        ({"base-uri": ["https://*"]}, "'base-uri': https://* would let an injected <base> point the page's links at any site"),
        ({"img-src": ["'none'"]}, "'img-src': 'none' cannot be added to the site's own sources"),
        ({"frame-ancestors": ["'none'"]}, "'frame-ancestors': browsers ignore this directive in a page's meta tag"),
        ({"img-src": ["https://a.example.org; script-src *"]}, "'img-src': expected a list of sources"),
        ({"Frame-Src": ["https://a.example.org"]}, "'Frame-Src' is not a directive name"),
        (["frame-src"], "expected a mapping of directive names to lists of sources"),
    ],
)
def test_an_unsafe_or_unusable_addition_is_refused_with_the_reason(extra: object, problem: str) -> None:
    with pytest.raises(PolicyError) as refused:
        checked_additions(extra)
    assert str(refused.value).startswith(problem)


@pytest.mark.parametrize(
    "extra",
    [
        {"script-src": ["https://cdn.example.org"]},
        {"form-action": ["https://forms.example.org", "'self'"]},
        {"img-src": ["https://*.example.org", "https:"]},
        {"connect-src": ["wss://live.example.org"]},
        {"style-src": ["'unsafe-inline'"]},
    ],
)
def test_a_named_host_or_a_source_for_non_script_content_is_accepted(extra: dict[str, list[str]]) -> None:
    assert checked_additions(extra) == {name: tuple(sources) for name, sources in extra.items()}


def test_mkdocs_serve_alone_allows_the_live_reload_script_inline(project: Path, tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    script_src = policy_of(BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser"))["script-src"]
    assert script_src == ["'self'", "'unsafe-inline'"]

    # The next build, in the same process, is strict again.
    built = build_site(project, tmp_path / "built")
    assert "'unsafe-inline'" not in policy_of(BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser"))["script-src"]


def test_an_embed_named_in_mkdocs_yml_widens_only_its_own_directive(project: Path, tmp_path: Path) -> None:
    with_extra_policy(project, {"frame-src": ["https://www.youtube-nocookie.com"], "img-src": "https://img.example.org"})
    site = build_site(project, tmp_path / "site")
    policy = policy_of(BeautifulSoup((site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser"))
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com"]
    assert policy["img-src"] == ["'self'", "data:", "https://img.example.org"]
    assert policy["default-src"] == ["'none'"] and policy["script-src"][0] == "'self'"
    assert policy["form-action"] == ["'none'"] and policy["base-uri"] == ["'none'"]


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"script-src": ["'unsafe-inline'"]}, "'script-src': 'unsafe-inline' would let injected scripts run"),
        ({"script-src": ["https:"]}, "'script-src': https: would let injected scripts run"),
        ({"form-action": ["*"]}, "'form-action': * would let an injected form send what a visitor types to any site"),
        ({"frame-ancestors": ["'none'"]}, "'frame-ancestors': browsers ignore this directive in a page's meta tag"),
        ({"img-src": ["https://a.example.org; script-src *"]}, "'img-src': expected a list of sources"),
        (["frame-src"], "expected a mapping of directive names to lists of sources"),
    ],
)
def test_an_unsafe_or_unusable_policy_addition_stops_the_build_with_one_line(project: Path, extra: object, problem: str) -> None:
    with_extra_policy(project, extra)
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert error.startswith(f"ERROR   -  mkdocs.yml: extra.content_security_policy: {problem}")
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_template_that_drops_the_policy_stops_the_build(project: Path) -> None:
    # An owner's own head block that writes Material's meta tags but not the policy.
    override = project / "overrides" / "main.html"
    text = override.read_text(encoding="utf-8")
    text = re.sub(r"{% block site_meta %}.*?{% endblock %}", "{% block site_meta %}{{ super() }}{% endblock %}", text, count=1, flags=re.S)
    override.write_text(text, encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert "the page has no Content-Security-Policy meta tag" in result.stderr
    assert "Traceback" not in result.stderr
