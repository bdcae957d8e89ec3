"""Podcast jobs that join the network (core.feeds) and the library: shared by the CLI and the app.

Each is a core job (progress callback + cancel token). The network part runs first and the library is
written only with what arrived complete, in short units of work, so a failed or cancelled job never
leaves a half-stored podcast or episode.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from podplayer.core.atomic import write_atomic
from podplayer.core.feeds.episode_download import EpisodeDownload, download_episode
from podplayer.core.feeds.errors import FeedError
from podplayer.core.feeds.http import HttpClient
from podplayer.core.feeds.opml import OpmlFeed, read_opml, write_opml
from podplayer.core.feeds.refresh import FeedOutcome, FeedRequest, fetch_feed, refresh_feeds
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import PodplayerError
from podplayer.store.podcast_store import RefreshReport
from podplayer.store.repository import Library

DOWNLOADS_FOLDER = "Podcasts"
DOWNLOAD_SHARE = 0.9  # of a download job's progress; the sync check of a timed transcript takes the rest


def downloads_dir(library: Library) -> Path:
    """Downloaded episodes live beside the library file, so the two move together."""
    return library.path.parent / DOWNLOADS_FOLDER


def user_language() -> str:
    """The user's language ("en") from the environment's locale, for choosing transcripts."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        code = value.split(":")[0].split(".")[0].split("_")[0].lower()
        if code and code not in ("c", "posix"):
            return code
    return ""


@dataclass(slots=True)
class Subscribed:
    podcast_id: int
    title: str
    feed_url: str
    episodes: int


def subscribe(library: Library, client: HttpClient, url: str, cancel: CancelToken | None = None) -> Subscribed:
    """Fetch ``url`` and add the podcast with its episodes. FeedError (one line) when it is not a feed."""
    outcome = fetch_feed(client, FeedRequest(0, url.strip()), cancel)
    if outcome.error is not None:
        raise FeedError(outcome.error)
    podcast_id, count = library.podcasts.subscribe(outcome)
    p = library.podcasts.podcast(podcast_id)
    return Subscribed(podcast_id, p.title, p.feed_url, count)


def refresh(
    library: Library,
    client: HttpClient,
    podcast_ids: Sequence[int] | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> list[RefreshReport]:
    """Refresh the given podcasts (all by default), several at once; per-feed errors in the reports.

    Each batch of feeds that arrived is stored (one transaction) while the others are still being
    fetched and read; a cancelled refresh keeps the feeds already stored.
    """
    requests = library.podcasts.feed_requests(podcast_ids)
    reports: dict[int, RefreshReport] = {}  # by podcast id (one request each)

    def store(batch: list[FeedOutcome]) -> None:
        for outcome, report in zip(batch, library.podcasts.apply_refresh(batch), strict=True):
            reports[outcome.key] = report

    outcomes = refresh_feeds(client, requests, progress, cancel, finished=store)
    return [reports[outcome.key] for outcome in outcomes]


@dataclass(slots=True)
class OpmlImport:
    subscribed: list[Subscribed]
    failed: list[str]  # one line per feed that could not be added
    skipped: list[str]  # URLs refused (not http/https)


def import_opml(
    library: Library, client: HttpClient, data: bytes, name: str, progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> OpmlImport:
    """Subscribe to every feed of an OPML list (fetched several at once); feeds already there are kept."""
    listed = read_opml(data, name)
    known = {p.feed_url for p in library.podcasts.podcasts()}
    requests = [FeedRequest(0, f.url) for f in listed.feeds if f.url not in known]
    outcomes = refresh_feeds(client, requests, progress, cancel)
    result = OpmlImport([], [], list(listed.skipped))
    for outcome in outcomes:
        if outcome.error is not None:
            result.failed.append(outcome.error)
            continue
        podcast_id, count = library.podcasts.subscribe(outcome)
        p = library.podcasts.podcast(podcast_id)
        result.subscribed.append(Subscribed(podcast_id, p.title, p.feed_url, count))
    return result


def export_opml(library: Library, path: Path, *, overwrite: bool) -> int:
    """Write the subscriptions to ``path`` as OPML (atomically; TargetExistsError for an existing
    file unless ``overwrite``). Returns how many podcasts it lists."""
    podcasts = library.podcasts.podcasts()
    write_atomic(path, write_opml([OpmlFeed(p.feed_url, p.title) for p in podcasts]), exclusive=not overwrite)
    return len(podcasts)


def download(
    library: Library,
    client: HttpClient,
    episode_id: int,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    *,
    folder: Path | None = None,
    language: str | None = None,
) -> EpisodeDownload:
    """Download a feed episode and store it as a normal library episode."""
    if library.podcasts.is_downloaded(episode_id):
        raise FeedError(f"episode {episode_id} is already downloaded")
    source = library.podcasts.episode_source(episode_id)

    def download_progress(done: float, total: float, message: str = "") -> None:
        progress(DOWNLOAD_SHARE * (done / total if total else 0.0), 1.0, message)

    result = download_episode(
        client,
        source,
        folder or downloads_dir(library),
        download_progress,
        cancel,
        language=user_language() if language is None else language,
    )
    library.podcasts.store_download(result)
    check_downloaded_sync(library, result, progress, cancel)
    progress(1.0, 1.0, "done")
    return result


def check_downloaded_sync(
    library: Library, result: EpisodeDownload, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> None:
    """The sync check every timed transcript gets after import: does the published transcript fit this
    audio (ads inserted or cut since it was made)? The finding is stored with the episode (the window
    offers a re-sync); a check that cannot run is a note, never a failed download."""
    from podplayer.usecases.resync import check_episode_sync

    def check_progress(done: float, total: float, message: str = "") -> None:
        share = done / total if total else 0.0
        progress(DOWNLOAD_SHARE + (1 - DOWNLOAD_SHARE) * share, 1.0, "checking the transcript's sync")

    try:
        sync = check_episode_sync(library, result.episode_id, progress=check_progress, cancel=cancel)
    except PodplayerError as exc:
        result.notes.append(f"sync check: {exc}")
        return
    if sync is not None:
        result.notes.append(f"sync check: {sync.report.summary()}")
