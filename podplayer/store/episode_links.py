"""Which library episode a ``podplayer://`` link names, and the identity a link gives each episode.

The link format itself is :mod:`podplayer.core.links`; this module is where it meets the library's
rows: a feed episode by its GUID or enclosure URL, any other episode by its audio's content hash
(only files of the right size are read, so finding one among many episodes stays quick).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from podplayer.core.audio_fingerprint import audio_fingerprint, same_fingerprint
from podplayer.core.clock import format_clock
from podplayer.core.links import EpisodeIdentity, LinkError, MomentLink, episode_identity
from podplayer.store.schema import EpisodeRow


@dataclass(frozen=True, slots=True)
class LinkedEpisode:
    """The library episode a link names and the moment in it."""

    episode_id: int
    title: str
    ms: int
    # A feed episode the library knows but has not downloaded has no audio yet.
    downloaded: bool
    duration_ms: int | None


def identity_of(conn: Connection, episode_id: int) -> EpisodeIdentity | None:
    row = conn.execute(
        select(EpisodeRow.guid, EpisodeRow.enclosure_url, EpisodeRow.audio_path).where(EpisodeRow.id == episode_id)
    ).first()
    if row is None:
        return None
    guid, enclosure, audio_path = row
    return episode_identity(guid, enclosure, None if guid or enclosure else audio_fingerprint(audio_path))


def find_linked(conn: Connection, link: MomentLink) -> LinkedEpisode:
    """The episode ``link`` names, checked against its length; LinkError in the user's words otherwise."""
    identity = link.identity
    columns = (EpisodeRow.id, EpisodeRow.title, EpisodeRow.audio_path, EpisodeRow.duration_ms)
    if identity.kind == "guid":
        rows = conn.execute(select(*columns).where(EpisodeRow.guid == identity.value).order_by(EpisodeRow.id)).all()
    elif identity.kind == "url":
        rows = conn.execute(
            select(*columns).where(EpisodeRow.enclosure_url == identity.value).order_by(EpisodeRow.id)
        ).all()
    else:
        rows = [r for r in conn.execute(select(*columns).order_by(EpisodeRow.id)).all() if _same_audio(r[2], identity.value)]
    if not rows:
        raise LinkError(f"the episode this link names is not in this library ({_describe(identity)})")
    # The same feed item in two subscriptions: prefer the copy that has its audio.
    episode_id, title, audio_path, duration_ms = next((r for r in rows if r[2]), rows[0])
    if duration_ms and link.ms > duration_ms:
        raise LinkError(
            f"the link's time {format_clock(link.ms)} is past the end of {title!r} ({format_clock(duration_ms)})"
        )
    return LinkedEpisode(int(episode_id), str(title), link.ms, bool(audio_path), duration_ms)


def _same_audio(audio_path: str | None, wanted: str) -> bool:
    digest, _, size = wanted.partition("-")
    if not audio_path or not size.isdigit():
        return False
    return same_fingerprint(audio_path, {"sha1_first_mb": digest, "size": int(size)})


def _describe(identity: EpisodeIdentity) -> str:
    if identity.kind == "guid":
        return f"feed item {identity.value!r}; subscribe to its podcast first"
    if identity.kind == "url":
        return f"feed enclosure {identity.value}; subscribe to its podcast first"
    return "its audio file is not in the library; import it first"
