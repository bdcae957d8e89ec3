"""Podcasts in the library: subscriptions, their episodes, refresh results and downloads.

Reached as ``library.podcasts``. Like the rest of the store, every method is one unit of work and
speaks core dataclasses (podplayer.core.feeds.feed_model). A feed episode is an ordinary row of
``episodes`` with the feed's facts filled in; it has no audio path and no turns until it is
downloaded, and then it is a normal library episode (highlights, search, export, align).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, case, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from podplayer.core.feeds.episode_download import EpisodeDownload
from podplayer.core.feeds.feed_model import (
    EpisodeSource,
    Feed,
    FeedItem,
    PodcastEpisode,
    PodcastSummary,
    TranscriptLink,
)
from podplayer.core.feeds.refresh import FeedOutcome, FeedRequest
from podplayer.core.model import Transcript
from podplayer.core.refs import Candidate, resolve_ref
from podplayer.store.chapter_io import replace_chapters
from podplayer.store.episode_io import as_utc, insert_speakers, insert_turns, inserted_id, utcnow
from podplayer.store.errors import LibraryError
from podplayer.store.schema import EpisodeRow, PodcastRow

Opener = Callable[[], AbstractContextManager[Connection]]


# Per-podcast preference (bool): transcribe its downloaded episodes that have no transcript.
TRANSCRIBE_NEW_EPISODES = "transcribe_new_episodes"
# Per-podcast preference (bool): name speakers only after the known voices of this podcast.
VOICES_FROM_PODCAST_ONLY = "voices_from_podcast_only"


@dataclass(slots=True)
class RefreshReport:
    podcast_id: int
    title: str
    new_episodes: int = 0
    not_modified: bool = False
    moved_to: str | None = None
    error: str | None = None


def _naive_utc(value: datetime | None) -> datetime | None:
    """Naive UTC, as the store keeps datetimes."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _links_json(links: Sequence[TranscriptLink]) -> list[dict[str, str]]:
    return [{"url": x.url, "type": x.type, "language": x.language, "rel": x.rel} for x in links]


def _links(data: object) -> list[TranscriptLink]:
    out: list[TranscriptLink] = []
    for x in data if isinstance(data, list) else []:
        if isinstance(x, dict) and x.get("url"):
            out.append(TranscriptLink(str(x["url"]), str(x.get("type", "")), str(x.get("language", "")), str(x.get("rel", ""))))
    return out


def _item_values(item: FeedItem) -> dict[str, Any]:
    """Columns a refresh may update on an episode (never its audio, transcript or position)."""
    return {
        "title": item.title,
        "published_at": _naive_utc(item.published),
        "description": item.description,
        "artwork": item.artwork,
        "link": item.link,
        "enclosure_url": item.enclosure_url or None,
        "enclosure_type": item.enclosure_type,
        "enclosure_length": item.enclosure_length,
        "transcript_links": _links_json(item.transcripts),
        "chapters_url": item.chapters_url,
        "podlove_chapters": item.podlove_chapters,
        "item_fingerprint": item.fingerprint or None,
        "soundbites": item.soundbites or None,
    }


def _feed_values(feed: Feed) -> dict[str, Any]:
    """Columns of the podcast that its feed describes."""
    return {
        "title": feed.title,
        "author": feed.author,
        "description": feed.description,
        "link": feed.link,
        "artwork": feed.artwork,
        "language": feed.language,
    }


def _stored_items(conn: Connection, podcast_id: int, guids: set[str]) -> dict[str, tuple[int, str | None]]:
    """guid -> (episode id, item fingerprint) of the podcast's episodes with these guids."""
    found: dict[str, tuple[int, str | None]] = {}
    wanted = sorted(guids)
    for start in range(0, len(wanted), 500):  # well below SQLite's limit of bound variables
        chunk = wanted[start : start + 500]
        rows = conn.exec_driver_sql(
            "SELECT guid, id, item_fingerprint FROM episodes "
            f"WHERE podcast_id = ? AND guid IN ({', '.join('?' * len(chunk))})",
            (podcast_id, *chunk),
        ).all()
        found.update((guid, (episode_id, fingerprint)) for guid, episode_id, fingerprint in rows)
    return found


# Statements a refresh runs for every feed, built once (building and caching a statement per call
# cost more than running it).
_TITLE_OF_PODCAST = select(PodcastRow.title).where(PodcastRow.id == bindparam("b_podcast"))
_PODCAST_WITH_URL = select(PodcastRow.id).where(PodcastRow.feed_url == bindparam("b_url"))
_UPDATE_PODCAST = update(PodcastRow).where(PodcastRow.id == bindparam("b_podcast"))
_UPDATE_EPISODE = update(EpisodeRow).where(EpisodeRow.id == bindparam("b_id"))


