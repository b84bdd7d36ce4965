"""`make import-bib` never loses a byte of data/publications.yml: two imports at once, an editor saving, a full disk.

Each case runs the real script on a copy of the fixture project, with real
files: links, permissions, line breaks, resource limits. The one exception
simulates an editor saving the file halfway through an import, which needs a
hook inside the import and so calls its main() in this process.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from site_helpers import BIBTEX, IMPORT_BIB, ROOT, import_bib, load_data

from macros.data.site_data import load_site_data

OWNER = "Rowan Fixture"  # tests/fixtures/project/data/profile.yml
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CHANGED = "data/publications.yml changed while the import ran (saved in an editor?); nothing was written; run the import again"


def write_bib(folder: Path, name: str, title: str) -> Path:
    """One fictional paper of the owner's, with a fictional co-author."""
    bib = folder / f"{name}.bib"
    bib.write_text(
        f"@inproceedings{{{name}, author={{Quill Imaginary and {OWNER}}}, title={{{title}}}, booktitle={{Widget Days}}, year={{2026}}}}\n",
        encoding="utf-8",
    )
    return bib


def publications(project: Path) -> Path:
    return project / "data" / "publications.yml"


def temporary_files(*folders: Path) -> list[Path]:
    return [path for folder in folders for path in folder.iterdir() if path.name.endswith(".tmp")]


