"""`make citations` fills data/citations.yml from OpenAlex and never loses a count it had.

The command runs as a real process against a real HTTP server on 127.0.0.1
(pytest-httpserver) that answers like OpenAlex's /works, in the shape its
documentation gives for list answers and work objects, over a small
fictional project. The rules that need no server (matching, totals, the
pacing of requests) are called directly.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from pytest_httpserver import HTTPServer
from referencing import Registry, Resource
from site_helpers import ROOT
from werkzeug import Request, Response

from scripts.citation_counts.identity import Identity
from scripts.citation_counts.lookup import look_up, still_current
from scripts.citation_counts.matching import arxiv_doi, family_name, match_title, normal_doi, normal_title
from scripts.citation_counts.merging import totals
from scripts.citation_counts.openalex import OpenAlex, Work
from scripts.citation_counts.pacing import LONGEST_WAIT, RateLimiter, backoff, wait_before_retry
from scripts.citation_counts.papers import Paper
from scripts.citation_counts.records import Counted, NotCounted, Totals

TODAY = "2026-11-30"
EARLIER = "2026-10-05"
SCHEMAS = ROOT / "data" / "schemas"
HEADER = (
    "# yaml-language-server: $schema=schemas/citations.schema.json\n"
    '# Citation counts from OpenAlex, written by `make citations`; see README, "Citation counts".\n'
)

# The fictional researcher's papers: two with a DOI, one with only an arXiv id, one with neither.
PUBLICATIONS = """\
# yaml-language-server: $schema=schemas/publications.schema.json
- key: widget-doi
  title: "Widgets at Scale: A Fictional Study"
  authors: [Ada Example, Bram Fictive]
  venue: WSYS
  type: conference
  year: 2024
  links:
    doi: 10.5555/widget.2024.1
- key: gadget-doi
  title: Gadgets Considered Harmless
  authors: [Bram Fictive, Cy Sample]
  venue: GJ
  type: journal
  year: 2023
  links:
    doi: 10.5555/GADGET.2023.7
- key: sprocket-arxiv
  title: Sprockets for Everyone
  authors: [Ada Example]
  venue: arXiv
  type: preprint
  year: 2024
  links:
    arxiv: "2401.01234"
- key: cog-title
  title: "Cögs All the Way Down: Ünicode Títles"
  authors: [Dee Placeholder, Ada Example]
  venue: CW
  type: workshop
  year: 2022
"""


def openalex_work(number: int, title: str, year: int, count: int, authors: list[str], doi: str | None = None) -> dict[str, Any]:
    """A work object as OpenAlex documents it (id and doi as URLs, authorships of dehydrated authors), trimmed to a few fields."""
    positions = ["first", *["middle"] * (len(authors) - 2), "last"] if len(authors) > 1 else ["first"]
    return {
        "id": f"https://openalex.org/W{number}",
        "doi": f"https://doi.org/{doi}" if doi else None,
        "title": title,
        "display_name": title,
        "publication_year": year,
        "cited_by_count": count,
        "authorships": [
            {
                "author_position": position,
                "author": {"id": f"https://openalex.org/A{number}{index}", "display_name": name, "orcid": None},
                "institutions": [],
                "raw_author_name": name,
            }
            for index, (position, name) in enumerate(zip(positions, authors, strict=True))
        ],
    }


def catalogue() -> list[dict[str, Any]]:
    """OpenAlex's works for the papers above, as OpenAlex writes them: DOIs in lower case, titles without accents."""
    return [
        openalex_work(1001, "Widgets at Scale: A Fictional Study", 2024, 57, ["Ada Example", "Bram Fictive"], "10.5555/widget.2024.1"),
        openalex_work(2002, "Gadgets considered harmless", 2023, 12, ["B. Fictive", "Cy Sample"], "10.5555/gadget.2023.7"),
        openalex_work(3003, "Sprockets for Everyone", 2024, 3, ["Ada Example"], "10.48550/arxiv.2401.01234"),
        openalex_work(4004, "Cogs all the way down — Unicode titles", 2022, 9, ["Dee Placeholder", "A. Example"]),
        openalex_work(5005, "Something Else Entirely", 2022, 400, ["Someone Unrelated"]),
    ]


