"""Known voices and re-labelled speaker turns in the library (see core/speakers/known.py).

Voices are stored as float32 bytes. Replacing an episode's speaker turns keeps every word, its times
and every highlight: a highlight's (turn, word) addresses are moved to where their words now are.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import Connection, delete, func, insert, select, update

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


def save_voice(conn: Connection, voice: KnownVoice, episode_id: int | None) -> int:
    """Store a voice; one with the same name and podcast is replaced (the newer recording wins)."""
    conn.execute(
        delete(VoiceRow).where(
            func.lower(VoiceRow.name) == voice.name.lower(),
            VoiceRow.podcast_id.is_(None) if voice.podcast_id is None else VoiceRow.podcast_id == voice.podcast_id,
        )
    )
    blob = np.asarray(voice.embedding, dtype="<f4").tobytes()
    result = conn.execute(
        insert(VoiceRow).values(
            name=voice.name,
            podcast_id=voice.podcast_id,
            episode_id=episode_id,
            embedding=blob,
            seconds=voice.seconds,
            created_at=utcnow(),
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


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
