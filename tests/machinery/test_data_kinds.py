"""Every kind of entry shows where it belongs when it has entries, and leaves no trace when it has none.

The fixture project fills every kind; copies of it leave kinds out, empty them,
or add a kind of their own the way README's "Adding a kind of entry" says.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdf
import pytest
import yaml
from site_helpers import attribute, build_site, json_ld_blocks, load_entries, one, read_page, run_mkdocs

# The CV's sections, as the site promises them: (the kind, its heading).
CV_SECTIONS = (
    ("education", "Education"),
    ("experience", "Experience"),
    ("publications", "Publications"),
    ("awards", "Honors"),
    ("talks", "Talks"),
    ("teaching", "Teaching"),
    ("service", "Service"),
    ("mentoring", "Mentoring"),
    ("software", "Software"),
    ("patents", "Patents"),
    ("press", "Press"),
    ("languages", "Languages"),
    ("skills", "Skills"),
)
OPTIONAL_FILES = ("news", "awards", "press", "talks", "teaching", "service", "software", "mentoring", "languages", "skills")


def pdf_text(site: Path) -> str:
    [pdf] = site.glob("*-cv.pdf")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)


def cv_headings(site: Path) -> list[str]:
    return [attribute(heading, "id") for heading in read_page(site, "cv").select("article h2[id]")]


def test_the_cv_page_shows_every_kind_with_entries_under_its_own_heading(fixture_site: Path, project: Path) -> None:
    page = read_page(fixture_site, "cv")
    expected = [kind for kind, _ in CV_SECTIONS if load_entries(project, kind)]
    assert cv_headings(fixture_site) == expected
    for kind, title in CV_SECTIONS:
        heading = one(page, f"h2#{kind}")
        assert heading.get_text().rstrip("¶") == title
        shown = page.select(f"[data-pf-kind={kind}] [data-pf-entry]")
        if kind != "publications":
            assert len(shown) == len(load_entries(project, kind)), kind


def test_the_pdf_cv_has_a_section_for_every_kind_with_entries_in_the_cv_order(fixture_site: Path) -> None:
    lines = pdf_text(fixture_site).splitlines()
    titles = [line for line in lines if line in {title.upper() for _, title in CV_SECTIONS}]
    assert titles == [title.upper() for _, title in CV_SECTIONS]


def test_entries_show_their_own_fields_dates_and_links(fixture_site: Path) -> None:
    page = read_page(fixture_site, "cv")
    talks = page.select("[data-pf-kind=talks] [data-pf-entry]")
    assert [one(talk, ".pf-entry__when").get_text() for talk in talks] == ["Jun 2024", "2021", ""]
    assert talks[0].select_one('a[href="../publications/widgetgit/"]')
    assert talks[0].select_one('a[href="https://example.org/talks/widgetgit-slides"]')
    service = one(page, "[data-pf-kind=service] [data-pf-entry] .pf-entry__when").get_text()
    assert service == "2022–2024, 2026"
    mentoring = [entry.get_text() for entry in page.select("[data-pf-kind=mentoring] .pf-entry__when")]
    assert mentoring == ["2024 – Present", "Jun 2022 – May 2023"]
    experience = [entry.get_text() for entry in page.select("[data-pf-kind=experience] .pf-entry__when")]
    assert "Sep 2019 – May 2024" in experience
    assert one(page, "[data-pf-kind=skills]").get_text(" ").count("Python, Rust, Typst") == 1


def test_the_home_page_describes_languages_skills_and_talks_in_json_ld(fixture_site: Path, project: Path) -> None:
    [person] = json_ld_blocks(read_page(fixture_site, ""))
    assert person["knowsLanguage"] == [language["name"] for language in load_entries(project, "languages")]
    assert person["knowsAbout"] == [skill for group in load_entries(project, "skills") for skill in group["items"]]
    assert [event["name"] for event in person["performerIn"]] == [talk["event"] for talk in load_entries(project, "talks")]


def test_a_site_without_optional_files_builds_and_shows_no_trace_of_them(project: Path) -> None:
    for name in OPTIONAL_FILES:
        (project / "data" / f"{name}.yml").unlink()
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert cv_headings(site) == ["education", "experience", "publications", "patents"]
    for name in OPTIONAL_FILES:
        assert not read_page(site, "cv").select(f"[data-pf-kind={name}]"), name
    assert "HONORS" not in pdf_text(site) and "TALKS" not in pdf_text(site)
    # The fixture's Honors and Timeline pages still call the macros: the build says so, and goes on.
    advice = [line for line in result.stderr.splitlines() if "shows nothing" in line]
    assert any(line.startswith("WARNING -  docs/honors.md: awards() shows nothing, because data/awards.yml has no entries") for line in advice), (
        advice
    )
    assert any("docs/timeline.md: news() shows nothing" in line for line in advice), advice
    assert not read_page(site, "honors").select(".pf-honor")


def test_a_file_with_only_its_schema_line_has_no_entries(project: Path, tmp_path: Path) -> None:
    (project / "data" / "talks.yml").write_text("# yaml-language-server: $schema=schemas/talks.schema.json\n", encoding="utf-8")
    (project / "data" / "awards.yml").write_text("# yaml-language-server: $schema=schemas/awards.schema.json\n[]\n", encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    assert "talks" not in cv_headings(site) and "awards" not in cv_headings(site)


def test_a_page_can_show_a_part_only_when_its_kind_has_entries(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "about.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n{% if has("talks") %}\n## Talks given\n{{ talks() }}\n{% endif %}\n'
        + '{% if has("publications", selected=True) %}\nSelected-marker-7f3\n{% endif %}\n',
        encoding="utf-8",
    )
    (project / "data" / "talks.yml").unlink()
    site = build_site(project, tmp_path / "site")
    about = read_page(site, "about")
    assert not about.find(string=re.compile("Talks given")) and not about.select("[data-pf-kind=talks]")
    assert about.find(string=re.compile("Selected-marker-7f3"))


def test_a_talk_that_names_an_unknown_paper_is_refused_with_file_line_entry_and_field(project: Path) -> None:
    path = project / "data" / "talks.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("publication: widgetgit", "publication: nosuchpaper"), "utf-8")
    line = next(number for number, text in enumerate(path.read_text().splitlines(), 1) if "nosuchpaper" in text)
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode != 0
    assert (
        f"data/talks.yml:{line}: entry 1 (Widgets at Scale: Lessons from WidgetGit), field 'publication': "
        "no publication has the key 'nosuchpaper' in data/publications.yml" in result.stderr
    )


def test_a_placeholder_left_in_the_profile_is_pointed_out_and_the_site_still_builds(project: Path) -> None:
    path = project / "data" / "profile.yml"
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    profile["role"] = "TODO: your role, e.g. PhD student"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING -  data/profile.yml:2: field 'role': still a placeholder; write your own text in place of it" in result.stderr


def test_a_new_kind_needs_one_schema_one_declaration_and_its_templates(project: Path) -> None:
    """README's "Adding a kind of entry", followed for grants: nothing else of the machinery changes."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "grants",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "date"],
            "properties": {
                "name": {"$ref": "common.schema.json#/$defs/text"},
                "date": {"$ref": "common.schema.json#/$defs/year_or_month"},
            },
        },
    }
    (project / "data" / "schemas" / "grants.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (project / "data" / "grants.yml").write_text("- name: Fictional Widget Fellowship\n  date: 2025-02\n", "utf-8")
    kinds = project / "macros" / "data" / "kinds.py"
    declaration = '    DataKind("grants", "Grants", "grant", label=("name",), order=newest_first, template="grants.html", cv=True),\n)\n'
    kinds.write_text(kinds.read_text(encoding="utf-8").replace("\n)\n\nKINDS_BY_NAME", f"\n{declaration}\nKINDS_BY_NAME", 1), "utf-8")
    templates = project / "macros" / "templates"
    (templates / "grants.html").write_text(
        '<ul data-pf-kind="grants">{% for grant in items %}<li data-pf-entry>{{ grant.name }}, {{ grant | when }}</li>{% endfor %}</ul>\n',
        encoding="utf-8",
    )
    (templates / "cv" / "grants.typ").write_text(
        '#import "layout.typ": entry\n#let entries(items) = for grant in items { entry(grant.when, strong(grant.name)) }\n',
        encoding="utf-8",
    )
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert "grants" in cv_headings(site)
    shown = read_page(site, "cv").select("[data-pf-kind=grants] [data-pf-entry]")
    assert [entry.get_text() for entry in shown] == ["Fictional Widget Fellowship, Feb 2025"]
    assert "GRANTS" in pdf_text(site) and "Fictional Widget Fellowship" in pdf_text(site)


@pytest.mark.parametrize("kind", ["talks", "software"])
def test_an_entry_field_no_schema_knows_is_refused_with_the_fields_it_allows(project: Path, kind: str) -> None:
    path = project / "data" / f"{kind}.yml"
    text = path.read_text(encoding="utf-8")
    first_entry = text.index("\n- ") + 1
    path.write_text(text[: first_entry + 2] + "stars: 120\n  " + text[first_entry + 2 :], encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode != 0
    assert re.search(rf"data/{kind}\.yml:\d+: entry 1 \([^)]+\), field 'stars': unknown field; allowed fields: ", result.stderr), result.stderr


def test_a_profile_with_only_name_role_and_lead_builds_a_site_with_nothing_empty(project: Path) -> None:
    (project / "data" / "profile.yml").write_text("name: Rowan Fixture\nrole: Fictional Researcher\nlead: A made-up researcher.\n", encoding="utf-8")
    for source in ("vision.md", "about.md"):
        (project / "docs" / source).write_text("# Page\n\n{{ vision() }}\n\n{{ email() }}\n\n{{ links() }}\n", "utf-8")
    (project / "docs" / "index.md").write_text("---\ntemplate: home.html\n---\n\n{{ hero() }}\n", "utf-8")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert cv_headings(site) == [kind for kind, _ in CV_SECTIONS if kind not in ("education", "experience", "patents")]
    for url in ("", "vision", "about", "cv"):
        page = read_page(site, url)
        assert not page.select(".pf-contact, .pf-email, .pf-links, .pf-vision__text, .pf-hero__meta li"), url
    assert "E-mail" not in pdf_text(site)


def test_markup_in_any_kind_is_text_on_the_cv_page_and_in_the_pdf(hostile_site: Path) -> None:
    page = read_page(hostile_site, "cv")
    talk = one(page, "[data-pf-kind=talks] [data-pf-entry]").get_text()
    assert "Talk <script>alert(1)</script> {{ profile.email }} #set page(fill: red) ```" in talk
    assert "Place {% raw %} ]} <b>" in talk
    course = one(page, "[data-pf-kind=teaching] [data-pf-entry]")
    assert "Course </li></ul><h1>Injected</h1>" in course.get_text() and "TA {# not a comment #}" in course.get_text()
    software = one(page, "[data-pf-kind=software] [data-pf-entry]")
    assert [tag.get_text() for tag in software.select("em")] == ["this"]
    assert "raw <i>HTML</i> and {{ 7 * 7 }} stay text." in software.get_text()
    assert not page.select("article script, article img, article b, article i")
    assert "Injected" not in [heading.get_text() for heading in page.select("h1")]
    text = "".join(pdf_text(hostile_site).split())
    for written in ("#setpage(fill:red)", "Course</li></ul><h1>Injected</h1>", "Tool<imgsrc=xonerror=alert(1)>#strong[bold]"):
        assert written in text, written
