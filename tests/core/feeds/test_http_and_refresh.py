"""The HTTP client and refreshing feeds, against a real server on 127.0.0.1."""

from __future__ import annotations

import gzip

import pytest

from podplayer.core.feeds.errors import FeedError, HttpError
from podplayer.core.feeds.http import HttpClient, HttpSettings
from podplayer.core.feeds.refresh import FeedRequest, fetch_feed, refresh_feeds
from podplayer.core.jobs import CancelToken
from tests.helpers_http import LocalServer, example_feed

SMALL_FEED = (
    "<rss version='2.0'><channel><title>Small {n}</title>"
    "<item><title>Only</title><guid>only-{n}</guid><enclosure url='https://h/{n}.mp3' type='audio/mpeg'/></item>"
    "</channel></rss>"
)


def test_conditional_request_answers_not_modified(server: LocalServer, client: HttpClient) -> None:
    url = server.add("/feed.xml", example_feed(server), etag='"v1"', last_modified="Wed, 21 Jan 2026 13:38:48 GMT")
    first = fetch_feed(client, FeedRequest(1, url))
    assert first.ok and first.feed is not None and len(first.feed.items) == 3
    assert (first.etag, first.last_modified) == ('"v1"', "Wed, 21 Jan 2026 13:38:48 GMT")
    second = fetch_feed(client, FeedRequest(1, url, first.etag, first.last_modified))
    assert second.not_modified and second.feed is None and second.ok
    sent = server.requests_for("/feed.xml")[-1]
    assert sent.headers.get("If-None-Match") == '"v1"' and sent.status == 304


def test_gzip_body_is_decoded(server: LocalServer, client: HttpClient) -> None:
    url = server.add("/feed.xml", example_feed(server), gzip=True)
    result = client.get(url)
    assert result.headers.get("content-encoding") == "gzip"
    assert b"Podcasting 2.0 Namespace Example" in result.body


def test_permanent_redirect_reports_the_new_url_temporary_does_not(server: LocalServer, client: HttpClient) -> None:
    new = server.add("/new.xml", example_feed(server))
    server.add("/moved.xml", status=301, location=new)
    server.add("/temp.xml", status=302, location=new)
    server.add("/chain.xml", status=308, location=server.url("/temp.xml"))
    assert fetch_feed(client, FeedRequest(1, server.url("/moved.xml"))).moved_to == new
    assert fetch_feed(client, FeedRequest(1, server.url("/temp.xml"))).moved_to is None
    assert fetch_feed(client, FeedRequest(1, server.url("/chain.xml"))).moved_to is None  # not all permanent


def test_redirect_loop_is_named(server: LocalServer, client: HttpClient) -> None:
    server.add("/a.xml", status=301, location=server.url("/b.xml"))
    server.add("/b.xml", status=302, location=server.url("/a.xml"))
    outcome = fetch_feed(client, FeedRequest(1, server.url("/a.xml")))
    assert outcome.error is not None and "redirect loop" in outcome.error


def test_redirect_to_a_file_url_is_refused(server: LocalServer, client: HttpClient) -> None:
    server.add("/evil.xml", status=302, location="file:///etc/passwd")
    with pytest.raises(FeedError, match="refused"):
        client.get(server.url("/evil.xml"))


@pytest.mark.parametrize(
    ("status", "words"), [(404, "not found (HTTP 404)"), (410, "gone"), (500, "server error (HTTP 500)"), (403, "access refused")]
)
def test_http_errors_are_one_line(server: LocalServer, client: HttpClient, status: int, words: str) -> None:
    server.add("/x.xml", "nope", status=status, content_type="text/plain")
    outcome = fetch_feed(client, FeedRequest(1, server.url("/x.xml")))
    assert outcome.error is not None and words in outcome.error and "\n" not in outcome.error


def test_timeout_is_reported(server: LocalServer) -> None:
    url = server.add("/slow.xml", stall=True)
    with HttpClient(HttpSettings(connect_timeout_s=2, read_timeout_s=0.3)) as client:
        outcome = fetch_feed(client, FeedRequest(1, url))
    assert outcome.error is not None and "timed out" in outcome.error


def test_feed_over_the_size_limit_is_refused_even_when_gzipped(server: LocalServer) -> None:
    big = ("<rss><channel><title>Big</title>" + "<item><title>x</title></item>" * 20_000 + "</channel></rss>").encode()
    server.add("/big.xml", big)
    server.add("/big-gz.xml", big, gzip=True)
    server.add("/big-nolen.xml", big, send_length=False)
    with HttpClient(HttpSettings(max_feed_bytes=100_000)) as client:
        for path in ("/big.xml", "/big-gz.xml", "/big-nolen.xml"):
            outcome = fetch_feed(client, FeedRequest(1, server.url(path)))
            assert outcome.error is not None and "too large" in outcome.error, path
    assert len(gzip.compress(big)) < 100_000  # the compressed body alone would have passed


