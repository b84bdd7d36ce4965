"""Bad data stops `mkdocs build --strict` with one line per problem naming file, line, entry and field, then a summary.

The cases break the fixture project's data (tests/fixtures/project/data/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from site_helpers import run_mkdocs


@dataclass(frozen=True)
class BadEdit:
    file: str
    old: str | None  # None: the new text replaces the whole file
    new: str
    # The message must point at the line holding this text (after the edit).
    line_of: str
    entry: str | None
    field: str | None
    explanation: str
    occurrence: int = 1


CASES = {
    "yaml syntax error": BadEdit(
        "news.yml",
        "- date: 2024-05\n",
        "- date: 2024-05\n  text [unclosed\n",
        "  text [unclosed",
        None,
        None,
        "invalid YAML: while scanning a simple key: could not find expected ':'",
    ),
    "colon in an unquoted value": BadEdit(
        "awards.yml",
        "  grantor: Widget Society\n",
        "  grantor: Widget: Society\n",
        "  grantor: Widget: Society",
        None,
        None,
        "a value that contains ': ' must be put in quotes",
    ),
    "control character": BadEdit(
        "press.yml",
        '  topic: "An interview',
        '  topic: "An \x1a interview',
        '  topic: "An',
        None,
        None,
        "the control character U+001A is not allowed",
    ),
    "empty profile": BadEdit("profile.yml", None, "", "", None, None, "the file is empty; expected a mapping of fields (the owner's profile)"),
    "wrong top-level shape": BadEdit(
        "press.yml", None, "outlet: Forbes\n", "outlet: Forbes", None, None, "expected a list of press articles, got a mapping"
    ),
    "missing required field": BadEdit(
        "awards.yml",
        "  grantor: Widget Society\n",
        "",
        "- name: Rising Widget Star",
        "entry 2 (Rising Widget Star)",
        "grantor",
        "this required field is missing",
    ),
    "wrong type": BadEdit(
        "publications.yml",
        "  year: 2024\n",
        "  year: soon\n",
        "  year: soon",
        "entry 1 (widgetgit)",
        "year",
        "expected a year from 1900 to 2100, e.g. 2025, got 'soon'",
    ),
    "year out of range": BadEdit(
        "publications.yml",
        "  year: 2024\n",
        "  year: 1800\n",
        "  year: 1800",
        "entry 1 (widgetgit)",
        "year",
        "expected a year from 1900 to 2100, e.g. 2025, got the number 1800",
    ),
    "invalid month": BadEdit(
        "news.yml",
        "- date: 2024-05\n",
        "- date: 2024-13\n",
        "- date: 2024-13",
        "entry 2 (2024-13)",
        "date",
        "expected a month written as YYYY-MM (e.g. 2025-06), or present, got '2024-13'",
    ),
    "full date instead of a month": BadEdit(
        "news.yml",
        "- date: 2024-05\n",
        "- date: 2024-05-02\n",
        "- date: 2024-05-02",
        "entry 2",
        "date",
        "got the date 2024-05-02 (write the month alone, e.g. 2024-05)",
    ),
    "unknown field (typo)": BadEdit(
        "publications.yml",
        '  title: "WidgetGit:',
        '  titel: "WidgetGit:',
        '  titel: "WidgetGit:',
        "entry 1 (widgetgit)",
        "titel",
        "unknown field; did you mean 'title'?",
    ),
    "duplicate publication key": BadEdit(
        "publications.yml",
        "- key: big-benchmark\n",
        "- key: widgetgit\n",
        "- key: widgetgit",
        "entry 4 (widgetgit)",
        "key",
        "the key 'widgetgit' is already used by entry 1; keys must be unique",
        occurrence=2,
    ),
    "unknown publication key": BadEdit(
        "news.yml",
        "  publication: widgetgit\n",
        "  publication: widgetgti\n",
        "  publication: widgetgti",
        "entry 2 (2024-05)",
        "publication",
        "no publication has the key 'widgetgti' in data/publications.yml",
    ),
    "unknown research area": BadEdit(
        "publications.yml",
        "  areas: [robust-widgets]\n",
        "  areas: [robust-gadgets]\n",
        "  areas: [robust-gadgets]",
        "entry 3 (widget-attacks)",
        "areas",
        "no research area has the key 'robust-gadgets' in data/research_areas.yml",
    ),
    "url that is not http(s) or mailto": BadEdit(
        "publications.yml",
        "    code: https://example.org/widgetgit-code\n",
        "    code: javascript:alert(1)\n",
        "    code: javascript:",
        "entry 1 (widgetgit)",
        "code",
        "expected an http(s):// or mailto: address, got 'javascript:alert(1)'",
    ),
    "field given twice": BadEdit(
        "news.yml",
        "  text: Running Fixture Labs, a company that exists only in tests.\n",
        "  text: Running Fixture Labs, a company that exists only in tests.\n  text: Again.\n",
        "  text: Again.",
        "entry 1",
        "text",
        "this field appears twice in the same entry",
    ),
    "two news items that cannot be told apart": BadEdit(
        "news.yml",
        "  text: Gave a talk about widgets at an imaginary seminar.\n",
        '  text: "*Gadgets Are All You Need* appeared on arXiv again."\n',
        '  text: "*Gadgets Are All You Need* appeared on arXiv again.',
        "entry 4 (2025-01)",
        "text",
        "entry 3 has the same date and begins with the same words",
    ),
    "owner missing from an author list": BadEdit(
        "publications.yml",
        "  authors: [Cy Sample, Rowan Fixture]\n",
        "  authors: [Cy Sample, R. Fixture]\n",
        "  authors: [Cy Sample, R. Fixture",
        "entry 3 (widget-attacks)",
        "authors",
        "the owner's name 'Rowan Fixture' (data/profile.yml, name) is not among the authors",
    ),
    "a profile link to the site itself": BadEdit(
        "profile.yml",
        "    url: https://lab.example.org/rowan\n",
        "    url: https://fixture.example.org\n",
        "    url: https://fixture.example.org",
        "links 2 (Lab page)",
        "url",
        "this is the site's own address (site_url in mkdocs.yml)",
    ),
}


def error_lines(output: str) -> list[str]:
    """What follows `ERROR   -  ` on each error line of MkDocs' output."""
    return [line.split("-", 1)[1].strip() for line in output.splitlines() if line.startswith("ERROR")]


