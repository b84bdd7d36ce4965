"""Small things a visitor or the owner notices: page titles, the advisors line, dates, a quiet build log, `make help`."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import yaml
from site_helpers import ROOT, build_site, one, read_page, run_mkdocs


def set_advisors(project: Path, advisors: list[dict], label: str | None = None) -> None:
    path = project / "data" / "profile.yml"
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    profile["advisors"] = advisors
    if label:
        profile["advisors_label"] = label
    path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")


def advisors_line(site: Path) -> str:
    return " ".join(one(read_page(site, "vision"), ".pf-vision__advisors").get_text().split())


def test_the_home_page_title_is_the_site_name_once_and_other_pages_add_theirs(fixture_site: Path) -> None:
    assert one(read_page(fixture_site, ""), "title").get_text() == "Rowan Fixture"
    assert one(read_page(fixture_site, "vision"), "title").get_text() == "Vision - Rowan Fixture"
    assert one(read_page(fixture_site, "publications/widgetgit"), "title").get_text() == "WidgetGit: Versioning Widgets at Scale - Rowan Fixture"


def test_several_advisors_are_co_advisors(fixture_site: Path) -> None:
    assert advisors_line(fixture_site) == "Co-advised by Ada Placeholder & Bo Example."


def test_one_advisor_is_an_advisor_and_the_owner_may_write_the_label(project: Path, tmp_path: Path) -> None:
    set_advisors(project, [{"name": "Ada Placeholder"}])
    assert advisors_line(build_site(project, tmp_path / "one")) == "Advised by Ada Placeholder."
    set_advisors(project, [{"name": "Ada Placeholder"}, {"name": "Bo Example"}, {"name": "Cy Sample"}], label="Mentored by")
    assert advisors_line(build_site(project, tmp_path / "label")) == "Mentored by Ada Placeholder, Bo Example & Cy Sample."


def test_every_time_element_carries_a_machine_readable_date(fixture_site: Path) -> None:
    times = [tag for page in fixture_site.rglob("index.html") for tag in re.findall(r"<time\b[^>]*>", page.read_text("utf-8"))]
    assert times
    assert all(re.search(r'datetime="\d{4}(-\d{2})?(-\d{2})?"', tag) for tag in times), [t for t in times if "datetime" not in t]
    present = read_page(fixture_site, "timeline").select(".pf-timeline__date")[0]
    assert present.get_text() == "Present" and present.name != "time"


def test_a_clean_build_prints_mkdocs_lines_but_not_the_macros_plugins_chatter(project: Path) -> None:
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "Documentation built in" in output
    assert "[macros]" not in output and "Found local Python module" not in output


def test_the_macros_plugins_warnings_still_show(project: Path) -> None:
    (project / "docs" / "honors.md").write_text("# Honors\n\n{{ no_such_macro() }}\n", encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "no_such_macro" in output


def test_make_help_lists_every_target_on_one_line() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M)
    for command in (["make", "help"], ["make"]):
        # Outside any other make run, as a person types it (a parent make would add "Entering directory" lines).
        env = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True, env=env)
        listed = [line.split()[1] for line in result.stdout.splitlines()]
        assert listed == targets, result.stdout
