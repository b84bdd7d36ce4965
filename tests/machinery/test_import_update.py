"""`make import-bib UPDATE=1` fills what an entry lacks and never touches what the owner wrote.

The building blocks, tested on their own: updating.fills and its companions
decide what a re-imported paper adds to its entry; publications_file.
with_fields_added writes those fields into the file's bytes, leaving every
other byte where it was. No build, no subprocess.
"""

from __future__ import annotations

import codecs
import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import FIXTURES

from scripts.bib_import.duplicates import KnownPapers
from scripts.bib_import.problems import ImportRefused, UpdateRefused
from scripts.bib_import.publications_file import as_yaml, with_fields_added, written_entries
from scripts.bib_import.updating import describe_differences, describe_fills, differences, filled_names, fills, merged

# --- what an update adds -----------------------------------------------------------------------------------

PREPRINT: dict[str, Any] = {
    "key": "widgetgit",
    "title": "WidgetGit: Versioning Widgets at Scale",
    "authors": ["Rowan Fixture", "Cy Sample"],
    "venue": "arXiv",
    "type": "preprint",
    "year": 2023,
    "selected": True,
    "links": {"arxiv": "2401.00002"},
}
PUBLISHED: dict[str, Any] = {
    "key": "fixture2024widgetgit",
    "title": "WidgetGit: Versioning Widgets at Scale",
    "authors": ["Rowan Fixture", "Cy Sample"],
    "venue": "WSYS",
    "venue_full": "Widget Systems Conference, WSYS 2024",
    "type": "conference",
    "year": 2024,
    "pages": "101-115",
    "selected": False,
    "abstract": "Widgets are versioned like code.",
    "links": {"doi": "10.5555/3692070.3692781", "paper": "https://proceedings.mlr.press/v235/hao24a.html"},
}


def test_an_empty_field_is_filled_and_a_field_the_owner_wrote_is_kept_even_when_the_bib_differs() -> None:
    existing = {"key": "widgetgit", "title": "WidgetGit", "venue": "WSYS", "type": "conference", "year": 2024, "pages": ""}
    imported = {
        "key": "fixture2024widgetgit",
        "title": "WidgetGit",
        "venue": "Proc. WSYS",
        "type": "conference",
        "year": 2024,
        "pages": "1-20",
        "abstract": "A.",
    }

    assert fills(existing, imported) == {"pages": "1-20", "abstract": "A."}
    assert differences(existing, imported) == ["venue"]


def test_none_an_empty_list_and_empty_links_are_empty() -> None:
    existing: dict[str, Any] = {"key": "x", "abstract": None, "editors": [], "links": {}}
    imported = {"key": "x", "abstract": "A.", "editors": ["Ada Placeholder"], "links": {"doi": "10.5555/1"}}

    assert fills(existing, imported) == {"abstract": "A.", "editors": ["Ada Placeholder"], "links": {"doi": "10.5555/1"}}
    assert differences(existing, imported) == []


def test_false_and_zero_written_by_the_owner_are_values() -> None:
    existing = {"key": "x", "authors_abridged": False, "volume": 0}
    imported = {"key": "x", "authors_abridged": True, "volume": 12}

    assert fills(existing, imported) == {}
    assert differences(existing, imported) == ["authors_abridged", "volume"]


def test_the_key_and_selected_never_come_from_the_bib() -> None:
    """The importer writes `selected: false` for every paper: a placeholder for the owner, not something the .bib says."""
    assert fills({"key": "mine", "title": "T"}, {"key": "theirs", "title": "T", "selected": False}) == {}
    assert differences({"key": "mine", "selected": True}, {"key": "theirs", "selected": False}) == []


