"""An untimed transcript with audio is synced to it by itself when its episode opens (a preference):
through the window's own "Sync to audio" job, once per opening, never again after a cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from podplayer.core.formats import read_transcript
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import Episode, Timing, WordRef
from podplayer.store.repository import Library
from podplayer.ui.dialogs.preferences_dialog import PreferencesDialog
from podplayer.ui.settings import Settings
from podplayer.ui.window.main_window import MainWindow
from tests.conftest import real_speech
from tests.ui.conftest import current_episode


@pytest.fixture
def sonnet_id(library: Library) -> int:
    """The LibriVox sonnet with its text only: no timing at all, and its audio."""
    sonnet = real_speech()
    return library.add_episode(Episode("Sonnet 1", read_transcript(sonnet / "sonnet001.txt"),
                                       str(sonnet / "sonnet001.mp3")))


def _timing(window: MainWindow) -> Timing | None:
    episode = window.session.episode
    return episode.transcript.timing if episode is not None else None


def test_the_preference_is_on_by_default_and_set_in_preferences(qtbot: QtBot, tmp_path: Path) -> None:
    fresh = Settings(tmp_path / "fresh.ini")
    assert fresh.sync_untimed_automatically
    dialog = PreferencesDialog(fresh)
    qtbot.addWidget(dialog)
    assert dialog.auto_sync.isChecked()
    assert dialog.auto_sync.text() == "Sync untimed transcripts to their audio by themselves"
    dialog.auto_sync.setChecked(False)
    dialog.accept()
    fresh.sync()
    assert not Settings(tmp_path / "fresh.ini").sync_untimed_automatically


@pytest.mark.slow
def test_opening_an_untimed_episode_syncs_it_without_a_click(
    qtbot: QtBot, library: Library, settings: Settings, make_window: Callable[[], MainWindow], sonnet_id: int
) -> None:
    untimed = library.episode(sonnet_id).transcript
    highlight_id = library.add_highlight(sonnet_id, make_highlight(untimed, WordRef(0, 10), WordRef(0, 13)))
    before = library.highlights(sonnet_id)[0]
    settings.sync_untimed_automatically = True
    window = make_window()
    window.session.open(sonnet_id)
    # First the estimate from the audio's pauses, then the sync starts by itself in the background.
    qtbot.waitUntil(lambda: window.episode_jobs.running("sync") is not None, timeout=60_000)
    job = window.episode_jobs.running("sync")
    assert job is not None and job in window.jobs.active_jobs  # shown with its progress and Cancel
    assert library.episode(sonnet_id).transcript.timing is Timing.ESTIMATED
    assert window.isEnabled()
    qtbot.waitUntil(lambda: _timing(window) is Timing.WORD, timeout=180_000)
    assert library.episode(sonnet_id).transcript.timing is Timing.WORD
    assert not window.timing_badge.isVisible()
    assert not window.banner.isVisible()  # the offer to sync is answered
    # The highlight stays on its words, now with the words' synced times.
    after = next(h for h in library.highlights(sonnet_id) if h.id == highlight_id)
    assert (after.start, after.end, after.quote) == (before.start, before.end, before.quote)
    synced = current_episode(window).transcript
    assert after.start_ms == synced.turns[0].words[10].start_ms
    assert window.transcript_view.transcript_model.highlights[0].quote == before.quote
    # Word-level following: the word playing at 5 s is the current one.
    window.controller.seek(5000)
    assert window.transcript_view.transcript_model.current_word is not None
    # Opened again, a synced episode is left alone.
    window.session.close()
    window.session.open(sonnet_id)
    assert window.episode_jobs.running("sync") is None


def test_with_the_preference_off_nothing_starts(
    qtbot: QtBot, library: Library, settings: Settings, make_window: Callable[[], MainWindow], sonnet_id: int,
    demo_id: int,
) -> None:
    assert not settings.sync_untimed_automatically  # the tests' settings turn it off
    window = make_window()
    window.session.open(sonnet_id)
    qtbot.waitUntil(lambda: _timing(window) is Timing.ESTIMATED, timeout=60_000)  # estimated, then reloaded
    assert window.episode_jobs.running("sync") is None
    assert window.banner.isVisible() and window.banner.action_button.text() == "Sync to audio"
    window.session.open(demo_id)  # estimated when it was added
    assert window.episode_jobs.running("sync") is None
    assert not [job for job in window.jobs.active_jobs if "Sync" in job.title]
    assert library.episode(demo_id).transcript.timing is Timing.ESTIMATED


def test_a_cancelled_sync_keeps_the_estimate_and_the_offer_and_does_not_start_again(
    qtbot: QtBot, library: Library, settings: Settings, make_window: Callable[[], MainWindow], demo_id: int,
    word_episode_id: int,
) -> None:
    settings.sync_untimed_automatically = True
    window = make_window()
    window.session.open(demo_id)
    job = window.episode_jobs.running("sync")
    assert job is not None  # estimated already: the sync starts as the episode opens
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        job.cancel()
    assert library.episode(demo_id).transcript.timing is Timing.ESTIMATED
    assert _timing(window) is Timing.ESTIMATED
    assert window.banner.isVisible() and window.banner.action_button.text() == "Sync to audio"
    # Not again for this episode in this run: neither on a reload nor when it is opened again.
    window.session.reload()
    assert window.episode_jobs.running("sync") is None
    window.session.open(word_episode_id)
    window.session.open(demo_id)
    assert window.episode_jobs.running("sync") is None
    assert window.banner.isVisible() and window.banner.action_button.text() == "Sync to audio"
    # The offer still works by hand.
    by_hand = window.episode_jobs.sync_to_audio()
    assert by_hand is not None and not by_hand.done
    with qtbot.waitSignal(by_hand.cancelled, timeout=30_000):
        by_hand.cancel()


@pytest.mark.slow
def test_a_correction_made_while_syncing_is_synced_too(
    qtbot: QtBot, library: Library, settings: Settings, make_window: Callable[[], MainWindow], demo_id: int
) -> None:
    settings.sync_untimed_automatically = True
    window = make_window()
    window.session.open(demo_id)
    first = window.episode_jobs.running("sync")
    assert first is not None
    old = library.episode(demo_id).transcript.turns[0].text
    assert old.startswith("Welcome to Episode 67")
    corrected = old.replace("Welcome to", "Welcome back to", 1)
    editor = window.annotations.editing.editor
    window.transcript_view.set_selected_range(WordRef(0, 0), WordRef(0, 0))
    window.transcript_view.setFocus()
    qtbot.keyClick(window.transcript_view, Qt.Key.Key_Return)  # Enter on a selection edits its turn
    assert editor.isVisible() and editor.row == 0
    editor.selectAll()
    qtbot.keyClicks(editor, corrected)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not first.done  # corrected while the sync runs
    assert library.episode(demo_id).transcript.timing is Timing.ESTIMATED  # an edit keeps the estimate
    qtbot.waitUntil(lambda: first.done, timeout=120_000)
    again = window.episode_jobs.running("sync")
    assert again is not None and again is not first  # the old words' times are not saved: synced again
    assert library.episode(demo_id).transcript.timing is Timing.ESTIMATED
    qtbot.waitUntil(lambda: _timing(window) is Timing.WORD, timeout=120_000)
    stored = library.episode(demo_id).transcript
    assert stored.turns[0].text == corrected
    assert all(word.start_ms is not None and not word.estimated for word in stored.turns[0].words)
