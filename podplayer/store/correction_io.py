"""A corrected transcript in SQL: new turns and words in place of the old, the original kept once,
and highlights' anchors written where a correction moved or detached them."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select, update

from podplayer.core.model import Highlight, Timing, Transcript, Turn, Word
from podplayer.core.transcript_json import transcript_document
from podplayer.store.episode_io import insert_speakers, insert_turns, utcnow
from podplayer.store.errors import LibraryError
from podplayer.store.highlight_io import highlight_values
from podplayer.store.schema import EpisodeRow, HighlightRow, OriginalTranscriptRow, SpeakerRow, TurnRow

FORMAT_VERSION = 1


def transcript_to_json(transcript: Transcript) -> dict[str, object]:
    """The whole transcript as JSON data, in the one shape (core/transcript_json.py), with its version."""
    return {"version": FORMAT_VERSION, **transcript_document(transcript)}


def transcript_from_json(data: dict[str, object], title: str = "") -> Transcript:
    raw_turns = data.get("turns")
    if not isinstance(raw_turns, list):
        raise LibraryError("the kept original transcript is damaged")
    turns = [
        Turn(
            str(t["speaker"]),
            [Word(str(w[0]), w[1], w[2], w[3]) for w in t["words"]],
            t.get("start_ms"),
            t.get("end_ms"),
        )
        for t in raw_turns
    ]
    return Transcript(turns, title=title, estimated=bool(data.get("estimated", False)))


def has_original(conn: Connection, episode_id: int) -> bool:
    found = conn.execute(
        select(OriginalTranscriptRow.episode_id).where(OriginalTranscriptRow.episode_id == episode_id)
    ).first()
    return found is not None


def keep_original(conn: Connection, episode_id: int, transcript: Transcript) -> bool:
    """Keep ``transcript`` as the episode's original unless one is kept already; True if kept now."""
    if has_original(conn, episode_id):
        return False
    conn.execute(
        insert(OriginalTranscriptRow).values(
            episode_id=episode_id, transcript=transcript_to_json(transcript), kept_at=utcnow()
        )
    )
    return True


def select_original(conn: Connection, episode_id: int) -> Transcript | None:
    data = conn.execute(
        select(OriginalTranscriptRow.transcript).where(OriginalTranscriptRow.episode_id == episode_id)
    ).scalar()
    return None if data is None else transcript_from_json(dict(data))


def replace_transcript(conn: Connection, episode_id: int, transcript: Transcript) -> None:
    """The episode's turns and words become ``transcript``'s (search follows by the FTS triggers).

    Speakers keep their rows and colours; a new name gets a free colour; a speaker left without a
    turn is removed, as when its last turn is given to someone else.
    """
    existing = {
        str(name): int(sid)
        for name, sid in conn.execute(
            select(SpeakerRow.name, SpeakerRow.id).where(SpeakerRow.episode_id == episode_id)
        )
    }
    conn.execute(delete(TurnRow).where(TurnRow.episode_id == episode_id))
    used_colors = set(conn.execute(select(SpeakerRow.color).where(SpeakerRow.episode_id == episode_id)).scalars())
    new_names = [n for n in transcript.speakers if n not in existing]
    added = insert_speakers(conn, episode_id, new_names, {}, used=used_colors)
    insert_turns(conn, episode_id, transcript.turns, {**existing, **added})
    unused = [sid for name, sid in existing.items() if name not in transcript.speakers]
    if unused:
        conn.execute(delete(SpeakerRow).where(SpeakerRow.id.in_(unused)))
    conn.execute(
        update(EpisodeRow)
        .where(EpisodeRow.id == episode_id)
        .values(timing=transcript.timing.value, timing_estimated=transcript.estimated, updated_at=utcnow())
    )


def write_anchors(conn: Connection, highlights: list[Highlight]) -> None:
    """Store the new word range, quote and context (or detachment) of each highlight; tags stay."""
    now = utcnow()
    for h in highlights:
        if h.id is None:
            continue
        values = highlight_values(h)
        del values["color"], values["note"]
        conn.execute(update(HighlightRow).where(HighlightRow.id == h.id).values(**values, updated_at=now))


