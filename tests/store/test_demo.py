"""The demo episode is added once, on a library's first start, and stays gone once deleted."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.model import Episode, Timing, Transcript, Turn
from podplayer.store import Library, demo
from podplayer.store.demo import (
    DEMO_AUDIO,
    DEMO_TITLE,
    demo_episode_id,
    demo_missing_reason,
    ensure_demo_episode,
)


def test_first_start_adds_the_demo_with_estimated_timings(library: Library) -> None:
    episode_id = ensure_demo_episode(library)
    assert episode_id is not None
    assert demo_episode_id(library) == episode_id
    episode = library.episode(episode_id)
    assert episode.title == DEMO_TITLE
    assert episode.audio_path == str(DEMO_AUDIO)
    assert episode.duration_ms is not None and 400_000 < episode.duration_ms < 450_000
    assert len(episode.transcript.turns) == 32
    assert episode.transcript.speakers == ["JONAS", "AMY"]
    assert episode.transcript.timing is Timing.ESTIMATED
    assert all(w.start_ms is not None for t in episode.transcript.turns for w in t.words)


def test_second_start_adds_nothing(library: Library, db_path: Path) -> None:
    first = ensure_demo_episode(library)
    assert ensure_demo_episode(library) is None
    library.close()
    with Library(db_path) as reopened:
        assert ensure_demo_episode(reopened) is None
        assert demo_episode_id(reopened) == first
        assert len(reopened.episodes()) == 1


def test_deleted_demo_is_not_added_again(library: Library) -> None:
    episode_id = ensure_demo_episode(library)
    assert episode_id is not None
    library.delete_episode(episode_id)
    assert demo_episode_id(library) is None
    assert ensure_demo_episode(library) is None
    assert library.episodes() == []


def test_a_new_episode_reusing_the_deleted_demos_id_is_not_the_demo(library: Library) -> None:
    episode_id = ensure_demo_episode(library)
    assert episode_id is not None
    library.delete_episode(episode_id)
    other = library.add_episode(Episode("Another show", Transcript([Turn.from_text("A", "hello there")])))
    assert demo_episode_id(library) is None
    assert [e.id for e in library.episodes()] == [other]


def test_renamed_demo_is_still_found(library: Library) -> None:
    episode_id = ensure_demo_episode(library)
    assert episode_id is not None
    library.rename_episode(episode_id, "My demo")
    assert demo_episode_id(library) == episode_id


def test_meta_values_round_trip(library: Library, db_path: Path) -> None:
    assert library.get_meta("some.key") is None
    library.set_meta("some.key", "one")
    library.set_meta("some.key", "two")
    library.close()
    with Library(db_path) as reopened:
        assert reopened.get_meta("some.key") == "two"


def test_an_installation_without_the_seed_says_so_and_offers_the_demo_once_repaired(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "SEED_EPISODE", tmp_path / "missing-seed.txt")
    assert ensure_demo_episode(library) is None
    reason = demo_missing_reason(library)
    assert reason.startswith("the demo episode is not available in this installation") and "missing-seed" in reason
    assert library.episodes() == []
    monkeypatch.undo()
    assert ensure_demo_episode(library) is not None  # nothing was recorded while it was missing


def test_a_deleted_demo_is_explained_as_deleted(library: Library) -> None:
    episode_id = ensure_demo_episode(library)
    assert episode_id is not None
    library.delete_episode(episode_id)
    assert demo_missing_reason(library) == "the demo episode was removed from this library"