def apply(project: Path, edit: BadEdit) -> int:
    """Break the file; return the line the error must name."""
    path = project / "data" / edit.file
    text = path.read_text(encoding="utf-8")
    if edit.old is None:
        text = edit.new
    else:
        assert edit.old in text, f"the fixture no longer matches data/{edit.file}: {edit.old!r}"
        text = text.replace(edit.old, edit.new, 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    matches = [number for number, line in enumerate(lines, 1) if edit.line_of and line.startswith(edit.line_of)]
    return matches[edit.occurrence - 1] if matches else 1


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_data_fails_the_build_with_one_line_naming_file_line_entry_and_field(project: Path, case: str) -> None:
    edit = CASES[case]
    line = apply(project, edit)

    result = run_mkdocs(project, "build", "--strict")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    errors = error_lines(output)
    assert errors[-1] == "1 problem in data/; nothing was built", output
    assert len(errors) == 2, output
    message = errors[0]
    assert message.startswith(f"data/{edit.file}:{line}:"), message
    if edit.entry:
        assert f" {edit.entry}" in message
    if edit.field:
        assert f"field '{edit.field}'" in message
    assert edit.explanation in message
    assert not (project / "site").exists(), "a failed build must not leave pages behind"


def test_every_error_case_names_a_distinct_problem() -> None:
    explanations = [edit.explanation for edit in CASES.values()]
    assert len(set(explanations)) == len(explanations)
    assert all(re.search(r"\w", text) for text in explanations)


def build_output(project: Path) -> tuple[int, str]:
    result = run_mkdocs(project, "build", "--strict")
    return result.returncode, result.stdout + result.stderr


def replace(project: Path, file: str, old: str, new: str) -> None:
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer matches data/{file}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_problems_in_three_files_are_all_named_in_one_build_sorted_by_file_and_line(project: Path) -> None:
    replace(project, "publications.yml", "  year: 2024\n", "  year: 1800\n")
    replace(project, "news.yml", "- date: 2024-05\n", "- date: 2024-13\n")
    replace(project, "awards.yml", "  grantor: Widget Society\n", "  grantor: Widget: Society\n")

    code, output = build_output(project)

    assert code != 0 and "Traceback" not in output
    errors = error_lines(output)
    assert [line.split(":")[0] for line in errors[:3]] == ["data/awards.yml", "data/news.yml", "data/publications.yml"]
    assert errors[3:] == ["3 problems in data/; nothing was built"]
    assert not (project / "site").exists()


def test_a_file_that_is_not_yaml_leaves_the_other_files_checked_and_says_what_it_could_not_check(project: Path) -> None:
    replace(project, "publications.yml", "- key: widgetgit\n", "- key: widgetgit\n  title [broken\n")
    replace(project, "awards.yml", "  grantor: Widget Society\n", "")

    _, output = build_output(project)

    errors = error_lines(output)
    assert errors[0].startswith("data/awards.yml:") and "field 'grantor'" in errors[0]
    assert errors[1].startswith("data/publications.yml:") and "invalid YAML" in errors[1]
    assert errors[2] == "2 problems in data/; nothing was built"
    notes = [line for line in output.splitlines() if line.startswith("WARNING")]
    for file in ("news.yml", "press.yml"):
        assert any(f"data/{file}: its publication keys in 'publication' were not checked" in note for note in notes), notes
    assert all("because data/publications.yml has problems" in note for note in notes)
    # awards.yml has a problem of its own, so its references are not news.
    assert not any("data/awards.yml: its" in note for note in notes)


def test_renaming_the_owner_reports_every_paper_without_the_new_name_at_once(project: Path) -> None:
    replace(project, "profile.yml", "name: Rowan Fixture\n", "name: Rowan Q. Fixture\n")
    publications = yaml.safe_load((project / "data" / "publications.yml").read_text(encoding="utf-8"))

    code, output = build_output(project)

    errors = error_lines(output)
    assert code != 0
    assert len(errors) == len(publications) + 1
    assert all("the owner's name 'Rowan Q. Fixture'" in line for line in errors[:-1])
    assert [line.split(" ")[1] for line in errors[:-1]] == ["entry"] * len(publications)
    assert errors[-1] == f"{len(publications)} problems in data/; nothing was built"


def test_more_than_twenty_problems_show_twenty_and_count_the_rest(project: Path) -> None:
    path = project / "data" / "news.yml"
    path.write_text("".join(f"- date: 2024-13\n  text: Item {number}.\n" for number in range(25)), encoding="utf-8")

    code, output = build_output(project)

    errors = error_lines(output)
    assert code != 0
    assert len(errors) == 22, output
    assert all(line.startswith("data/news.yml:") for line in errors[:20])
    assert errors[20:] == ["… and 5 more", "25 problems in data/; nothing was built"]


def test_a_field_given_twice_does_not_hide_the_other_problems_of_its_file(project: Path) -> None:
    twice = CASES["field given twice"]
    assert twice.old is not None, "the case edits one part of the file"
    replace(project, twice.file, twice.old, twice.new)
    replace(project, twice.file, "- date: 2024-05\n", "- date: 2024-13\n")

    code, output = build_output(project)

    errors = error_lines(output)
    assert code != 0 and "Traceback" not in output
    assert len(errors) == 3, output
    assert f"field '{twice.field}'" in errors[0] and twice.explanation in errors[0]
    assert "field 'date'" in errors[1] and "'2024-13'" in errors[1]
    assert errors[2] == "2 problems in data/; nothing was built"


def test_a_wrongly_indented_field_is_not_called_an_unquoted_colon(project: Path) -> None:
    # `outlet` lost its "- ", so YAML refuses the colon of the next field, which quoting would not fix.
    replace(project, "press.yml", "- outlet: The Example Times\n", "outlet: The Example Times\n")

    code, output = build_output(project)

    errors = error_lines(output)
    assert code != 0
    assert len(errors) == 2 and "invalid YAML: mapping values are not allowed" in errors[0], output
    assert "quotes" not in errors[0]