def replace_turn_range(conn: Connection, episode_id: int, first: int, count: int, turns: list[Turn]) -> None:
    """Turns ``first``..``first + count - 1`` become ``turns``; later turns and the highlights on them
    move by the difference (an edit in a long episode rewrites only what it changed). Highlights
    inside the range are the caller's to write (:func:`write_anchors`)."""
    delta = len(turns) - count
    end = first + count
    conn.exec_driver_sql("DELETE FROM turns WHERE episode_id = ? AND position >= ? AND position < ?",
                         (episode_id, first, end))
    if delta:
        # Through negative positions: SQLite checks (episode, position) is unique row by row.
        conn.exec_driver_sql("UPDATE turns SET position = -(position + ?) - 1 WHERE episode_id = ? AND position >= ?",
                             (delta, episode_id, end))
        conn.exec_driver_sql("UPDATE turns SET position = -position - 1 WHERE episode_id = ? AND position < 0",
                             (episode_id,))
        conn.exec_driver_sql(
            "UPDATE highlights SET start_turn = start_turn + ?, end_turn = end_turn + ? "
            "WHERE episode_id = ? AND start_turn >= ?",
            (delta, delta, episode_id, end),
        )
    existing = {
        str(name): int(sid)
        for name, sid in conn.execute(select(SpeakerRow.name, SpeakerRow.id).where(SpeakerRow.episode_id == episode_id))
    }
    used = set(conn.execute(select(SpeakerRow.color).where(SpeakerRow.episode_id == episode_id)).scalars())
    names = list(dict.fromkeys(t.speaker for t in turns if t.speaker not in existing))
    added = insert_speakers(conn, episode_id, names, {}, used=used)
    insert_turns(conn, episode_id, turns, {**existing, **added}, first_position=first)
    conn.exec_driver_sql(
        "DELETE FROM speakers WHERE episode_id = ? AND id NOT IN (SELECT speaker_id FROM turns WHERE episode_id = ?)",
        (episode_id, episode_id),
    )
    # How well the episode is timed follows from how it was and the new turns (no scan of every word).
    stored = Timing(conn.execute(select(EpisodeRow.timing).where(EpisodeRow.id == episode_id)).scalar_one())
    words_timed = all(w.start_ms is not None for t in turns for w in t.words)
    turns_timed = all(t.start_ms is not None for t in turns)
    timing = stored
    if stored is Timing.WORD and not words_timed:
        timing = Timing.TURN if turns_timed else Timing.NONE
    elif stored is Timing.TURN and not turns_timed:
        timing = Timing.NONE
    conn.execute(update(EpisodeRow).where(EpisodeRow.id == episode_id).values(timing=timing.value, updated_at=utcnow()))


def update_turn_times(conn: Connection, episode_id: int, first: int, turns: list[Turn]) -> None:
    """New times for the same words of turns ``first``.. (a background re-timing of corrected words)."""
    rows = conn.exec_driver_sql(
        "SELECT id FROM turns WHERE episode_id = ? AND position >= ? AND position < ? ORDER BY position",
        (episode_id, first, first + len(turns)),
    ).scalars().all()
    if len(rows) != len(turns):
        raise LibraryError("the transcript changed while its corrected words were re-timed")
    conn.exec_driver_sql("UPDATE turns SET start_ms = ?, end_ms = ? WHERE id = ?",
                         [(t.start_ms, t.end_ms, tid) for tid, t in zip(rows, turns, strict=True)])
    conn.exec_driver_sql(
        "UPDATE words SET start_ms = ?, end_ms = ?, confidence = ? WHERE turn_id = ? AND position = ?",
        [(w.start_ms, w.end_ms, w.confidence, tid, k) for tid, t in zip(rows, turns, strict=True)
         for k, w in enumerate(t.words)],
    )
