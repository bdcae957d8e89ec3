"""Known voices and re-labelled speaker turns in the library (see core/speakers/known.py).

Voices are stored as float32 bytes. Replacing an episode's speaker turns keeps every word, its times
and every highlight: a highlight's (turn, word) addresses are moved to where their words now are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np
from sqlalchemy import ColumnElement, Connection, delete, func, insert, select, update

from podplayer.core.model import Transcript
from podplayer.core.speakers.known import KnownVoice
from podplayer.store.correction_io import replace_transcript
from podplayer.store.episode_io import load_episode, utcnow
from podplayer.store.errors import LibraryError
from podplayer.store.schema import EpisodeRow, HighlightRow, PodcastRow, VoiceRow


def load_voices(conn: Connection) -> list[KnownVoice]:
    rows = conn.execute(
        select(VoiceRow.name, VoiceRow.embedding, VoiceRow.podcast_id, VoiceRow.seconds, VoiceRow.id, PodcastRow.title)
        .outerjoin(PodcastRow, PodcastRow.id == VoiceRow.podcast_id)
        .order_by(func.lower(VoiceRow.name), VoiceRow.id)
    ).all()
    return [
        KnownVoice(name, tuple(float(v) for v in np.frombuffer(blob, dtype="<f4")), podcast_id, seconds, voice_id, title or "")
        for name, blob, podcast_id, seconds, voice_id, title in rows
    ]


@dataclass(frozen=True, slots=True)
class StoredVoice:
    """A voices row, whole, so that taking a voice back can put it as it was."""

    voice: KnownVoice
    episode_id: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class KeptVoice:
    """What keeping a voice did: the row it wrote and the rows of that name and podcast it replaced."""

    id: int
    created_at: datetime  # with the id, tells this row from a later one that reused the id
    replaced: tuple[StoredVoice, ...] = ()


def _same_name_and_podcast(name: str, podcast_id: int | None) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return (
        func.lower(VoiceRow.name) == name.lower(),
        VoiceRow.podcast_id.is_(None) if podcast_id is None else VoiceRow.podcast_id == podcast_id,
    )


def _insert(conn: Connection, voice: KnownVoice, episode_id: int | None, created_at: datetime) -> int:
    blob = np.asarray(voice.embedding, dtype="<f4").tobytes()
    taken = voice.id is not None and conn.execute(select(VoiceRow.id).where(VoiceRow.id == voice.id)).first()
    result = conn.execute(
        insert(VoiceRow).values(
            id=None if taken else voice.id,  # a voice put back keeps its id where it is free
            name=voice.name,
            podcast_id=voice.podcast_id,
            episode_id=episode_id,
            embedding=blob,
            seconds=voice.seconds,
            created_at=created_at,
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def save_voice(conn: Connection, voice: KnownVoice, episode_id: int | None) -> KeptVoice:
    """Store a voice; one with the same name and podcast is replaced (the newer recording wins) and
    returned, for :func:`take_back_voice`."""
    where = _same_name_and_podcast(voice.name, voice.podcast_id)
    rows = conn.execute(
        select(VoiceRow.id, VoiceRow.name, VoiceRow.embedding, VoiceRow.podcast_id, VoiceRow.seconds,
               VoiceRow.episode_id, VoiceRow.created_at).where(*where).order_by(VoiceRow.id)
    ).all()
    replaced = tuple(
        StoredVoice(
            KnownVoice(name, tuple(float(v) for v in np.frombuffer(blob, dtype="<f4")), podcast_id, seconds, voice_id),
            from_episode,
            created_at,
        )
        for voice_id, name, blob, podcast_id, seconds, from_episode, created_at in rows
    )
    conn.execute(delete(VoiceRow).where(*where))
    now = utcnow()
    return KeptVoice(_insert(conn, replace(voice, id=None), episode_id, now), now, replaced)


def take_back_voice(conn: Connection, kept: KeptVoice) -> None:
    """Undo :func:`save_voice`: its row goes and the voices it replaced come back as they were."""
    conn.execute(delete(VoiceRow).where(VoiceRow.id == kept.id, VoiceRow.created_at == kept.created_at))
    for old in kept.replaced:
        _insert(conn, old.voice, old.episode_id, old.created_at)


def forget_voice(conn: Connection, name: str) -> int:
    """Delete every known voice of that name (any podcast); how many were deleted."""
    return int(conn.execute(delete(VoiceRow).where(func.lower(VoiceRow.name) == name.lower())).rowcount)


def episode_podcast(conn: Connection, episode_id: int) -> int | None:
    found = conn.execute(select(EpisodeRow.id, EpisodeRow.podcast_id).where(EpisodeRow.id == episode_id)).first()
    if found is None:
        raise LibraryError(f"no episode with id {episode_id}")
    return None if found[1] is None else int(found[1])


def replace_speaker_turns(conn: Connection, episode_id: int, transcript: Transcript) -> None:
    """Give the episode new speaker turns over the same words (same text, same order)."""
    current = load_episode(conn, episode_id).transcript
    old_words = [w.text for t in current.turns for w in t.words]
    new_words = [w.text for t in transcript.turns for w in t.words]
    if old_words != new_words:
        raise LibraryError(f"episode {episode_id}: the new speaker turns do not hold the same words")
    old_first = np.cumsum([0] + [len(t.words) for t in current.turns])
    new_first = np.cumsum([0] + [len(t.words) for t in transcript.turns])

    def moved(turn: int, word: int) -> tuple[int, int]:
        index = int(old_first[turn]) + word
        new_turn = int(np.searchsorted(new_first, index, side="right")) - 1
        return new_turn, index - int(new_first[new_turn])

    highlights = conn.execute(
        select(HighlightRow.id, HighlightRow.start_turn, HighlightRow.start_word, HighlightRow.end_turn, HighlightRow.end_word)
        .where(HighlightRow.episode_id == episode_id)
    ).all()
    replace_transcript(conn, episode_id, transcript)  # the one rule for new turns over an episode
    for highlight_id, start_turn, start_word, end_turn, end_word in highlights:
        (s_turn, s_word), (e_turn, e_word) = moved(start_turn, start_word), moved(end_turn, end_word)
        conn.execute(
            update(HighlightRow)
            .where(HighlightRow.id == highlight_id)
            .values(start_turn=s_turn, start_word=s_word, end_turn=e_turn, end_word=e_word)
        )
