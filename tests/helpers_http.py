"""A real HTTP server on 127.0.0.1 for feed tests and benchmarks (http.server in a thread).

Routes are set per test: a body with optional ETag/Last-Modified (answered with 304 when the client
sends them back), gzip, byte ranges, redirects, a status, a response that stalls until the test
ends (timeouts) or one cut off after some bytes (broken downloads). Every request is logged.

    with LocalServer() as server:
        server.add("/feed.xml", body, etag='"v1"')
        url = server.url("/feed.xml")
"""

from __future__ import annotations

import gzip
import socket
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TypedDict, Unpack

EXAMPLE_BASE = "https://example.com/"


def spec_examples() -> Path:
    """The Podcasting 2.0 specification's examples (shared fixtures, podcast-namespace); skips where absent."""
    from tests.conftest import shared  # conftest imports this module

    return shared("podcast-namespace")


FEED_CONTENT_TYPE = "application/rss+xml; charset=utf-8"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = FEED_CONTENT_TYPE
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    ranges: bool = True
    location: str | None = None  # a redirect
    stall: bool = False  # send nothing until the server stops (the client times out)
    cut_after: int | None = None  # send this many body bytes, then drop the connection
    send_length: bool = True
    trickle_s: float = 0.0  # pause between 64 KiB pieces of the body (a slow server; ends at stop())
    headers: dict[str, str] = field(default_factory=dict)


class RouteOptions(TypedDict, total=False):
    """What a test may set on a route besides its body and content type (see Route)."""

    status: int
    etag: str | None
    last_modified: str | None
    gzip: bool
    ranges: bool
    location: str | None
    stall: bool
    cut_after: int | None
    send_length: bool
    trickle_s: float
    headers: dict[str, str]


@dataclass
class Logged:
    path: str
    headers: dict[str, str]
    status: int


class _Server(ThreadingHTTPServer):
    """A client that hangs up early (as the app does on an error status) is normal here, not a failure
    worth printing: http.server would write a traceback to stderr, where CLI tests read their one line."""

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: tuple[str, int]) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Logged] = []
        self._release = threading.Event()
        handler = self._handler_class()
        self._server = _Server(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="test-http", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def add(
        self, path: str, body: bytes | str = b"", content_type: str = FEED_CONTENT_TYPE, **options: Unpack[RouteOptions]
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, content_type=content_type, **options)
        return self.url(path)

    def add_file(self, path: str, file: Path, content_type: str, **options: Unpack[RouteOptions]) -> str:
        return self.add(path, file.read_bytes(), content_type=content_type, **options)

    def requests_for(self, path: str) -> list[Logged]:
        return [r for r in self.log if r.path.split("?")[0] == path]

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                server.log.append(Logged(self.path, dict(self.headers), status))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    self._send(404, b"not found", {"Content-Type": "text/plain", "Content-Length": "9"})
                    return
                if route.stall:
                    server.log.append(Logged(self.path, dict(self.headers), 0))
                    server._release.wait()
                    return
                headers = {"Content-Type": route.content_type, **route.headers}
                if route.location is not None:
                    headers["Location"] = route.location
                    self._send(route.status, b"", {**headers, "Content-Length": "0"})
                    return
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
                ):
                    self._send(304, b"", {k: v for k, v in headers.items() if k != "Content-Type"} | {"Content-Length": "0"})
                    return
                body, status = route.body, route.status
                wanted = self.headers.get("Range", "")
                if route.ranges and wanted.startswith("bytes=") and status == 200:
                    start = int(wanted[6:].split("-")[0] or 0)
                    if start >= len(body):
                        self._send(416, b"", {"Content-Range": f"bytes */{len(body)}", "Content-Length": "0"})
                        return
                    headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
                    body, status = body[start:], 206
                if route.ranges:
                    headers["Accept-Ranges"] = "bytes"
                if route.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                if route.send_length:
                    headers["Content-Length"] = str(len(body))
                else:
                    self.close_connection = True
                if route.cut_after is not None:
                    server.log.append(Logged(self.path, dict(self.headers), status))
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(body[: route.cut_after])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if route.trickle_s:
                    server.log.append(Logged(self.path, dict(self.headers), status))
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    for start in range(0, len(body), 65536):
                        if server._release.wait(route.trickle_s):
                            return
                        try:
                            self.wfile.write(body[start : start + 65536])
                            self.wfile.flush()
                        except OSError:  # the client went away (a cancelled download)
                            return
                    return
                self._send(status, body, headers)

        return Handler


def example_feed(server: LocalServer) -> bytes:
    """The spec's example feed with every https://example.com/ URL pointing at ``server``."""
    text = (spec_examples() / "example-feed.xml").read_text("utf-8")
    return text.replace(EXAMPLE_BASE, server.base).encode("utf-8")


def serve_example_podcast(server: LocalServer, audio: Path, *, plain_text: str | None = None) -> str:
    """Serve the example feed, audio for its three episodes, their transcripts and chapters.

    Episode 3 offers a plain-text transcript (no language: the feed's en-US) and a Spanish WebVTT
    caption file; episodes 1 and 2 a plain-text one. Returns the feed URL.
    """
    data = audio.read_bytes()
    for n in (1, 2, 3):
        server.add(f"/file-0{n}.mp3", data, content_type="audio/mpeg")
        server.add_file(f"/ep{n}_chapters.json", spec_examples() / "chapters-example.json", "application/json")
        server.add(
            f"/ep{n}/transcript.txt",
            plain_text or f"Host: Welcome to episode {n} of the show.\nGuest: Thank you for having me here today.\n",
            content_type="text/plain; charset=utf-8",
        )
    server.add_file("/episode1/transcript.vtt", spec_examples() / "transcript-example.vtt", "text/vtt")
    return server.add("/feed.xml", example_feed(server), etag='"example-1"', last_modified="Wed, 21 Jan 2026 13:38:48 GMT")
