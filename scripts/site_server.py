"""A built site served from 127.0.0.1 the way GitHub Pages serves it, for `make bench` and `make lighthouse`."""

from __future__ import annotations

import gzip
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# GitHub Pages compresses these; images and fonts go as they are.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves a built site like GitHub Pages: directory URLs, gzip for text, no caching between runs."""

    sent: list[tuple[str, int]]  # (path, bytes on the wire), set per server
    # Pages keeps connections open (HTTP/2 there; 1.1 here, with keep-alive): under HTTP/1.0 every request
    # would open a connection of its own, which Lighthouse's throttled model charges a round trip each.
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            # Pages answers an unknown address with the site's own 404.html.
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        self._send(status, path, url_path)

    def _send(self, status: int, path: Path, url_path: str) -> None:
        body = path.read_bytes()
        content_type = self.guess_type(str(path))
        compress = content_type.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)
        self.sent.append((url_path, len(body)))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's signature)
        pass


class QuietServer(ThreadingHTTPServer):
    """Says nothing when a browser drops a kept-alive connection, as Chromium does when Lighthouse closes a page."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """The site at http://127.0.0.1:<free port>/, and the list of what the server sent."""
    sent: list[tuple[str, int]] = []
    handler = type("SiteHandler", (GzipHandler,), {"sent": sent})

    def make_handler(*args: Any, **kwargs: Any) -> GzipHandler:
        return handler(*args, directory=str(site), **kwargs)

    server = QuietServer(("127.0.0.1", 0), make_handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()
