"""What the fork tests share: a copy of this repository to change, its data files, and a run of its owner-site tests.

A run's outcome is read twice, from pytest's own summary line and from a small
plugin that records every test the run collected and how each one ended, so a
run passes only when every collected test passed or was skipped, and both agree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from site_helpers import ROOT

# What a fresh clone would not have; the render caches of the PDF CV and the social cards are copied
# separately (see copy_repository), since they only save time and never change what a build produces.
LEFT_BEHIND = shutil.ignore_patterns(
    ".git", ".venv", ".cache", "site", "test-artifacts", "__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"
)
RENDER_CACHES = ("social-cards", "cv-pdf")
# The owner-site tests the fork tests run: all but the expensive ones, which read data/ the same way.
OWNER_SITE_TESTS = ("-m", "not expensive", "tests/owner_site")
RUN_TIMEOUT = 600

RECORDER = '''\
"""Records the tests a run collected and how each ended, into the file named by PF_RUN_RECORD."""
import json
import os

collected = []
outcomes = {}


def pytest_collection_finish(session):
    collected.extend(item.nodeid for item in session.items)


def pytest_runtest_logreport(report):
    if report.failed:
        outcomes[report.nodeid] = "failed" if report.when == "call" else "error"
    elif report.skipped:
        outcomes.setdefault(report.nodeid, "skipped")
    elif report.when == "call":
        outcomes.setdefault(report.nodeid, "passed")


def pytest_sessionfinish(session, exitstatus):
    with open(os.environ["PF_RUN_RECORD"], "w", encoding="utf-8") as record:
        json.dump({"collected": collected, "outcomes": outcomes}, record)
'''


def copy_repository(destination: Path, base: Path | None = None) -> Path:
    """A copy of this repository (or of `base`, an earlier such copy) without its git history, environments and outputs."""
    shutil.copytree(base or ROOT, destination, ignore=LEFT_BEHIND if base is None else None, symlinks=True)
    if base is None:
        for cache in RENDER_CACHES:
            if (ROOT / ".cache" / cache).is_dir():
                shutil.copytree(ROOT / ".cache" / cache, destination / ".cache" / cache)
    return destination


def read(root: Path, name: str) -> Any:
    """A data file as YAML reads it; [] for a list kind whose file is missing or empty."""
    path = root / "data" / f"{name}.yml"
    if name != "profile" and not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [] if data is None and name != "profile" else data


def write(root: Path, name: str, data: Any, sort_keys: bool = False) -> None:
    """A data file written by a YAML writer, its schema line first, as the owner's editor expects."""
    header = f"# yaml-language-server: $schema=schemas/{name}.schema.json\n"
    body = "" if data == [] else yaml.safe_dump(data, allow_unicode=True, sort_keys=sort_keys)
    (root / "data" / f"{name}.yml").write_text(header + ("[]\n" if data == [] else body), encoding="utf-8")


def list_files(root: Path) -> list[str]:
    """The names of the data files that hold lists of entries: every one whose schema is a list (not the profile, nor
    the citation counts, which only warn of a paper the data no longer has)."""
    return sorted(
        path.stem
        for path in (root / "data").glob("*.yml")
        if json.loads((root / "data" / "schemas" / f"{path.stem}.schema.json").read_text(encoding="utf-8"))["type"] == "array"
    )


def replace_in_files(paths: list[Path], old: str, new: str) -> None:
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")


def drop_publication_references(root: Path, removed: set[str]) -> None:
    """Every `publication:` and `publications:` reference to a removed paper, in every data file, gone."""
    for name in list_files(root):
        if name == "publications":
            continue
        entries = read(root, name)
        changed = False
        for entry in entries:
            if entry.get("publication") in removed:
                del entry["publication"]
                changed = True
            if isinstance(entry.get("publications"), list) and set(entry["publications"]) & removed:
                entry["publications"] = [key for key in entry["publications"] if key not in removed]
                if not entry["publications"]:
                    del entry["publications"]
                changed = True
        if changed:
            write(root, name, entries)


@dataclass(frozen=True, repr=False)
class OwnerSiteRun:
    """One run of a fork's owner-site tests: its exit status, output, and the recorder's list of what it collected and how each ended."""

    returncode: int
    stdout: str
    stderr: str
    collected: list[str]
    outcomes: dict[str, str]

    def __repr__(self) -> str:
        return f"OwnerSiteRun({self.summary or self.returncode!r})"

    @property
    def summary(self) -> str:
        lines = [line for line in self.stdout.splitlines() if re.search(r"\b(passed|failed|error|errors|no tests ran)\b.* in [\d.]+s", line)]
        return lines[-1].strip("= ") if lines else ""

    def count(self, word: str) -> int:
        found = re.search(rf"(\d+) {word}\b", self.summary)
        return int(found.group(1)) if found else 0

    def problems(self) -> list[str]:
        """Why this run does not count as a full pass; [] when every collected test passed or was skipped."""
        found = []
        if self.returncode != 0:
            found.append(f"pytest exited with {self.returncode}")
        if not self.collected:
            found.append("the run collected no test")
        ended_badly = {node: outcome for node, outcome in self.outcomes.items() if outcome not in ("passed", "skipped")}
        found += [f"{node}: {outcome}" for node, outcome in ended_badly.items()]
        never_ran = [node for node in self.collected if node not in self.outcomes]
        if never_ran:
            found.append(f"{len(never_ran)} collected tests never ran, from {never_ran[0]} on")
        passed = [node for node, outcome in self.outcomes.items() if outcome == "passed"]
        skipped = [node for node, outcome in self.outcomes.items() if outcome == "skipped"]
        if self.count("failed") or self.count("error") or self.count("errors"):
            found.append(f"pytest's summary reports failures: {self.summary}")
        if self.count("passed") != len(passed) or self.count("skipped") != len(skipped):
            found.append(f"pytest's summary ({self.summary}) disagrees with the recorded outcomes ({len(passed)} passed, {len(skipped)} skipped)")
        if self.count("passed") != len(self.collected) - self.count("skipped"):
            found.append(f"{self.count('passed')} passed of {len(self.collected)} collected with {self.count('skipped')} skipped")
        return found

    def report(self) -> str:
        return "\n".join([*self.problems(), "", self.stdout[-8000:], self.stderr[-3000:]])


def run_owner_site_tests(fork: Path, *options: str) -> OwnerSiteRun:
    """The fork's own owner-site tests (all but the expensive ones), run in the fork as its owner would."""
    recorder_dir = fork / ".test-run"
    recorder_dir.mkdir(exist_ok=True)
    (recorder_dir / "pf_run_recorder.py").write_text(RECORDER, encoding="utf-8")
    record = recorder_dir / "record.json"
    env = {**os.environ, "PF_RUN_RECORD": str(record), "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(recorder_dir), *filter(None, [os.environ.get("PYTHONPATH")])])
    # In one process (`-n 0`), where the recorder sees what is collected; the suite around it keeps the cores busy.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", "-p", "pf_run_recorder", *options, *OWNER_SITE_TESTS],
        cwd=fork,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=env,
    )
    recorded = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {"collected": [], "outcomes": {}}
    return OwnerSiteRun(result.returncode, result.stdout, result.stderr, recorded["collected"], recorded["outcomes"])
