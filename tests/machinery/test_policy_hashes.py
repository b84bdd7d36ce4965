"""Each page's Content-Security-Policy names exactly the inline scripts that page runs, and the owner can widen it only safely."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from site_helpers import build_site, run_mkdocs

POLICY_META = {"http-equiv": "Content-Security-Policy"}
# Script types a browser runs; every other type (application/ld+json, application/json) is data.
RUNNABLE_TYPES = {None, "", "module", "text/javascript", "application/javascript"}


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def policy_of(soup: BeautifulSoup) -> dict[str, list[str]]:
    (meta,) = soup.find_all("meta", attrs=POLICY_META)
    directives = [part.split() for part in meta["content"].split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def runnable_inline_scripts(soup: BeautifulSoup) -> list[str]:
    return [
        script.string or ""
        for script in soup.find_all("script")
        if not script.has_attr("src") and (script.get("type") or "").lower() in RUNNABLE_TYPES
    ]


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def with_extra_policy(project: Path, extra: object) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "\n" + yaml.safe_dump({"extra": {"content_security_policy": extra}}), encoding="utf-8")


@pytest.mark.parametrize("site_name", ["fixture_site", "hostile_site"])
def test_every_inline_script_is_allowed_by_its_hash_and_nothing_else_inline(site_name: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_name)
    checked = 0
    for path in pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        script_src = policy_of(soup)["script-src"]
        scripts = runnable_inline_scripts(soup)
        assert scripts, f"{path}: Material writes inline scripts on every page"
        expected = ["'self'"] + list(dict.fromkeys(sha256_source(script) for script in scripts))
        assert script_src == expected, path.relative_to(site)
        checked += 1
    assert site / "404.html" in pages(site) and checked == len(pages(site))


def test_the_policy_comes_right_after_the_charset_before_anything_loads(fixture_site: Path) -> None:
    for path in pages(fixture_site):
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        first, second = head.find_all(True, limit=2)
        assert first.name == "meta" and first.get("charset") == "utf-8", path
        assert second.name == "meta" and second.get("http-equiv") == "Content-Security-Policy", path


def test_the_policy_allows_only_the_site_itself(fixture_site: Path) -> None:
    policy = policy_of(BeautifulSoup((fixture_site / "index.html").read_text(encoding="utf-8"), "html.parser"))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    everything = [source for sources in policy.values() for source in sources]
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(everything)
    assert [source for source in everything if "://" in source] == []


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
    assert policy["frame-src"] == ["'self'", "https://www.youtube-nocookie.com"]
    assert policy["img-src"] == ["'self'", "data:", "https://img.example.org"]
    assert policy["default-src"] == ["'self'"] and policy["script-src"][0] == "'self'"


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"script-src": ["'unsafe-inline'"]}, "'script-src': 'unsafe-inline' would let injected scripts run"),
        ({"script-src": ["https:"]}, "'script-src': https: would let injected scripts run"),
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
    assert error.startswith(f"ERROR   -  mkdocs.yml, extra.content_security_policy: {problem}")
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
