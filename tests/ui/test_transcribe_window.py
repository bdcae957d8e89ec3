"""Transcribe… from the window: offered for an episode without a transcript, text appears as it is
recognised, the result is stored and shown with speakers and word timings; Cancel stores nothing."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from podplayer.core.model import Episode, Timing, Transcript
from podplayer.store.repository import Library
from podplayer.ui.window.main_window import MainWindow
from tests.core.transcribe.excerpts import THREE_VOICES, THREE_VOICES_TRUTH, cut, turn_boundary_before
from tests.core.transcribe.without_extra import BLOCK_FASTER_WHISPER


@pytest.fixture(scope="module")
def two_voices(tmp_path_factory: pytest.TempPathFactory) -> Path:
    end = turn_boundary_before(THREE_VOICES_TRUTH, 10_000)
    return cut(THREE_VOICES, 0, end, tmp_path_factory.mktemp("ui") / "two-voices.wav")


@pytest.fixture
def untranscribed(library: Library, two_voices: Path) -> int:
    return library.add_episode(Episode("Two voices", Transcript([]), str(two_voices), duration_ms=12_000))


@pytest.mark.slow
def test_transcribe_shows_text_as_it_comes_and_stores_a_synced_transcript(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], untranscribed: int
) -> None:
    window = make_window()
    window.session.open(untranscribed)
    assert window.menu_actions.transcribe.isEnabled() and not window.menu_actions.sync.isEnabled()
    assert window.banner.isVisible() and window.banner.action_button.text() == "Transcribe…"
    assert "no transcript yet" in window.transcript_view.placeholder_text
    window.banner.action_button.click()
    dialog = window.transcription.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model_box.currentText().startswith("tiny.en")
    dialog.speakers_box.setCurrentIndex(dialog.speakers_box.findData(2))
    # The event loop keeps turning while the job runs: the longest pause between 50 ms ticks.
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    dialog.start_button.click()
    assert dialog.job is not None and not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: "Welcome" in dialog.text.toPlainText() or "welcome" in dialog.text.toPlainText(), timeout=120_000)
    assert window.session.episode is not None and window.session.episode.transcript.word_count == 0  # not yet stored
    with qtbot.waitSignal(dialog.transcribed, timeout=180_000):
        pass
    timer.stop()
    assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 2.0
    stored = library.episode(untranscribed).transcript
    assert stored.timing is Timing.WORD and stored.speakers == ["Speaker 1", "Speaker 2"]
    qtbot.waitUntil(lambda: window.transcript_view.transcript_model.rowCount() == len(stored.turns), timeout=5000)
    assert not window.menu_actions.transcribe.isEnabled() and window.menu_actions.sync.isEnabled()
    assert not window.banner.isVisible() or window.banner.action_button.text() != "Transcribe…"


@pytest.mark.slow
def test_cancel_keeps_nothing(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], untranscribed: int
) -> None:
    window = make_window()
    window.session.open(untranscribed)
    dialog = window.transcription.open_dialog()
    assert dialog is not None
    job = dialog.start()
    assert job is not None
    qtbot.waitUntil(lambda: bool(dialog.text.toPlainText()), timeout=120_000)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        dialog.cancel_button.click()
    assert "nothing was saved" in dialog.stage.text()
    assert library.episode(untranscribed).transcript.word_count == 0
    assert dialog.start_button.isEnabled() and dialog.cancel_button.text() == "Close"


_WITHOUT_EXTRA = BLOCK_FASTER_WHISPER + """
import sys
from PySide6.QtWidgets import QApplication
from podplayer.core.model import Episode, Transcript
from podplayer.store.repository import Library
from podplayer.ui.dialogs.transcribe_dialog import TranscribeDialog
from podplayer.ui.jobs import JobRunner
from podplayer.ui.settings import Settings
app = QApplication([])
library = Library(sys.argv[1])
dialog = TranscribeDialog(library, JobRunner(), Settings(sys.argv[2]), Episode("x", Transcript([]), sys.argv[3]))
print(dialog.start_button.isEnabled(), dialog.model_note.text().replace(chr(10), " "))
"""


def test_without_the_extra_the_dialog_explains_how_to_enable_it(tmp_path: Path, two_voices: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_EXTRA, str(tmp_path / "lib.sqlite3"), str(tmp_path / "s.ini"), str(two_voices)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    enabled, note = result.stdout.strip().split(" ", 1)
    assert enabled == "False"
    assert "pip install 'podplayer[transcribe]'" in note


def test_an_audio_file_alone_becomes_an_episode_to_transcribe(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], two_voices: Path
) -> None:
    window = make_window()
    dialog = window.transcription.open_audio(two_voices)
    assert dialog is not None and dialog.isVisible()
    episode = window.session.episode
    assert episode is not None and episode.title == "two-voices" and episode.transcript.word_count == 0
    dialog.reject()
    again = window.transcription.open_audio(two_voices)  # the same file is the same episode
    assert again is not None and [e.id for e in library.episodes()] == [episode.id]
    again.reject()
    assert window.transcription.open_audio(two_voices.with_name("missing.wav")) is None
    assert len(library.episodes()) == 1


@pytest.mark.slow
def test_podcasts_that_ask_for_it_get_new_episodes_transcribed(
    qtbot: QtBot, library: Library, make_window: Callable[[], MainWindow], two_voices: Path
) -> None:
    from podplayer.core.feeds.http import HttpClient
    from podplayer.store.podcast_store import TRANSCRIBE_NEW_EPISODES
    from podplayer.usecases.podcast_jobs import download, subscribe
    from tests.helpers_http import LocalServer, serve_example_podcast

    with LocalServer() as server, HttpClient() as client:
        sub = subscribe(library, client, serve_example_podcast(server, two_voices, plain_text=" "))
        episodes = library.podcasts.podcast_episodes(sub.podcast_id)
        for episode in episodes[:2]:
            download(library, client, episode.id)
    fetched = [e.id for e in episodes[:2] if library.episode(e.id).transcript.word_count == 0]
    assert fetched, "the served transcripts were expected to be empty"
    window = make_window()
    QApplication.processEvents()  # the window's own look at the podcasts, at start
    assert window.transcription.queue_new_feed_episodes() == []  # the podcast did not ask for it
    assert not window.jobs.active_jobs or all("Transcribing" not in j.title for j in window.jobs.active_jobs)
    library.podcasts.set_preference(sub.podcast_id, TRANSCRIBE_NEW_EPISODES, True)
    started = make_window()  # a window queues them by itself at start
    qtbot.waitUntil(lambda: any("Transcribing" in j.title for j in started.jobs.active_jobs), timeout=10_000)
    assert started.transcription.queue_new_feed_episodes() == []  # already queued or running
    qtbot.waitUntil(lambda: all(library.episode(i).transcript.word_count > 0 for i in fetched), timeout=300_000)
    assert all(library.episode(i).transcript.timing is Timing.WORD for i in fetched)
    assert window.transcription.queue_new_feed_episodes() == []  # nothing left to do
