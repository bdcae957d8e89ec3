"""Writing and reading whole episodes: bulk inserts and one query per table on load.

Turns and words are written with the driver's ``executemany`` on plain tuples: a three-hour episode
has ~40,000 words, and this is several times faster than building ORM objects or Core dicts.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, CursorResult, func, insert, select, update

from podplayer.core.model import Episode, Transcript, Turn, Word
from podplayer.core.palette import next_free_color
from podplayer.store.errors import LibraryError
from podplayer.store.schema import EpisodeRow, SpeakerRow, TurnRow

_NBSP = "\u00a0"
_OTHER_WHITESPACE = re.compile(r"[^\S ]")  # any whitespace but the ASCII space
_INSERT_TURN = "INSERT INTO turns (id, episode_id, position, speaker_id, start_ms, end_ms, text) VALUES (?,?,?,?,?,?,?)"
_INSERT_WORD = "INSERT INTO words (turn_id, position, start_ms, end_ms, confidence) VALUES (?,?,?,?,?)"


def utcnow() -> datetime:
    """Naive UTC, as stored in the database."""
    return datetime.now(UTC).replace(tzinfo=None)


def as_utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row an ``INSERT`` just created."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def clean_word(text: str) -> str:
    """A word's text with no ASCII space inside, so ``turn.text.split(" ")`` gives the words back."""
    if not text:
        return "_"  # an empty word would vanish from the joined text; keep its place
    if any(ch.isspace() for ch in text):
        return "".join(_NBSP if ch.isspace() else ch for ch in text)
    return text


def turn_text(turn: Turn) -> str:
    """The turn's words joined by single spaces, each word cleaned only if it needs it."""
    texts = [w.text for w in turn.words]
    text = " ".join(texts)
    if all(texts) and text.count(" ") == len(texts) - 1 and not _OTHER_WHITESPACE.search(text):
        return text  # the usual case, checked in C over the whole turn at once
    return " ".join(clean_word(t) for t in texts)


def split_text(text: str) -> list[str]:
    return text.split(" ") if text else []


def insert_speakers(
    conn: Connection, episode_id: int, names: Iterable[str], colors: dict[str, str], used: set[str] | None = None
) -> dict[str, int]:
    """Speaker rows for ``names`` (a colour from ``colors``, else one not in ``used``); name -> id."""
    ids: dict[str, int] = {}
    used = set(used or ())
    for name in names:
        if name in ids:
            continue
        color = colors.get(name) or next_free_color(used)
        used.add(color)
        ids[name] = inserted_id(conn.execute(insert(SpeakerRow).values(episode_id=episode_id, name=name, color=color)))
    return ids


def insert_turns(
    conn: Connection, episode_id: int, turns: Sequence[Turn], speaker_ids: dict[str, int], first_position: int = 0
) -> None:
    """Insert turns (at positions from ``first_position``) and their words. Turn ids are allocated
    here (we hold the write lock)."""
    first_id = int(conn.execute(select(func.coalesce(func.max(TurnRow.id), 0))).scalar_one()) + 1
    turn_rows = []
    word_rows: list[tuple[Any, ...]] = []
    for index, turn in enumerate(turns):
        turn_id = first_id + index
        turn_rows.append(
            (turn_id, episode_id, first_position + index, speaker_ids[turn.speaker], turn.start_ms, turn.end_ms,
             turn_text(turn))
        )
        word_rows.extend(
            (turn_id, pos, w.start_ms, w.end_ms, w.confidence) for pos, w in enumerate(turn.words)
        )
    if turn_rows:
        conn.exec_driver_sql(_INSERT_TURN, turn_rows)
    if word_rows:
        conn.exec_driver_sql(_INSERT_WORD, word_rows)


def insert_episode(conn: Connection, episode: Episode) -> int:
    transcript = episode.transcript
    now = utcnow()
    result = conn.execute(
        insert(EpisodeRow).values(
            title=episode.title or transcript.title or "Untitled",
            audio_path=episode.audio_path,
            duration_ms=episode.duration_ms,
            position_ms=episode.position_ms,
            note=episode.note,
            created_at=now,
            updated_at=now,
            meta=dict(transcript.metadata),
            timing=transcript.timing.value,
            timing_estimated=transcript.estimated,
        )
    )
    episode_id = inserted_id(result)
    names = list(transcript.speakers) + [n for n in episode.speaker_colors if n not in transcript.speakers]
    speaker_ids = insert_speakers(conn, episode_id, names, episode.speaker_colors)
    insert_turns(conn, episode_id, transcript.turns, speaker_ids)
    return episode_id


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building ~100,000 acyclic objects (rows, words): otherwise it runs
    dozens of useless collections and doubles the load time of a long episode."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_episode(conn: Connection, episode_id: int, *, word_times: bool = True) -> Episode:
    """The episode with its transcript; ``word_times=False`` leaves the words untimed (turns keep
    theirs), which reads an episode several times faster where only the text and turns matter."""
    with _gc_paused():
        return _load_episode(conn, episode_id, timed_words=word_times)


