"""Fetching and parsing many feeds at once, each one's failure kept to itself.

A core job: ``refresh_feeds(client, requests, progress, cancel)``. Feeds are fetched by a small thread
pool (network waits overlap); each outcome is either a parsed feed, "not modified" (304), or one line
saying what went wrong with that feed. Nothing here touches the library: the store applies outcomes.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from podplayer.core.feeds.errors import FeedError
from podplayer.core.feeds.feed_model import Feed
from podplayer.core.feeds.http import HttpClient
from podplayer.core.feeds.parse import parse_feed
from podplayer.core.jobs import Cancelled, CancelToken, ProgressFn, no_progress
from podplayer.core.model import PodplayerError

DEFAULT_WORKERS = 8


@dataclass(frozen=True, slots=True)
class FeedRequest:
    key: int  # the podcast's id in the library (0 for a new subscription)
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(slots=True)
class FeedOutcome:
    key: int
    url: str  # the URL that was asked for
    feed: Feed | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # permanent redirect, or the feed's itunes:new-feed-url
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def fetch_feed(client: HttpClient, request: FeedRequest, cancel: CancelToken | None = None) -> FeedOutcome:
    """One feed, conditionally; never raises for a bad feed (the outcome carries the message)."""
    outcome = FeedOutcome(request.key, request.url)
    try:
        result = client.get(
            request.url,
            etag=request.etag,
            last_modified=request.last_modified,
            cancel=cancel,
            what="feed URL",
            accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        )
        outcome.moved_to = result.moved_to
        outcome.etag = result.etag or request.etag
        outcome.last_modified = result.last_modified or request.last_modified
        if result.not_modified:
            outcome.not_modified = True
            return outcome
        feed = parse_feed(result.body, result.url, result.content_type)
        outcome.feed = feed
        if feed.new_url and not outcome.moved_to:
            outcome.moved_to = feed.new_url
    except Cancelled:
        raise
    except FeedError as exc:
        outcome.error = str(exc)
    except PodplayerError as exc:
        outcome.error = f"{request.url}: {exc}"
    return outcome


def refresh_feeds(
    client: HttpClient,
    requests: Sequence[FeedRequest],
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    *,
    workers: int = DEFAULT_WORKERS,
) -> list[FeedOutcome]:
    """Every request's outcome, in the order given. Cancelled stops at once (finished ones are lost)."""
    cancel = cancel or CancelToken()
    outcomes: dict[int, FeedOutcome] = {}
    total = len(requests)
    progress(0, total, "checking feeds")
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, total or 1)), thread_name_prefix="feeds")
    pending: dict[Future[FeedOutcome], int] = {
        pool.submit(fetch_feed, client, request, cancel): index for index, request in enumerate(requests)
    }
    try:
        while pending:
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            cancel.check()
            for future in done:
                index = pending.pop(future)
                outcomes[index] = future.result()
                progress(len(outcomes), total, outcomes[index].url)
    except BaseException:
        # Cancelled: return at once; requests in flight stop at their next chunk or their timeout.
        cancel.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [outcomes[i] for i in range(total)]
