"""The library's corrections (``library.corrections``): corrected transcripts and edited turns written
with their highlights in one unit of work, the original kept the first time, re-timed words."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlalchemy import Connection, select

from podplayer.core.model import Highlight, Transcript, Turn
from podplayer.store.correction_io import (
    has_original,
    keep_original,
    replace_transcript,
    replace_turn_range,
    select_original,
    update_turn_times,
    write_anchors,
)
from podplayer.store.errors import LibraryError
from podplayer.store.schema import EpisodeRow

Opener = Callable[[], AbstractContextManager[Connection]]


class CorrectionStore:
    def __init__(self, read: Opener, write: Opener) -> None:
        self._read = read
        self._write = write

    def apply(self, episode_id: int, before: Transcript, after: Transcript, anchors: list[Highlight]) -> None:
        """Keep ``before`` as the original (only the first time), store ``after`` in its place, and
        write the highlights the correction moved or detached."""
        with self._write() as conn:
            _require_episode(conn, episode_id)
            keep_original(conn, episode_id, before)
            replace_transcript(conn, episode_id, after)
            write_anchors(conn, anchors)

    def replace_turns(
        self,
        episode_id: int,
        first: int,
        count: int,
        turns: list[Turn],
        anchors: list[Highlight],
        before: Transcript | None = None,
    ) -> None:
        """Turns ``first``..``first + count - 1`` become ``turns`` and highlights move with them;
        ``before`` (the whole transcript before) is kept as the original the first time."""
        with self._write() as conn:
            _require_episode(conn, episode_id)
            if before is not None:
                keep_original(conn, episode_id, before)
            replace_turn_range(conn, episode_id, first, count, turns)
            write_anchors(conn, anchors)

    def set_turn_times(self, episode_id: int, first: int, turns: list[Turn]) -> None:
        """New times for the same words of turns ``first``.. (re-timed corrections)."""
        with self._write() as conn:
            update_turn_times(conn, episode_id, first, turns)

    def has_original(self, episode_id: int) -> bool:
        with self._read() as conn:
            return has_original(conn, episode_id)

    def original(self, episode_id: int) -> Transcript | None:
        """The transcript as it stood before the episode's first correction; None if never corrected."""
        with self._read() as conn:
            _require_episode(conn, episode_id)
            return select_original(conn, episode_id)


def _require_episode(conn: Connection, episode_id: int) -> None:
    if conn.execute(select(EpisodeRow.id).where(EpisodeRow.id == episode_id)).scalar() is None:
        raise LibraryError(f"no episode with id {episode_id}")