def _load_episode(conn: Connection, episode_id: int, *, timed_words: bool) -> Episode:
    e = conn.execute(
        select(
            EpisodeRow.id,
            EpisodeRow.title,
            EpisodeRow.audio_path,
            EpisodeRow.duration_ms,
            EpisodeRow.position_ms,
            EpisodeRow.note,
            EpisodeRow.created_at,
            EpisodeRow.meta.label("meta"),
            EpisodeRow.timing_estimated,
        ).where(EpisodeRow.id == episode_id)
    ).first()
    if e is None:
        raise LibraryError(f"no episode with id {episode_id}")
    speakers = {
        sid: (name, color)
        for sid, name, color in conn.exec_driver_sql(
            "SELECT id, name, color FROM speakers WHERE episode_id = ? ORDER BY id", (episode_id,)
        )
    }
    # The raw driver cursor: tens of thousands of word rows, and SQLAlchemy's Row objects would
    # triple the load time of a long episode. Both queries walk indexes in order (no sorting).
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        turn_rows = cursor.execute(
            "SELECT id, speaker_id, start_ms, end_ms, text FROM turns WHERE episode_id = ? ORDER BY position",
            (episode_id,),
        ).fetchall()
        word_rows = cursor.execute(
            "SELECT w.turn_id, w.start_ms, w.end_ms, w.confidence FROM turns t JOIN words w ON w.turn_id = t.id "
            "WHERE t.episode_id = ? ORDER BY t.position, w.position",
            (episode_id,),
        ).fetchall() if timed_words else []
    finally:
        cursor.close()
    times = {turn_id: list(group) for turn_id, group in groupby(word_rows, key=itemgetter(0))}
    turns: list[Turn] = []
    for turn_id, speaker_id, start_ms, end_ms, text in turn_rows:
        texts = split_text(text)
        word_times = times.get(turn_id, ())
        words = [Word(t, r[1], r[2], r[3]) for t, r in zip(texts, word_times, strict=False)]
        words.extend(Word(t) for t in texts[len(words) :])  # rows missing: keep the words, untimed
        turns.append(Turn(speakers[speaker_id][0], words, start_ms, end_ms))
    transcript = Transcript(turns, title=e.title, metadata=dict(e.meta or {}), estimated=bool(e.timing_estimated))
    return Episode(
        title=e.title,
        transcript=transcript,
        audio_path=e.audio_path,
        duration_ms=e.duration_ms,
        position_ms=e.position_ms,
        note=e.note,
        id=e.id,
        created_at=as_utc(e.created_at),
        speaker_colors={name: color for name, color in speakers.values()},
    )


def replace_episode_timings(conn: Connection, episode_id: int, transcript: Transcript) -> None:
    """New times for the same turns and words (counts must match); words keep their positions."""
    turn_rows = conn.exec_driver_sql(
        "SELECT t.id, (SELECT count(*) FROM words w WHERE w.turn_id = t.id) FROM turns t "
        "WHERE t.episode_id = ? ORDER BY t.position",
        (episode_id,),
    ).all()
    if len(turn_rows) != len(transcript.turns):
        raise LibraryError(
            f"new timings have {len(transcript.turns)} turns but the episode has {len(turn_rows)}"
        )
    for index, ((_turn_id, count), turn) in enumerate(zip(turn_rows, transcript.turns, strict=True)):
        if count != len(turn.words):
            raise LibraryError(f"new timings for turn {index + 1} have {len(turn.words)} words, expected {count}")
    conn.exec_driver_sql(
        "UPDATE turns SET start_ms = ?, end_ms = ? WHERE id = ?",
        [(turn.start_ms, turn.end_ms, turn_id) for (turn_id, _), turn in zip(turn_rows, transcript.turns, strict=True)],
    )
    conn.exec_driver_sql(
        "UPDATE words SET start_ms = ?, end_ms = ?, confidence = ? WHERE turn_id = ? AND position = ?",
        [
            (w.start_ms, w.end_ms, w.confidence, turn_id, pos)
            for (turn_id, _), turn in zip(turn_rows, transcript.turns, strict=True)
            for pos, w in enumerate(turn.words)
        ],
    )


def add_first_transcript(conn: Connection, episode_id: int, transcript: Transcript) -> None:
    """Give an episode that has no transcript yet its words (e.g. a transcription); refuses otherwise."""
    found = conn.execute(select(EpisodeRow.meta).where(EpisodeRow.id == episode_id)).first()
    if found is None:
        raise LibraryError(f"no episode with id {episode_id}")
    if conn.execute(select(func.count()).select_from(TurnRow).where(TurnRow.episode_id == episode_id)).scalar_one():
        raise LibraryError(f"episode {episode_id} already has a transcript")
    existing: dict[str, int] = {
        str(name): int(speaker_id)
        for name, speaker_id in conn.execute(
            select(SpeakerRow.name, SpeakerRow.id).where(SpeakerRow.episode_id == episode_id)
        )
    }
    new = insert_speakers(conn, episode_id, [n for n in transcript.speakers if n not in existing], {})
    insert_turns(conn, episode_id, transcript.turns, {**existing, **new})
    conn.execute(
        update(EpisodeRow)
        .where(EpisodeRow.id == episode_id)
        .values(
            meta={**dict(found[0] or {}), **transcript.metadata},
            timing=transcript.timing.value,
            timing_estimated=transcript.estimated,
            updated_at=utcnow(),
        )
    )
