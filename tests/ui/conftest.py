"""UI test fixtures: a real library per test, real audio, the real main window (offscreen).

Others may add fixtures here additively.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from podplayer.core.model import Episode, Transcript, Turn, Word
from podplayer.paths import DEMO_DIR, SEED_EPISODE
from podplayer.store.repository import Library
from podplayer.ui.settings import Settings
from podplayer.ui.window.main_window import MainWindow
from tests.conftest import REPO
from tests.helpers_bus import session_bus  # noqa: F401 (the private session bus fixture, for every UI test)
from tests.helpers_http import LocalServer, serve_example_podcast

DEMO_AUDIO = DEMO_DIR / "demo-episode.mp3"
DEMO_TRUTH = REPO / "resources" / "demo" / "demo-episode.truth.json"  # test data: not in the package

# The word-timed test episode: 3 turns x 5 words, each word 400 ms, 600 ms between turns.
WORD_MS = 400
TURN_GAP_MS = 600
WORD_TURNS = [
    ("Ann", "alpha bravo charlie delta echo"),
    ("Ben", "foxtrot golf hotel india juliet"),
    ("Ann", "kilo lima mike november oscar"),
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Do not capture Qt log messages in UI tests.

    pytest-qt captures Qt messages through a Python message handler. Qt Multimedia's FFmpeg threads
    log warnings (e.g. "No audio device detected") from native threads; when that happens while the
    handler is being swapped at test teardown, or while the GUI thread holds the GIL inside a player
    call, the process crashes or deadlocks. Real playback needs the handler off.
    """
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.no_qt_log)


def word_timed_transcript(start_ms: int = 500) -> Transcript:
    turns: list[Turn] = []
    t = start_ms
    for speaker, text in WORD_TURNS:
        words = []
        for w in text.split():
            words.append(Word(w, t, t + WORD_MS - 50))
            t += WORD_MS
        turns.append(Turn(speaker, words, words[0].start_ms, words[-1].end_ms))
        t += TURN_GAP_MS
    return Transcript(turns, title="Word timed")


@pytest.fixture(scope="session")
def tone_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight seconds of real, ffmpeg-encoded audio (a quiet tone with a pause every 2 s)."""
    path = tmp_path_factory.mktemp("audio") / "tone.mp3"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
         "sine=frequency=330:duration=8,volume='if(lt(mod(t,2),1.6),0.6,0.02)':eval=frame",
         "-ac", "1", "-ar", "22050", "-b:a", "48k", str(path)],
        check=True,
    )
    return path


@pytest.fixture(scope="session")
def demo_estimated() -> Transcript:
    """The demo episode's transcript with timings estimated from its audio (computed once)."""
    from podplayer.core.formats import read_transcript
    from podplayer.core.timing_estimate import estimate_timings

    return estimate_timings(read_transcript(SEED_EPISODE), DEMO_AUDIO)


@pytest.fixture(scope="session")
def demo_truth() -> list[dict[str, Any]]:
    data = json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))
    return list(data["turns"])


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Fresh settings for a test; untimed transcripts are not synced by themselves (tests that want
    it turn it on), so every test's jobs are the ones it starts."""
    made = Settings(tmp_path / "ui.ini")
    made.sync_untimed_automatically = False
    return made


@pytest.fixture
def demo_id(library: Library, demo_estimated: Transcript) -> int:
    return library.add_episode(
        Episode("100 Days of Data — Episode 67", demo_estimated, str(DEMO_AUDIO), duration_ms=423_784)
    )


@pytest.fixture
def word_episode_id(library: Library, tone_audio: Path) -> int:
    return library.add_episode(Episode("Word timed", word_timed_transcript(), str(tone_audio), duration_ms=8000))


@pytest.fixture
def make_window(qtbot: QtBot, library: Library, settings: Settings) -> Iterator[Callable[[], MainWindow]]:
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(library, settings)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        # Window shortcuts only fire in the active window; offscreen activation is asynchronous.
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window: Callable[[], MainWindow]) -> MainWindow:
    """The main window over the test's library, shown and active (no episode open)."""
    return make_window()


def current_episode(window: MainWindow) -> Episode:
    """The episode the window shows; a test that calls this expects one."""
    episode = window.session.episode
    assert episode is not None and episode.id is not None
    return episode


def current_id(window: MainWindow) -> int:
    episode_id = window.session.episode_id
    assert episode_id is not None
    return episode_id


@pytest.fixture
def subscribed(library: Library, server: LocalServer, tone_audio: Path) -> int:
    """The library subscribed to the Podcasting 2.0 example feed served from 127.0.0.1 (its id)."""
    from podplayer.core.feeds.http import HttpClient
    from podplayer.usecases.podcast_jobs import subscribe

    url = serve_example_podcast(server, tone_audio)
    with HttpClient() as client:
        return subscribe(library, client, url).podcast_id


def open_and_wait(qtbot: QtBot, window: MainWindow, episode_id: int) -> None:
    """Open an episode and wait until its audio is loaded and seekable."""
    with qtbot.waitSignal(window.controller.mediaReady, timeout=10000):
        assert window.session.open(episode_id)
