"""`make import-bib BIB=file.bib` adds papers from what real exporters write, and never corrupts the data file.

Each case imports a .bib from tests/fixtures/bibtex/ (written in the style of
one exporter) into a copy of the fixture project with the real script.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import FIXTURES, ROOT, build_site, load_data, parse_bibtex, read_page

SCRIPT = ROOT / "scripts" / "import_bib.py"
BIBTEX = FIXTURES / "bibtex"

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
        "selected": False,
        "links": {"doi": "10.5555/3700001.3700042"},
    },
    "scholar": {
        "key": "fixture2024widgets",
        "title": "Widgets in the wild: a survey",
        "authors": ["Rowan Fixture", "Cy Sample"],
        "authors_abridged": True,
        "venue": "JIWE",
        "venue_full": "Journal of Imaginary Widget Engineering",
        "type": "journal",
        "year": 2024,
        "pages": "1-20",
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
        "pages": "6421-6434",
        "selected": False,
        "links": {"doi": "10.18653/v1/2025.acl-long.999", "paper": "https://aclanthology.org/2025.acl-long.999/"},
    },
}
ZOTERO = [
    {
        "key": "fixture2023adversarial",
        "title": "Adversarial Widgets at the Edge",
        "authors": ["Rowan Fixture", "Eve Mock"],
        "venue": "WSW",
        "venue_full": "Proceedings of the Widget Safety Workshop",
        "type": "workshop",
        "year": 2023,
        "pages": "7-12",
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


def import_bib(project: Path, bib: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--project", str(project), *options, str(bib)],
        capture_output=True,
        text=True,
        timeout=120,
    )


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


def test_a_dry_run_prints_the_yaml_and_writes_nothing(project: Path) -> None:
    before = publications_text(project)

    result = import_bib(project, BIBTEX / "acm.bib", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert publications_text(project) == before
    assert yaml.safe_load(result.stdout.split(":\n", 1)[1]) == [EXPECTED["acm"]]


def test_make_import_bib_runs_the_script_and_passes_dry_run() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '$(BIN)/python scripts/import_bib.py $(if $(DRY_RUN),--dry-run) "$(BIB)"' in makefile


@pytest.mark.parametrize(
    ("bib", "expected"),
    [
        ("broken.bib", ["broken.bib:8: this is not valid BibTeX"]),
        (
            "refused.bib",
            [
                "refused.bib:8: entry 'stranger2025': none of its authors is the owner 'Rowan Fixture' (data/profile.yml, name)",
                "refused.bib:15: entry 'untitled2024': it has no title",
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
    for line, start in zip(lines, expected):
        assert start in line, line
    assert lines[-1] == "Nothing was imported; data/publications.yml is unchanged."
    assert (project / "data" / "publications.yml").read_bytes() == before
    if bib == "refused.bib":
        assert "name_variants" in lines[0]


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
        "@misc{c, author={Rowan Fixture}, title={Third}, year={2025}, eprint={2401.00002}, archivePrefix={arXiv}}\n",
        encoding="utf-8",
    )
    before = publications_text(project)

    result = import_bib(project, bib)

    assert result.returncode == 0, result.stderr
    assert publications_text(project) == before
    for entry, key in (("a", "gadget-serving"), ("b", "big-benchmark"), ("c", "widgetgit")):
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
    page = read_page(site, "publications/skoda2025mgit")
    assert [tag["content"] for tag in page.find_all("meta", attrs={"name": "citation_author"})] == EXPECTED["acm"]["authors"]
    entries = {entry["ID"]: entry for entry in parse_bibtex((site / "publications.bib").read_text(encoding="utf-8"))}
    for expected in EXPECTED.values():
        assert expected["title"] in listed
        entry = entries[expected["key"]]
        # Read back from publications.bib, the paper has the same title and authors it was imported with.
        assert entry["title"].replace("{", "").replace("}", "") == expected["title"]
        authors = entry["author"].removesuffix(" and others").split(" and ")
        assert authors == expected["authors"]


@pytest.mark.parametrize(
    ("venue", "series", "badge"),
    [
        ("Forty-first International Conference on Machine Learning, ICML 2024", "Proceedings of Machine Learning Research", "ICML"),
        ("Proceedings of the Twentieth European Conference on Computer Systems", "EuroSys '25", "EuroSys '25"),
        ("Advances in Neural Information Processing Systems", None, "NeurIPS"),
        ("Proceedings of the Widget Safety Workshop", None, "WSW"),
        ("Nature", None, "Nature"),
        ("arXiv preprint arXiv:2203.04567", None, "arXiv"),
    ],
)
def test_the_venue_badge_is_short_and_never_empty(venue: str, series: str | None, badge: str) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bib_import.venues import venue_badge

    assert venue_badge(venue, series) == badge
