"""Sync to audio from the window: runs the aligner as a background job, saves, reloads; cancellable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from podplayer.core.formats import read_transcript
from podplayer.core.model import Episode, Timing
from podplayer.store.repository import Library
from podplayer.ui.window.main_window import MainWindow
from tests.conftest import real_speech


@pytest.fixture
def sonnet_id(library: Library) -> int:
    sonnet = real_speech()
    return library.add_episode(Episode("Sonnet 1", read_transcript(sonnet / "sonnet001.txt"), str(sonnet / "sonnet001.mp3")))


@pytest.mark.slow
def test_sync_to_audio_times_every_word(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], sonnet_id: int
) -> None:
    window = make_window()
    window.session.open(sonnet_id)
    assert window.menu_actions.sync.isEnabled()
    assert window.banner.isVisible() and window.banner.action_button.text() == "Sync to audio"
    job = window.episode_jobs.sync_to_audio()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=120_000):
        pass
    qtbot.waitUntil(lambda: window.session.episode is not None
                    and window.session.episode.transcript.timing == Timing.WORD, timeout=5000)
    assert library.episode(sonnet_id).transcript.timing == Timing.WORD
    assert not window.timing_badge.isVisible()
    assert not window.banner.isVisible()  # the offer to sync is gone
    # Word-level following now works: the word playing at 5 s is highlighted.
    window.controller.seek(5000)
    assert window.transcript_view.transcript_model.current_word is not None


def test_cancelling_sync_changes_nothing(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], sonnet_id: int
) -> None:
    window = make_window()
    window.session.open(sonnet_id)
    job = window.episode_jobs.sync_to_audio()
    assert job is not None
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        job.cancel()
    assert library.episode(sonnet_id).transcript.timing in (Timing.NONE, Timing.ESTIMATED)
