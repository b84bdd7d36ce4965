"""The files a build makes from data/ enter the site as read-only hard links to the copies kept in .cache/, are made
afresh when their data changes, and are written as before wherever no link can be made."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from site_helpers import build_site, edit_data, load_data

from macros.outputs import linked_files
from macros.outputs.linked_files import KeptFiles, linked_file


def kept_inodes(project: Path) -> dict[int, Path]:
    return {path.stat().st_ino: path for path in (project / ".cache").rglob("*") if path.is_file()}


def test_the_papers_files_the_cards_and_the_pdf_are_read_only_links_to_their_kept_copies(project: Path) -> None:
    site = build_site(project, project / "site")
    kept = kept_inodes(project)
    key = load_data(project, "publications")[0]["key"]
    generated = [site / f"publications/{key}.bib", site / f"publications/{key}.ris", site / "publications.bib", site / "feed.xml"]
    generated += [*sorted((site / "assets/images/social").rglob("*.png"))[:3], *site.glob("*.pdf")]
    assert len(generated) == 8
    for path in generated:
        status = path.stat()
        assert status.st_ino in kept, f"{path.relative_to(site)} is not a link to a file of .cache/"
        assert status.st_nlink == 2
        assert not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH), f"{path.relative_to(site)} is writable"
    # The pages themselves are MkDocs' own files.
    assert (site / "index.html").stat().st_ino not in kept


def test_an_edited_paper_gets_new_kept_files_and_the_old_ones_are_pruned(project: Path) -> None:
    site = build_site(project, project / "site")
    key = load_data(project, "publications")[0]["key"]
    before = (site / f"publications/{key}.bib").stat().st_ino
    kept_before = set((project / ".cache/site-files").iterdir())

    def retitle(papers: list[dict[str, str]]) -> None:
        papers[0]["title"] = "A Retitled Widget Study"

    edit_data(project, "publications", retitle)
    build_site(project, site)
    assert "{Retitled}" in (site / f"publications/{key}.bib").read_text(encoding="utf-8")
    kept_after = set((project / ".cache/site-files").iterdir())
    assert before not in {path.stat().st_ino for path in kept_after}, "the old BibTeX is still kept"
    # The paper's .bib and .ris, the lists of all papers (.bib, .ris, .json) changed; nothing else did.
    assert len(kept_before - kept_after) == len(kept_after - kept_before) == 5


@pytest.fixture
def config(tmp_path: Path) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "Widget", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    (tmp_path / "docs").mkdir()
    errors, _ = config.validate()
    assert not errors
    # What MkDocs sets while an event runs: File.generated records which plugin made the file.
    config.plugins._current_plugin = None
    return config


def test_where_no_link_can_be_made_the_file_is_written(tmp_path: Path, config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(source: str, destination: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(linked_files.os, "link", no_links)
    kept = KeptFiles(tmp_path).keep("widget.bib", "@misc{widget}\n")
    linked_file(config, "widget.bib", kept, "@misc{widget}\n").copy_file()
    written = tmp_path / "site" / "widget.bib"
    assert written.read_text(encoding="utf-8") == "@misc{widget}\n"
    assert written.stat().st_nlink == 1


def test_a_kept_copy_that_another_build_pruned_is_written_from_its_content(tmp_path: Path, config: MkDocsConfig) -> None:
    kept = KeptFiles(tmp_path).keep("widget.ris", b"TY  - GEN\r\nER  - \r\n")
    file = linked_file(config, "widget.ris", kept, b"TY  - GEN\r\nER  - \r\n")
    KeptFiles(tmp_path).prune()
    assert not kept.exists()
    file.copy_file()
    assert (tmp_path / "site" / "widget.ris").read_bytes() == b"TY  - GEN\r\nER  - \r\n"


# Other bytes, and bytes of the same length, which a look at the size alone would take for the kept ones.
@pytest.mark.parametrize("tampered", ["@misc{tampered}\n", "@misc{gadget}\n"])
def test_a_kept_copy_changed_behind_the_build_is_kept_again(tmp_path: Path, tampered: str) -> None:
    kept = KeptFiles(tmp_path).keep("widget.bib", "@misc{widget}\n")
    os.chmod(kept, 0o644)
    kept.write_text(tampered, encoding="utf-8")
    again = KeptFiles(tmp_path).keep("widget.bib", "@misc{widget}\n")
    assert again.read_text(encoding="utf-8") == "@misc{widget}\n"