def test_links_merge_link_by_link_and_dois_compare_ignoring_case() -> None:
    existing = {"key": "x", "links": {"paper": "https://example.org/x", "doi": "10.5555/ABC"}}
    imported = {"key": "x", "links": {"doi": "10.5555/abc", "pdf": "https://example.org/x.pdf", "paper": "https://example.org/other"}}

    assert fills(existing, imported) == {"links": {"pdf": "https://example.org/x.pdf"}}
    assert differences(existing, imported) == ["links.paper"]
    assert differences(existing, {"links": {"doi": "10.5555/other"}}) == ["links.doi"]


def test_the_published_version_of_a_preprint_in_the_data_adds_its_links_to_the_one_entry() -> None:
    assert KnownPapers([PREPRINT]).existing_key(PUBLISHED) == "widgetgit", "the same title: the published version is no new paper"

    added = fills(PREPRINT, PUBLISHED)

    assert added == {
        "abstract": "Widgets are versioned like code.",
        "links": {"doi": "10.5555/3692070.3692781", "paper": PUBLISHED["links"]["paper"]},
    }
    entry = merged(PREPRINT, added)
    assert entry["links"] == {"arxiv": "2401.00002", **PUBLISHED["links"]}
    assert {name: entry[name] for name in ("key", "venue", "type", "year", "selected")} == {
        "key": "widgetgit",
        "venue": "arXiv",
        "type": "preprint",
        "year": 2023,
        "selected": True,
    }, "the owner's preprint keeps what the owner wrote"
    assert "venue_full" not in entry and "pages" not in entry, "no half of the published version's citation on the preprint"
    assert differences(PREPRINT, PUBLISHED) == ["venue", "type", "year"]


def test_the_preprint_of_a_published_paper_in_the_data_adds_only_its_arxiv_id() -> None:
    published = {key: value for key, value in PUBLISHED.items() if key not in ("pages", "links")} | {"links": {"paper": PUBLISHED["links"]["paper"]}}
    preprint = {**PREPRINT, "venue_full": "arXiv preprint arXiv:2401.00002", "links": {"doi": "10.48550/arXiv.2401.00002", "arxiv": "2401.00002"}}

    assert fills(published, preprint) == {"links": {"arxiv": "2401.00002"}}, "arXiv's own DOI names the preprint, not the paper"
    assert fills({key: value for key, value in published.items() if key != "abstract"}, {**preprint, "abstract": "A."}) == {
        "abstract": "A.",
        "links": {"arxiv": "2401.00002"},
    }, "an abstract describes the paper, whichever version brings it"


def test_importing_again_what_an_update_wrote_adds_nothing() -> None:
    entry = merged(PREPRINT, fills(PREPRINT, PUBLISHED))

    assert fills(entry, PUBLISHED) == {}
    assert PREPRINT["links"] == {"arxiv": "2401.00002"}, "merged copies; the entry it was given is unchanged"


def test_each_fill_is_described_for_the_dry_run() -> None:
    added = {"abstract": "Widgets are versioned like code, " * 5, "links": {"doi": "10.5555/1", "arxiv": "2401.00002"}}

    lines = describe_fills("widgetgit", added)

    assert lines[0] == "widgetgit: would add abstract, links.doi, links.arxiv"
    assert lines[1].startswith("    abstract: Widgets are versioned like code,") and lines[1].endswith("…") and len(lines[1]) < 90
    assert lines[2:] == ["    links.doi: 10.5555/1", "    links.arxiv: 2401.00002"]
    assert describe_fills("widgetgit", {"pages": "1-2"}, written=True) == ["widgetgit: added pages", "    pages: 1-2"]
    assert describe_fills("widgetgit", {}) == []
    assert filled_names(added) == ["abstract", "links.doi", "links.arxiv"]
    assert describe_differences("widgetgit", ["venue", "links.doi"]) == ["widgetgit: kept yours: venue, links.doi (the .bib says otherwise)"]
    assert describe_differences("widgetgit", []) == []


# --- writing the fields into the file ------------------------------------------------------------------------

