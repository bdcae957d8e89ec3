"""An episode's chapters survive a real SQLite file, are replaced as a whole and go with the episode."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from podplayer.core.chapters import Chapter, ChapterSource
from podplayer.store import Library, LibraryError
from tests.helpers_store import filled_library, sample_episode

CHAPTERS = [
    Chapter(0.0, "Welcome"),
    Chapter(12.5, "Compost in winter", 40.25, url="https://example.com/compost", image="https://example.com/c.jpg"),
    Chapter(40.25, "Questions"),
]


def test_chapters_round_trip_after_reopen(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)
    assert library.chapters(episode_id) == []
    assert library.chapter_source(episode_id) is None
    library.set_chapters(episode_id, list(reversed(CHAPTERS)), ChapterSource.JSON)
    library.close()
    with Library(db_path) as reopened:
        assert reopened.chapters(episode_id) == CHAPTERS  # sorted by start
        assert reopened.chapter_source(episode_id) is ChapterSource.JSON
        [summary] = reopened.episodes()
        assert summary.chapter_count == 3


def test_chapters_are_added_with_the_episode_in_one_step(db_path: Path) -> None:
    with Library(db_path) as library:
        first = library.add_episode(sample_episode(), CHAPTERS[:2], ChapterSource.EMBEDDED)
        second = library.add_episode(sample_episode())
        assert library.chapters(first) == CHAPTERS[:2]
        assert library.chapter_source(first) is ChapterSource.EMBEDDED
        assert library.chapters(second) == []
        assert [(s.id, s.chapter_count) for s in library.episodes()] == [(first, 2), (second, 0)]


def test_setting_chapters_replaces_them_and_an_empty_list_removes_them(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)
    with library:
        library.set_chapters(episode_id, CHAPTERS, ChapterSource.EMBEDDED)
        library.set_chapters(episode_id, [Chapter(5.0, "Only one")], ChapterSource.PODLOVE)
        assert library.chapters(episode_id) == [Chapter(5.0, "Only one")]
        assert library.chapter_source(episode_id) is ChapterSource.PODLOVE
        library.set_chapters(episode_id, [], ChapterSource.PODLOVE)
        assert library.chapters(episode_id) == []


def test_deleting_an_episode_deletes_its_chapters(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)
    library.set_chapters(episode_id, CHAPTERS, ChapterSource.JSON)
    library.delete_episode(episode_id)
    library.close()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT count(*) FROM chapters").fetchone() == (0,)


def test_chapters_of_an_unknown_episode_are_refused(db_path: Path) -> None:
    with Library(db_path) as library:
        with pytest.raises(LibraryError, match="no episode with id 42"):
            library.set_chapters(42, CHAPTERS, ChapterSource.JSON)
        with pytest.raises(LibraryError, match="no episode with id 42"):
            library.chapters(42)