class PodcastStore:
    def __init__(self, read: Opener, write: Opener) -> None:
        self._read = read
        self._write = write

    # --- subscriptions ------------------------------------------------------------------------
    def podcast_id_for_url(self, feed_url: str) -> int | None:
        with self._read() as conn:
            found = conn.execute(select(PodcastRow.id).where(PodcastRow.feed_url == feed_url)).scalar()
        return None if found is None else int(found)

    def subscribe(self, outcome: FeedOutcome) -> tuple[int, int]:
        """Add the podcast an outcome's feed describes (or update it); returns (podcast id, new episodes)."""
        if outcome.feed is None:
            raise LibraryError(outcome.error or f"{outcome.url}: nothing to subscribe to")
        feed = outcome.feed
        url = outcome.moved_to or outcome.url
        with self._write() as conn:
            found = conn.execute(
                select(PodcastRow.id).where(PodcastRow.feed_url.in_({url, outcome.url}))
            ).scalar()
            if found is None:
                podcast_id = inserted_id(
                    conn.execute(insert(PodcastRow).values(feed_url=url, title=feed.title, created_at=utcnow()))
                )
                first = True
            else:
                podcast_id, first = int(found), False
            new = self._apply_feed(conn, podcast_id, url, feed, outcome, first=first)
        return podcast_id, new

    def podcasts(self) -> list[PodcastSummary]:
        e = EpisodeRow
        counts = (
            select(
                e.podcast_id.label("pid"),
                func.count().label("n"),
                func.sum(case((e.position_ms == 0, 1), else_=0)).label("unplayed"),
                func.sum(case((e.is_new.is_(True), 1), else_=0)).label("new"),
                func.sum(case((e.audio_path.is_not(None), 1), else_=0)).label("downloaded"),
            )
            .where(e.podcast_id.is_not(None))
            .group_by(e.podcast_id)
            .subquery()
        )
        p = PodcastRow
        query = (
            select(p, counts.c.n, counts.c.unplayed, counts.c.new, counts.c.downloaded)
            .outerjoin(counts, counts.c.pid == p.id)
            .order_by(func.lower(p.title), p.id)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            PodcastSummary(
                id=r.id,
                feed_url=r.feed_url,
                title=r.title,
                author=r.author,
                artwork=r.artwork,
                description=r.description,
                episode_count=int(r.n or 0),
                unplayed_count=int(r.unplayed or 0),
                new_count=int(r.new or 0),
                downloaded_count=int(r.downloaded or 0),
                last_checked=as_utc(r.last_checked_at),
                last_error=r.last_error,
                preferences=dict(r.preferences or {}),
            )
            for r in rows
        ]

    def podcast(self, podcast_id: int) -> PodcastSummary:
        for p in self.podcasts():
            if p.id == podcast_id:
                return p
        raise LibraryError(f"no podcast with id {podcast_id}")

    def resolve_podcast(self, ref: str) -> int:
        """The podcast ``ref`` names: its id, feed URL, title or a unique title prefix."""
        with self._read() as conn:
            rows = conn.execute(select(PodcastRow.id, PodcastRow.title, PodcastRow.feed_url).order_by(PodcastRow.id)).all()
        return resolve_ref("podcast", ref, [Candidate(int(pid), title, (url,)) for pid, title, url in rows])

    def unsubscribe(self, podcast_id: int) -> None:
        """Remove a podcast and its episodes that were never downloaded; downloaded ones stay in the library."""
        with self._write() as conn:
            conn.execute(delete(EpisodeRow).where(EpisodeRow.podcast_id == podcast_id, EpisodeRow.audio_path.is_(None)))
            if conn.execute(delete(PodcastRow).where(PodcastRow.id == podcast_id)).rowcount == 0:
                raise LibraryError(f"no podcast with id {podcast_id}")

    def set_preference(self, podcast_id: int, key: str, value: object) -> None:
        with self._write() as conn:
            prefs = conn.execute(select(PodcastRow.preferences).where(PodcastRow.id == podcast_id)).scalar()
            if prefs is None:
                raise LibraryError(f"no podcast with id {podcast_id}")
            conn.execute(update(PodcastRow).where(PodcastRow.id == podcast_id).values(preferences={**prefs, key: value}))

    # --- refresh --------------------------------------------------------------------------------
    def feed_requests(self, podcast_ids: Sequence[int] | None = None) -> list[FeedRequest]:
        """What to ask each podcast's server, with the fingerprints of the items already stored."""
        query = select(PodcastRow.id, PodcastRow.feed_url, PodcastRow.etag, PodcastRow.last_modified).order_by(PodcastRow.id)
        # One row per podcast (fingerprints are hex, joined by spaces), read from the covering index.
        known_sql = "SELECT podcast_id, group_concat(item_fingerprint, ' ') FROM episodes WHERE item_fingerprint IS NOT NULL"
        wanted: tuple[int, ...] = ()
        if podcast_ids is not None:
            wanted = tuple(podcast_ids)
            query = query.where(PodcastRow.id.in_(wanted))
            known_sql += f" AND podcast_id IN ({', '.join('?' * len(wanted))})" if wanted else " AND 0"
        known_sql += " GROUP BY podcast_id"
        with self._read() as conn:
            podcasts = conn.execute(query).all()
            known = {pid: frozenset(joined.split()) for pid, joined in conn.exec_driver_sql(known_sql, wanted).all()}
        return [FeedRequest(pid, url, etag, lm, known.get(pid, frozenset())) for pid, url, etag, lm in podcasts]

    def apply_refresh(self, outcomes: Sequence[FeedOutcome]) -> list[RefreshReport]:
        """Store every outcome in one transaction, each feed in its own savepoint: a feed whose
        episodes cannot be stored is rolled back alone and reported, the others are kept."""
        reports: list[RefreshReport] = []
        with self._write() as conn:
            for outcome in outcomes:
                try:
                    with conn.begin_nested():
                        reports.append(self._apply_outcome(conn, outcome))
                except (SQLAlchemyError, ValueError, TypeError) as exc:
                    reports.append(RefreshReport(outcome.key, outcome.url, error=f"{outcome.url}: not stored ({exc})"))
        return reports

    def _apply_outcome(self, conn: Connection, outcome: FeedOutcome) -> RefreshReport:
        title = conn.execute(_TITLE_OF_PODCAST, {"b_podcast": outcome.key}).scalar()
        if title is None:
            return RefreshReport(outcome.key, outcome.url, error=f"{outcome.url}: unsubscribed meanwhile")
        report = RefreshReport(outcome.key, title, not_modified=outcome.not_modified, error=outcome.error)
        values: dict[str, Any] = {"last_checked_at": utcnow(), "last_error": outcome.error or ""}
        if outcome.error is None:
            values.update(etag=outcome.etag, last_modified=outcome.last_modified)
        new_url = outcome.moved_to
        if new_url and conn.execute(_PODCAST_WITH_URL, {"b_url": new_url}).scalar() is None:
            values["feed_url"] = new_url
            report.moved_to = new_url
        if outcome.feed is not None:
            values.update(_feed_values(outcome.feed))
            report.new_episodes = self._store_items(conn, outcome.key, outcome.feed, first=False)
        conn.execute(_UPDATE_PODCAST, {"b_podcast": outcome.key, **values})
        return report

    def _apply_feed(
        self, conn: Connection, podcast_id: int, url: str | None, feed: Feed, outcome: FeedOutcome, *, first: bool
    ) -> int:
        """Update the podcast's facts and upsert its episodes; returns how many episodes are new."""
        values: dict[str, Any] = {
            **_feed_values(feed),
            "etag": outcome.etag,
            "last_modified": outcome.last_modified,
            "last_checked_at": utcnow(),
            "last_error": "",
        }
        if url is not None:
            values["feed_url"] = url
        conn.execute(_UPDATE_PODCAST, {"b_podcast": podcast_id, **values})
        return self._store_items(conn, podcast_id, feed, first=first)

    def _store_items(self, conn: Connection, podcast_id: int, feed: Feed, *, first: bool) -> int:
        """Insert the feed's new episodes and rewrite the changed ones; returns how many are new."""
        # guid -> (episode id, fingerprint of the item it was stored from), for the items read.
        known = _stored_items(conn, podcast_id, {item.guid for item in feed.items if item.guid})
        unchanged = set(feed.unchanged)
        # An item whose stored twin was skipped as unchanged is a duplicate guid: the skipped one wins.
        seen: set[str] = {guid for guid, (_, fingerprint) in known.items() if fingerprint in unchanged}
        now = utcnow()
        new_rows: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for item in feed.items:
            if not item.guid or item.guid in seen:
                continue
            seen.add(item.guid)
            values = _item_values(item)
            if item.guid in known:
                episode_id, stored = known[item.guid]
                # Only rows whose item changed are written: a refresh usually changes few.
                if stored != item.fingerprint or not item.fingerprint:
                    updates.append({"b_id": episode_id, **values})
                continue
            new_rows.append(
                {
                    **values,
                    "podcast_id": podcast_id,
                    "guid": item.guid,
                    "duration_ms": item.duration_ms,
                    "position_ms": 0,
                    "note": "",
                    "created_at": now,
                    "updated_at": now,
                    "meta": {},
                    "timing": "none",
                    "timing_estimated": False,
                    # On subscribing, the back catalogue is not "new"; later arrivals are.
                    "is_new": not first,
                }
            )
        if new_rows:
            conn.execute(insert(EpisodeRow), new_rows)
        if updates:
            conn.execute(_UPDATE_EPISODE, updates)
        return len(new_rows)

    # --- episodes -------------------------------------------------------------------------------
    def podcast_episodes(self, podcast_id: int) -> list[PodcastEpisode]:
        """The episode list of a podcast, newest first: one query, plain tuples (thousands of rows)."""
        sql = (
            "SELECT e.id, e.title, e.published_at, e.duration_ms, e.position_ms, e.is_new, "
            "e.audio_path IS NOT NULL, e.transcript_format, "
            "e.transcript_links IS NOT NULL AND e.transcript_links != '[]', "
            "e.chapters_url != '' OR e.podlove_chapters != '', "
            "(SELECT count(*) FROM chapters c WHERE c.episode_id = e.id) "
            "FROM episodes e WHERE e.podcast_id = ? ORDER BY e.published_at DESC, e.id DESC"
        )
        with self._read() as conn:
            rows = conn.exec_driver_sql(sql, (podcast_id,)).all()
        return [
            PodcastEpisode(
                eid, podcast_id, title, as_utc(_parse_dt(pub)), dur, pos, bool(new), bool(dl), fmt, bool(t),
                bool(c) or n > 0, n,
            )
            for eid, title, pub, dur, pos, new, dl, fmt, t, c, n in rows
        ]

    def mark_seen(self, podcast_id: int) -> None:
        with self._write() as conn:
            conn.execute(update(EpisodeRow).where(EpisodeRow.podcast_id == podcast_id).values(is_new=False))

    def episode_source(self, episode_id: int) -> EpisodeSource:
        e = EpisodeRow
        query = (
            select(
                e.id, e.title, e.enclosure_url, e.enclosure_type, e.enclosure_length, e.transcript_links,
                e.chapters_url, e.podlove_chapters, PodcastRow.title.label("ptitle"), PodcastRow.language.label("plang"),
            )
            .join(PodcastRow, PodcastRow.id == e.podcast_id)
            .where(e.id == episode_id)
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise LibraryError(f"episode {episode_id} does not come from a podcast feed")
        return EpisodeSource(
            episode_id=row.id,
            podcast_title=row.ptitle,
            title=row.title,
            enclosure_url=row.enclosure_url or "",
            enclosure_type=row.enclosure_type,
            enclosure_length=row.enclosure_length,
            transcripts=_links(row.transcript_links),
            chapters_url=row.chapters_url,
            podlove_chapters=row.podlove_chapters,
            language=row.plang,
        )

    def is_downloaded(self, episode_id: int) -> bool:
        with self._read() as conn:
            path = conn.execute(select(EpisodeRow.audio_path).where(EpisodeRow.id == episode_id)).first()
        if path is None:
            raise LibraryError(f"no episode with id {episode_id}")
        return path[0] is not None

    def store_download(self, result: EpisodeDownload) -> None:
        """Make a downloaded feed episode a normal library episode: audio, transcript (and chapters)."""
        transcript = result.transcript or Transcript([])
        with self._write() as conn:
            row = conn.execute(
                select(EpisodeRow.audio_path, EpisodeRow.meta).where(EpisodeRow.id == result.episode_id)
            ).first()
            if row is None:
                raise LibraryError(f"no episode with id {result.episode_id}")
            if row[0] is not None:
                raise LibraryError(f"episode {result.episode_id} is already downloaded")
            has_turns = conn.exec_driver_sql(
                "SELECT 1 FROM turns WHERE episode_id = ? LIMIT 1", (result.episode_id,)
            ).first()
            if has_turns is None and transcript.turns:
                ids = insert_speakers(conn, result.episode_id, transcript.speakers, {})
                insert_turns(conn, result.episode_id, transcript.turns, ids)
            conn.execute(
                update(EpisodeRow)
                .where(EpisodeRow.id == result.episode_id)
                .values(
                    audio_path=str(result.audio_path.resolve()),
                    duration_ms=result.duration_ms,
                    timing=transcript.timing.value,
                    timing_estimated=transcript.estimated,
                    transcript_format=result.choice.format,
                    meta={**(row[1] or {}), **transcript.metadata},
                    is_new=False,
                    updated_at=utcnow(),
                )
            )
            if result.chapters:
                replace_chapters(conn, result.episode_id, result.chapters, result.chapters_source)


def _parse_dt(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None