HEAD = b"# yaml-language-server: $schema=schemas/publications.schema.json\n"
ENTRY_A = b"- key: a\n  title: First Widgets\n  authors: [Rowan Fixture]\n"
ENTRY_B = b'- key: b\n  title: "Second: Gadgets"\n  authors: [Rowan Fixture, Eve Mock]\n'
ABSTRACT = {"abstract": "Widgets: all of them."}
ARXIV = {"links": {"arxiv": "2601.01234"}}


def removing(after: bytes, newline: bytes, inserted: list[bytes]) -> bytes:
    """`after` without the inserted lines, each found after the one before it, with the line break that precedes it."""
    cursor = 0
    for line in inserted:
        found = after.index(newline + line, cursor)
        after, cursor = after[:found] + after[found + len(newline + line) :], found
    return after


def expected_data(before: bytes, additions: dict[int, dict[str, Any]]) -> Any:
    data = copy.deepcopy(yaml.safe_load(before))
    for index, fields in additions.items():
        data[index].update({name: value for name, value in fields.items() if name != "links"})
        if "links" in fields:
            data[index]["links"] = {**(data[index].get("links") or {}), **fields["links"]}
    return data


LAYOUTS = {
    "comments and blank lines between entries": (
        HEAD + ENTRY_A + b"  year: 2026  # the camera-ready year\n\n# the second paper\n\n" + ENTRY_B + b"  year: 2025\n# the end\n",
        {0: ABSTRACT, 1: {"pages": "1-20", **ARXIV}},
        [b'  abstract: "Widgets: all of them."', b"  pages: 1-20", b"  links:", b'    arxiv: "2601.01234"'],
    ),
    "crlf": (
        (HEAD + ENTRY_A + b"  year: 2026\n" + ENTRY_B + b"  year: 2025\n").replace(b"\n", b"\r\n"),
        {0: {**ABSTRACT, **ARXIV}, 1: {"pages": "1-20"}},
        [b'  abstract: "Widgets: all of them."', b"  links:", b'    arxiv: "2601.01234"', b"  pages: 1-20"],
    ),
    "a byte order mark": (
        codecs.BOM_UTF8 + HEAD + ENTRY_A + b"  year: 2026\n",
        {0: ABSTRACT},
        [b'  abstract: "Widgets: all of them."'],
    ),
    "a folded block as the last field": (
        HEAD + ENTRY_A + b"  summary: >-\n    Widgets, folded\n    over two lines.\n\n\n" + ENTRY_B + b"  abstract: |\n    Kept\n\n    as written.\n",
        {0: {**ABSTRACT, **ARXIV}, 1: {"pages": "3-4"}},
        [b'  abstract: "Widgets: all of them."', b"  links:", b'    arxiv: "2601.01234"', b"  pages: 3-4"],
    ),
    "a block that keeps its trailing lines as the last field": (
        HEAD + ENTRY_A + b"  summary: |+\n    Widgets.\n\n" + ENTRY_B,
        {0: ABSTRACT},
        [b'  abstract: "Widgets: all of them."'],
    ),
    "links as the last field": (
        HEAD
        + ENTRY_A
        + b"  links:\n    doi: 10.5555/1\n    # the preprint comes later\n\n"
        + ENTRY_B
        + b"  links:\n    paper: https://example.org/b\n",
        {0: {**ABSTRACT, **ARXIV}, 1: {"links": {"doi": "10.5555/2", "arxiv": "2601.00002"}}},
        [b'    arxiv: "2601.01234"', b'  abstract: "Widgets: all of them."', b"    doi: 10.5555/2", b'    arxiv: "2601.00002"'],
    ),
    "links in the middle of the entry": (
        HEAD + b"- key: a\n  links:\n    doi: 10.5555/1\n  title: First Widgets\n  authors: [Rowan Fixture]\n",
        {0: {**ABSTRACT, **ARXIV}},
        [b'    arxiv: "2601.01234"', b'  abstract: "Widgets: all of them."'],
    ),
    "no final line break": (
        HEAD + ENTRY_A + b"  year: 2026\n" + ENTRY_B + b"  year: 2025",
        {1: {**ABSTRACT, **ARXIV}},
        [b'  abstract: "Widgets: all of them."', b"  links:", b'    arxiv: "2601.01234"'],
    ),
    "a folded block at the end without a final line break": (
        HEAD + ENTRY_A + b"  summary: >-\n    Widgets.",
        {0: ABSTRACT},
        [b'  abstract: "Widgets: all of them."'],
    ),
    "the owner's own indentation": (
        HEAD
        + '-   key: a\n    title: "Ünïcode Wïdgets — “quoted”"\n    authors: [Rowan Fixture]\n    areas:\n    - fast-gadgets\n'.encode()
        + b"-   key: b\n    title: Gadgets\n    authors: [Rowan Fixture]\n    links:\n        doi: 10.5555/2\n",
        {0: {**ABSTRACT, **ARXIV}, 1: {"links": {"arxiv": "2601.00002"}}},
        [b'    abstract: "Widgets: all of them."', b"    links:", b'        arxiv: "2601.01234"', b'        arxiv: "2601.00002"'],
    ),
    "an untouched entry in flow style": (
        HEAD + b"- {key: a, title: First, authors: [Rowan Fixture]}\n" + ENTRY_B,
        {1: ABSTRACT},
        [b'  abstract: "Widgets: all of them."'],
    ),
}


