"""A malformed data file stops `mkdocs build --strict` with one line naming file, line, entry and field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_helpers import run_mkdocs


@dataclass(frozen=True)
class BadEdit:
    file: str
    old: str
    new: str
    # The message must point at the line holding this text (after the edit).
    line_of: str
    entry: str | None
    field: str | None
    explanation: str
    occurrence: int = 1


CASES = {
    "yaml syntax error": BadEdit(
        "news.yml", "- date: 2026-05\n", "- date: 2026-05\n  text [unclosed\n", "  text [unclosed", None, None,
        "invalid YAML: while scanning a simple key: could not find expected ':'"
    ),
    "empty file": BadEdit("awards.yml", None, "", "", None, None, "the file is empty; expected a list of honors and awards"),
    "wrong top-level shape": BadEdit(
        "press.yml", None, "outlet: Forbes\n", "outlet: Forbes", None, None, "expected a list of press articles, got a mapping"
    ),
    "missing required field": BadEdit(
        "awards.yml", "  grantor: MLSys\n", "", "- name: MLSys Student Travel Grant", "entry 4 (MLSys Student Travel Grant)", "grantor",
        "this required field is missing",
    ),
    "wrong type": BadEdit(
        "publications.yml", "  year: 2024\n", "  year: soon\n", "  year: soon", "entry 6 (mgit)", "year",
        "expected a four-digit year, e.g. 2025, got 'soon'",
    ),
    "invalid month": BadEdit(
        "news.yml", "- date: 2025-05\n", "- date: 2025-13\n", "- date: 2025-13", "entry 6 (2025-13)", "date",
        "expected a month written as YYYY-MM (e.g. 2025-06), or present, got '2025-13'",
    ),
    "full date instead of a month": BadEdit(
        "news.yml", "- date: 2025-05\n", "- date: 2025-05-02\n", "- date: 2025-05-02", "entry 6", "date",
        "got the date 2025-05-02 (write it as a quoted month such as '2025-05')",
    ),
    "unknown field (typo)": BadEdit(
        "publications.yml", '  title: "MGit:', '  titel: "MGit:', '  titel: "MGit:', "entry 6 (mgit)", "titel",
        "unknown field; did you mean 'title'?",
    ),
    "duplicate publication key": BadEdit(
        "publications.yml", "- key: clockwork\n", "- key: mgit\n", "- key: mgit", "entry 8 (mgit)", "key",
        "the key 'mgit' is already used by entry 6; keys must be unique", occurrence=2,
    ),
    "unknown publication key": BadEdit(
        "news.yml", "  publication: nazar\n", "  publication: nazr\n", "  publication: nazr", "entry 10 (2024-10)", "publication",
        "no publication has the key 'nazr' in data/publications.yml",
    ),
    "unknown research area": BadEdit(
        "publications.yml", "  areas: [ai-misuse]\n", "  areas: [ai-abuse]\n", "  areas: [ai-abuse]", "entry 1 (llm-spam)", "areas",
        "no research area has the key 'ai-abuse' in data/research_areas.yml",
    ),
    "url that is not http(s) or mailto": BadEdit(
        "publications.yml", "    code: https://github.com/msr-fiddle/mgit\n", "    code: javascript:alert(1)\n", "    code: javascript:",
        "entry 6 (mgit)", "code", "expected an http(s):// or mailto: address, got 'javascript:alert(1)'",
    ),
    "field given twice": BadEdit(
        "news.yml", "  text: Building an AI startup company.\n", "  text: Building an AI startup company.\n  text: Again.\n",
        "  text: Again.", "entry 1", "text", "this field appears twice in the same entry",
    ),
    "two news items that cannot be told apart": BadEdit(
        "news.yml", "- date: 2026-04\n  text: The dissertation", "- date: 2026-04\n  text: Received the Davide Giri Memorial Prize again. The dissertation",
        "  text: Received the Davide Giri Memorial Prize again.", "entry 4 (2026-04)", "text",
        "entry 3 has the same date and begins with the same words",
    ),
    "owner missing from an author list": BadEdit(
        "publications.yml", "  authors: [Wei Hao, Shivaram Venkataraman]\n", "  authors: [W. Hao, Shivaram Venkataraman]\n",
        "  authors: [W. Hao", "entry 10 (sparse-conv)", "authors", "the owner's name 'Wei Hao' (data/profile.yml, name) is not among the authors",
    ),
}


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
    errors = [text for text in output.splitlines() if text.startswith("ERROR")]
    assert len(errors) == 1, output
    message = errors[0]
    assert f"data/{edit.file}:{line}:" in message
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
