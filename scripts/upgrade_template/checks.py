"""After the upgrade: the strict build and the owner-site tests, run as the owner would, with their outcome."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# As tests/fork_helpers.py OWNER_SITE_TESTS: all but the expensive ones (a browser, Java, other environments).
OWNER_SITE_TESTS = ("-m", "not expensive", "tests/owner_site")
_SUMMARY = re.compile(r"\b\d+ (passed|failed|errors?|skipped)\b.* in [\d.]+s")


@dataclass(frozen=True)
class Outcome:
    passed: bool
    summary: str
    details: list[str]


def strict_build(root: Path) -> Outcome:
    """`mkdocs build --strict` into a temporary folder, so site/ stays as it was; its warnings and errors when it fails."""
    with tempfile.TemporaryDirectory(prefix="upgrade-template-site-") as site:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    output = (result.stdout + result.stderr).splitlines()
    problems = [line for line in output if line.startswith(("ERROR", "WARNING"))]
    if result.returncode == 0:
        return Outcome(True, "passed", [])
    return Outcome(False, f"failed (exit status {result.returncode})", problems or output[-20:])


def owner_site_tests(root: Path) -> Outcome:
    """pytest on tests/owner_site, its progress shown as it runs; the summary line and the tests that failed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *OWNER_SITE_TESTS],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert process.stdout is not None
    output = []
    for line in process.stdout:
        print(f"    {line}", end="", flush=True)
        output.append(line.rstrip("\n"))
    returncode = process.wait()
    summaries = [line.strip("= ") for line in output if _SUMMARY.search(line)]
    summary = summaries[-1] if summaries else f"exit status {returncode}"
    failed = [line for line in output if line.startswith(("FAILED ", "ERROR "))]
    return Outcome(returncode == 0, summary, failed)