@pytest.mark.parametrize(("before", "additions", "inserted"), list(LAYOUTS.values()), ids=list(LAYOUTS))
def test_new_fields_read_back_as_the_old_data_plus_the_additions_and_no_other_byte_changes(
    before: bytes, additions: dict[int, dict[str, Any]], inserted: list[bytes]
) -> None:
    after = with_fields_added(before, additions)

    assert yaml.safe_load(after) == expected_data(before, additions)
    newline = b"\r\n" if b"\r\n" in before else b"\n"
    assert removing(after, newline, inserted) == before
    assert after.count(b"\n") - before.count(b"\n") == len(inserted), "nothing but the new lines"
    assert after.count(b"\r") == before.count(b"\r") + (len(inserted) if newline == b"\r\n" else 0)


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_an_abstract_of_paragraphs_goes_at_the_end_in_the_files_indentation_and_line_breaks(newline: bytes) -> None:
    before = newline.join([HEAD.rstrip(), b"-   key: a", b"    title: First Widgets", b"    authors: [Rowan Fixture]"])
    abstract = "First paragraph: widgets.\n\nSecond paragraph,\nover two lines."

    after = with_fields_added(before, {0: {"abstract": abstract, **ARXIV}})

    assert yaml.safe_load(after) == expected_data(before, {0: {"abstract": abstract, **ARXIV}})
    added = after.removeprefix(before)
    assert after.startswith(before) and added.startswith(newline + b"    abstract: ")
    assert added.count(b"\n") == added.count(newline) and not added.endswith(newline), "the file's breaks, and still no final one"
    assert all(line.startswith(b"    ") or not line for line in added.split(newline)[1:])
    # No nested mapping in the file shows its step: the new links go as as_yaml writes them, two deeper.
    assert added.endswith(newline + b"    links:" + newline + b'      arxiv: "2601.01234"')


def test_the_fixture_project_file_takes_the_fields_in_its_own_style() -> None:
    before = (FIXTURES / "project" / "data" / "publications.yml").read_bytes()
    entries = written_entries(before)
    additions = {
        index: {"abstract": f"The abstract of {entry['key']}.", "links": {"data": f"https://example.org/{entry['key']}-data"}}
        for index, entry in enumerate(entries)
        if "abstract" not in entry and "data" not in (entry.get("links") or {})
    }
    assert len(additions) >= 3

    after = with_fields_added(before, additions)

    assert yaml.safe_load(after) == expected_data(before, additions)
    assert written_entries(after) == expected_data(before, additions)