def assert_refused_in_one_line(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    for part in expected:
        assert part in result.stderr


def test_two_imports_started_together_both_add_their_paper(project: Path, tmp_path: Path) -> None:
    titles: list[str] = []
    # Several rounds: one may happen not to overlap, together they do. Without the lock, an import fails or a paper goes missing.
    for round_number in range(4):
        pair = [f"Concurrent Widgets, Round {round_number} Part {part}" for part in "AB"]
        bibs = [write_bib(tmp_path, f"round{round_number}{part}", title) for part, title in zip("ab", pair, strict=True)]
        processes = [
            subprocess.Popen([*IMPORT_BIB, "--project", str(project), str(bib)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for bib in bibs
        ]
        for process in processes:
            _, stderr = process.communicate(timeout=120)
            assert process.returncode == 0, stderr
        titles += pair

    data = load_site_data(project / "data")
    assert set(titles) <= {publication["title"] for publication in data.publications}
    assert temporary_files(project / "data") == []


def test_a_file_saved_in_an_editor_during_the_import_is_kept_and_nothing_is_written(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from scripts.bib_import import __main__ as import_command
    from scripts.bib_import import importing

    saved_by_editor = publications(project).read_bytes() + b"# a comment the owner just saved\n"
    checks: Callable[..., list[str]] = importing.build_problems

    def checks_while_the_editor_saves(*arguments: Any) -> list[str]:
        publications(project).write_bytes(saved_by_editor)
        return checks(*arguments)

    monkeypatch.setattr(importing, "build_problems", checks_while_the_editor_saves)

    status = import_command.main(["--project", str(project), str(BIBTEX / "dblp.bib")])

    assert status == 1
    assert capsys.readouterr().err.splitlines() == [CHANGED]
    assert publications(project).read_bytes() == saved_by_editor
    assert temporary_files(project / "data") == []


def test_a_windows_file_keeps_its_crlf_line_breaks_and_every_old_byte(project: Path) -> None:
    before = publications(project).read_bytes().replace(b"\n", b"\r\n")
    publications(project).write_bytes(before)

    result = import_bib(project, BIBTEX / "dblp.bib")

    assert result.returncode == 0, result.stderr
    after = publications(project).read_bytes()
    added = after.removeprefix(before)
    assert after.startswith(before) and added
    assert added.count(b"\n") == added.count(b"\r\n"), "every appended line ends in CRLF, as the file's own lines do"
    assert load_site_data(project / "data").publications_by_key["muller2026robust"]["venue"] == "OSDI"


def test_a_byte_order_mark_stays_at_the_start_of_the_file(project: Path) -> None:
    before = b"\xef\xbb\xbf" + publications(project).read_bytes()
    publications(project).write_bytes(before)

    result = import_bib(project, BIBTEX / "dblp.bib")

    assert result.returncode == 0, result.stderr
    assert publications(project).read_bytes().startswith(before)
    assert "muller2026robust" in load_site_data(project / "data").publications_by_key


def test_a_symlinked_file_stays_a_link_and_its_target_gets_the_paper_with_its_permissions(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "papers"
    elsewhere.mkdir()
    target = elsewhere / "my-publications.yml"
    before = publications(project).read_bytes()
    publications(project).rename(target)
    target.chmod(0o640)
    link = os.path.relpath(target, project / "data")
    publications(project).symlink_to(link)

    result = import_bib(project, BIBTEX / "dblp.bib")

    assert result.returncode == 0, result.stderr
    assert publications(project).is_symlink() and os.readlink(publications(project)) == link
    assert target.read_bytes().startswith(before) and b"muller2026robust" in target.read_bytes()
    assert target.stat().st_mode & 0o777 == 0o640
    assert temporary_files(project / "data", elsewhere) == []


def make_read_only(path: Path) -> None:
    path.chmod(0o444)


def make_a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "papers.yml").write_text("- key: x\n", encoding="utf-8")


def make_a_link_to_itself(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)


def make_unreadable(path: Path) -> None:
    path.chmod(0o000)


def state_of(path: Path) -> tuple[str, Any]:
    """What a refused import must leave exactly as it was: a link's target, a folder's files, a file's bytes."""
    if path.is_symlink():
        return "link", os.readlink(path)
    if path.is_dir():
        return "folder", sorted((child.name, child.read_bytes()) for child in path.iterdir())
    readable = os.access(path, os.R_OK)  # an unreadable file is compared by its status alone
    return "file", (path.read_bytes() if readable else None, path.stat().st_mode, path.stat().st_mtime_ns)


NOT_ROOT = pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file, whatever its permissions")


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (make_read_only, "the file is read-only; make it writable (chmod u+w)"),
        (make_a_folder, "this is a folder, not a file"),
        (make_a_link_to_itself, "a symbolic link that leads back to itself"),
        pytest.param(make_unreadable, "permission denied", marks=NOT_ROOT),
    ],
    ids=["read-only", "a folder", "a link to itself", "unreadable"],
)
def test_a_publications_file_that_cannot_be_replaced_is_one_line_and_left_as_it_is(
    project: Path, spoil: Callable[[Path], None], expected: str
) -> None:
    spoil(publications(project))
    before = state_of(publications(project))

    result = import_bib(project, BIBTEX / "dblp.bib")

    assert_refused_in_one_line(result, "data/publications.yml", expected)
    assert state_of(publications(project)) == before
    assert temporary_files(project / "data") == []


def limited_file_size(size: int) -> Callable[[], None]:
    """For preexec_fn: files may not grow past `size` bytes, and a write that would fails (EFBIG) instead of killing the process."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    return limit


def test_a_full_disk_during_the_import_is_one_line_and_leaves_no_trace(project: Path, tmp_path: Path) -> None:
    before = publications(project).read_bytes()
    temporary_folder = tmp_path / "tmp"
    temporary_folder.mkdir()

    result = subprocess.run(
        [*IMPORT_BIB, "--project", str(project), str(BIBTEX / "dblp.bib")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(temporary_folder)},
        preexec_fn=limited_file_size(len(before) + 10),  # the old file fits, the new one does not
    )

    # The first write of the new file is the copy the build's checks read; the final write is tested on its own below.
    assert_refused_in_one_line(result, "cannot write it", "nothing was written")
    assert publications(project).read_bytes() == before
    assert temporary_files(project / "data") == []
    assert list(temporary_folder.iterdir()) == [], "the checked copy of data/ is gone too"


WRITE_UNDER_THE_LIMIT = """
import sys
from pathlib import Path
from bib_import.problems import ImportRefused
from bib_import.safe_write import read_snapshot, replace_checked

snapshot = read_snapshot(Path(sys.argv[1]), "papers.yml")
try:
    replace_checked(snapshot, snapshot.data + b"- key: more\\n" * 100, "papers.yml")
except ImportRefused as refusal:
    sys.exit(str(refusal))
"""


def test_the_final_write_failing_on_a_full_disk_leaves_the_file_and_no_temporary_file(tmp_path: Path) -> None:
    papers = tmp_path / "papers.yml"
    papers.write_bytes(b"- key: first\n")

    result = subprocess.run(
        [sys.executable, "-c", WRITE_UNDER_THE_LIMIT, str(papers)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT / "scripts",
        preexec_fn=limited_file_size(100),
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("papers.yml: cannot write it: the file would be larger than this system lets you write")
    assert papers.read_bytes() == b"- key: first\n"
    assert list(tmp_path.iterdir()) == [papers]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda bib: bib.mkdir(), "this is a folder, not a file"),
        (lambda bib: None, "there is no such file"),
        pytest.param(lambda bib: (bib.write_text("@misc{x}\n"), bib.chmod(0o000)), "permission denied", marks=NOT_ROOT),
    ],
    ids=["a folder", "missing", "unreadable"],
)
def test_a_bib_path_that_cannot_be_read_is_one_line(project: Path, tmp_path: Path, make: Callable[[Path], Any], expected: str) -> None:
    bib = tmp_path / "papers.bib"
    make(bib)
    before = publications(project).read_bytes()

    result = import_bib(project, bib)

    assert_refused_in_one_line(result, str(bib), expected, "nothing was imported")
    assert publications(project).read_bytes() == before


def test_a_project_without_a_data_folder_is_one_line(tmp_path: Path) -> None:
    result = import_bib(tmp_path, BIBTEX / "dblp.bib")

    assert_refused_in_one_line(result, "data/: there is no such file or folder")


@pytest.mark.parametrize("field", ["title", "author"])
def test_braces_nested_300_deep_name_the_entry_instead_of_crashing(project: Path, tmp_path: Path, field: str) -> None:
    deep = "{" * 300 + "Deep" + "}" * 300
    values = {"author": OWNER, "title": "Deep Widgets", field: f"{OWNER} and {deep}" if field == "author" else deep}
    bib = tmp_path / "deep.bib"
    bib.write_text(f"\n@misc{{deep, author={{{values['author']}}}, title={{{values['title']}}}, year={{2026}}}}\n", encoding="utf-8")
    before = publications(project).read_bytes()

    result = import_bib(project, bib)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problem, summary = result.stderr.splitlines()
    assert problem.startswith(f"{bib}:2: entry 'deep': its braces are nested hundreds of levels deep")
    assert summary == "Nothing was imported; data/publications.yml is unchanged."
    assert publications(project).read_bytes() == before


def test_a_320_letter_title_word_gives_keys_of_at_most_64_characters_folded_to_ascii(project: Path, tmp_path: Path) -> None:
    word = "w" * 320
    bib = tmp_path / "long.bib"
    bib.write_text(
        f"@misc{{one, author={{Émilie Ångström and {OWNER}}}, title={{The {word} One}}, year={{2026}}}}\n"
        f"@misc{{two, author={{Émilie Ångström and {OWNER}}}, title={{The {word} Two}}, year={{2026}}}}\n",
        encoding="utf-8",
    )

    result = import_bib(project, bib)

    assert result.returncode == 0, result.stderr
    keys = [publication["key"] for publication in load_data(project, "publications")[-2:]]
    assert keys == [f"angstrom2026{word}"[:64], f"angstrom2026{word}"[:62] + "-2"]
    assert all(len(key) <= 64 and KEY.match(key) for key in keys)
    load_site_data(project / "data")


def test_a_key_the_site_reserves_gets_a_number_like_a_duplicate(project: Path) -> None:
    (project / "docs" / "publications").mkdir()
    (project / "docs" / "publications" / "fixture2026gadgets.md").write_text("# A page of the owner's\n", encoding="utf-8")

    result = import_bib(project, BIBTEX / "arxiv.bib")

    assert result.returncode == 0, result.stderr
    assert load_data(project, "publications")[-1]["key"] == "fixture2026gadgets-2"


def test_a_title_with_escaped_braces_and_backslashes_keeps_them_as_characters(project: Path, tmp_path: Path) -> None:
    bib = write_bib(tmp_path, "escaped", r"The \lbrace{}Widget\rbrace{} Set in C:\textbackslash{}gadgets")

    result = import_bib(project, bib)

    assert result.returncode == 0, result.stderr
    assert load_data(project, "publications")[-1]["title"] == "The {Widget} Set in C:\\gadgets"
    load_site_data(project / "data")


SCHEMA_LINE = b"# yaml-language-server: $schema=schemas/publications.schema.json"


def without_papers(project: Path) -> None:
    """No file names a paper any more: each list but the research areas is its schema line and [], and no paper is counted."""
    (project / "data" / "citations.yml").unlink()
    for path in (project / "data").glob("*.yml"):
        if path.stem not in ("profile", "research_areas", "publications"):
            path.write_bytes(f"# yaml-language-server: $schema=schemas/{path.stem}.schema.json\n[]\n".encode())


@pytest.mark.parametrize(
    ("before", "kept_above", "kept_below"),
    [
        (SCHEMA_LINE + b"\n[]\n", SCHEMA_LINE + b"\n", b""),
        (SCHEMA_LINE + b"\r\n\r\n[]\r\n# papers end here\r\n", SCHEMA_LINE + b"\r\n\r\n", b"# papers end here\r\n"),
        (b"\xef\xbb\xbf" + SCHEMA_LINE + b"\n[ ]  # none yet\n", b"\xef\xbb\xbf" + SCHEMA_LINE + b"\n# none yet\n", b""),
        (SCHEMA_LINE + b"\n[]", SCHEMA_LINE + b"\n", b""),
        (SCHEMA_LINE + b"\n# no papers yet\n", SCHEMA_LINE + b"\n# no papers yet\n", b""),
        (SCHEMA_LINE, SCHEMA_LINE + b"\n", b""),
        (b"", b"", b""),
    ],
    ids=[
        "schema line and []",
        "crlf, a comment below",
        "bom, [ ] with a comment",
        "no final line break",
        "only comments",
        "only the schema line",
        "empty",
    ],
)
def test_papers_imported_into_a_file_without_any_take_the_place_of_its_empty_list(
    project: Path, before: bytes, kept_above: bytes, kept_below: bytes
) -> None:
    without_papers(project)
    publications(project).write_bytes(before)

    result = import_bib(project, BIBTEX / "dblp.bib")

    assert result.returncode == 0, result.stderr
    after = publications(project).read_bytes()
    assert after.startswith(kept_above) and after.endswith(kept_below)
    added = after[len(kept_above) : len(after) - len(kept_below)]
    assert added.startswith(b"- key: muller2026robust") and b"[" not in added.split(b"\n")[0]
    newline = b"\r\n" if b"\r\n" in before else b"\n"
    assert added.count(b"\n") == added.count(newline), "the entries have the file's own line breaks"
    assert [pub["key"] for pub in load_site_data(project / "data").publications] == ["muller2026robust"]
    first_line = after[: after.index(b"- key:")].count(b"\n") + 1
    assert f"(from line {first_line})" in result.stdout, "the report points at the line the entries start on"


def test_a_second_import_into_a_file_that_held_an_empty_list_appends_below_the_first(project: Path) -> None:
    without_papers(project)
    publications(project).write_bytes(SCHEMA_LINE + b"\n[]\n")
    assert import_bib(project, BIBTEX / "dblp.bib").returncode == 0
    once = publications(project).read_bytes()

    result = import_bib(project, BIBTEX / "acm.bib")

    assert result.returncode == 0, result.stderr
    assert publications(project).read_bytes().startswith(once)
    assert [pub["key"] for pub in load_data(project, "publications")] == ["muller2026robust", "skoda2025mgit"]
