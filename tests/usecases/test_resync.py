"""A library episode's sync check: stored with its state, re-synced with highlights on their words,
undone, and the migration that holds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.align.sync_report import SyncState
from podplayer.core.model import Episode, Highlight, WordRef
from podplayer.store.repository import Library
from podplayer.usecases.resync import check_episode_sync, restore_episode, resync_episode
from tests.core.align.ad_variants import Variant, demo_program, variants


@pytest.fixture(scope="module")
def cut(tmp_path_factory: pytest.TempPathFactory) -> Variant:
    # The demo's first eight turns with a 12 s pre-roll and a 15 s ad after the fourth turn.
    return variants(demo_program()[:8], {-1: 12_000, 3: 15_000}, tmp_path_factory.mktemp("ads"), ("ads",))[
        "ads"
    ]


@pytest.mark.slow
def test_check_resync_and_undo_keep_highlights_on_their_words(cut: Variant, tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as library:
        episode_id = library.add_episode(Episode("Ads", cut.transcript, str(cut.audio)))
        turn = library.episode(episode_id).transcript.turns[5]
        quote = " ".join(w.text for w in turn.words[2:5])
        library.add_highlight(episode_id, Highlight(WordRef(5, 2), WordRef(5, 4), quote))
        before = library.highlights(episode_id)[0]

        sync = check_episode_sync(library, episode_id)
        assert sync is not None and sync.state is SyncState.PENDING
        assert library.sync_check(episode_id) == sync
        assert sync.untranscribed == []  # grey only once re-synced
        assert len(sync.report.inserted) == 2

        old = library.episode(episode_id).transcript
        done = resync_episode(library, episode_id, sync)
        assert library.sync_check(episode_id) == done and done.state is SyncState.RESYNCED
        assert done.untranscribed == sync.report.inserted
        starts = [t.start_ms or 0 for t in library.episode(episode_id).transcript.turns]
        assert max(abs(a - b) for a, b in zip(starts, cut.true_starts, strict=True)) <= 250
        after = library.highlights(episode_id)[0]
        assert (after.start, after.end, after.quote) == (before.start, before.end, quote)
        assert after.start_ms is not None and before.start_ms is not None
        assert after.start_ms - before.start_ms == pytest.approx(27_000, abs=250)  # moved with its words

        restored = restore_episode(library, episode_id, old, done)
        assert restored.state is SyncState.PENDING and library.sync_check(episode_id) == restored
        assert [t.start_ms for t in library.episode(episode_id).transcript.turns] == [
            t.start_ms for t in old.turns
        ]
        assert library.highlights(episode_id)[0].start_ms == before.start_ms


@pytest.mark.slow
def test_resync_at_once_and_nothing_to_check(cut: Variant, tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as library:
        episode_id = library.add_episode(Episode("Ads", cut.transcript, str(cut.audio)))
        sync = check_episode_sync(library, episode_id, resync=True)
        assert sync is not None and sync.state is SyncState.RESYNCED
        no_audio = library.add_episode(Episode("No audio", cut.transcript, None))
        assert check_episode_sync(library, no_audio) is None
        assert library.sync_check(no_audio) is None
        library.delete_episode(episode_id)
        assert library.sync_check(episode_id) is None
