"""The server `make bench` and `make lighthouse` measure the site through answers as GitHub Pages does, quietly."""

from __future__ import annotations

import gzip
import socket
import struct
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.site_server import serve


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "papers").mkdir()
    (tmp_path / "index.html").write_text("<p>Home of Ada Fictional</p>", encoding="utf-8")
    (tmp_path / "papers" / "index.html").write_text("<p>Papers</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>Not here</p>", encoding="utf-8")
    return tmp_path


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_pages_are_sent_gzipped_and_an_unknown_address_gets_the_sites_404_page(site: Path) -> None:
    with serve(site) as (url, sent):
        status, headers, body = get(url)
        assert (status, headers["Content-Encoding"], gzip.decompress(body)) == (200, "gzip", b"<p>Home of Ada Fictional</p>")
        assert gzip.decompress(get(url + "papers")[2]) == b"<p>Papers</p>", "a folder without its slash is redirected"
        status, _, body = get(url + "nowhere/")
        assert (status, gzip.decompress(body)) == (404, b"<p>Not here</p>")
    assert [path for path, _ in sent] == ["/", "/papers/", "/nowhere/"]


def test_a_browser_that_drops_its_connection_leaves_no_traceback(site: Path, capfd: pytest.CaptureFixture[str]) -> None:
    with serve(site) as (url, _sent):
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        connection = socket.create_connection((host, int(port)))
        connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)  # the page is sent; the server now waits for the next request on the kept-alive connection
        # Closing with unread data and a zero linger sends a reset, as Chromium does when a page is closed.
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
        time.sleep(0.2)
        assert get(url)[0] == 200, "the server goes on answering"
    assert "Traceback" not in capfd.readouterr().err
