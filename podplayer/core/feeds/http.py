"""The one HTTP client for feeds, directory searches, transcripts, chapters and downloads.

httpx does the protocol (connection pooling, gzip/deflate decoding, TLS). On top of it, because a feed
URL is untrusted input, this module adds what httpx leaves to the caller:

- explicit timeouts, and the system's certificate store where it has one (else httpx's certifi);
- redirects followed here, one hop at a time, so that a redirect to ``file://`` or another scheme is
  refused, a loop is named as a loop, and a chain made only of permanent redirects (301/308) is
  reported so the caller can update the stored URL;
- a size limit counted on the decoded body (a gzip bomb stops at the limit too);
- conditional requests (ETag / Last-Modified) with 304 reported as "not modified";
- a cancel token checked between chunks.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import httpx

from podplayer.core.feeds.errors import HttpError
from podplayer.core.feeds.urls import check_http_url, resolve
from podplayer.core.jobs import CancelToken

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_STATUSES = frozenset({301, 308})
CHUNK_BYTES = 256 * 1024
STATUS_WORDS = {
    400: "bad request",
    401: "needs a login",
    403: "access refused",
    404: "not found",
    410: "gone (removed for good)",
    429: "too many requests; try again later",
}


def _user_agent() -> str:
    from podplayer import __version__

    return f"podplayer/{__version__} (podcast transcript player)"


@dataclass(frozen=True, slots=True)
class HttpSettings:
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    max_redirects: int = 10
    max_feed_bytes: int = 50 * 1024 * 1024  # feeds, OPML, transcripts, chapters, directory answers
    max_connections: int = 16


@dataclass(slots=True)
class FetchResult:
    url: str  # where the body finally came from
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    # Set when every redirect on the way was permanent: the URL to store from now on.
    moved_to: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@lru_cache(maxsize=1)
def _verify() -> ssl.SSLContext | bool:
    """The system's CA store when it has one (Debian's /etc/ssl/certs), else httpx's default."""
    paths = ssl.get_default_verify_paths()
    has_file = bool(paths.cafile) and os.path.isfile(paths.cafile or "")
    has_dir = bool(paths.capath) and os.path.isdir(paths.capath or "") and any(os.scandir(paths.capath or "."))
    if has_file or has_dir:
        return ssl.create_default_context()
    return True


def status_message(url: str, status: int) -> str:
    words = STATUS_WORDS.get(status) or ("server error" if status >= 500 else "refused")
    return f"{url}: {words} (HTTP {status})"


class HttpClient:
    """A shared, thread-safe client (httpx.Client pools connections across threads)."""

    def __init__(self, settings: HttpSettings | None = None) -> None:
        self.settings = settings or HttpSettings()
        s = self.settings
        self._client = httpx.Client(
            timeout=httpx.Timeout(s.read_timeout_s, connect=s.connect_timeout_s),
            follow_redirects=False,
            verify=_verify(),
            headers={"User-Agent": _user_agent(), "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=s.max_connections, max_keepalive_connections=s.max_connections),
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def stream(
        self, url: str, headers: dict[str, str] | None = None, *, what: str = "URL"
    ) -> Iterator[tuple[httpx.Response, str | None]]:
        """An open streamed response after following redirects, and the permanent new URL if any.

        Error statuses are returned as they are (the caller decides what 404 or 416 means).
        """
        current = check_http_url(url, what)
        seen = {current}
        all_permanent = True
        hops = 0
        while True:
            try:
                request = self._client.build_request("GET", current, headers=headers)
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise HttpError(f"{current}: timed out ({type(exc).__name__.replace('Timeout', ' timeout')})") from exc
            except httpx.HTTPError as exc:
                raise HttpError(f"{current}: cannot connect ({_reason(exc)})") from exc
            if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                response.close()
                target = resolve(current, response.headers["location"])
                check_http_url(target, f"redirect target of {current}")
                all_permanent = all_permanent and response.status_code in PERMANENT_STATUSES
                if target in seen:
                    raise HttpError(f"{url}: redirect loop (back to {target})")
                hops += 1
                if hops > self.settings.max_redirects:
                    raise HttpError(f"{url}: more than {self.settings.max_redirects} redirects")
                seen.add(target)
                current = target
                continue
            try:
                yield response, (current if hops and all_permanent else None)
            except httpx.TimeoutException as exc:
                raise HttpError(f"{current}: timed out while reading") from exc
            except httpx.HTTPError as exc:
                raise HttpError(f"{current}: the connection broke ({_reason(exc)})") from exc
            finally:
                response.close()
            return

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        cancel: CancelToken | None = None,
        what: str = "URL",
        accept: str | None = None,
    ) -> FetchResult:
        """The whole body of ``url`` (at most ``max_bytes`` decoded), or 304 for a conditional GET.

        Raises HttpError for any status other than 2xx and 304, and when the body is too large.
        """
        limit = self.settings.max_feed_bytes if max_bytes is None else max_bytes
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        with self.stream(url, headers, what=what) as (response, moved_to):
            final = str(response.url)
            result = FetchResult(
                url=final,
                status=response.status_code,
                content_type=response.headers.get("content-type", ""),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                moved_to=moved_to,
                headers=dict(response.headers),
            )
            if response.status_code == 304:
                return result
            if response.status_code >= 400 or response.status_code < 200:
                raise HttpError(status_message(final, response.status_code), status=response.status_code)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and response.headers.get("content-encoding") in (None, "identity") and int(
                declared
            ) > limit:
                raise HttpError(f"{final}: too large ({int(declared):,} bytes; the limit is {limit:,})")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes(CHUNK_BYTES):
                if cancel is not None:
                    cancel.check()
                size += len(chunk)
                if size > limit:
                    raise HttpError(f"{final}: too large (over the limit of {limit:,} bytes)")
                chunks.append(chunk)
            result.body = b"".join(chunks)
            return result


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
