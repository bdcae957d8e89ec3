"""Fetching and parsing many feeds at once, each one's failure kept to itself.

A core job: ``refresh_feeds(client, requests, progress, cancel)``. Feeds are fetched by a small thread
pool (network waits overlap) and, when there are many, parsed by a small pool of worker processes
(parsing is pure Python and holds the GIL: threads cannot spread it over the cores); each outcome is either a parsed feed, "not modified" (304), or one line
saying what went wrong with that feed. Nothing here touches the library: the store applies outcomes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from podplayer.core.feeds.errors import FeedError
from podplayer.core.feeds.feed_model import Feed
from podplayer.core.feeds.http import FetchResult, HttpClient
from podplayer.core.feeds.parse import parse_feed
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import PodplayerError

DEFAULT_WORKERS = 8
# Parsing processes for a refresh of many feeds. Started once per refresh, only when a first body
# arrives (an all-304 refresh starts none); below MIN_FEEDS_FOR_PROCESSES starting them costs more
# than parsing in this process. Measured on two cores (200 feeds x 300 items, read in full): 7.6 s
# with the processes when the machine was otherwise idle, but 16-21 s against 12.5-14.5 s in-process
# when other work kept the load at 5-7, so they are used only when the load leaves a core idle.
# Only feeds read in full count (new subscriptions, OPML imports): a refresh of stored feeds skips
# the items it knows, and 200 such feeds took 5-6.5 s in-process against 12.9 s with two processes
# (load 9-10).
PARSE_PROCESSES = 2
MIN_FEEDS_FOR_PROCESSES = 8


def default_parse_processes(feeds: int) -> int:
    """PARSE_PROCESSES for ``feeds`` feeds to read in full on a machine with a core to spare, else 0."""
    if feeds < MIN_FEEDS_FOR_PROCESSES:
        return 0
    try:
        load = os.getloadavg()[0]
    except OSError:  # not available on this platform
        return 0
    return PARSE_PROCESSES if load + 1 <= (os.cpu_count() or 1) else 0


@dataclass(frozen=True, slots=True)
class FeedRequest:
    key: int  # the podcast's id in the library (0 for a new subscription)
    url: str
    etag: str | None = None
    last_modified: str | None = None
    # Fingerprints of the items the library holds: those are not read again (see known_items.py).
    known_items: frozenset[str] = frozenset()


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


def _fetch(client: HttpClient, request: FeedRequest, cancel: CancelToken | None) -> tuple[FeedOutcome, FetchResult | None]:
    """The outcome so far, and the response still to parse (None: 304 or an error)."""
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
    except FeedError as exc:
        outcome.error = str(exc)
        return outcome, None
    outcome.moved_to = result.moved_to
    outcome.etag = result.etag or request.etag
    outcome.last_modified = result.last_modified or request.last_modified
    if result.not_modified:
        outcome.not_modified = True
        return outcome, None
    return outcome, result


def parse_body(
    body: bytes, url: str, content_type: str, known: frozenset[str] = frozenset()
) -> tuple[Feed | None, str | None]:
    """:func:`parse_feed` that returns its error as text."""
    try:
        return parse_feed(body, url, content_type, known), None
    except PodplayerError as exc:
        return None, str(exc)


def _finish(outcome: FeedOutcome, parsed: tuple[Feed | None, str | None]) -> FeedOutcome:
    feed, error = parsed
    outcome.feed, outcome.error = feed, error
    if feed is not None and feed.new_url and not outcome.moved_to:
        outcome.moved_to = feed.new_url
    return outcome


def _parse(
    result: FetchResult, known: frozenset[str], parsers: ProcessPoolExecutor | None, cancel: CancelToken | None
) -> tuple[Feed | None, str | None]:
    """``parse_body`` in a worker process when there is a pool, else (or if the pool broke) here."""
    if parsers is not None:
        try:
            return parsers.submit(parse_body, result.body, result.url, result.content_type, known).result()
        except (BrokenProcessPool, RuntimeError):
            # RuntimeError: the pool was shut down (cancelled). A broken pool (a worker killed):
            # this feed is parsed here instead of being lost.
            if cancel is not None and cancel.cancelled:
                return None, f"{result.url}: cancelled"
    return parse_body(result.body, result.url, result.content_type, known)


def fetch_feed(
    client: HttpClient,
    request: FeedRequest,
    cancel: CancelToken | None = None,
    parsers: ProcessPoolExecutor | None = None,
) -> FeedOutcome:
    """One feed, conditionally; never raises for a bad feed (the outcome carries the message)."""
    outcome, result = _fetch(client, request, cancel)
    if result is None:
        return outcome
    return _finish(outcome, _parse(result, request.known_items, parsers, cancel))


def refresh_feeds(
    client: HttpClient,
    requests: Sequence[FeedRequest],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    *,
    workers: int = DEFAULT_WORKERS,
    parse_processes: int | None = None,
    finished: Callable[[list[FeedOutcome]], object] | None = None,
) -> list[FeedOutcome]:
    """Every request's outcome, in the order given. Cancelled stops at once (finished ones are lost,
    except those already handed to ``finished``).

    Feeds are fetched by a thread pool (network waits overlap); with ``parse_processes`` (default:
    :func:`default_parse_processes`) the bodies are
    parsed in that many worker processes, so parsing uses every core while the threads keep fetching.
    Workers are spawned (never forked: the caller may be a threaded GUI process).
    ``finished`` is called in the calling thread with each batch of outcomes as they complete, while
    the other feeds are still on their way (the library stores them meanwhile instead of afterwards).
    """
    cancel = cancel or CancelToken()
    outcomes: dict[int, FeedOutcome] = {}
    total = len(requests)
    if parse_processes is None:
        parse_processes = default_parse_processes(sum(1 for r in requests if not r.known_items))
    progress(0, total, "checking feeds")
    # Processes start at the first submitted body: an all-304 refresh starts none.
    parsers = (
        ProcessPoolExecutor(max_workers=parse_processes, mp_context=multiprocessing.get_context("spawn"))
        if parse_processes > 0
        else None
    )
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, total or 1)), thread_name_prefix="feeds")
    pending: dict[Future[FeedOutcome], int] = {
        pool.submit(fetch_feed, client, request, cancel, parsers): index for index, request in enumerate(requests)
    }
    try:
        while pending:
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            cancel.check()
            batch: list[FeedOutcome] = []
            for future in done:
                index = pending.pop(future)
                outcomes[index] = future.result()
                batch.append(outcomes[index])
            if batch and finished is not None:
                finished(batch)
            for count, outcome in enumerate(batch, len(outcomes) - len(batch) + 1):
                progress(count, total, outcome.url)
    except BaseException:
        # Cancelled: return at once; requests in flight stop at their next chunk or their timeout.
        cancel.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        if parsers is not None:
            parsers.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    if parsers is not None:
        parsers.shutdown()
    return [outcomes[i] for i in range(total)]
