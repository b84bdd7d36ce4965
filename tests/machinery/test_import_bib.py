"""`make import-bib BIB=file.bib` adds papers from what real exporters write, and never corrupts the data file.

Each case imports a .bib from tests/fixtures/bibtex/ (written in the style of
one exporter) into a copy of the fixture project with the real script.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import BIBTEX, ROOT, build_site, format_bibliography, import_bib, load_data, meta, read_page

from scripts.bib_import.reading import read_bib
from scripts.bib_import.venues import venue_badge

EXPECTED: dict[str, dict[str, Any]] = {
    "dblp": {
        "key": "muller2026robust",
        "title": "Robust LLMs for Widget Serving",
        "authors": ["Jürgen Müller", "Rowan Fixture"],
        "venue": "OSDI",
        "venue_full": "20th USENIX Symposium on Operating Systems Design and Implementation, OSDI 2026, Testville, CA, USA, July 1-3, 2026",
        "type": "conference",
        "year": 2026,
        "pages": "101-115",
        "publisher": "USENIX Association",
        "selected": False,
        "links": {"paper": "https://www.usenix.org/conference/osdi26/presentation/muller"},
    },
    "acm": {
        "key": "skoda2025mgit",
        "title": "MGit-Style Lineage for Gadgets",
        "authors": ["Ondřej Škoda", "Rowan Fixture", "Renée Côté"],
        "venue": "EuroSys '25",
        "venue_full": "Proceedings of the Twentieth European Conference on Computer Systems",
        "type": "conference",
        "year": 2025,
        "pages": "443-462",
        "publisher": "Association for Computing Machinery",
        "address": "New York, NY, USA",
        "selected": False,
        "links": {"doi": "10.5555/3700001.3700042"},
    },
    "scholar": {
        "key": "fixture2024widgets",
        "title": "Widgets in the wild: a survey",
        "authors": ["Rowan Fixture", "Cy Sample"],
        "authors_abridged": True,
        "venue": "Journal of Imaginary Widget Engineering",
        "venue_full": "Journal of Imaginary Widget Engineering",
        "type": "journal",
        "year": 2024,
        "pages": "1-20",
        "volume": "12",
        "number": "3",
        "publisher": "Fictional Press",
        "selected": False,
    },
    "arxiv": {
        "key": "fixture2026gadgets",
        "title": "Gadgets Are Still All You Need",
        "authors": ["Rowan Fixture", "Eve Mock"],
        "venue": "arXiv",
        "type": "preprint",
        "year": 2026,
        "selected": False,
        "links": {"arxiv": "2601.01234"},
    },
    "acl": {
        "key": "fixture2025rewriting",
        "title": "Rewriting Widgets: Generalized Detection of Generated Gadgets",
        "authors": ["Rowan Fixture", "Cy Sample", "Jürgen Müller"],
        "venue": "ACL",
        "venue_full": "Proceedings of the 63rd Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)",
        "type": "conference",
        "year": 2025,
        "month": 7,
        "pages": "6421-6434",
        "editors": ["Ima Editor"],
        "publisher": "Association for Computational Linguistics",
        "address": "Testville, Testland",
        "selected": False,
        "links": {"doi": "10.18653/v1/2025.acl-long.999", "paper": "https://aclanthology.org/2025.acl-long.999/"},
    },
    "homepage": {
        "key": "friends2026uber",
        "title": "Über-Widgets: Émile's α-Gadgets at 50% Load",
        "authors": ["Widget Consortium and Friends", "Rowan Fixture", "Šimon Tester"],
        "venue": "Gadget Reliability Symposium",
        "venue_full": "Proceedings of the 2nd Gadget Reliability Symposium, Testville",
        "type": "conference",
        "year": 2026,
        "pages": "12-19",
        "selected": False,
        "links": {"pdf": "https://example.org/~rowan/papers/%C3%BCber-widgets.pdf"},
    },
}
ZOTERO = [
    {
        "key": "fixture2023adversarial",
        "title": "Adversarial Widgets at the Edge",
        "authors": ["Rowan Fixture", "Eve Mock"],
        "venue": "Widget Safety Workshop",
        "venue_full": "Proceedings of the Widget Safety Workshop",
        "type": "workshop",
        "year": 2023,
        "month": 3,
        "pages": "7-12",
        "address": "Testville",
        "selected": False,
        "links": {"pdf": "https://example.org/papers/adversarial-widgets.pdf"},
    },
    {
        "key": "fixture2022gadget",
        "title": "Gadget Drift on Phones",
        "authors": ["Rowan Fixture", "Cy Sample"],
        "venue": "arXiv",
        "venue_full": "arXiv preprint arXiv:2203.04567",
        "type": "preprint",
        "year": 2022,
        "selected": False,
        "links": {"arxiv": "2203.04567"},
    },
]


def publications_text(project: Path) -> str:
    return (project / "data" / "publications.yml").read_text(encoding="utf-8")


def add_name_variant(project: Path, variant: str) -> None:
    profile = project / "data" / "profile.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + f"name_variants: [{variant}]\n", encoding="utf-8")


@pytest.mark.parametrize("exporter", EXPECTED)
def test_an_entry_from_each_exporter_becomes_a_publication_appended_to_the_file(project: Path, exporter: str) -> None:
    before = publications_text(project)

    result = import_bib(project, BIBTEX / f"{exporter}.bib")

    assert result.returncode == 0, result.stderr
    after = publications_text(project)
    assert after.startswith(before), "the existing bytes of the file must stay as they were"
    assert yaml.safe_load(after)[-1] == EXPECTED[exporter]
    assert "areas" in result.stdout and "selected" in result.stdout and "summary" in result.stdout


def test_a_zotero_file_with_string_macros_and_a_name_variant_of_the_owner(project: Path) -> None:
    add_name_variant(project, "R. Fixture")

    result = import_bib(project, BIBTEX / "zotero.bib")

    assert result.returncode == 0, result.stderr
    assert load_data(project, "publications")[-2:] == ZOTERO


def test_an_entry_without_a_venue_gets_a_badge_saying_what_it_is(project: Path, tmp_path: Path) -> None:
    bib = tmp_path / "no-venue.bib"
    bib.write_text(
        "@techreport{r, author={Rowan Fixture}, title={A Report on Widgets}, year=2021, institution={Example University}}\n"
        "@misc{m, author={Rowan Fixture}, title={Notes on Gadgets}, year=2021, url={https://doi.org/10.5555/123456}}\n"
        "@misc{a, author={Rowan Fixture}, title={On arXiv Only}, year=2021, url={http://arxiv.org/abs/2101.01234v3}}\n",
        encoding="utf-8",
    )

    assert import_bib(project, bib).returncode == 0

    added = {pub["title"]: pub for pub in load_data(project, "publications")[-3:]}
    assert added["A Report on Widgets"]["venue"] == "Technical report"
    assert (added["Notes on Gadgets"]["venue"], added["Notes on Gadgets"]["links"]) == ("Preprint", {"doi": "10.5555/123456"})
    assert (added["On arXiv Only"]["venue"], added["On arXiv Only"]["links"]) == ("arXiv", {"arxiv": "2101.01234"})


def test_a_dry_run_prints_the_yaml_and_writes_nothing(project: Path) -> None:
    before = publications_text(project)

    result = import_bib(project, BIBTEX / "acm.bib", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert publications_text(project) == before
    assert yaml.safe_load(result.stdout.split(":\n", 1)[1]) == [EXPECTED["acm"]]


def run_make(project: Path, stamp: Path, *variables: str) -> subprocess.CompletedProcess[str]:
    """`make import-bib` in `project`, with this environment's Python standing in for the project's .venv."""
    environment = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    command = ["make", "--no-print-directory", "import-bib", f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}", *variables]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120, env=environment)


def test_make_import_bib_imports_the_file_and_dry_run_writes_nothing(project: Path, tmp_path: Path) -> None:
    for part in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / part, project / part)
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    stamp = tmp_path / "installed"
    stamp.touch()
    before = publications_text(project)
    bib = f"BIB={BIBTEX / 'acl.bib'}"

    dry_run = run_make(project, stamp, bib, "DRY_RUN=1")

    assert dry_run.returncode == 0, dry_run.stderr
    assert publications_text(project) == before
    assert yaml.safe_load(dry_run.stdout.split(":\n\n", 1)[1]) == [EXPECTED["acl"]]

    imported = run_make(project, stamp, bib)

    assert imported.returncode == 0, imported.stderr
    assert yaml.safe_load(publications_text(project))[-1] == EXPECTED["acl"]

    forgotten = run_make(project, stamp)

    assert forgotten.returncode != 0
    assert "make import-bib BIB=path/to/file.bib" in forgotten.stdout


@pytest.mark.parametrize(
    ("bib", "expected"),
    [
        ("broken.bib", ["broken.bib:8: this is not valid BibTeX"]),
        (
            "refused.bib",
            [
                "refused.bib:8: entry 'stranger2025': none of its authors is the owner 'Rowan Fixture' (data/profile.yml, name)",
                "refused.bib:15: entry 'untitled2024': it has no title",
                "refused.bib:20: entry 'anonymous2023': it has no author",
                "refused.bib:26: entry 'undated': it has no year",
                "refused.bib:35: entry 'unknownvenue2026': field 'booktitle': 'gadget27' is not text in braces or quotes, "
                "nor a @string the file defines",
            ],
        ),
    ],
)
def test_a_refused_import_names_every_problem_and_leaves_the_file_byte_identical(project: Path, bib: str, expected: list[str]) -> None:
    before = (project / "data" / "publications.yml").read_bytes()

    result = import_bib(project, BIBTEX / bib)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected) + 1, lines
    for line, start in zip(lines, expected, strict=False):  # one line more: the last one, checked below
        assert start in line, line
    assert lines[-1] == "Nothing was imported; data/publications.yml is unchanged."
    assert (project / "data" / "publications.yml").read_bytes() == before
    if bib == "refused.bib":
        assert "name_variants" in lines[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ": it holds no BibTeX entry"),
        (b"% only a comment\n@comment{nothing here}\n", ": it holds no BibTeX entry"),
        ("@misc{x, author={Rowan Fixture}, title={Caf\u00e9}, year=2026}".encode("latin-1"), ": the file is not UTF-8 text"),
        (
            b"@misc{x, author={Rowan Fixture}, title={One}, year=2026}\n@misc{x, author={Rowan Fixture}, title={Two}, year=2026}\n",
            ":2: entry 'x': an earlier entry of the file has the same key",
        ),
    ],
    ids=["empty", "comments only", "not UTF-8", "same key twice"],
)
def test_a_file_without_entries_not_in_utf8_or_with_a_key_twice_is_refused(project: Path, tmp_path: Path, content: bytes, expected: str) -> None:
    bib = tmp_path / "papers.bib"
    bib.write_bytes(content)
    before = (project / "data" / "publications.yml").read_bytes()

    result = import_bib(project, bib)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problem, summary = result.stderr.splitlines()
    assert problem.startswith(str(bib)) and expected in problem
    assert summary == "Nothing was imported; data/publications.yml is unchanged."
    assert (project / "data" / "publications.yml").read_bytes() == before


def test_broken_data_is_reported_and_left_as_it_is(project: Path) -> None:
    publications = project / "data" / "publications.yml"
    publications.write_bytes(publications.read_bytes() + b"- key: [unclosed\n")
    before = publications.read_bytes()

    result = import_bib(project, BIBTEX / "dblp.bib")

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/publications.yml:" in result.stderr and "invalid YAML" in result.stderr
    assert publications.read_bytes() == before


def test_an_import_that_would_break_the_data_is_refused_by_the_builds_own_checks(project: Path, tmp_path: Path) -> None:
    bib = tmp_path / "bad-url.bib"
    bib.write_text("@misc{x, author={Rowan Fixture}, title={Odd}, year={2026}, url={https://}}\n", encoding="utf-8")
    before = (project / "data" / "publications.yml").read_bytes()

    result = import_bib(project, bib)

    assert result.returncode == 1
    assert "data/publications.yml:" in result.stderr and "field 'paper'" in result.stderr
    assert (project / "data" / "publications.yml").read_bytes() == before


def test_papers_already_in_the_data_are_skipped_naming_their_key(project: Path, tmp_path: Path) -> None:
    bib = tmp_path / "known.bib"
    bib.write_text(
        "@inproceedings{a, author={Dee Tester and Rowan Fixture}, title={Serving {G}adgets Like Clockwork!},"
        " booktitle={GSDI 2020}, year={2020}}\n"
        "@article{b, author={Rowan Fixture}, title={Another Title}, journal={J}, year={2023}, doi={10.5555/0000002}}\n"
        "@misc{c, author={Rowan Fixture}, title={Third}, year={2025}, eprint={2401.00002}, archivePrefix={arXiv}}\n"
        "@article{d, author={Rowan Fixture}, title={Fourth}, journal={J}, year={2023}, url={http://www.example.org/widget-attacks.pdf}}\n",
        encoding="utf-8",
    )
    before = publications_text(project)

    result = import_bib(project, bib)

    assert result.returncode == 0, result.stderr
    assert publications_text(project) == before
    for entry, key in (("a", "gadget-serving"), ("b", "big-benchmark"), ("c", "widgetgit"), ("d", "widget-attacks")):
        assert f"entry '{entry}': skipped, already in data/publications.yml as '{key}'" in result.stdout


def test_importing_a_whole_bibliography_again_adds_only_what_is_new(project: Path) -> None:
    assert import_bib(project, BIBTEX / "dblp.bib").returncode == 0
    once = publications_text(project)

    result = import_bib(project, BIBTEX / "dblp.bib")

    assert result.returncode == 0
    assert publications_text(project) == once
    assert "already in data/publications.yml as 'muller2026robust'" in result.stdout


def test_the_site_builds_strictly_after_an_import_and_shows_the_paper_everywhere(project: Path, tmp_path: Path) -> None:
    for exporter in EXPECTED:
        assert import_bib(project, BIBTEX / f"{exporter}.bib").returncode == 0

    site = build_site(project, tmp_path / "site")

    listed = [" ".join(title.get_text().split()) for title in read_page(site, "publications").select(".pf-pub__title")]
    bibliography = (site / "publications.bib").read_text(encoding="utf-8")
    references = format_bibliography(bibliography)
    for expected in EXPECTED.values():
        assert expected["title"] in listed
        page = read_page(site, f"publications/{expected['key']}")
        assert meta(page, "citation_title") == [expected["title"]]
        assert meta(page, "citation_author") == expected["authors"]
        assert meta(page, "citation_doi") == ([expected["links"]["doi"]] if "doi" in expected.get("links", {}) else [])
        # A sentence-case style prints the title with the capitals it was imported with.
        assert expected["title"] in references[expected["key"]]


def test_the_sites_publications_bib_imports_back_to_the_same_titles_and_authors(project: Path, tmp_path: Path) -> None:
    for exporter in EXPECTED:
        assert import_bib(project, BIBTEX / f"{exporter}.bib").returncode == 0
    site = build_site(project, tmp_path / "site")

    entries, problems = read_bib(site / "publications.bib", "publications.bib")

    assert problems == []
    read_back = {entry.key: (entry.fields["title"], entry.authors, entry.abridged) for entry in entries}
    for publication in load_data(project, "publications"):
        expected = (publication["title"], publication["authors"], publication.get("authors_abridged", False))
        assert read_back[publication["key"]] == expected


@pytest.mark.parametrize(
    ("venue", "series", "badge"),
    [
        ("Forty-first International Conference on Machine Learning, ICML 2024", "Proceedings of Machine Learning Research", "ICML"),
        ("Proceedings of the Twentieth European Conference on Computer Systems", "EuroSys '25", "EuroSys '25"),
        ("Advances in Neural Information Processing Systems", None, "NeurIPS"),
        ("Proceedings of the Widget Safety Workshop", None, "Widget Safety Workshop"),
        ("Proceedings of the 3rd Widget Safety Workshop (WSW-3), Testville, 2023", None, "Widget Safety Workshop"),
        ("Nature", None, "Nature"),
        ("arXiv preprint arXiv:2203.04567", None, "arXiv"),
    ],
)
def test_the_venue_badge_is_an_acronym_the_venue_uses_or_its_own_name_never_empty(venue: str, series: str | None, badge: str) -> None:
    assert venue_badge(venue, series) == badge


def test_a_dry_run_into_a_file_holding_an_empty_list_shows_block_entries_and_writes_nothing(project: Path) -> None:
    for path in (project / "data").glob("*.yml"):
        schema = json.loads((project / "data" / "schemas" / f"{path.stem}.schema.json").read_text(encoding="utf-8"))
        # Every list of entries but the areas, which the profile and the papers name.
        if schema["type"] == "array" and path.stem != "research_areas":
            path.write_text(f"# yaml-language-server: $schema=schemas/{path.stem}.schema.json\n[]\n", encoding="utf-8")
    before = publications_text(project)

    result = import_bib(project, BIBTEX / "acm.bib", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert publications_text(project) == before
    shown = result.stdout.split(":\n", 1)[1].lstrip("\n")
    assert shown.startswith("- key: skoda2025mgit\n")
    assert yaml.safe_load(shown) == [EXPECTED["acm"]]