def test_written_entries_are_the_fields_as_written_without_the_build_defaults() -> None:
    assert written_entries(codecs.BOM_UTF8 + HEAD + ENTRY_A) == [{"key": "a", "title": "First Widgets", "authors": ["Rowan Fixture"]}]
    assert written_entries(HEAD + b"[]\n") == []


def test_fields_are_written_exactly_as_the_importer_writes_a_new_entry() -> None:
    publication = {
        "key": "muller2026robust",
        "title": "Robust Widgets: A Study",
        "authors": ["Jürgen Müller", "Rowan Fixture"],
        "venue": "OSDI",
        "venue_full": "20th USENIX Symposium, OSDI 2026",
        "type": "conference",
        "year": 2026,
        "pages": "101-115",
        "selected": False,
        "editors": ["Ada Placeholder", "Bo Example"],
        "abstract": "First paragraph: \"quoted\".\n\nSecond paragraph, with 'single' quotes and a # sign.",
        "links": {"doi": "10.5555/3700001.3700042", "arxiv": "2601.01234", "paper": "https://example.org/a?b=1&c=%20#x"},
    }
    head = {name: publication[name] for name in ("key", "title", "authors")}
    rest = {name: value for name, value in publication.items() if name not in head}

    assert with_fields_added(as_yaml([head]).encode(), {0: rest}) == as_yaml([publication]).encode()


def test_nothing_to_add_leaves_the_bytes_as_they_are() -> None:
    before = HEAD + b"- {key: a, title: First, authors: [Rowan Fixture]}\n"

    assert with_fields_added(before, {}) is before
    assert with_fields_added(before, {0: {}, 1: {"links": {}}}) is before


REFUSED = {
    "an entry in flow style": (
        HEAD + b"- {key: a, title: First, authors: [Rowan Fixture]}\n",
        {0: ABSTRACT},
        "2: entry 'a': it is written on one line",
    ),
    "links in flow style": (HEAD + ENTRY_A + b"  links: {doi: 10.5555/1}\n", {0: ARXIV}, "5: entry 'a': its links are not written one per line"),
    "empty links in flow style": (HEAD + ENTRY_A + b"  links: {}\n", {0: ARXIV}, "5: entry 'a': its links are not written one per line"),
    "a field the entry has": (HEAD + ENTRY_A + b"  abstract: Mine.\n", {0: ABSTRACT}, "2: entry 'a': it already has abstract"),
    "a link the entry has": (HEAD + ENTRY_A + b'  links:\n    arxiv: "2601.00009"\n', {0: ARXIV}, "5: entry 'a': it already has links.arxiv"),
    "a file in flow style": (HEAD + b"[{key: a, title: First}]\n", {0: ABSTRACT}, "the file is not a list of entries written one per line"),
}


@pytest.mark.parametrize(("before", "additions", "expected"), list(REFUSED.values()), ids=list(REFUSED))
def test_what_cannot_be_extended_line_by_line_is_refused_in_one_line(before: bytes, additions: dict[int, dict[str, Any]], expected: str) -> None:
    with pytest.raises(UpdateRefused) as refusal:
        with_fields_added(before, additions, shown="data/publications.yml")

    assert isinstance(refusal.value, ImportRefused), "the importer prints it as its one line, as every refusal"
    message = str(refusal.value)
    assert message.startswith("data/publications.yml") and expected in message, message
    assert message.endswith("nothing was written") and "\n" not in message


def test_an_entry_that_ends_in_an_alias_is_refused_rather_than_rewritten() -> None:
    before = HEAD + b"- key: a\n  title: First\n  authors: &people [Rowan Fixture]\n- key: b\n  title: Second\n  authors: *people\n"

    with pytest.raises(UpdateRefused, match="entry 'b': its last field is an alias"):
        with_fields_added(before, {1: ABSTRACT})


def test_an_entry_that_does_not_exist_is_a_mistake_of_the_caller(tmp_path: Path) -> None:
    with pytest.raises(IndexError):
        with_fields_added(HEAD + ENTRY_A, {1: ABSTRACT})
