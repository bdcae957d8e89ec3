"""Storage failures become one clear LibraryError line, and nothing is half-written."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from podplayer.core.palette import SPEAKER_PALETTE
from podplayer.store import Library, LibraryError
from tests.helpers_store import filled_library, sample_episode, sample_highlight


def _on_every_connection(library: Library, setup: Callable[[sqlite3.Connection], None]) -> None:
    """Run ``setup`` on each new connection (existing pooled ones are dropped first)."""
    engine = library._engine
    engine.dispose()

    def _listener(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        setup(dbapi_connection)

    event.listen(engine, "connect", _listener)


def test_disk_full_is_one_clear_line_and_rolls_back(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)

    def fill_disk(conn: sqlite3.Connection) -> None:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"

    _on_every_connection(library, fill_disk)
    big = sample_episode("Too big")
    big.transcript.turns = big.transcript.turns * 400
    with pytest.raises(LibraryError) as info:
        library.add_episode(big)
    message = str(info.value)
    assert "disk is full" in message and str(db_path) in message and "\n" not in message
    assert [e.title for e in library.episodes()] == ["Garden Hour 12"]  # nothing half-written
    library.close()
    with Library(db_path) as reopened:
        assert len(reopened.episodes()) == 1 and reopened.integrity_check() == "ok"
        assert reopened.add_highlight(episode_id, sample_highlight()) > 0  # works again with space


def test_read_only_library_is_one_clear_line(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)
    def query_only(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA query_only = ON")

    _on_every_connection(library, query_only)
    assert library.episode(episode_id).title == "Garden Hour 12"  # reading still works
    for write in (
        lambda: library.set_position(episode_id, 5),
        lambda: library.add_highlight(episode_id, sample_highlight()),
        lambda: library.delete_episode(episode_id),
    ):
        with pytest.raises(LibraryError, match="read-only; changes cannot be saved"):
            write()
    library.close()


def test_missing_folder_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="cannot open"):
        Library(tmp_path / "no" / "such" / "folder" / "library.sqlite3")


def _luminance(color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(color[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("background", ["#ffffff", "#1e1e1e"])
def test_speaker_palette_is_readable_on_light_and_dark(background: str) -> None:
    assert len(set(SPEAKER_PALETTE)) == len(SPEAKER_PALETTE) >= 8
    for color in SPEAKER_PALETTE:
        high, low = sorted((_luminance(color), _luminance(background)), reverse=True)
        assert (high + 0.05) / (low + 0.05) >= 3.0, color