@dataclass
class FakeOpenAlex:
    """Answers /works as OpenAlex does: `filter=doi:A|B` and `publication_year:`, `search=` words, `per-page`.

    `faults` are served first, one per request: a status with its headers,
    or a number of seconds to sleep before answering (for timeouts).
    """

    works: list[dict[str, Any]] = field(default_factory=catalogue)
    faults: list[tuple[int, dict[str, str]] | float] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        if self.faults:
            fault = self.faults.pop(0)
            if isinstance(fault, tuple):
                status, headers = fault
                return Response(
                    json.dumps({"error": "fault", "message": "as the test asked"}), status=status, headers=headers, content_type="application/json"
                )
            time.sleep(fault)
        per_page = int(request.args.get("per-page", "25"))
        hits = [work for work in self.works if self._matches(work, request.args.get("filter", ""), request.args.get("search"))]
        meta = {"count": len(hits), "db_response_time_ms": 21, "page": 1, "per_page": per_page, "groups_count": None}
        return Response(json.dumps({"meta": meta, "results": hits[:per_page], "group_by": []}), content_type="application/json")

    @staticmethod
    def _matches(work: dict[str, Any], filters: str, search: str | None) -> bool:
        for attribute, _, value in (part.partition(":") for part in filters.split(",") if part):
            if attribute == "doi" and (work["doi"] or "").removeprefix("https://doi.org/").lower() not in value.lower().split("|"):
                return False
            if attribute == "publication_year" and str(work["publication_year"]) != value:
                return False
        return search is None or bool(set(search.casefold().split()) & set(work["title"].casefold().split()))


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    """One threaded server on 127.0.0.1 for the module: a sleeping answer does not hold up the next request."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def openalex(server: HTTPServer) -> Iterator[FakeOpenAlex]:
    fake = FakeOpenAlex()
    server.clear()
    server.clear_all_handlers()
    server.expect_request("/works").respond_with_handler(fake)
    yield fake
    server.check_assertions()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fictional researcher's project: the profile, the four papers above, and a mkdocs.yml with a tag only MkDocs reads."""
    root = tmp_path / "site"
    (root / "data").mkdir(parents=True)
    (root / "data" / "profile.yml").write_text(
        "name: Ada Example\nrole: Widget Scientist\nlead: Widgets.\nemail: ada@example.org\n", encoding="utf-8"
    )
    (root / "data" / "publications.yml").write_text(PUBLICATIONS, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Ada Example\nsite_url: https://ada.example.org/\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    return root


def citations(project: Path) -> Path:
    return project / "data" / "citations.yml"


def write_previous(project: Path, entries: dict[str, tuple[int, int, str]]) -> bytes:
    """A data/citations.yml as an earlier run wrote it: key -> (count, work number, day)."""
    counts = sorted((count for count, _, _ in entries.values()), reverse=True)
    lines = [
        HEADER,
        "source: OpenAlex\n",
        f'fetched: "{max(day for _, _, day in entries.values())}"\n',
        f"totals:\n  citations: {sum(counts)}\n",
        f"  h_index: {sum(1 for rank, count in enumerate(counts, 1) if count >= rank)}\n",
        f"  i10_index: {sum(1 for count in counts if count >= 10)}\n",
        "papers:\n",
    ]
    for key, (count, work, day) in sorted(entries.items()):
        lines.append(f'  {key}:\n    count: {count}\n    work: https://openalex.org/W{work}\n    fetched: "{day}"\n')
    data = "".join(lines).encode("utf-8")
    citations(project).write_bytes(data)
    return data


def run(project: Path, api_url: str, *options: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command as `make citations` runs it, from the repository's root, at a rate that does not slow the tests."""
    command = [sys.executable, "-m", "scripts.citation_counts", "--project", str(project), "--api-url", api_url]
    command += ["--today", TODAY, "--rate", "100", "--timeout", "2", *options]
    environment = {name: value for name, value in os.environ.items() if name != "OPENALEX_API_KEY"} | (env or {})
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, env=environment)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def written(project: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(citations(project).read_text(encoding="utf-8"))
    return loaded


def counts(project: Path) -> dict[str, int]:
    return {key: entry["count"] for key, entry in written(project)["papers"].items()}


def requests(server: HTTPServer) -> list[dict[str, str]]:
    return [dict(request.args) for request, _ in server.log]


def schema_validator() -> Draft202012Validator:
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))) for path in SCHEMAS.glob("*.schema.json")]
    schema = json.loads((SCHEMAS / "citations.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=Registry().with_resources(resources))


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: bound, then let go."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# --- End to end ------------------------------------------------------------------------------------------


def test_counts_are_written_for_doi_arxiv_and_title_matched_papers_with_totals(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    result = run(project, server.url_for(""))
    assert result.returncode == 0, result.stderr
    assert (
        citations(project).read_text(encoding="utf-8")
        == HEADER
        + f"""\
source: OpenAlex
fetched: "{TODAY}"
totals:
  citations: 81
  h_index: 3
  i10_index: 2
papers:
  cog-title:
    count: 9
    work: https://openalex.org/W4004
    fetched: "{TODAY}"
  gadget-doi:
    count: 12
    work: https://openalex.org/W2002
    fetched: "{TODAY}"
  sprocket-arxiv:
    count: 3
    work: https://openalex.org/W3003
    fetched: "{TODAY}"
  widget-doi:
    count: 57
    work: https://openalex.org/W1001
    fetched: "{TODAY}"
"""
    )
    assert list(schema_validator().iter_errors(written(project))) == []
    assert "widget-doi: added, 57 citations (https://openalex.org/W1001)" in result.stdout
    assert "Totals: 81 citations, h-index 3, i10-index 2." in result.stdout
    assert result.stdout.rstrip().endswith("0 updated, 0 kept, 4 added, 0 removed (0 unchanged, 0 not counted); data/citations.yml written.")


def test_papers_with_a_doi_or_an_arxiv_id_share_one_request_and_the_others_get_one_search_each(
    project: Path, server: HTTPServer, openalex: FakeOpenAlex
) -> None:
    result = run(project, server.url_for(""))
    assert result.returncode == 0, result.stderr
    doi_requests = [args for args in requests(server) if args.get("filter", "").startswith("doi:")]
    assert len(doi_requests) == 1
    assert sorted(doi_requests[0]["filter"].removeprefix("doi:").split("|")) == [
        "10.48550/arxiv.2401.01234",
        "10.5555/gadget.2023.7",
        "10.5555/widget.2024.1",
    ]
    searches = [args for args in requests(server) if "search" in args]
    assert [(args["search"], args["filter"]) for args in searches] == [("Cögs All the Way Down: Ünicode Títles", "publication_year:2022")]
    assert "Looked up 4 papers in 2 requests to OpenAlex" in result.stdout


def test_dois_are_asked_for_fifty_to_a_request(server: HTTPServer, openalex: FakeOpenAlex) -> None:
    papers = [Paper(f"paper-{n}", f"Widget Number {n}", 2024, ("Ada Example",), f"10.5555/w.{n}", None) for n in range(120)]
    openalex.works = [openalex_work(9000 + n, f"Widget Number {n}", 2024, n, ["Ada Example"], f"10.5555/w.{n}") for n in range(120)]
    identity = Identity(None, None, "researcher-portfolio (tests)")
    with OpenAlex(server.url_for(""), identity, timeout=2, limiter=RateLimiter(1000)) as client:
        outcomes = look_up(papers, client)
    assert client.requests == 3
    assert [len(args["filter"].split("|")) for args in requests(server)] == [50, 50, 20]
    assert outcomes["paper-7"] == Counted("https://openalex.org/W9007", 7)


def test_after_three_failed_requests_in_a_row_the_rest_are_not_asked(server: HTTPServer, openalex: FakeOpenAlex) -> None:
    papers = [Paper(f"paper-{n}", f"Widget Number {n}", 2024, ("Ada Example",), None, None) for n in range(5)]
    openalex.faults = [(400, {})] * 3
    identity = Identity(None, None, "researcher-portfolio (tests)")
    with OpenAlex(server.url_for(""), identity, timeout=2, limiter=RateLimiter(1000)) as client:
        outcomes = look_up(papers, client)
    assert client.requests == 3  # a refusal such as 400 is not tried again either
    assert outcomes["paper-0"] == NotCounted("HTTP 400 BAD REQUEST")
    assert outcomes["paper-4"] == NotCounted("not asked, since 3 requests in a row failed (the last: HTTP 400 BAD REQUEST)")


def test_a_429_that_says_retry_after_0_is_tried_again_and_the_counts_written(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    openalex.faults = [(429, {"Retry-After": "0"})]
    result = run(project, server.url_for(""))
    assert result.returncode == 0, result.stderr
    assert counts(project)["widget-doi"] == 57
    assert len(requests(server)) == 3  # the DOI batch twice, the title search once


def test_a_server_error_twice_is_tried_again_with_back_off_and_the_counts_written(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    openalex.faults = [(503, {}), (500, {})]
    started = time.monotonic()
    result = run(project, server.url_for(""))
    assert result.returncode == 0, result.stderr
    assert counts(project) == {"cog-title": 9, "gadget-doi": 12, "sprocket-arxiv": 3, "widget-doi": 57}
    assert len(requests(server)) == 4
    assert time.monotonic() - started >= backoff(1) + backoff(2)


def test_a_timeout_keeps_the_old_count_and_says_from_when(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    write_previous(project, {"widget-doi": (50, 1001, EARLIER)})
    openalex.faults = [0.8]  # the DOI batch answers after the client stopped waiting
    result = run(project, server.url_for(""), "--timeout", "0.3")
    assert result.returncode == 0, result.stderr
    assert f"widget-doi: kept 50 from {EARLIER}: timeout" in result.stdout
    assert "gadget-doi: no count: timeout" in result.stdout
    assert written(project)["papers"]["widget-doi"] == {"count": 50, "work": "https://openalex.org/W1001", "fetched": EARLIER}
    assert counts(project) == {"cog-title": 9, "widget-doi": 50}  # the title search still ran


def test_a_count_that_falls_below_half_is_kept_and_reported(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    write_previous(project, {"widget-doi": (120, 1001, EARLIER), "gadget-doi": (20, 2002, EARLIER)})
    result = run(project, server.url_for(""))
    assert result.returncode == 0, result.stderr
    assert (
        f"widget-doi: OpenAlex now says 57, less than half of 120 from {EARLIER}; kept 120; "
        "edit data/citations.yml to accept it (set its count to 57, or delete its entry)"
    ) in result.stdout
    assert "gadget-doi: updated, 20 -> 12 citations" in result.stdout  # fewer, but not below half
    assert written(project)["papers"]["widget-doi"] == {"count": 120, "work": "https://openalex.org/W1001", "fetched": EARLIER}
    assert written(project)["papers"]["gadget-doi"]["fetched"] == TODAY
    assert written(project)["totals"]["citations"] == 120 + 12 + 3 + 9


def test_a_title_in_another_year_is_not_taken_for_the_paper(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    openalex.works = [work for work in catalogue() if work["id"] != "https://openalex.org/W4004"]
    openalex.works.append(openalex_work(4004, "Cogs all the way down: Unicode titles", 2021, 9, ["Dee Placeholder"]))
    result = run(project, server.url_for(""))
    assert result.returncode == 0, result.stderr
    assert "cog-title: no count: not found in OpenAlex: no work titled exactly so in 2022" in result.stdout
    assert "cog-title" not in counts(project)


def test_a_title_without_a_shared_author_is_not_taken_for_the_paper(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    write_previous(project, {"cog-title": (8, 4004, EARLIER)})
    openalex.works = [work for work in catalogue() if work["id"] != "https://openalex.org/W4004"]
    openalex.works.append(openalex_work(4444, "Cogs All the Way Down: Unicode Titles", 2022, 300, ["Quinn Other", "Rae Stranger"]))
    result = run(project, server.url_for(""))
    assert result.returncode == 0, result.stderr
    assert f"cog-title: kept 8 from {EARLIER}: not found in OpenAlex: title matches https://openalex.org/W4444 but no shared author" in result.stdout
    assert counts(project)["cog-title"] == 8


def test_a_doi_unknown_to_openalex_falls_back_to_the_title(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    openalex.works = [dict(work, doi=None) if work["id"] == "https://openalex.org/W1001" else work for work in catalogue()]
    result = run(project, server.url_for(""))
    assert result.returncode == 0, result.stderr
    assert counts(project)["widget-doi"] == 57
    assert [args["search"] for args in requests(server) if "search" in args] == [
        "Widgets at Scale: A Fictional Study",
        "Cögs All the Way Down: Ünicode Títles",
    ]


def test_no_network_at_all_is_one_line_exit_3_and_the_file_untouched(project: Path) -> None:
    before = write_previous(project, {"widget-doi": (50, 1001, EARLIER)})
    for api_url in (f"http://127.0.0.1:{closed_port()}", "http://openalex.invalid"):
        result = run(project, api_url)
        assert result.returncode == 3, result.stderr
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"cannot reach {api_url} (")
        assert line.endswith("); data/citations.yml is unchanged")
        assert result.stdout == ""
        assert citations(project).read_bytes() == before


def test_a_run_that_changes_nothing_leaves_the_file_as_it_was(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    assert run(project, server.url_for("")).returncode == 0
    before, status = citations(project).read_bytes(), citations(project).stat()
    result = run(project, server.url_for(""), "--today", "2026-12-07")  # a week later; the last --today is the one taken
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("(4 unchanged, 0 not counted); data/citations.yml is unchanged.")
    after = citations(project).stat()
    assert citations(project).read_bytes() == before
    assert (after.st_ino, after.st_mtime_ns) == (status.st_ino, status.st_mtime_ns)
    assert written(project)["fetched"] == TODAY  # a week later, no count changed: still the day of the newest count


def test_a_dry_run_prints_the_changes_and_writes_nothing(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    before = write_previous(project, {"widget-doi": (40, 1001, EARLIER), "gone-paper": (5, 7007, EARLIER)})
    result = run(project, server.url_for(""), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "cog-title: added, 9 citations (https://openalex.org/W4004)",
        "gadget-doi: added, 12 citations (https://openalex.org/W2002)",
        "gone-paper: removed, no longer in data/publications.yml (it had 5 citations)",
        "sprocket-arxiv: added, 3 citations (https://openalex.org/W3003)",
        "widget-doi: updated, 40 -> 57 citations",
        "Totals: 81 citations, h-index 3, i10-index 2.",
        "Looked up 4 papers in 2 requests to OpenAlex: 1 updated, 0 kept, 3 added, 1 removed (0 unchanged, 0 not counted); "
        "dry run, data/citations.yml not written.",
    ]
    assert citations(project).read_bytes() == before


def test_a_dry_run_creates_no_file(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    assert run(project, server.url_for(""), "--dry-run").returncode == 0
    assert not citations(project).exists()


def test_a_paper_no_longer_in_the_publications_loses_its_entry_and_the_file_keeps_its_permissions(
    project: Path, server: HTTPServer, openalex: FakeOpenAlex
) -> None:
    write_previous(project, {"widget-doi": (57, 1001, EARLIER), "retired-paper": (30, 8008, EARLIER)})
    citations(project).chmod(0o640)
    result = run(project, server.url_for(""))
    assert result.returncode == 0, result.stderr
    assert "retired-paper: removed, no longer in data/publications.yml (it had 30 citations)" in result.stdout
    assert "retired-paper" not in written(project)["papers"]
    assert written(project)["papers"]["widget-doi"]["fetched"] == EARLIER  # unchanged counts keep their day
    assert citations(project).stat().st_mode & 0o777 == 0o640
    assert [path.name for path in (project / "data").iterdir() if path.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            '  widget-doi:\n    count: many\n    work: https://openalex.org/W1001\n    fetched: "2026-10-05"\n',
            r"data/citations.yml:11: papers → widget-doi → count: 'many' is not of type 'integer'; fix data/citations.yml",
        ),
        ("  widget-doi: [count: 3\n", r"data/citations.yml:11: is not valid YAML"),
    ],
    ids=["a count that is no number", "not YAML"],
)
def test_a_broken_citations_file_stops_the_run_in_one_line_before_openalex_is_asked(
    project: Path, server: HTTPServer, openalex: FakeOpenAlex, broken: str, expected: str
) -> None:
    text = HEADER + f'source: OpenAlex\nfetched: "{EARLIER}"\ntotals:\n  citations: 0\n  h_index: 0\n  i10_index: 0\npapers:\n{broken}'
    citations(project).write_text(text, encoding="utf-8")
    result = run(project, server.url_for(""))
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert re.match(expected, line), line
    assert citations(project).read_text(encoding="utf-8") == text
    assert requests(server) == []


def test_a_broken_publications_file_names_the_line_and_writes_nothing(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    path = project / "data" / "publications.yml"
    path.write_text(PUBLICATIONS.replace('arxiv: "2401.01234"', "arxiv: 2401.01234"), encoding="utf-8")
    result = run(project, server.url_for(""))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        (
            "data/publications.yml:25: entry 3 (sprocket-arxiv): links.arxiv should be in quotes, "
            'e.g. arxiv: "2307.07507" (unquoted, it is read as a number)'
        ),
        "Nothing was looked up; data/citations.yml is unchanged.",
    ]
    assert not citations(project).exists()
    assert requests(server) == []


def test_every_request_carries_the_polite_address_the_key_and_names_the_project(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  openalex_mailto: citations@example.org\n", encoding="utf-8")
    assert run(project, server.url_for(""), env={"OPENALEX_API_KEY": "fictional-key"}).returncode == 0
    assert {(args.get("mailto"), args.get("api_key")) for args in requests(server)} == {("citations@example.org", "fictional-key")}
    agents = {request.headers["User-Agent"] for request, _ in server.log}
    assert agents == {"researcher-portfolio (make citations; https://ada.example.org/; mailto:citations@example.org)"}


def test_without_openalex_mailto_the_profile_email_is_the_polite_address(project: Path, server: HTTPServer, openalex: FakeOpenAlex) -> None:
    assert run(project, server.url_for("")).returncode == 0
    assert {(args.get("mailto"), args.get("api_key")) for args in requests(server)} == {("ada@example.org", None)}


def test_a_wrong_command_line_exits_2(project: Path) -> None:
    result = run(project, "ftp://example.org")
    assert result.returncode == 2
    assert "is not an http(s):// address" in result.stderr


# --- The rules alone ----------------------------------------------------------------------------------------


def paper(title: str = "Widgets at Scale", year: int = 2024, authors: tuple[str, ...] = ("Ada Example", "Bram Fictive")) -> Paper:
    return Paper("widgets", title, year, authors, None, None)


def work(
    title: str = "Widgets at Scale", year: int | None = 2024, authors: tuple[str, ...] = ("A. Example",), number: int = 1, count: int = 7
) -> Work:
    return Work(f"https://openalex.org/W{number}", None, title, year, count, authors)


def test_a_title_match_needs_the_exact_title_the_same_year_and_a_shared_family_name() -> None:
    assert match_title(paper(), [work()]) == Counted("https://openalex.org/W1", 7)
    assert match_title(paper(), [work(year=2023)]) == NotCounted("no work titled exactly so in 2024")
    assert match_title(paper(), [work(year=None)]) == NotCounted("no work titled exactly so in 2024")
    assert match_title(paper(), [work(title="Widgets at Scale, Revisited")]) == NotCounted("no work titled exactly so in 2024")
    assert match_title(paper(), [work(authors=("Ada Examples",))]) == NotCounted("title matches https://openalex.org/W1 but no shared author")
    assert match_title(paper(), []) == NotCounted("no work titled exactly so in 2024")


def test_of_several_matching_works_the_most_cited_is_taken() -> None:
    assert match_title(paper(), [work(number=1, count=3), work(number=2, count=30)]) == Counted("https://openalex.org/W2", 30)


def test_titles_and_names_are_compared_without_case_accents_markup_or_punctuation() -> None:
    assert normal_title("Über-Fast  <i>Widgets</i>!") == normal_title("uber fast widgets") == "uber fast widgets"
    assert normal_title("Cögs — all the way") == "cogs all the way"
    assert family_name("M. H. Afifi") == family_name("Mohammed Afifi") == "afifi"
    assert family_name("Zoë Ñandú") == "nandu"


def test_dois_are_compared_in_lower_case_without_their_address_and_arxiv_ids_by_their_datacite_doi() -> None:
    assert normal_doi("https://doi.org/10.5555/ABC.1") == normal_doi("doi:10.5555/abc.1") == "10.5555/abc.1"
    assert arxiv_doi("2401.01234v3") == arxiv_doi("2401.01234") == "10.48550/arxiv.2401.01234"


def test_a_paper_edited_while_openalex_was_asked_is_not_counted_this_time() -> None:
    asked = [paper(), Paper("gadgets", "Gadgets", 2023, ("Bram Fictive",), None, None)]
    now = [paper(title="Widgets at Scale, Revised"), asked[1], Paper("new-one", "New", 2026, ("Ada Example",), None, None)]
    outcomes = {"widgets": Counted("https://openalex.org/W1", 7), "gadgets": Counted("https://openalex.org/W2", 3)}
    assert still_current(outcomes, asked, now) == {
        "widgets": NotCounted("its entry in data/publications.yml changed while make citations ran; run it again"),
        "gadgets": Counted("https://openalex.org/W2", 3),
        "new-one": NotCounted("added to data/publications.yml while make citations ran; run it again"),
    }


def test_totals_are_the_sum_the_h_index_and_the_i10_index() -> None:
    assert totals([]) == Totals(0, 0, 0)
    assert totals([0, 0]) == Totals(0, 0, 0)
    assert totals([57, 12, 9, 3]) == Totals(81, 3, 2)
    assert totals([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]) == Totals(110, 10, 11)
    assert totals([100]) == Totals(100, 1, 1)


class FakeClock:
    """Time that passes only when the limiter sleeps or the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_rate_limiter_spaces_the_starts_of_requests() -> None:
    clock = FakeClock()
    limiter = RateLimiter(5, clock=clock, sleep=clock.sleep)
    starts = []
    for work_time in (0.0, 0.05, 0.5, 0.0):
        limiter.wait()
        starts.append(clock.now)
        clock.now += work_time  # the request itself
    assert clock.slept == pytest.approx([0.2, 0.15])  # the third request took 0.5 s: the fourth need not wait
    assert [later - earlier for earlier, later in itertools.pairwise(starts)] == pytest.approx([0.2, 0.2, 0.5])


def test_retries_wait_as_retry_after_says_else_twice_as_long_each_time_and_never_too_long() -> None:
    assert [backoff(tries) for tries in (1, 2, 3)] == [0.5, 1.0, 2.0]
    assert backoff(20) == LONGEST_WAIT
    assert wait_before_retry(1, "0") == 0
    assert wait_before_retry(1, "3") == 3
    assert wait_before_retry(2, None) == 1.0
    assert wait_before_retry(2, "Wed, 21 Oct 2026 07:28:00 GMT") == 1.0  # a date: left to the back-off
    assert wait_before_retry(1, "3600") is None  # OpenAlex's day is spent: do not hold the run for an hour