def test_connection_refused_is_a_clear_error(client: HttpClient) -> None:
    with LocalServer() as gone:
        url = gone.url("/feed.xml")
    outcome = fetch_feed(client, FeedRequest(1, url))
    assert outcome.error is not None and "cannot connect" in outcome.error


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/feed.xml", "javascript:alert(1)", "feed.xml", ""])
def test_non_http_feed_urls_are_refused_without_a_request(client: HttpClient, url: str) -> None:
    outcome = fetch_feed(client, FeedRequest(1, url))
    assert outcome.error is not None and ("refused" in outcome.error or "empty" in outcome.error)


@pytest.mark.parametrize("good", [6, 14])
def test_refresh_keeps_going_past_bad_feeds(server: LocalServer, client: HttpClient, good: int) -> None:
    requests = []
    for n in range(good):
        requests.append(FeedRequest(n, server.add(f"/ok{n}.xml", SMALL_FEED.format(n=n))))
    requests.insert(2, FeedRequest(90, server.add("/html.xml", "<html><body>Moved</body></html>", content_type="text/html")))
    requests.insert(4, FeedRequest(91, server.url("/missing.xml")))
    seen: list[tuple[float, float]] = []
    handed: list[int] = []  # outcomes handed over as they finish, each before its progress report

    def progress(done: float, total: float, message: str = "") -> None:
        assert len(handed) >= done
        seen.append((done, total))

    outcomes = refresh_feeds(
        client, requests, progress, workers=3, finished=lambda batch: handed.extend(o.key for o in batch)
    )
    assert sorted(handed) == sorted(r.key for r in requests)
    assert [o.key for o in outcomes] == [r.key for r in requests]
    assert [o.ok for o in outcomes] == [True, True, False, True, False] + [True] * (good - 3)
    assert "web page" in (outcomes[2].error or "") and "not found" in (outcomes[4].error or "")
    assert [o.feed.title for o in outcomes if o.feed] == [f"Small {n}" for n in range(good)]
    assert [o.feed.items[0].guid for o in outcomes if o.feed] == [f"only-{n}" for n in range(good)]
    assert seen[-1] == (good + 2, good + 2)


def test_feeds_parsed_in_worker_processes_match_parsing_here(server: LocalServer, client: HttpClient) -> None:
    """The worker-process path hands back the same feeds (transcripts, chapters, guids) and errors."""
    requests = [FeedRequest(n, server.add(f"/ex{n}.xml", example_feed(server))) for n in range(3)]
    requests.append(FeedRequest(7, server.add("/broken.xml", "<rss><channel><title>x</channel>")))
    requests.append(FeedRequest(8, server.add("/small.xml", SMALL_FEED.format(n=8))))
    in_workers = refresh_feeds(client, requests, workers=2, parse_processes=2)
    here = refresh_feeds(client, requests, workers=2, parse_processes=0)
    assert [(o.key, o.feed, o.error) for o in in_workers] == [(o.key, o.feed, o.error) for o in here]
    assert in_workers[0].feed is not None and any(i.transcripts for i in in_workers[0].feed.items)
    assert "malformed XML" in (in_workers[3].error or "")


@pytest.mark.parametrize("parse_processes", [0, 2])
def test_refresh_can_be_cancelled(server: LocalServer, parse_processes: int) -> None:
    urls = [server.add(f"/slow{n}.xml", stall=True) for n in range(3)]
    token = CancelToken()
    calls = 0

    def progress(done: float, total: float, message: str = "") -> None:
        nonlocal calls
        calls += 1
        token.cancel()  # cancel as soon as the job reports anything

    from podplayer.core.jobs import Cancelled

    with HttpClient(HttpSettings(read_timeout_s=30)) as client, pytest.raises(Cancelled):
        refresh_feeds(
            client, [FeedRequest(n, u) for n, u in enumerate(urls)], progress, token, parse_processes=parse_processes
        )
    assert calls >= 1


def test_http_error_carries_the_status(server: LocalServer, client: HttpClient) -> None:
    server.add("/gone.xml", status=410)
    with pytest.raises(HttpError) as info:
        client.get(server.url("/gone.xml"))
    assert info.value.status == 410
