"""What the live-preview tests share with the others that serve a site: a `mkdocs serve` to poll, and saving a file as editors do."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_helpers import mkdocs_serve

STARTUP_DEADLINE = 90.0  # seconds for the first build on a busy 2-core machine
RELOAD_DEADLINE = 15.0  # seconds from saving a file to seeing the change
REQUEST_TIMEOUT = 10.0  # a request that takes longer counts as the preview hanging
POLL_INTERVAL = 0.25
DATA_ERROR_HEADING = "The site's data has an error"


@dataclass
class Preview:
    project: Path
    process: subprocess.Popen[bytes]
    base_url: str
    log: Path

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base_url + path, timeout=REQUEST_TIMEOUT) as response:
            return response.read().decode("utf-8")

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]

    def wait_for(self, path: str, condition: Callable[[str], bool], deadline: float, what: str) -> str:
        """Poll `path` until its HTML satisfies `condition`; fail after `deadline` seconds."""
        end = time.monotonic() + deadline
        html = ""
        while time.monotonic() < end:
            assert self.process.poll() is None, f"the preview server exited:\n{self.log_tail()}"
            try:
                html = self.get(path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                html = ""  # still starting, or mid-rebuild; the deadline bounds the wait
            if condition(html):
                return html
            time.sleep(POLL_INTERVAL)
        pytest.fail(f"{path} did not show {what} within {deadline:.0f} s\nserver log:\n{self.log_tail()}")


def save(path: Path, text: str) -> None:
    """Replace a file in one step, as editors do, so the server never reads half a file."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@contextmanager
def running_preview(project: Path, log: Path) -> Iterator[Preview]:
    """`mkdocs serve` on `project`, on a free port, stopped (with its children) on exit."""
    with mkdocs_serve(project, log) as (process, base_url):
        yield Preview(project, process, base_url, log)
